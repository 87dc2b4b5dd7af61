import { afterEach, describe, expect, it } from 'vitest';
import { fromLocal } from '@shared/common/calendar';
import type { AgentFigures } from '@shared/metrics/agent';
import type { Figures } from '@shared/metrics/contract';
import { rawFigures, seedMetricsData } from '../../../../bench/metrics';
import { Rng } from '../../../../electron/dev/seed';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk } from '../../../helpers/desk';

const S = 1000;
const MIN = 60 * S;
const H = 60 * MIN;
const tz = 'Asia/Shanghai';
const dayStart = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return fromLocal(y, m, d, 0, 0, tz);
};
const nextDay = (day: string) => {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
};

/** The figures both computations have (the pure formulas' set). */
const core = (f: AgentFigures | Figures) => ({
  offered: f.offered,
  answered: f.answered,
  missed: f.missed,
  abandonedRinging: f.abandonedRinging,
  refused: f.refused,
  handled: f.handled,
  averageTalkMs: f.averageTalkMs,
  averageHoldMs: f.averageHoldMs,
  averageAcwMs: f.averageAcwMs,
  ahtMs: f.ahtMs,
  answerRate: f.answerRate,
  callsPerWorkingHour: f.callsPerWorkingHour,
  occupancy: f.occupancy,
  stateMs: f.stateMs,
  fcr: f.fcr,
  withinStandard: f.withinStandard,
});

describe('metrics: stored agent-day sums equal a recomputation from the raw records', () => {
  let desk: TestDesk;
  afterEach(() => desk?.cleanup());

  function seeded() {
    desk = createTestDesk();
    const data = seedMetricsData(desk.db.raw, {
      agents: 6,
      days: 12,
      callsPerDay: 40,
      firstDay: '2026-11-01',
      timeZone: tz,
      seed: 3,
      // A small pool of callers: many repeat calls within 7 days (the FCR proxy at work).
      numberPool: 60,
    });
    desk.clock.t = dayStart('2026-11-14') + 10 * H;
    return data;
  }
  const stored = (agent: string, day: string) =>
    core(desk.metrics.metrics.agentRange(agent, day, day));
  const truth = (agent: string, day: string) =>
    core(
      rawFigures(desk.db.raw, [agent], {
        from: dayStart(day),
        to: dayStart(nextDay(day)),
        now: desk.clock.now(),
      })[0]!,
    );

  it('a random sample of agent-days, and a week, match exactly', () => {
    const data = seeded();
    const rng = new Rng(99);
    for (let i = 0; i < 25; i++) {
      const agent = rng.pick(data.agentIds);
      const day = rng.pick(data.days);
      expect(stored(agent, day), `${agent} ${day}`).toEqual(truth(agent, day));
    }
    // Night shifts cross midnight: the day after has their spans and calls.
    const night = data.agentIds[2]!;
    expect(stored(night, '2026-11-02').stateMs.ready).toBeGreaterThan(0);
    const week = core(desk.metrics.metrics.agentRange(night, '2026-11-03', '2026-11-09'));
    const weekTruth = core(
      rawFigures(desk.db.raw, [night], {
        from: dayStart('2026-11-03'),
        to: dayStart('2026-11-10'),
        now: desk.clock.now(),
      })[0]!,
    );
    expect(week).toEqual(weekTruth);
    expect(week.fcr).not.toBeNull();
    expect(week.fcr!).toBeLessThan(1); // repeat callers exist in this data set
  });

  it('late changes: a call across midnight, ACW finished after midnight, a corrected disposition, a repeat call days later', () => {
    const data = seeded();
    const agent = data.agentIds[0]!; // a day shift: the evening is free
    const day = '2026-11-13'; // after the seeded days: nothing recorded later than now
    const after = nextDay(day);
    const mid = dayStart(after);
    const raw = desk.db.raw;
    const number = '13700000001';
    raw
      .prepare(
        `INSERT INTO shifts (id, agent_id, desk_id, started_at) VALUES ('late-sh', ?, 't', ?)`,
      )
      .run(agent, mid - 10 * MIN);
    const span = raw.prepare(
      `INSERT INTO agent_state_log (id, agent_id, shift_id, status, started_at, ended_at)
       VALUES (?, ?, 'late-sh', ?, ?, ?)`,
    );
    span.run('late-1', agent, 'ready', mid - 10 * MIN, mid - 2 * MIN);
    span.run('late-2', agent, 'ringing', mid - 2 * MIN, mid - 2 * MIN + 8 * S);
    span.run('late-3', agent, 'in_call', mid - 2 * MIN + 8 * S, null);
    raw
      .prepare(
        `INSERT INTO calls (id, agent_id, shift_id, direction, remote_number, offered_at, answered_at)
         VALUES ('late-call', ?, 'late-sh', 'inbound', ?, ?, ?)`,
      )
      .run(agent, number, mid - 2 * MIN, mid - 2 * MIN + 8 * S);
    // Read while the call is still on (its talk span open, counted up to now).
    desk.clock.t = mid + 1 * MIN;
    expect(stored(agent, day)).toEqual(truth(agent, day));
    expect(stored(agent, after)).toEqual(truth(agent, after));
    // The call ends after midnight; ACW runs on, then ends.
    raw
      .prepare(
        `UPDATE calls SET ended_at = ?, end_cause = 'remote_hangup', hung_up_by = 'remote' WHERE id = 'late-call'`,
      )
      .run(mid + 3 * MIN);
    raw.prepare(`UPDATE agent_state_log SET ended_at = ? WHERE id = 'late-3'`).run(mid + 3 * MIN);
    // The talk span's end is the only write that reaches the day after: it is folded in there.
    desk.clock.t = mid + 3 * MIN;
    expect(stored(agent, after)).toEqual(truth(agent, after));
    expect(stored(agent, after).stateMs.in_call).toBe(3 * MIN);
    expect(stored(agent, day)).toEqual(truth(agent, day));
    // ACW starts after midnight: the day after alone is recomputed, with the talk span that
    // began the day before.
    span.run('late-4', agent, 'after_call_work', mid + 3 * MIN, null);
    desk.clock.t = mid + 4 * MIN;
    expect(stored(agent, after)).toEqual(truth(agent, after));
    expect(stored(agent, day)).toEqual(truth(agent, day));
    const beforeAcw = stored(agent, day);
    raw
      .prepare(`UPDATE calls SET acw_ended_at = ?, disposition = 'tracking' WHERE id = 'late-call'`)
      .run(mid + 5 * MIN);
    raw.prepare(`UPDATE agent_state_log SET ended_at = ? WHERE id = 'late-4'`).run(mid + 5 * MIN);
    desk.clock.t = mid + 6 * MIN;
    const withAcw = stored(agent, day);
    expect(withAcw).toEqual(truth(agent, day));
    expect(withAcw.averageAcwMs).not.toEqual(beforeAcw.averageAcwMs); // the ACW counts on its call's day
    expect(stored(agent, after)).toEqual(truth(agent, after));
    expect(stored(agent, after).stateMs.after_call_work).toBe(2 * MIN);
    // The disposition corrected, and the ACW with it.
    raw
      .prepare(
        `UPDATE calls SET acw_ended_at = ?, disposition = 'complaint' WHERE id = 'late-call'`,
      )
      .run(mid + 4 * MIN);
    expect(stored(agent, day)).toEqual(truth(agent, day));
    // A hold segment recorded late (agent's side).
    raw
      .prepare(
        `INSERT INTO call_hold_segments (call_id, side, started_at, ended_at) VALUES ('late-call', 'agent', ?, ?)`,
      )
      .run(mid - MIN, mid - 30 * S);
    expect(stored(agent, day)).toEqual(truth(agent, day));
    // The same caller rings again three days later (another agent): not a first-contact resolution.
    const fcrBefore = stored(agent, day).fcr;
    raw
      .prepare(
        `INSERT INTO calls (id, agent_id, shift_id, direction, remote_number, offered_at, ended_at, end_cause)
         VALUES ('repeat', ?, NULL, 'inbound', ?, ?, ?, 'remote_cancel')`,
      )
      .run(data.agentIds[1], number, mid + 3 * 24 * H, mid + 3 * 24 * H + 5 * S);
    desk.clock.t = mid + 4 * 24 * H;
    const fcrAfter = stored(agent, day).fcr;
    expect(stored(agent, day)).toEqual(truth(agent, day));
    expect(fcrAfter).toBeLessThan(fcrBefore!);
  });
});
