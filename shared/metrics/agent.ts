/**
 * Per-agent figures, each exactly as docs/DOMAIN.md §2 defines it, over a window [from, to) of the
 * agent's call records and state log. Pure: the core feeds it from the database, tests from
 * hand-made records. A figure whose denominator is zero is null ("no data"), never 0.
 *
 * Definitions (one line each; the panel shows them on hover — `metricDefinitions`):
 * - offered: incoming calls that rang at this agent in the window (refused ones apart);
 * - answered; missed (RONA): rang out unanswered at the ring timeout; abandoned while ringing: the
 *   caller hung up first; refused: arrived while not 示闲 (486);
 * - talk = connected time minus the agent's hold; average talk / hold / ACW over the calls that had
 *   any; AHT = (talk + hold + ACW) ÷ calls handled (answered incoming + connected outgoing);
 * - answer rate = answered ÷ offered;
 * - calls per working hour = calls handled ÷ hours in 示闲, 振铃, 通话 and 话后;
 * - occupancy = (通话 + 话后) ÷ (通话 + 话后 + 示闲), from the state log;
 * - FCR (proxy) = answered incoming calls from a known number with no other incoming call from that
 *   number within the next 7 days ÷ answered incoming calls from a known number;
 * - within standard = calls handled in ≤ 3 minutes (talk + hold + ACW; ZJS work standard) ÷ handled.
 */

export interface CallFact {
  id: string;
  direction: 'inbound' | 'outbound';
  /** The normalised number ('' withheld). */
  number: string;
  offeredAt: number;
  answeredAt: number | null;
  endedAt: number | null;
  endCause: string | null;
  /** The agent's own hold, ms. */
  holdMs: number;
  /** After-call work, ms (null: none). */
  acwMs: number | null;
  /** Refused because the agent was not 示闲. */
  refused: boolean;
}

export type StateStatus =
  'offline' | 'ready' | 'not_ready' | 'break' | 'ringing' | 'in_call' | 'after_call_work';

export interface StateSpan {
  status: StateStatus;
  from: number;
  /** null: still in it (counted up to `now`). */
  to: number | null;
}

export interface AgentFigures {
  offered: number;
  answered: number;
  missed: number;
  abandonedRinging: number;
  refused: number;
  handled: number;
  averageTalkMs: number | null;
  averageHoldMs: number | null;
  averageAcwMs: number | null;
  ahtMs: number | null;
  answerRate: number | null;
  callsPerWorkingHour: number | null;
  occupancy: number | null;
  stateMs: Record<StateStatus, number>;
  fcr: number | null;
  withinStandard: number | null;
}

export const standardHandlingMs = 3 * 60_000;
const DAY = 86_400_000;

const mean = (xs: readonly number[]) =>
  xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;

/** Talk time of a connected call: connected minus the agent's hold (0 if never connected). */
export function talkMs(c: CallFact): number {
  if (c.answeredAt === null || c.endedAt === null) return 0;
  return Math.max(0, c.endedAt - c.answeredAt - c.holdMs);
}

/**
 * @param calls the agent's calls offered in the window
 * @param spans the agent's state log overlapping the window (clipped here)
 * @param laterInbound incoming calls (anyone's) in the 7 days after each call, for the FCR proxy
 */
export function agentFigures(
  calls: readonly CallFact[],
  spans: readonly StateSpan[],
  window: { from: number; to: number; now: number },
  laterInbound: readonly Pick<CallFact, 'id' | 'number' | 'offeredAt'>[] = [],
): AgentFigures {
  const inWindow = calls.filter((c) => c.offeredAt >= window.from && c.offeredAt < window.to);
  const inbound = inWindow.filter((c) => c.direction === 'inbound');
  const refused = inbound.filter((c) => c.refused);
  const offered = inbound.filter((c) => !c.refused);
  const answered = offered.filter((c) => c.answeredAt !== null);
  const missed = offered.filter((c) => c.answeredAt === null && c.endCause === 'ring_timeout');
  const abandonedRinging = offered.filter(
    (c) => c.answeredAt === null && c.endCause === 'remote_cancel',
  );
  const handled = inWindow.filter((c) => !c.refused && c.answeredAt !== null);
  const handling = (c: CallFact) => talkMs(c) + c.holdMs + (c.acwMs ?? 0);

  const stateMs: Record<StateStatus, number> = {
    offline: 0,
    ready: 0,
    not_ready: 0,
    break: 0,
    ringing: 0,
    in_call: 0,
    after_call_work: 0,
  };
  for (const s of spans) {
    const from = Math.max(s.from, window.from);
    const to = Math.min(s.to ?? window.now, window.to, window.now);
    if (to > from) stateMs[s.status] += to - from;
  }
  const working = stateMs.ready + stateMs.ringing + stateMs.in_call + stateMs.after_call_work;
  const busy = stateMs.in_call + stateMs.after_call_work;

  const known = answered.filter((c) => c.number !== '');
  const repeated = (c: CallFact) =>
    [...calls, ...laterInbound].some(
      (o) =>
        o.id !== c.id &&
        o.number === c.number &&
        o.offeredAt > c.offeredAt &&
        o.offeredAt <= c.offeredAt + 7 * DAY &&
        ('direction' in o ? o.direction === 'inbound' : true),
    );

  return {
    offered: offered.length,
    answered: answered.length,
    missed: missed.length,
    abandonedRinging: abandonedRinging.length,
    refused: refused.length,
    handled: handled.length,
    averageTalkMs: mean(handled.map(talkMs).filter((t) => t > 0)),
    averageHoldMs: mean(handled.map((c) => c.holdMs).filter((h) => h > 0)),
    averageAcwMs: mean(handled.map((c) => c.acwMs ?? 0).filter((a) => a > 0)),
    ahtMs: mean(handled.map(handling)),
    answerRate: offered.length ? answered.length / offered.length : null,
    callsPerWorkingHour: working > 0 ? handled.length / (working / 3_600_000) : null,
    occupancy: busy + stateMs.ready > 0 ? busy / (busy + stateMs.ready) : null,
    stateMs,
    fcr: known.length ? known.filter((c) => !repeated(c)).length / known.length : null,
    withinStandard: handled.length
      ? handled.filter((c) => handling(c) <= standardHandlingMs).length / handled.length
      : null,
  };
}
