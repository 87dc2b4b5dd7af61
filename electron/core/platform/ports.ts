/** The small interfaces every service receives instead of reaching for globals. */
import { randomFillSync } from 'node:crypto';
import { uuidv7 } from '@shared/common/ids';

export interface Clock {
  now(): number;
}

export type LogFields = Record<string, unknown>;
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Prints a complete HTML document (shared/documents/ templates: zh-CN, A4 `@page`, no script) to
 * PDF bytes with Chromium's own print-to-PDF: the Electron shell through a hidden sandboxed window
 * (`electron/main/pdf-printer.ts`), the browser host through headless Chromium
 * (`electron/web/pdf-printer.ts`). ADR 0016.
 */
export interface PdfPrinter {
  print(html: string): Promise<Uint8Array>;
}

export type IdFactory = () => string;

export function uuidv7Factory(clock: Clock): IdFactory {
  // Random bits are drawn for 256 ids at a time (as node's own randomUUID caches them): one call
  // into OpenSSL per 256 ids instead of one per id — an id is made while a call rings.
  const pool = Buffer.alloc(16 * 256);
  let at = pool.length;
  return () => {
    if (at === pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    at += 16;
    return uuidv7(clock.now(), pool.subarray(at - 16, at));
  };
}

/** One JSON line per entry on stderr; the Electron shell and the browser host both use it. */
export function createConsoleLogger(
  minLevel: 'debug' | 'info' | 'warn' | 'error' = 'info',
): Logger {
  const order = { debug: 0, info: 1, warn: 2, error: 3 } as const;
  const write =
    (level: keyof typeof order) =>
    (message: string, fields?: LogFields): void => {
      if (order[level] < order[minLevel]) return;
      process.stderr.write(
        `${JSON.stringify({ t: new Date().toISOString(), level, message, ...fields })}\n`,
      );
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** Keeps entries in memory; tests read them back. */
export class MemoryLogger implements Logger {
  readonly entries: { level: string; message: string; fields?: LogFields }[] = [];
  debug(message: string, fields?: LogFields): void {
    this.entries.push({ level: 'debug', message, ...(fields && { fields }) });
  }
  info(message: string, fields?: LogFields): void {
    this.entries.push({ level: 'info', message, ...(fields && { fields }) });
  }
  warn(message: string, fields?: LogFields): void {
    this.entries.push({ level: 'warn', message, ...(fields && { fields }) });
  }
  error(message: string, fields?: LogFields): void {
    this.entries.push({ level: 'error', message, ...(fields && { fields }) });
  }
}
