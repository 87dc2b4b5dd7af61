/**
 * A test-only clock for the browser host (`--clock-offset-file`): the system time plus an offset
 * in milliseconds read from a file, so an end-to-end test can move the desk's time forward without
 * sleeping. Never set by `npm start` / `npm run start:web`; no browser page can reach it (it is a
 * file beside the host, not an endpoint).
 *
 * The file holds one non-negative integer (milliseconds), e.g. `90000000`. Every reading reads the
 * file again (about 20 µs on the test machine; a stat alone is about 9 µs, but file times are too
 * coarse to tell two quick writes of the same size apart), so the next request after a write already sees the
 * new time — nothing to wait for. A missing or empty file means the offset in force (0 at first); unreadable content, a negative number or a smaller offset than the one in force
 * are refused with a warning and the previous offset stays: the desk's time only moves forward.
 *
 * What follows the moved clock: everything the core reads through the `Clock` port (timestamps on
 * rows, ticket clocks and their overdue/state fields, ids). What does not: timers already scheduled
 * with real durations (`setTimeout` for reminders, ACW, SIP retries) fire after their real delay,
 * and watchdogs that read `Date.now()` themselves (the media heartbeat, the sleep detector).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Clock, Logger } from '../core/platform/ports';
import { systemClock } from '../core/platform/ports';

export interface OffsetFileClock extends Clock {
  /** The offset in force, in milliseconds (after re-checking the file). */
  offsetMs(): number;
}

export function offsetFileClock(
  path: string,
  options: { logger?: Logger; base?: Clock } = {},
): OffsetFileClock {
  const base = options.base ?? systemClock;
  const logger = options.logger;
  let offset = 0;
  let seen = '';

  const refresh = (): void => {
    let text: string;
    try {
      text = readFileSync(path, 'utf8').trim();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') text = '';
      else {
        if (seen !== 'unreadable') logger?.warn('clock offset file unreadable', { path, err });
        seen = 'unreadable';
        return;
      }
    }
    if (text === seen) return;
    seen = text;
    if (text === '') return; // missing or empty: the offset in force stays (0 until one is written)
    if (!/^\d{1,15}$/.test(text)) {
      logger?.warn('clock offset file must hold a non-negative integer (ms); offset unchanged', {
        path,
        content: text.slice(0, 40),
      });
      return;
    }
    const next = Number(text);
    if (next < offset) {
      logger?.warn('clock offset may only grow (time never goes back); offset unchanged', {
        path,
        offsetMs: offset,
        refusedMs: next,
      });
      return;
    }
    if (next !== offset) logger?.info('clock offset changed', { offsetMs: next });
    offset = next;
  };

  return {
    now() {
      refresh();
      return base.now() + offset;
    },
    offsetMs() {
      refresh();
      return offset;
    },
  };
}

/** The writer's side (tests): replaces the file in one rename, so a reader never sees half of it. */
export function writeClockOffset(path: string, offsetMs: number): void {
  if (!Number.isSafeInteger(offsetMs) || offsetMs < 0) {
    throw new Error(`a clock offset is a non-negative integer of ms, got ${offsetMs}`);
  }
  const part = `${path}.${process.pid}.part`;
  writeFileSync(part, `${offsetMs}\n`);
  renameSync(part, path);
}
