/**
 * The Electron shell's PdfPrinter: a hidden, sandboxed window of its own (no preload, no Node, no
 * script, an in-memory session apart from the console's) loads the document as a data URL and
 * prints it with Chromium's own `webContents.printToPDF` on A4 with backgrounds; the window is
 * destroyed after each document. ADR 0016.
 *
 * Only electron/main/index.ts may import 'electron' (lint), so the window is made by the function
 * it passes in (`(options) => new BrowserWindow(options)`); this file holds the logic, typed by the
 * few members it uses. It cannot run here (no Electron binary in this environment): the browser
 * host's printer (electron/web/pdf-printer.ts) is the one the tests print with.
 */
import type { PdfPrinter } from '../core/platform/ports';

/** The options this printer gives its window (a subset of Electron's BrowserWindowConstructorOptions). */
export interface PrintWindowOptions {
  show: false;
  width: number;
  height: number;
  webPreferences: {
    sandbox: true;
    contextIsolation: true;
    nodeIntegration: false;
    javascript: false;
    webSecurity: true;
    /** In-memory partition: no cookies, cache or permissions shared with the console. */
    partition: string;
    spellcheck: false;
  };
}

/** The members of Electron's BrowserWindow the printer uses. */
export interface PrintWindow {
  loadURL(url: string): Promise<void>;
  webContents: {
    printToPDF(options: {
      pageSize: 'A4';
      printBackground: boolean;
      preferCSSPageSize: boolean;
      displayHeaderFooter: boolean;
    }): Promise<Uint8Array>;
  };
  destroy(): void;
  isDestroyed(): boolean;
}

export const printWindowOptions: PrintWindowOptions = {
  show: false,
  width: 794, // A4 at 96 dpi
  height: 1123,
  webPreferences: {
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    javascript: false,
    webSecurity: true,
    partition: 'courier-desk-printing',
    spellcheck: false,
  },
};

export function electronPdfPrinter(
  makeWindow: (options: PrintWindowOptions) => PrintWindow,
): PdfPrinter {
  return {
    async print(html: string): Promise<Uint8Array> {
      const win = makeWindow(printWindowOptions);
      try {
        await win.loadURL(
          `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`,
        );
        return await win.webContents.printToPDF({
          pageSize: 'A4',
          printBackground: true,
          // The templates' `@page { size: A4; margin … }` decides the margins.
          preferCSSPageSize: true,
          displayHeaderFooter: false,
        });
      } finally {
        if (!win.isDestroyed()) win.destroy();
      }
    },
  };
}
