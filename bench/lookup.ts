/**
 * Lookup figures on the docs/DESIGN.md §5 data set (1 M customers, 5 M waybills, ~25–30 M tracking
 * events, 7 M calls), seeded by the project's own command into bench/data/ (kept between runs;
 * `--size small` for a quick run). Times run from the request entering main (the dispatcher:
 * argument parsing, query, result check) to the result ready.
 */
import { existsSync, mkdirSync, statSync, writeFileSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { createDesk } from '../electron/core/desk';
import { openDatabase } from '../electron/core/platform/db/database';
import { MemoryLogger } from '../electron/core/platform/ports';
import { seedProgress } from '../electron/dev/progress';
import { DEMO_PASSWORD, Rng, seedDemoData } from '../electron/dev/seed';
import { seedTickets } from './complaints';
import type { Figure } from './index';
import { percentiles, time } from './index';

const sizes = {
  full: { customers: 1_000_000, waybills: 5_000_000, calls: 7_000_000 },
  small: { customers: 50_000, waybills: 250_000, calls: 350_000 },
};

export async function benchLookup(figures: Figure[]): Promise<Record<string, unknown>> {
  const sizeArg = process.argv.includes('--size')
    ? process.argv[process.argv.indexOf('--size') + 1]
    : 'full';
  const size = sizeArg === 'small' ? 'small' : 'full';
  const dir = resolve('bench/data', size === 'full' ? '' : 'small');
  const file = join(dir, 'desk.sqlite');
  const metaFile = join(dir, 'seed.json');
  mkdirSync(dir, { recursive: true });
  let seeding: Record<string, unknown>;
  if (existsSync(file) && !existsSync(metaFile)) {
    seeding = { note: 'seeded earlier by `npm run seed` (its output gives the seeding time)' };
  } else if (!existsSync(file)) {
    process.stdout.write(`seeding the ${size} data set into ${dir} (once; kept for later runs)…\n`);
    const db = openDatabase(file, { logger: new MemoryLogger() });
    db.raw.pragma('cache_size = -262144'); // as the seed command does for bulk loads
    const t = performance.now();
    const counts = seedDemoData(db, {
      ...sizes[size],
      seed: 1,
      now: Date.UTC(2026, 10, 22),
      batchSize: 20_000,
      onProgress: seedProgress((line) => process.stdout.write(line)),
    });
    db.raw.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    seeding = { counts, seconds: (performance.now() - t) / 1000 };
    writeFileSync(metaFile, JSON.stringify(seeding));
  } else {
    seeding = JSON.parse(readFileSync(metaFile, 'utf8')) as Record<string, unknown>;
  }
  const dbBytes = statSync(file).size;

  const opened = performance.now();
  const desk = createDesk({
    dataDir: dir,
    host: 'web',
    appVersion: 'bench',
    clock: { now: () => Date.UTC(2026, 10, 22, 4) },
    logger: new MemoryLogger(),
    trackingSource: null,
  });
  const openMs = performance.now() - opened;
  try {
    await desk.session.signIn('1001', DEMO_PASSWORD);
    const raw = desk.db.raw;
    const rng = new Rng(42);
    const maxRow = (raw.prepare('SELECT max(rowid) AS n FROM waybills').get() as { n: number }).n;
    const pickWaybill = () =>
      raw
        .prepare(
          'SELECT number, sender_phone, sender_name, sender_customer_id FROM waybills WHERE rowid = ?',
        )
        .get(rng.int(1, maxRow)) as
        | { number: string; sender_phone: string; sender_name: string; sender_customer_id: string }
        | undefined;
    const samples = Array.from({ length: 600 }, pickWaybill).filter((x) => x !== undefined);
    const maxCust = (raw.prepare('SELECT max(rowid) AS n FROM customers').get() as { n: number }).n;
    const addresses = Array.from({ length: 400 }, () => {
      const a = raw
        .prepare('SELECT address FROM customers WHERE rowid = ?')
        .get(rng.int(1, maxCust)) as { address: string } | undefined;
      return a ? (/[\u4e00-\u9fa5]{2,4}(路|街|大道)\d+号/.exec(a.address)?.[0] ?? null) : null;
    }).filter((x): x is string => x !== null);
    // About 400 callers spread over the call records, whatever the data set's size.
    const maxCall = (raw.prepare('SELECT max(rowid) AS n FROM calls').get() as { n: number }).n;
    const callers = (
      raw
        .prepare('SELECT remote_number FROM calls WHERE rowid % ? = 7 LIMIT 400')
        .all(Math.max(11, Math.floor(maxCall / 400))) as { remote_number: string }[]
    ).map((r) => r.remote_number);
    const tickets = seedScreenPopTickets(raw, callers, maxCust, rng);

    const first = performance.now();
    await desk.dispatcher.dispatch('waybill.get', { number: samples[0]!.number });
    const firstQueryMs = performance.now() - first;

    const run = async (
      name: string,
      budget: string,
      inputs: unknown[],
      fn: (x: never) => Promise<unknown>,
      baseline?: { name: string; inputs: unknown[]; fn: (x: never) => unknown },
    ) => {
      const ms = await time(inputs.length, (i) => fn(inputs[i] as never));
      const base = baseline
        ? await time(baseline.inputs.length, (i) => baseline.fn(baseline.inputs[i] as never))
        : null;
      figures.push({
        name,
        unit: 'ms',
        ...percentiles(ms),
        budget,
        ...(base &&
          baseline && { baselineName: baseline.name, baselineP95: percentiles(base).p95 }),
      });
    };
    const dispatch = (name: string) => async (args: unknown) => {
      const out = await desk.dispatcher.dispatch(name, args);
      if (!out.ok) throw new Error(`${name} failed: ${out.error.message}`);
      return out;
    };
    const few = <T>(xs: T[]) => xs.slice(0, 5);

    await run(
      'search: waybill by number (exact)',
      'p95 ≤ 2 ms',
      samples.map((s) => ({ text: s.number })),
      dispatch('search.query'),
      {
        name: "LIKE 'number' scan (case-insensitive, no index)",
        inputs: few(samples),
        fn: (s: { number: string }) =>
          raw.prepare('SELECT id FROM waybills WHERE number LIKE ?').all(s.number),
      },
    );
    await run(
      'waybill detail (timeline + flags)',
      'p95 ≤ 2 ms (as number lookup)',
      samples.map((s) => ({ number: s.number })),
      dispatch('waybill.get'),
    );
    await run(
      'search: phone last-4 + name',
      'p95 ≤ 20 ms',
      samples.map((s) => ({ text: `${s.sender_phone.slice(-4)} ${s.sender_name}` })),
      dispatch('search.query'),
      {
        name: "LIKE '%last4' AND name scan over waybills",
        inputs: few(samples),
        fn: (s: { sender_phone: string; sender_name: string }) =>
          raw
            .prepare(
              'SELECT id FROM waybills WHERE (sender_phone LIKE ? AND sender_name = ?) OR (receiver_phone LIKE ? AND receiver_name = ?) LIMIT 200',
            )
            .all(
              `%${s.sender_phone.slice(-4)}`,
              s.sender_name,
              `%${s.sender_phone.slice(-4)}`,
              s.sender_name,
            ),
      },
    );
    await run(
      'search: phone (full number)',
      'p95 ≤ 20 ms',
      samples.map((s) => ({ text: s.sender_phone })),
      dispatch('search.query'),
    );
    await run(
      'search: customer name (2–4 chars)',
      'p95 ≤ 20 ms',
      samples.map((s) => ({ text: s.sender_name })),
      dispatch('search.query'),
      {
        name: "LIKE '%name%' scan over customers",
        inputs: few(samples),
        fn: (s: { sender_name: string }) =>
          raw
            .prepare('SELECT id FROM customers WHERE name LIKE ? LIMIT 201')
            .all(`%${s.sender_name}%`),
      },
    );
    await run(
      'search: address fragment (full-text)',
      'p95 ≤ 30 ms',
      addresses.map((a) => ({ text: a })),
      dispatch('search.query'),
      {
        name: "LIKE '%fragment%' scan over customers",
        inputs: few(addresses),
        fn: (a: string) =>
          raw.prepare('SELECT id FROM customers WHERE address LIKE ? LIMIT 201').all(`%${a}%`),
      },
    );
    await run(
      `screen pop (caller → customers, 5 waybills + flags, last contacts, open tickets; ${tickets.total} tickets, ${tickets.callersWithOpen} of ${callers.length} callers with an open one)`,
      'p95 ≤ 50 ms',
      callers.map((n) => ({ number: n })),
      dispatch('screenPop.lookup'),
      {
        name: 'LIKE phone scan over waybills + calls',
        inputs: few(callers),
        fn: (n: string) => {
          raw
            .prepare(
              'SELECT id FROM waybills WHERE sender_phone LIKE ? OR receiver_phone LIKE ? ORDER BY created_at DESC LIMIT 5',
            )
            .all(n, n);
          return raw
            .prepare(
              'SELECT id FROM calls WHERE remote_number LIKE ? ORDER BY offered_at DESC LIMIT 5',
            )
            .all(n);
        },
      },
    );
    const counts = raw
      .prepare(
        'SELECT (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM waybills) AS waybills, (SELECT count(*) FROM tracking_events) AS tracking_events, (SELECT count(*) FROM calls) AS calls',
      )
      .get();
    process.stdout.write(
      `lookup data set (${size}): ${JSON.stringify(counts)}; file ${(dbBytes / 1048576).toFixed(0)} MiB; seeding ${JSON.stringify(seeding)}\n` +
        `cold start: open + migrate check ${openMs.toFixed(1)} ms; first waybill.get ${firstQueryMs.toFixed(2)} ms (OS page cache as it was)\n`,
    );
    return { size, counts, dbBytes, seeding, openMs, firstQueryMs };
  } finally {
    desk.dispose();
  }
}

/**
 * Complaint tickets for the screen pop to find (once per data set; kept with it): one for every
 * fifth customer (a third of them open, as in the complaints bench), and an open one for every
 * third sampled caller's customer, so the pop's ticket lookup runs on a realistic table and often
 * finds something.
 */
function seedScreenPopTickets(
  raw: Database.Database,
  callers: readonly string[],
  maxCust: number,
  rng: Rng,
): { total: number; callersWithOpen: number } {
  const count = () =>
    (raw.prepare('SELECT COUNT(*) AS n FROM complaints').get() as { n: number }).n;
  const withOpen = () =>
    (
      raw
        .prepare(
          `SELECT COUNT(DISTINCT p.phone) AS n FROM phones p JOIN complaints t
             ON t.customer_id = p.customer_id AND t.closed_at IS NULL
           WHERE p.phone IN (SELECT value FROM json_each(?))`,
        )
        .get(JSON.stringify(callers)) as { n: number }
    ).n;
  if (count() === 0) {
    const owners = (
      raw.prepare("SELECT id FROM agents WHERE role = 'agent' ORDER BY employee_no").all() as {
        id: string;
      }[]
    ).map((a) => a.id);
    const customerAt = raw.prepare('SELECT id FROM customers WHERE rowid = ?');
    const randomCustomer = () =>
      (customerAt.get(rng.int(1, maxCust)) as { id: string } | undefined)?.id ?? null;
    const callerCustomers = callers
      .filter((_, i) => i % 3 === 0)
      .map(
        (n) =>
          (
            raw.prepare('SELECT customer_id FROM phones WHERE phone = ? LIMIT 1').get(n) as
              { customer_id: string } | undefined
          )?.customer_id ?? null,
      );
    const random = Math.floor(maxCust / 5);
    const now = Date.UTC(2026, 10, 22, 4);
    seedTickets(raw, {
      count: random + callerCustomers.length,
      owners,
      now,
      customerOf: (i) => (i < random ? randomCustomer() : callerCustomers[i - random]!),
      open: (i) => i >= random || i % 3 === 0,
    });
    raw.exec('ANALYZE complaints');
  }
  return { total: count(), callersWithOpen: withOpen() };
}
