import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../electron/core/platform/ports';
import { TOKEN_FILE, hostToken } from '../../electron/web/host-token';
import { tempDir } from '../helpers/desk';

describe('the browser host token survives restarts, owner-only', () => {
  const dirs: { remove(): void }[] = [];
  afterEach(() => dirs.splice(0).forEach((d) => d.remove()));
  const folder = () => {
    const d = tempDir();
    dirs.push(d);
    return d.dir;
  };
  const mode = (dir: string) => statSync(join(dir, TOKEN_FILE)).mode & 0o777;

  it('issues a token once, private to its owner, and gives the same one to the next start', () => {
    const dir = folder();
    const logger = new MemoryLogger();
    const first = hostToken(dir, logger);
    expect(first).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(mode(dir)).toBe(0o600);
    expect(hostToken(dir, logger)).toBe(first);
    expect(logger.entries.filter((e) => e.level === 'warn')).toEqual([]);
  });

  it('replaces a token others could read, or one that is not a token, and renews on request', () => {
    const dir = folder();
    const logger = new MemoryLogger();
    const first = hostToken(dir, logger);
    chmodSync(join(dir, TOKEN_FILE), 0o644);
    const second = hostToken(dir, logger);
    expect(second).not.toBe(first);
    expect(mode(dir)).toBe(0o600);
    expect(logger.entries.map((e) => e.message)).toContain(
      'web host token file was not private or not a token; issuing a new one',
    );
    writeFileSync(join(dir, TOKEN_FILE), 'guessable', { mode: 0o600 });
    const third = hostToken(dir, logger);
    expect(third).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(readFileSync(join(dir, TOKEN_FILE), 'utf8').trim()).toBe(third);
    const renewed = hostToken(dir, logger, true);
    expect(renewed).not.toBe(third);
    expect(hostToken(dir, logger)).toBe(renewed);
  });
});
