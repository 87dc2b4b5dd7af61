/**
 * The per-agent-day sums (metric_agent_days) and the raw-record reader behind them. Writes to the
 * tables metrics read leave a mark in metric_dirty (triggers of migration 0016, in the writer's
 * own transaction); `refresh()` recomputes exactly the agent-days those marks touch, from the raw
 * records, before any figure is read — so a late change is never served stale.
 */
import { fromLocal, localDate } from '@shared/common/calendar';
import type { CallFact } from '@shared/metrics/agent';
import type { MetricSums } from '@shared/metrics/sums';
import { addCall, addSpan, emptySums } from '@shared/metrics/sums';
import type { Db } from '../../platform/db/database';
import type { MetricsRepo, RawCallRow } from './metrics-repo';

const QUARTER = 900_000;
const DAY_MS = 86_400_000;

/** 'YYYY-MM-DD' + n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function dayStart(day: string, timeZone: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return fromLocal(y, m, d, 0, 0, timeZone);
}

export function daysBetween(fromDay: string, toDay: string): string[] {
  const out: string[] = [];
  for (let d = fromDay; d <= toDay; d = addDays(d, 1)) out.push(d);
  return out;
}

export function callFact(r: RawCallRow): CallFact {
  return {
    id: r.id,
    direction: r.direction,
    number: r.number,
    offeredAt: r.offered_at,
    answeredAt: r.answered_at,
    endedAt: r.ended_at,
    endCause: r.end_cause,
    holdMs: r.hold_ms,
    acwMs:
      r.acw_ended_at === null || r.ended_at === null
        ? null
        : Math.max(0, r.acw_ended_at - r.ended_at),
    refused: r.end_cause === 'refused_not_ready',
  };
}

/** Index of the window [bounds[i], bounds[i+1]) holding t, or -1. */
function windowOf(bounds: readonly number[], t: number): number {
  let lo = 0;
  let hi = bounds.length - 1;
  if (t < bounds[0]! || t >= bounds[hi]!) return -1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (bounds[mid]! <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

export class AgentDays {
  constructor(
    private readonly db: Db,
    private readonly repo: MetricsRepo,
    private readonly timeZone: string,
  ) {}

  /**
   * The sums of each consecutive window [bounds[i], bounds[i+1]) of one agent, straight from the
   * raw records. `now`: open state spans count up to it; null leaves them out (the stored days
   * hold closed spans only; the open one is added when read).
   */
  sumsFromRaw(agent: string, bounds: readonly number[], now: number | null): MetricSums[] {
    const from = bounds[0]!;
    const to = bounds.at(-1)!;
    const out = bounds.slice(1).map(() => emptySums());
    for (const r of this.repo.calls(agent, from, to)) {
      const i = windowOf(bounds, r.offered_at);
      if (i >= 0) addCall(out[i]!, callFact(r), r.repeated === 1);
    }
    for (const r of this.repo.spans(agent, from, to)) {
      if (r.ended_at === null && now === null) continue;
      const span = { status: r.status, from: r.started_at, to: r.ended_at };
      const first = Math.max(0, windowOf(bounds, Math.max(r.started_at, from)));
      for (let i = first; i < out.length && bounds[i]! < (r.ended_at ?? now ?? 0); i++) {
        addSpan(out[i]!, span, { from: bounds[i]!, to: bounds[i + 1]!, now: now ?? Infinity });
      }
    }
    const days = {
      fromDay: localDate(from - DAY_MS, this.timeZone),
      toDay: localDate(to + DAY_MS, this.timeZone),
    };
    for (const o of this.repo.orders(agent, from, to, days)) {
      const s = out[windowOf(bounds, o.created_at)];
      if (!s) continue;
      s.orders++;
      if (o.clean) s.ordersClean++;
      if (o.eligible) {
        s.offerEligible++;
        if (o.outcome === 'accepted' || o.outcome === 'declined') s.offerAnswered++;
        if (o.outcome === 'accepted') s.offerAccepted++;
      }
    }
    for (const k of this.repo.checkpoints(agent, from, to)) {
      const s = out[windowOf(bounds, k.offered_at)];
      if (!s) continue;
      s.checkpointsRequired++;
      if (k.met) s.checkpointsMet++;
    }
    return out;
  }

  /** Recomputes the stored days of one agent from `fromDay` to `toDay` (inclusive). */
  rebuild(agent: string, fromDay: string, toDay: string): void {
    const days = daysBetween(fromDay, toDay);
    const bounds = [...days, addDays(toDay, 1)].map((d) => dayStart(d, this.timeZone));
    const sums = this.sumsFromRaw(agent, bounds, null);
    days.forEach((d, i) => this.repo.putDay(agent, d, sums[i]!));
  }

  /** Recomputes every agent-day a write has marked since the last refresh. */
  refresh(): number {
    let rebuilt = 0;
    // A day starts on a quarter hour in every time zone: one look-up per quarter.
    const quarterDays = new Map<number, string>();
    const dayOfQuarter = (q: number) => {
      let d = quarterDays.get(q);
      if (d === undefined) {
        d = localDate(q * QUARTER, this.timeZone);
        quarterDays.set(q, d);
      }
      return d;
    };
    for (const agent of this.repo.dirtyAgents()) {
      this.db.transaction(() => {
        const days = new Set<string>();
        for (const r of this.repo.dirtyOf(agent)) {
          const first = dayOfQuarter(r.from_q);
          const last = dayOfQuarter(r.to_q);
          for (let d = first; d <= last; d = addDays(d, 1)) days.add(d);
        }
        // Contiguous runs of days: one read of the raw records each.
        const sorted = [...days].sort();
        let start = 0;
        for (let i = 1; i <= sorted.length; i++) {
          if (i === sorted.length || sorted[i] !== addDays(sorted[i - 1]!, 1)) {
            this.rebuild(agent, sorted[start]!, sorted[i - 1]!);
            start = i;
          }
        }
        rebuilt += sorted.length;
        this.repo.clearDirty(agent);
      });
    }
    return rebuilt;
  }
}
