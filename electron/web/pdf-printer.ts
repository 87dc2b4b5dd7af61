/**
 * The browser host's PdfPrinter: Debian's Chromium, headless, one process per document, writing
 * the page with Chromium's own print-to-PDF (`--print-to-pdf`, the same engine as Electron's
 * `webContents.printToPDF`; ADR 0016), with no script allowed to run. The document is written to a private
 * temp folder as a file and loaded from there; the folder (with Chromium's throwaway profile) is
 * removed afterwards.
 *
 * The browser host is for development and tests: it finds Chromium where the e2e tests do
 * (`CHROMIUM_PATH`, else /usr/bin/chromium) and needs a CJK font installed for Chinese text
 * (Debian: fonts-noto-cjk, in the test bed).
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PdfPrinter } from '../core/platform/ports';

export const defaultChromiumPath = (): string =>
  process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

export interface ChromiumPdfOptions {
  executablePath?: string;
  /** Kill Chromium after this long (default 30 s). */
  timeoutMs?: number;
}

/** A printer over headless Chromium, or null when no Chromium is installed at the path. */
export function chromiumPdfPrinter(options: ChromiumPdfOptions = {}): PdfPrinter | null {
  const executable = options.executablePath ?? defaultChromiumPath();
  if (!existsSync(executable)) return null;
  const timeoutMs = options.timeoutMs ?? 30_000;
  return {
    async print(html: string): Promise<Uint8Array> {
      const dir = await mkdtemp(join(tmpdir(), 'courier-desk-print-'));
      try {
        const input = join(dir, 'document.html');
        const output = join(dir, 'document.pdf');
        await writeFile(input, withScriptsOff(html), { mode: 0o600 });
        await runChromium(
          executable,
          [
            '--headless',
            '--disable-gpu',
            // Chromium refuses to start its sandbox as root (CI, the test bed); as a user it keeps it.
            ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-pdf-header-footer',
            `--user-data-dir=${join(dir, 'profile')}`,
            `--print-to-pdf=${output}`,
            pathToFileURL(input).href,
          ],
          timeoutMs,
        );
        const pdf = await readFile(output);
        if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') {
          throw new Error('Chromium wrote no PDF');
        }
        return new Uint8Array(pdf);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * The documents are data, never programs: no script runs in them, as in the Electron printer's
 * window (`javascript: false`). Chromium's switch for that (`--blink-settings=scriptEnabled=false`)
 * makes headless Chromium 156 exit 0 without writing the PDF, so the page itself carries a Content
 * Security Policy allowing no script, first in its head (before anything of the document's own;
 * the templates' own CSP comes on top). After a leading doctype, so the page keeps standards mode.
 */
export function withScriptsOff(html: string): string {
  const csp =
    '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'; object-src \'none\'">';
  const doctype = /^\s*<!doctype[^>]*>/i.exec(html);
  return doctype ? doctype[0] + csp + html.slice(doctype[0].length) : csp + html;
}

function runChromium(executable: string, args: string[], timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString();
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`Chromium did not print within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`Chromium exited with ${code}: ${stderr.slice(-1000)}`));
    });
  });
}
