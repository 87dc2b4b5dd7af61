/**
 * Metrics figures (issue #16): the full data set — 200 agents × 100 calls × 365 days = 7.3 M call
 * records and their state logs (ready, ringing, talk, after-call work, breaks; night shifts that
 * cross midnight) — seeded with prepared statements, one transaction per day of the whole team.
 * The bench loads with the metrics triggers and the loaded tables' secondary indexes set aside
 * (ids in insertion order, as UUIDv7 ids are), builds the indexes again, puts the triggers back and
 * marks the whole history once; the first read folds it in (timed as "agent-day sums built"). The
 * reads run on the desk's real schema.
 * Then: the agent-day panel and the team-month table, each beside a straightforward full-scan
 * computation from the raw records of the same run (shared/metrics/agent.ts `agentFigures`).
 *
 * `--metrics-agents N --metrics-days N` shrink the set for a quick run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { fromLocal, localDate } from '@shared/common/calendar';
import type { CallFact, StateSpan } from '@shared/metrics/agent';
import { agentFigures } from '@shared/metrics/agent';
import { createDesk } from '../electron/core/desk';
import { hashPasswordSync } from '../electron/core/features/session/password';
import { markAllHistory } from '../electron/core/platform/db/migrations/0016-metrics';
import { MemoryLogger } from '../electron/core/platform/ports';
import type { Clock } from '../electron/core/platform/ports';
import { Rng } from '../electron/dev/seed';
import type { Figure } from './index';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const DAY = 24 * H;

export interface MetricsSeed {
  agents: number;
  days: number;
  callsPerDay: number;
  /** The first local day ('YYYY-MM-DD'). */
  firstDay: string;
  timeZone: string;
  seed: number;
  /** Distinct caller numbers (a smaller pool: more repeat calls within 7 days). */
  numberPool: number;
  /** Called after each seeded day (progress). */
  onDay?: (day: number, rows: number) => void;
}

export interface SeededMetrics {
  agentIds: string[];
  leadNo: string;
  days: string[];
  calls: number;
  spans: number;
}

const dispositions = ['tracking', 'order', 'enquiry', 'complaint', 'chase_delivery'] as const;

/**
 * Seeds a team's calls and state logs straight into the desk's tables (as the softphone and the
 * session write them). Day shifts start at 08:00; every third agent works nights (20:00 →
 * about 06:00), so spans and calls cross midnight.
 */
export function seedMetricsData(raw: Database.Database, o: MetricsSeed): SeededMetrics {
  const rng = new Rng(o.seed);
  const hash = hashPasswordSync('pass1234');
  const agent = raw.prepare(
    `INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
     VALUES (?, ?, ?, ?, '话务一组', ?, 0, 0)`,
  );
  const agentIds: string[] = [];
  raw.transaction(() => {
    for (let a = 0; a < o.agents; a++) {
      const id = `m-agent-${String(a).padStart(4, '0')}`;
      agent.run(id, String(7000 + a), `座席${a}`, 'agent', hash);
      agentIds.push(id);
    }
    agent.run('m-lead', '7999', '值班长', 'lead', hash);
  })();
  const shift = raw.prepare(
    `INSERT INTO shifts (id, agent_id, desk_id, started_at, ended_at, end_reason)
     VALUES (?, ?, 'bench', ?, ?, 'sign_out')`,
  );
  const span = raw.prepare(
    `INSERT INTO agent_state_log (id, agent_id, shift_id, status, reason, started_at, ended_at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const call = raw.prepare(
    `INSERT INTO calls (id, agent_id, shift_id, direction, remote_number, offered_at, answered_at,
       ended_at, end_cause, hung_up_by, acw_ended_at, disposition)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const hold = raw.prepare(
    `INSERT INTO call_hold_segments (call_id, side, started_at, ended_at) VALUES (?, ?, ?, ?)`,
  );
  const [y, m, d] = o.firstDay.split('-').map(Number) as [number, number, number];
  const days: string[] = [];
  let calls = 0;
  let spans = 0;
  for (let di = 0; di < o.days; di++) {
    const dayStart = fromLocal(y, m, d + di, 0, 0, o.timeZone);
    days.push(localDate(dayStart + H, o.timeZone));
    raw.transaction(() => {
      agentIds.forEach((agentId, a) => {
        const night = a % 3 === 2;
        // Ids in insertion order (day, agent, n), as UUIDv7 ids are: the primary keys append.
        const key = `${String(di).padStart(3, '0')}-${String(a).padStart(4, '0')}`;
        const shiftId = `m-sh-${key}`;
        const start = dayStart + (night ? 20 : 8) * H + rng.int(0, 10) * MIN;
        let t = start;
        let n = 0;
        const put = (status: string, reason: string | null, from: number, to: number) => {
          span.run(
            `m-s-${key}-${String(n++).padStart(3, '0')}`,
            agentId,
            shiftId,
            status,
            reason,
            from,
            to,
          );
          spans++;
        };
        // The shift row first (the state log and calls refer to it); its end is known at the end.
        const rows: (() => void)[] = [];
        for (let i = 0; i < o.callsPerDay; i++) {
          const gap = rng.int(20, 200) * S;
          rows.push(
            (
              (f, g) => () =>
                put('ready', null, f, f + g)
            )(t, gap),
          );
          t += gap;
          if (i === Math.floor(o.callsPerDay / 2)) {
            const meal = rng.int(20, 40) * MIN;
            rows.push(
              (
                (f) => () =>
                  put('break', 'meal', f, f + meal)
              )(t),
            );
            t += meal;
          }
          const id = `m-c-${key}-${String(i).padStart(3, '0')}`;
          const number = rng.chance(0.02)
            ? ''
            : `13${rng
                .int(0, o.numberPool - 1)
                .toString()
                .padStart(9, '0')}`;
          const roll = rng.next();
          calls++;
          if (roll < 0.03) {
            // Arrived while 示忙: refused (486), counted apart.
            const busy = rng.int(30, 120) * S;
            const at = t + rng.int(1, 20) * S;
            rows.push(
              (
                (f) => () =>
                  put('not_ready', 'paperwork', f, f + busy)
              )(t),
            );
            rows.push(() =>
              call.run(
                id,
                agentId,
                shiftId,
                'inbound',
                number,
                at,
                null,
                at,
                'refused_not_ready',
                'system',
                null,
                null,
              ),
            );
            t += busy;
            continue;
          }
          const outbound = roll > 0.95;
          const ring = outbound ? 0 : roll < 0.11 ? 15 * S : rng.int(3, 14) * S;
          const offered = t;
          if (!outbound)
            rows.push(
              (
                (f) => () =>
                  put('ringing', null, f, f + ring)
              )(t),
            );
          t += ring;
          if (!outbound && roll < 0.15) {
            const cause = roll < 0.11 ? 'ring_timeout' : 'remote_cancel';
            rows.push(() =>
              call.run(
                id,
                agentId,
                shiftId,
                'inbound',
                number,
                offered,
                null,
                t,
                cause,
                cause === 'ring_timeout' ? 'system' : 'remote',
                null,
                null,
              ),
            );
            continue;
          }
          const answered = t;
          const talk = rng.int(30, 300) * S;
          const held = rng.chance(0.15) ? rng.int(10, 60) * S : 0;
          const ended = answered + talk + held;
          const acw = rng.chance(0.9) ? rng.int(5, 90) * S : 0;
          rows.push(
            (
              (f, to) => () =>
                put('in_call', null, f, to)
            )(answered, ended),
          );
          if (acw > 0)
            rows.push(
              (
                (f) => () =>
                  put('after_call_work', null, f, f + acw)
              )(ended),
            );
          rows.push(() => {
            call.run(
              id,
              agentId,
              shiftId,
              outbound ? 'outbound' : 'inbound',
              number,
              offered,
              answered,
              ended,
              rng.chance(0.5) ? 'remote_hangup' : 'agent_hangup',
              'remote',
              ended + acw,
              rng.pick(dispositions),
            );
            if (held > 0) hold.run(id, 'agent', answered + 20 * S, answered + 20 * S + held);
            if (held > 0 && rng.chance(0.1))
              hold.run(id, 'remote', answered + 5 * S, answered + 8 * S);
          });
          t = ended + acw;
        }
        shift.run(shiftId, agentId, start, t);
        for (const r of rows) r();
      });
    })();
    o.onDay?.(di, calls + spans);
  }
  return { agentIds, leadNo: '7999', days, calls, spans };
}

/**
 * The straightforward computation: each agent's figures over [from, to) straight from the raw
 * calls, hold segments and state log, through `agentFigures` (the bench's baseline and the tests'
 * truth).
 */
export function rawFigures(
  raw: Database.Database,
  agentIds: readonly string[],
  window: { from: number; to: number; now: number },
) {
  const { from, to, now } = window;
  const rawCalls = raw.prepare(
    `SELECT c.*, COALESCE((SELECT SUM(ended_at - started_at) FROM call_hold_segments h
       WHERE h.call_id = c.id AND h.side = 'agent'), 0) AS hold_ms
     FROM calls c WHERE agent_id = ? AND offered_at >= ? AND offered_at < ?`,
  );
  const rawSpans = raw.prepare(
    `SELECT status, started_at, ended_at FROM agent_state_log
     WHERE agent_id = ? AND started_at < ? AND COALESCE(ended_at, ?) > ?`,
  );
  // Every incoming call up to 7 days after the window, by number (each agent is given those of
  // its own callers: agentFigures compares each call with each of them).
  const laterByNumber = new Map<string, { id: string; number: string; offeredAt: number }[]>();
  for (const r of raw
    .prepare(
      `SELECT id, remote_number AS number, offered_at FROM calls
       WHERE direction = 'inbound' AND offered_at >= ? AND offered_at <= ?`,
    )
    .all(from, to + 7 * DAY) as { id: string; number: string; offered_at: number }[]) {
    const list = laterByNumber.get(r.number) ?? [];
    list.push({ id: r.id, number: r.number, offeredAt: r.offered_at });
    laterByNumber.set(r.number, list);
  }
  const fact = (r: Record<string, unknown>): CallFact => ({
    id: r['id'] as string,
    direction: r['direction'] as CallFact['direction'],
    number: r['remote_number'] as string,
    offeredAt: r['offered_at'] as number,
    answeredAt: r['answered_at'] as number | null,
    endedAt: r['ended_at'] as number | null,
    endCause: r['end_cause'] as string | null,
    holdMs: r['hold_ms'] as number,
    acwMs:
      r['acw_ended_at'] === null ? null : (r['acw_ended_at'] as number) - (r['ended_at'] as number),
    refused: r['end_cause'] === 'refused_not_ready',
  });
  return agentIds.map((a) => {
    const calls = (rawCalls.all(a, from, to) as Record<string, unknown>[]).map(fact);
    const spans = (
      rawSpans.all(a, to, now, from) as {
        status: StateSpan['status'];
        started_at: number;
        ended_at: number | null;
      }[]
    ).map((s) => ({ status: s.status, from: s.started_at, to: s.ended_at }));
    const numbers = new Set(calls.map((c) => c.number));
    const laterInbound = [...numbers].flatMap((n) => laterByNumber.get(n) ?? []);
    return agentFigures(calls, spans, window, laterInbound);
  });
}

class FixedClock implements Clock {
  constructor(public t: number) {}
  now(): number {
    return this.t;
  }
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

export async function benchMetrics(figures: Figure[]): Promise<unknown> {
  // Loaded here, not at the top: the tests import this file's seeder, and ./index runs the bench.
  const { percentiles, time } = await import('./index');
  const agents = arg('--metrics-agents', 200);
  const days = arg('--metrics-days', 365);
  const timeZone = 'Asia/Shanghai';
  const firstDay = '2025-12-01';
  const [fy, fm, fd] = firstDay.split('-').map(Number) as [number, number, number];
  // "Now" is the last seeded day's end: the panels read the whole year behind it.
  const clock = new FixedClock(fromLocal(fy, fm, fd + days, 6, 30, timeZone));
  const dir = mkdtempSync(join(tmpdir(), 'bench-metrics-'));
  const desk = createDesk({
    dataDir: dir,
    host: 'web',
    appVersion: 'bench',
    clock,
    logger: new MemoryLogger(),
    trackingSource: null,
  });
  try {
    const raw = desk.db.raw;
    raw.pragma('cache_size = -262144'); // as the seed command does for bulk loads
    // A bulk load sets the metrics triggers aside and marks the whole history once after it
    // (as migration 0016 does for the history it finds); the first read folds it in.
    const triggers = raw
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'metric_%'",
      )
      .all() as { name: string; sql: string }[];
    for (const t of triggers) raw.exec(`DROP TRIGGER ${t.name}`);
    // And the secondary indexes of the loaded tables, built again after the load (a sorted
    // build instead of 36 M random inserts); the schema is the same when the reads start.
    const indexes = raw
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN ('calls', 'agent_state_log', 'shifts', 'call_hold_segments')`,
      )
      .all() as { name: string; sql: string }[];
    for (const x of indexes) raw.exec(`DROP INDEX ${x.name}`);
    raw.pragma('synchronous = OFF'); // a bench file: a power cut only loses the bench
    const t0 = performance.now();
    let lastPrint = t0;
    const seeded = seedMetricsData(desk.db.raw, {
      agents,
      days,
      callsPerDay: 100,
      firstDay,
      timeZone,
      seed: 16,
      numberPool: 2_000_000,
      onDay: (day, rows) => {
        const now = performance.now();
        if (now - lastPrint > 10_000 || day === days - 1) {
          lastPrint = now;
          const rate = rows / ((now - t0) / 1000);
          process.stdout.write(
            `  metrics seeding: day ${day + 1}/${days}, ${rows} rows, ${Math.round(rate)} rows/s, ETA ${Math.round(((days - day - 1) * (now - t0)) / (day + 1) / 1000)} s\n`,
          );
        }
      },
    });
    const seedMs = performance.now() - t0;
    const rows = seeded.calls + seeded.spans;
    process.stdout.write(
      `  metrics seeding: ${seeded.calls} calls + ${seeded.spans} state spans in ${(seedMs / 1000).toFixed(1)} s (${Math.round(rows / (seedMs / 1000))} rows/s)\n`,
    );
    const ti = performance.now();
    for (const x of indexes) raw.exec(x.sql);
    raw.pragma('synchronous = FULL');
    process.stdout.write(
      `  indexes built again: ${indexes.length} in ${((performance.now() - ti) / 1000).toFixed(1)} s\n`,
    );
    for (const t of triggers) raw.exec(t.sql);
    raw.exec(markAllHistory);
    raw.pragma('cache_size = -2000'); // back to SQLite's default for the reads
    const metrics = desk.metrics.metrics;
    const t1 = performance.now();
    const built = metrics.days.refresh();
    const buildMs = performance.now() - t1;
    process.stdout.write(
      `  agent-day sums built: ${built} agent-days in ${(buildMs / 1000).toFixed(1)} s\n`,
    );

    const rng = new Rng(7);
    const pick = () => ({
      agent: seeded.agentIds[rng.int(0, seeded.agentIds.length - 1)]!,
      day: seeded.days[rng.int(0, seeded.days.length - 1)]!,
    });
    const samples = Array.from({ length: 500 }, pick);
    const panel = await time(samples.length, (i) =>
      metrics.agentRange(samples[i]!.agent, samples[i]!.day, samples[i]!.day),
    );
    // Baseline: no stored sums — each request reads the raw records of its window (the same SQL
    // and sums the stored days are built with).
    const naive = (agentIds: string[], from: number, to: number) =>
      agentIds.map((a) => metrics.days.sumsFromRaw(a, [from, to], clock.t));
    const dayBounds = (day: string) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      return [fromLocal(y, m, d, 0, 0, timeZone), fromLocal(y, m, d + 1, 0, 0, timeZone)] as const;
    };
    const naivePanel = await time(30, (i) => {
      const [from, to] = dayBounds(samples[i]!.day);
      return naive([samples[i]!.agent], from, to);
    });
    figures.push({
      name: `metrics: agent-day panel figures (${agents} agents × ${days} days, ${seeded.calls} calls)`,
      unit: 'ms',
      ...percentiles(panel),
      budget: '≤ 10 ms p95 (issue #16; DESIGN §5: ≤ 50 ms)',
      baselineName: 'computed from the raw calls and state log on each request',
      baselineP95: percentiles(naivePanel).p95,
    });

    // The team-month table: every agent × 30 days, through the lead's request.
    await desk.session.signIn(seeded.leadNo, 'pass1234');
    const lastDay = seeded.days.at(-1)!;
    const month = seeded.days.slice(-30);
    const monthFrom = month[0]!;
    const team = await time(40, async () => {
      const out = await desk.dispatcher.dispatch('metrics.team', {
        fromDay: monthFrom,
        toDay: lastDay,
      });
      if (!out.ok) throw new Error(out.error.message);
    });
    const naiveTeam = await time(1, () =>
      naive(seeded.agentIds, dayBounds(monthFrom)[0], dayBounds(lastDay)[1]),
    );
    figures.push({
      name: `metrics: team-month table through the contract (${agents} agents × 30 days)`,
      unit: 'ms',
      ...percentiles(team),
      budget: '≤ 50 ms p95 (issue #16; DESIGN §5: ≤ 300 ms)',
      baselineName: 'computed from the raw records on each request',
      baselineP95: percentiles(naiveTeam).p95,
    });

    // A late change (ACW finished, disposition corrected) then the next read: the refresh cost.
    const lateIds = (
      desk.db.raw
        .prepare(`SELECT id FROM calls WHERE answered_at IS NOT NULL ORDER BY random() LIMIT 200`)
        .all() as { id: string }[]
    ).map((r) => r.id);
    const fix = desk.db.raw.prepare(
      `UPDATE calls SET acw_ended_at = acw_ended_at + 1000, disposition = 'other' WHERE id = ?`,
    );
    const callDay = desk.db.raw.prepare('SELECT agent_id, offered_at FROM calls WHERE id = ?');
    const late: number[] = [];
    for (const id of lateIds) {
      fix.run(id); // the write is the softphone's; the read after it is timed
      const c = callDay.get(id) as { agent_id: string; offered_at: number };
      const d = localDate(c.offered_at, timeZone);
      late.push(...(await time(1, () => metrics.agentRange(c.agent_id, d, d))));
    }
    figures.push({
      name: 'metrics: a late change to a past call, then the next agent-day read',
      unit: 'ms',
      ...percentiles(late),
      budget: '≤ 10 ms p95 (recomputes the changed agent-day from raw)',
    });
    return { agents, days, calls: seeded.calls, spans: seeded.spans, seedMs, buildMs, built };
  } finally {
    desk.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
