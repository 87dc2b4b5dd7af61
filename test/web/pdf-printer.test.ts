import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { apologyLetterHtml, negotiationLetterHtml } from '@shared/documents/letters';
import { chromiumPdfPrinter, defaultChromiumPath } from '../../electron/web/pdf-printer';
import { letterContext, seedLetter } from '../shared/documents/fixtures';
import { fold, pdfText } from './pdf-text';

const printing = () =>
  readdirSync(tmpdir()).filter((n) => n.startsWith('courier-desk-print-')).length;

/**
 * The browser host's printer: Debian's Chromium printing the templates for real, read back with
 * pdfjs — the Chinese text must survive (a CJK font is in the test bed: fonts-noto-cjk).
 */
describe('browser host: letters printed to PDF by headless Chromium', () => {
  it('has a CJK font for Chromium to print Chinese with', () => {
    expect(execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' })).toMatch(/CJK/);
  });

  it('prints the apology letter on one A4 page whose text reads back in Chinese', async () => {
    const printer = chromiumPdfPrinter();
    if (!printer)
      throw new Error(`no Chromium at ${defaultChromiumPath()} (the test bed installs it)`);
    const before = printing();
    const started = performance.now();
    const pdf = await printer.print(
      apologyLetterHtml(
        seedLetter({ requestText: '<script>alert("赔我")</script> 赔偿200元损失费' }),
        letterContext,
      ),
    );
    const ms = performance.now() - started;
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const read = await pdfText(pdf);
    expect(read.pages).toBe(1);
    expect(read.sizes[0]).toEqual({ width: 595, height: 842 });
    for (const want of [
      '速达快递有限公司客户服务部',
      '致歉信',
      '投诉编号：TS202611220001',
      '尊敬的李先生：',
      '“破损”问题',
      '<script>alert("赔我")</script>赔偿200元损失费',
      '诉求金额200.00元',
      '经办人：张伟（工号1001）',
    ]) {
      expect(read.text).toContain(fold(want));
    }
    // The temp folder with the page and Chromium's profile is gone.
    expect(printing()).toBe(before);
    console.info(`apology letter: ${pdf.byteLength} bytes in ${Math.round(ms)} ms`);
  });

  it('prints the negotiation letter with its figure and steps', async () => {
    const pdf = await chromiumPdfPrinter()!.print(
      negotiationLetterHtml(seedLetter(), letterContext),
    );
    const read = await pdfText(pdf);
    for (const want of [
      '核定赔偿金额：48.20 元',
      '2.41公斤 × 20.00元 = 48.20元',
      '处理意见',
      '回执',
    ]) {
      expect(read.text).toContain(fold(want));
    }
  });

  it('prints with JavaScript off: a script in the page does not run, doctype or not', async () => {
    const body = `<p id="t">脚本未运行</p><img src="x" onerror="document.body.append('ONERROR-RAN')">
       <script>document.getElementById('t').textContent = '脚本运行了';
         document.body.append('SCRIPT-RAN');</script>`;
    for (const page of [
      `<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>${body}</body></html>`,
      `<meta charset="utf-8">${body}`,
    ]) {
      const { text } = await pdfText(await chromiumPdfPrinter()!.print(page));
      expect(text).toContain(fold('脚本未运行'));
      expect(text).not.toContain(fold('脚本运行了'));
      expect(text).not.toMatch(/SCRIPT-RAN|ONERROR-RAN/);
    }
  });

  it('is null without Chromium, and fails (cleaning up) when the browser does', async () => {
    expect(chromiumPdfPrinter({ executablePath: '/nonexistent/chromium' })).toBeNull();
    const before = printing();
    const broken = chromiumPdfPrinter({ executablePath: '/bin/false' })!;
    await expect(broken.print('<p>x</p>')).rejects.toThrow(/exited with 1/);
    const hang = join(mkdtempSync(join(tmpdir(), 'courier-desk-hang-')), 'chromium');
    writeFileSync(hang, '#!/bin/sh\nexec sleep 30\n', { mode: 0o700 });
    const slow = chromiumPdfPrinter({ executablePath: hang, timeoutMs: 200 })!;
    await expect(slow.print('<p>x</p>')).rejects.toThrow(/did not print within 200 ms/);
    expect(printing()).toBe(before);
    rmSync(dirname(hang), { recursive: true, force: true });
  });
});
