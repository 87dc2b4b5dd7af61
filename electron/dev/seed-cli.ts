/**
 * `npm run seed -- --customers N --waybills M --calls K [--data-dir ./data] [--seed 1]
 *  [--now 2026-11-22] [--reset]`: fills an empty desk database with deterministic demo data.
 */
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../core/platform/db/database';
import { createConsoleLogger } from '../core/platform/ports';
import { errorMessage } from '@shared/common/errors';
import { seedProgress } from './progress';
import { DEMO_PASSWORD, seedDemoData } from './seed';

function wholeNumber(name: string, raw: string): number {
  if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return Number(raw);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      customers: { type: 'string', default: '200' },
      waybills: { type: 'string', default: '600' },
      calls: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' },
      now: { type: 'string' },
      'data-dir': { type: 'string', default: './data' },
      reset: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const customers = wholeNumber('customers', values.customers);
  const waybills = wholeNumber('waybills', values.waybills);
  const calls = wholeNumber('calls', values.calls);
  const seed = wholeNumber('seed', values.seed);
  let now: number | undefined;
  if (values.now !== undefined) {
    now = Date.parse(values.now);
    if (Number.isNaN(now))
      throw new Error(`--now must be a date such as 2026-11-22, got "${values.now}"`);
  }
  const dir = resolve(values['data-dir']);
  const file = join(dir, 'desk.sqlite');
  mkdirSync(dir, { recursive: true });
  if (values.reset)
    for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  const logger = createConsoleLogger('warn');
  const db = openDatabase(file, { logger });
  // Bulk load: a larger page cache keeps random-order index inserts (UUIDv7 keys spread over
  // weeks of data) from thrashing the default 2 MB cache.
  db.raw.pragma('cache_size = -262144');
  const started = performance.now();
  try {
    const counts = seedDemoData(db, {
      customers,
      waybills,
      calls,
      seed,
      ...(now !== undefined && { now }),
      batchSize: 10_000,
      onProgress: seedProgress((line) => process.stdout.write(line)),
    });
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const mb = existsSync(file) ? (statSync(file).size / 1048576).toFixed(1) : '?';
    process.stdout.write(`Seeded ${file} in ${seconds} s (${mb} MiB): ${JSON.stringify(counts)}\n`);
    // The bench reports how the data set it measures was made.
    writeFileSync(
      join(dir, 'seed.json'),
      JSON.stringify({ counts, seconds: Number(seconds), seed, now: now ?? null }),
    );
    process.stdout.write(
      `Demo sign-in: 工号 1001–1010 (agents), 9001 (lead), password ${DEMO_PASSWORD}\n`,
    );
  } finally {
    db.close();
  }
}

try {
  main();
} catch (err) {
  process.stderr.write(`seed: ${errorMessage(err)}\n`);
  process.exit(1);
}
