import { describe, expect, it } from 'vitest';
import type { CallFact, StateSpan } from '@shared/metrics/agent';
import { agentFigures, talkMs } from '@shared/metrics/agent';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const day = Date.UTC(2026, 11, 1, 16); // 2026-12-02 00:00 Asia/Shanghai
const window = { from: day, to: day + 24 * H, now: day + 24 * H };

const call = (over: Partial<CallFact> & { id: string }): CallFact => ({
  direction: 'inbound',
  number: '13800138000',
  offeredAt: day + 9 * H,
  answeredAt: day + 9 * H + 10 * S,
  endedAt: day + 9 * H + 10 * S + 2 * M,
  endCause: 'remote_hangup',
  holdMs: 0,
  acwMs: 30 * S,
  refused: false,
  ...over,
});

describe('agent figures, by hand', () => {
  it('no calls, no states: counts are zero, every ratio and average is null (no data)', () => {
    const f = agentFigures([], [], window);
    expect(f).toMatchObject({
      offered: 0,
      handled: 0,
      averageTalkMs: null,
      ahtMs: null,
      answerRate: null,
      callsPerWorkingHour: null,
      occupancy: null,
      fcr: null,
      withinStandard: null,
    });
  });

  it('a small day: offered, answered, RONA, abandoned while ringing, refused; talk, hold, ACW, AHT', () => {
    const calls: CallFact[] = [
      // 2 min connected, 30 s hold → talk 90 s; ACW 30 s; handling 150 s.
      call({ id: 'a', holdMs: 30 * S }),
      // 4 min connected, no hold, ACW 60 s; handling 300 s (over the 3-minute standard).
      call({
        id: 'b',
        number: '13900139000',
        offeredAt: day + 10 * H,
        answeredAt: day + 10 * H + 5 * S,
        endedAt: day + 10 * H + 5 * S + 4 * M,
        acwMs: 60 * S,
      }),
      // Rang out (RONA), and one the caller gave up while it rang: no talk, not handled.
      call({
        id: 'c',
        answeredAt: null,
        endedAt: day + 11 * H,
        endCause: 'ring_timeout',
        acwMs: null,
      }),
      call({
        id: 'd',
        answeredAt: null,
        endedAt: day + 11 * H,
        endCause: 'remote_cancel',
        acwMs: null,
      }),
      // Refused while 示忙: not offered.
      call({
        id: 'e',
        answeredAt: null,
        endedAt: null,
        endCause: null,
        refused: true,
        acwMs: null,
      }),
      // An outgoing call, connected 60 s, no ACW: handled, not offered.
      call({
        id: 'f',
        direction: 'outbound',
        number: '13700137000',
        offeredAt: day + 12 * H,
        answeredAt: day + 12 * H + 8 * S,
        endedAt: day + 12 * H + 68 * S,
        acwMs: null,
      }),
      // Yesterday's call: outside the window.
      call({ id: 'g', offeredAt: day - H }),
    ];
    const f = agentFigures(calls, [], window);
    expect(f).toMatchObject({
      offered: 4,
      answered: 2,
      missed: 1,
      abandonedRinging: 1,
      refused: 1,
      handled: 3,
    });
    expect(f.averageTalkMs).toBe((90 * S + 240 * S + 60 * S) / 3);
    expect(f.averageHoldMs).toBe(30 * S); // only call a had hold
    expect(f.averageAcwMs).toBe((30 * S + 60 * S) / 2); // f had none
    expect(f.ahtMs).toBe((150 * S + 300 * S + 60 * S) / 3);
    expect(f.answerRate).toBe(2 / 4);
    expect(f.withinStandard).toBe(2 / 3); // a (150 s) and f (60 s)
  });

  it('a call with no talk has talk 0 and is not in the talk average', () => {
    expect(talkMs(call({ id: 'x', answeredAt: null }))).toBe(0);
    const zero = call({ id: 'z', endedAt: day + 9 * H + 10 * S }); // answered and ended at once
    const f = agentFigures([zero, call({ id: 'y' })], [], window);
    expect(f.averageTalkMs).toBe(2 * M);
  });

  it('states clipped to the window — one spanning midnight counts only its part; occupancy', () => {
    const spans: StateSpan[] = [
      { status: 'ready', from: day - 30 * M, to: day + 30 * M }, // 30 min of it today
      { status: 'in_call', from: day + 30 * M, to: day + 50 * M },
      { status: 'after_call_work', from: day + 50 * M, to: day + 60 * M },
      { status: 'break', from: day + 60 * M, to: day + 75 * M },
      { status: 'ready', from: day + 23 * H + 30 * M, to: day + 24 * H + 30 * M }, // into tomorrow
    ];
    const f = agentFigures([], spans, window);
    expect(f.stateMs).toMatchObject({
      ready: 30 * M + 30 * M,
      in_call: 20 * M,
      after_call_work: 10 * M,
      break: 15 * M,
    });
    expect(f.occupancy).toBe((20 + 10) / (20 + 10 + 60));
    // Working hours = ready + ringing + in_call + ACW = 90 min; no calls handled → 0 per hour.
    expect(f.callsPerWorkingHour).toBe(0);
    // While the day is still running, a state not yet left counts up to now.
    const midday = agentFigures([], [{ status: 'ready', from: day + 9 * H, to: null }], {
      ...window,
      now: day + 12 * H,
    });
    expect(midday.stateMs.ready).toBe(3 * H);
  });

  it('FCR proxy: a repeat call from the same number within 7 days undoes first-contact resolution', () => {
    const a = call({ id: 'a' });
    const b = call({
      id: 'b',
      number: '13900139000',
      offeredAt: day + 10 * H,
      answeredAt: day + 10 * H + 5 * S,
    });
    const withheld = call({ id: 'w', number: '', offeredAt: day + 11 * H });
    const later = [
      { id: 'r1', number: '13800138000', offeredAt: day + 6 * 24 * H }, // within 7 days of a
      { id: 'r2', number: '13900139000', offeredAt: day + 8 * 24 * H }, // after 7 days of b
    ];
    const f = agentFigures([a, b, withheld], [], window, later);
    expect(f.fcr).toBe(1 / 2); // withheld numbers are not counted either way
  });
});
