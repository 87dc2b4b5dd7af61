/**
 * Additive sums behind the figures of `agent.ts`: what the core keeps per agent per local day
 * (and adds up over any run of days, or over a team) so a panel never rescans the raw records.
 * `figuresFromSums(sumsOf(…))` equals `agentFigures(…)` exactly (every sum is an integer of ms or
 * a count, so a mean is the same division either way) — `test/shared/metrics/sums.test.ts`.
 *
 * Beyond the desk's own call records and state log, the sums carry what other domains record per
 * call or order (their figures are null while their source holds nothing for the window):
 * - orders taken (工单) and order accuracy = orders never amended and not refused by the order
 *   system ÷ orders taken;
 * - 保价 offer rate = eligible orders whose offer was answered (accepted or declined) ÷ orders
 *   eligible for the offer; take-up = accepted ÷ eligible (DOMAIN §2);
 * - script compliance = required checklist items met ÷ required items, over the calls' scripts.
 */
import type { AgentFigures, CallFact, StateSpan, StateStatus } from './agent';
import { standardHandlingMs, talkMs } from './agent';

export const stateStatuses = [
  'offline',
  'ready',
  'not_ready',
  'break',
  'ringing',
  'in_call',
  'after_call_work',
] as const satisfies readonly StateStatus[];

export interface MetricSums {
  offered: number;
  answered: number;
  missed: number;
  abandonedRinging: number;
  refused: number;
  handled: number;
  talkSum: number;
  talkN: number;
  holdSum: number;
  holdN: number;
  acwSum: number;
  acwN: number;
  handlingSum: number;
  withinStandard: number;
  fcrKnown: number;
  fcrFirst: number;
  stateMs: Record<StateStatus, number>;
  orders: number;
  ordersClean: number;
  offerEligible: number;
  offerAnswered: number;
  offerAccepted: number;
  checkpointsRequired: number;
  checkpointsMet: number;
}

export const emptyStateMs = (): Record<StateStatus, number> => ({
  offline: 0,
  ready: 0,
  not_ready: 0,
  break: 0,
  ringing: 0,
  in_call: 0,
  after_call_work: 0,
});

export function emptySums(): MetricSums {
  return {
    offered: 0,
    answered: 0,
    missed: 0,
    abandonedRinging: 0,
    refused: 0,
    handled: 0,
    talkSum: 0,
    talkN: 0,
    holdSum: 0,
    holdN: 0,
    acwSum: 0,
    acwN: 0,
    handlingSum: 0,
    withinStandard: 0,
    fcrKnown: 0,
    fcrFirst: 0,
    stateMs: emptyStateMs(),
    orders: 0,
    ordersClean: 0,
    offerEligible: 0,
    offerAnswered: 0,
    offerAccepted: 0,
    checkpointsRequired: 0,
    checkpointsMet: 0,
  };
}

/** Adds one call (offered in the window) to the sums; `repeated`: the FCR proxy's repeat call. */
export function addCall(s: MetricSums, c: CallFact, repeated: boolean): void {
  if (c.direction === 'inbound') {
    if (c.refused) {
      s.refused++;
      return;
    }
    s.offered++;
    if (c.answeredAt !== null) {
      s.answered++;
      if (c.number !== '') {
        s.fcrKnown++;
        if (!repeated) s.fcrFirst++;
      }
    } else if (c.endCause === 'ring_timeout') s.missed++;
    else if (c.endCause === 'remote_cancel') s.abandonedRinging++;
  }
  if (c.refused || c.answeredAt === null) return;
  s.handled++;
  const talk = talkMs(c);
  const acw = c.acwMs ?? 0;
  const handling = talk + c.holdMs + acw;
  if (talk > 0) {
    s.talkSum += talk;
    s.talkN++;
  }
  if (c.holdMs > 0) {
    s.holdSum += c.holdMs;
    s.holdN++;
  }
  if (acw > 0) {
    s.acwSum += acw;
    s.acwN++;
  }
  s.handlingSum += handling;
  if (handling <= standardHandlingMs) s.withinStandard++;
}

/** Adds the part of a state span inside [from, to) (an open span runs up to `now`). */
export function addSpan(
  s: MetricSums,
  span: StateSpan,
  window: { from: number; to: number; now: number },
): void {
  const from = Math.max(span.from, window.from);
  const to = Math.min(span.to ?? window.now, window.to, window.now);
  if (to > from) s.stateMs[span.status] += to - from;
}

export function addSums(into: MetricSums, s: MetricSums): MetricSums {
  for (const k of Object.keys(s) as (keyof MetricSums)[]) {
    if (k === 'stateMs') {
      for (const st of stateStatuses) into.stateMs[st] += s.stateMs[st];
    } else into[k] += s[k];
  }
  return into;
}

/** The figures of DOMAIN §2 the sums hold (the same numbers `agentFigures` gives). */
export function figuresFromSums(s: MetricSums): AgentFigures {
  const st = s.stateMs;
  const working = st.ready + st.ringing + st.in_call + st.after_call_work;
  const busy = st.in_call + st.after_call_work;
  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  return {
    offered: s.offered,
    answered: s.answered,
    missed: s.missed,
    abandonedRinging: s.abandonedRinging,
    refused: s.refused,
    handled: s.handled,
    averageTalkMs: ratio(s.talkSum, s.talkN),
    averageHoldMs: ratio(s.holdSum, s.holdN),
    averageAcwMs: ratio(s.acwSum, s.acwN),
    ahtMs: ratio(s.handlingSum, s.handled),
    answerRate: ratio(s.answered, s.offered),
    callsPerWorkingHour: working > 0 ? s.handled / (working / 3_600_000) : null,
    occupancy: ratio(busy, busy + st.ready),
    stateMs: { ...st },
    fcr: ratio(s.fcrFirst, s.fcrKnown),
    withinStandard: ratio(s.withinStandard, s.handled),
  };
}
