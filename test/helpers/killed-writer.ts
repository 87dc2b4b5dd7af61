/**
 * Child-process entry for the kill -9 test (test/core/platform/database.test.ts), bundled by
 * `buildKilledWriter()` and run under plain Node: it opens the desk database exactly as the desk
 * does (`openDatabase`), reports the pragmas it got, then commits through the product's transaction
 * helper — two settings rows per transaction — and acknowledges each commit on stdout only after
 * the helper has returned. It never stops on its own before `limit`; the parent kills it with SIGKILL.
 *
 * argv: <database file> <'transaction' | 'transactionSyncedLater'> <limit>
 */
import { writeSync } from 'node:fs';
import { openDatabase } from '../../electron/core/platform/db/database';
import { MemoryLogger } from '../../electron/core/platform/ports';
import { SettingsRepo } from '../../electron/core/platform/settings-repo';

export type WriterHelper = 'transaction' | 'transactionSyncedLater';

const [file, helper, limitText] = process.argv.slice(2) as [string, WriterHelper, string];
const db = openDatabase(file, { logger: new MemoryLogger() });
const settings = new SettingsRepo(db);
const pragmas = Object.fromEntries(
  ['journal_mode', 'synchronous', 'foreign_keys', 'busy_timeout'].map((p) => [p, db.pragma(p)]),
);
// Synchronous writes: a line on stdout means the commit it names has returned.
writeSync(1, `${JSON.stringify({ pragmas })}\n`);
const limit = Number(limitText);
for (let i = 0; i < limit; i++) {
  db[helper](() => {
    settings.set(`kill.${i}.a`, String(i), i);
    settings.set(`kill.${i}.b`, String(i), i);
  });
  writeSync(1, `${i}\n`);
}
writeSync(1, 'limit reached\n');
