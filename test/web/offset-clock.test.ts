import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../electron/core/platform/ports';
import { offsetFileClock, writeClockOffset } from '../../electron/web/offset-clock';
import { TestClock, tempDir } from '../helpers/desk';

describe('the browser host test clock: system time plus the offset in a file', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const setup = () => {
    const d = tempDir();
    dirs.push(d);
    const base = new TestClock(Date.UTC(2026, 9, 9, 9, 0));
    const logger = new MemoryLogger();
    const path = join(d.dir, 'clock-offset');
    return { path, base, logger, clock: offsetFileClock(path, { base, logger }) };
  };
  const day = 24 * 3600_000;

  it('runs on the base time while there is no file, then follows each write at once', () => {
    const { path, base, clock } = setup();
    expect(clock.now()).toBe(base.now());
    writeClockOffset(path, day);
    expect(clock.now()).toBe(base.now() + day);
    // Two writes of the same length in the same millisecond are both seen (no mtime guess).
    writeClockOffset(path, 2 * day);
    expect(clock.now()).toBe(base.now() + 2 * day);
    writeClockOffset(path, 3 * day);
    expect(clock.offsetMs()).toBe(3 * day);
    base.advance(5000);
    expect(clock.now()).toBe(Date.UTC(2026, 9, 12, 9, 0, 5));
  });

  it('never goes back: a smaller offset, garbage or a negative number keeps the offset in force', () => {
    const { path, base, clock, logger } = setup();
    writeClockOffset(path, day);
    expect(clock.now()).toBe(base.now() + day);
    writeClockOffset(path, 1000);
    expect(clock.now()).toBe(base.now() + day);
    writeFileSync(path, '-86400000\n');
    expect(clock.now()).toBe(base.now() + day);
    writeFileSync(path, 'tomorrow');
    expect(clock.now()).toBe(base.now() + day);
    writeFileSync(path, '1e9');
    expect(clock.now()).toBe(base.now() + day);
    rmSync(path);
    expect(clock.now()).toBe(base.now() + day);
    expect(logger.entries.filter((e) => e.level === 'warn').map((e) => e.message)).toEqual([
      'clock offset may only grow (time never goes back); offset unchanged',
      'clock offset file must hold a non-negative integer (ms); offset unchanged',
      'clock offset file must hold a non-negative integer (ms); offset unchanged',
      'clock offset file must hold a non-negative integer (ms); offset unchanged',
    ]);
    writeClockOffset(path, 2 * day);
    expect(clock.now()).toBe(base.now() + 2 * day);
  });

  it('the writer refuses what the reader would refuse', () => {
    const { path } = setup();
    expect(() => writeClockOffset(path, -1)).toThrow(/non-negative integer/);
    expect(() => writeClockOffset(path, 1.5)).toThrow(/non-negative integer/);
  });
});
