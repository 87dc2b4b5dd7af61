import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CallFact, StateSpan } from '@shared/metrics/agent';
import { agentFigures } from '@shared/metrics/agent';
import {
  addCall,
  addSpan,
  addSums,
  emptySums,
  figuresFromSums,
  stateStatuses,
} from '@shared/metrics/sums';

const H = 3_600_000;
const from = Date.UTC(2026, 11, 1, 16);
const window = { from, to: from + 24 * H, now: from + 30 * H };

const callArb = fc.record({
  id: fc.uuid(),
  direction: fc.constantFrom('inbound' as const, 'outbound' as const),
  number: fc.constantFrom('', '13800138000', '13900139000', '01087654321'),
  offeredAt: fc.integer({ min: from, max: from + 24 * H - 1 }),
  answered: fc.option(fc.integer({ min: 0, max: 60_000 })),
  talk: fc.integer({ min: 0, max: 600_000 }),
  holdMs: fc.constantFrom(0, 0, 15_000, 40_000),
  acwMs: fc.option(fc.constantFrom(0, 10_000, 45_000, 200_000)),
  endCause: fc.constantFrom('remote_hangup', 'ring_timeout', 'remote_cancel', 'refused_not_ready'),
});
function mk(c: {
  id: string;
  direction: 'inbound' | 'outbound';
  number: string;
  offeredAt: number;
  answered: number | null;
  talk: number;
  holdMs: number;
  acwMs: number | null;
  endCause: string;
}): CallFact {
  const refused = c.direction === 'inbound' && c.endCause === 'refused_not_ready';
  const answeredAt = refused || c.answered === null ? null : c.offeredAt + c.answered;
  return {
    id: c.id,
    direction: c.direction,
    number: c.number,
    offeredAt: c.offeredAt,
    answeredAt,
    endedAt: answeredAt === null ? c.offeredAt + 15_000 : answeredAt + c.talk + c.holdMs,
    endCause: answeredAt === null ? c.endCause : 'remote_hangup',
    holdMs: answeredAt === null ? 0 : c.holdMs,
    acwMs: answeredAt === null ? null : c.acwMs,
    refused,
  };
}
const spanArb = fc.record({
  status: fc.constantFrom(...stateStatuses),
  from: fc.integer({ min: from - 5 * H, max: from + 28 * H }),
  length: fc.option(fc.integer({ min: 0, max: 10 * H })),
});

describe('sums → figures equal agentFigures (exactly)', () => {
  it('for any calls and spans, and for a window split in two and added back', () => {
    fc.assert(
      fc.property(
        fc.array(callArb, { maxLength: 40 }),
        fc.array(spanArb, { maxLength: 20 }),
        (cs, ss) => {
          const calls = cs.map(mk);
          const spans: StateSpan[] = ss.map((s) => ({
            status: s.status,
            from: s.from,
            to: s.length === null ? null : s.from + s.length,
          }));
          // FCR repeats: the later calls of the same numbers in the window's calls themselves.
          const repeated = (c: CallFact) =>
            calls.some(
              (o) =>
                o.id !== c.id &&
                o.direction === 'inbound' &&
                o.number === c.number &&
                o.offeredAt > c.offeredAt &&
                o.offeredAt <= c.offeredAt + 7 * 24 * H,
            );
          const whole = emptySums();
          for (const c of calls) addCall(whole, c, repeated(c));
          for (const s of spans) addSpan(whole, s, window);
          expect(figuresFromSums(whole)).toEqual(agentFigures(calls, spans, window));
          // Two halves (as two stored days) add up to the whole.
          const mid = from + 11 * H;
          const halves = [
            { ...window, to: mid },
            { ...window, from: mid },
          ].map((w) => {
            const s = emptySums();
            for (const c of calls)
              if (c.offeredAt >= w.from && c.offeredAt < w.to) addCall(s, c, repeated(c));
            for (const sp of spans) addSpan(s, sp, w);
            return s;
          });
          expect(figuresFromSums(addSums(halves[0]!, halves[1]!))).toEqual(figuresFromSums(whole));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the 3-minute standard includes exactly 3 minutes (talk + hold + ACW)', () => {
    const s = emptySums();
    const at = from + H;
    const call = (id: string, acwMs: number): CallFact => ({
      id,
      direction: 'inbound',
      number: '13800138000',
      offeredAt: at,
      answeredAt: at,
      endedAt: at + 140_000,
      endCause: 'remote_hangup',
      holdMs: 20_000,
      acwMs,
      refused: false,
    });
    addCall(s, call('a', 60_000), false); // 120 + 20 + 60 = 200 s: over
    addCall(s, call('b', 60_000 - 20_000), false); // 120 + 20 + 40 = 180 s: within
    expect(figuresFromSums(s).withinStandard).toBe(0.5);
  });

  it('no calls, no states: every ratio and average null (no data), counts 0', () => {
    const f = figuresFromSums(emptySums());
    expect(f).toMatchObject({ handled: 0, ahtMs: null, occupancy: null, fcr: null });
  });
});
