/**
 * The browser host's access token, kept in the data folder so a restarted host accepts the
 * consoles that were open (they reconnect by themselves instead of stranding the agent). The file
 * is the owner's alone (0600): another local user cannot read it, and a token found readable by
 * others, or unreadable, is replaced by a new one. `--new-token` replaces it on purpose.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/platform/ports';

export const TOKEN_FILE = 'web-host.token';
const tokenShape = /^[A-Za-z0-9_-]{32}$/;

export function hostToken(dataDir: string, logger: Logger, renew = false): string {
  const file = join(dataDir, TOKEN_FILE);
  if (!renew) {
    try {
      const mode = statSync(file).mode & 0o777;
      const token = readFileSync(file, 'utf8').trim();
      if (mode === 0o600 && tokenShape.test(token)) return token;
      logger.warn('web host token file was not private or not a token; issuing a new one', {
        mode: mode.toString(8),
      });
    } catch {
      // No token yet: the first start of this data folder.
    }
  }
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode above applies only when the file is created
  return token;
}
