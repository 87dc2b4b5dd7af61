/**
 * Queue-side figures come from the PBX, not from the desk (docs/DOMAIN.md §2): the PBX's queue log
 * in Asterisk's `queue_log` format — the de-facto standard of Asterisk-based PBXs (FreePBX,
 * Issabel, VitalPBX …). One event per line, `|`-separated:
 *
 *   epoch|callid|queue|agent|EVENT|data1|data2|data3|data4|data5
 *
 * Events read (the rest — AGENTLOGIN, ADDMEMBER, PAUSE, QUEUESTART, CONFIGRELOAD … — are counted as
 * ignored):
 *   ENTERQUEUE       the call entered the queue (the clock starts)
 *   CONNECT          answered by an agent; data1 = seconds waited in the queue
 *   ABANDON          the caller hung up; data3 = seconds waited
 *   EXITWITHTIMEOUT  left at the queue's timeout; data3 = seconds waited
 *   EXITWITHKEY      left by pressing a key; data4 = seconds waited
 *   EXITEMPTY        left because no agent was logged in; data3 = seconds waited
 *   RINGNOANSWER     an agent's phone rang out (RONA); data1 = ms rung — counted per agent
 * A line that is not such an event (too few fields, a bad time, a non-number where a number must
 * be) is reported with its line number; the rest of the file is still read.
 */

export type QueueOutcome = 'answered' | 'abandoned' | 'timeout' | 'exit_key' | 'exit_empty';

export interface QueueCall {
  callId: string;
  queue: string;
  enteredAt: number;
  outcome: QueueOutcome | null;
  /** Seconds in the queue before the outcome. */
  waitSeconds: number | null;
  /** The agent who answered (the log's agent field, e.g. "PJSIP/1001" or "1001"). */
  agent: string | null;
}

export interface QueueLogProblem {
  line: number;
  reason: 'too_few_fields' | 'bad_time' | 'bad_number' | 'line_too_long';
  text: string;
}

export interface ParsedQueueLog {
  calls: QueueCall[];
  /** Rang out unanswered, per agent. */
  ringNoAnswer: Map<string, number>;
  problems: QueueLogProblem[];
  linesRead: number;
  ignored: number;
}

const MAX_LINE = 2000;
/** Problems kept in the report (a file of garbage reports its first ones and a count). */
export const MAX_PROBLEMS = 200;

function int(text: string | undefined): number | null {
  if (text === undefined || !/^\d{1,10}$/.test(text.trim())) return null;
  return Number(text.trim());
}

export function parseQueueLog(text: string): ParsedQueueLog & { problemCount: number } {
  const calls = new Map<string, QueueCall>();
  const ringNoAnswer = new Map<string, number>();
  const problems: QueueLogProblem[] = [];
  let problemCount = 0;
  let ignored = 0;
  let linesRead = 0;
  const problem = (line: number, reason: QueueLogProblem['reason'], raw: string) => {
    problemCount++;
    if (problems.length < MAX_PROBLEMS) problems.push({ line, reason, text: raw.slice(0, 120) });
  };
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '') continue;
    linesRead++;
    const n = i + 1;
    if (raw.length > MAX_LINE) {
      problem(n, 'line_too_long', raw);
      continue;
    }
    const f = raw.split('|');
    if (f.length < 5) {
      problem(n, 'too_few_fields', raw);
      continue;
    }
    const epoch = int(f[0]);
    if (epoch === null || epoch < 946_684_800 || epoch > 4_102_444_800) {
      problem(n, 'bad_time', raw);
      continue;
    }
    const [, callId = '', queue = '', agent = '', event = ''] = f;
    const at = epoch * 1000;
    const wait = (field: number) => {
      const v = int(f[field]);
      if (v === null) problem(n, 'bad_number', raw);
      return v;
    };
    const finish = (outcome: QueueOutcome, seconds: number | null) => {
      if (seconds === null) return;
      const call = calls.get(callId) ?? {
        callId,
        queue,
        enteredAt: at - seconds * 1000,
        outcome: null,
        waitSeconds: null,
        agent: null,
      };
      call.outcome = outcome;
      call.waitSeconds = seconds;
      if (outcome === 'answered') call.agent = agent || null;
      calls.set(callId, call);
    };
    switch (event) {
      case 'ENTERQUEUE':
        if (!calls.has(callId)) {
          calls.set(callId, {
            callId,
            queue,
            enteredAt: at,
            outcome: null,
            waitSeconds: null,
            agent: null,
          });
        }
        break;
      case 'CONNECT':
        finish('answered', wait(5));
        break;
      case 'ABANDON':
        finish('abandoned', wait(7));
        break;
      case 'EXITWITHTIMEOUT':
        finish('timeout', wait(7));
        break;
      case 'EXITWITHKEY':
        finish('exit_key', wait(8));
        break;
      case 'EXITEMPTY':
        finish('exit_empty', wait(7));
        break;
      case 'RINGNOANSWER':
        if (agent) ringNoAnswer.set(agent, (ringNoAnswer.get(agent) ?? 0) + 1);
        break;
      default:
        ignored++;
    }
  }
  return { calls: [...calls.values()], ringNoAnswer, problems, problemCount, linesRead, ignored };
}

export interface QueueFigures {
  /** Calls that entered the queue and have an outcome in the log. */
  offered: number;
  answered: number;
  abandoned: number;
  /** Answered within `thresholdSeconds` ÷ offered (null without calls). */
  serviceLevel: number | null;
  thresholdSeconds: number;
  /** Abandoned ÷ offered. */
  abandonRate: number | null;
  /** Mean wait of the answered calls, seconds. */
  asaSeconds: number | null;
  longestWaitSeconds: number | null;
  /** Mean wait of the abandoned calls, seconds. */
  averageTimeToAbandonSeconds: number | null;
}

/** The queue figures of DOMAIN §2 over the calls that entered the queue in [from, to). */
export function queueFigures(
  calls: readonly QueueCall[],
  from: number,
  to: number,
  thresholdSeconds = 20,
): QueueFigures {
  const inWindow = calls.filter(
    (c) => c.outcome !== null && c.waitSeconds !== null && c.enteredAt >= from && c.enteredAt < to,
  );
  const answered = inWindow.filter((c) => c.outcome === 'answered');
  const abandoned = inWindow.filter((c) => c.outcome === 'abandoned');
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const offered = inWindow.length;
  return {
    offered,
    answered: answered.length,
    abandoned: abandoned.length,
    serviceLevel: offered
      ? answered.filter((c) => c.waitSeconds! <= thresholdSeconds).length / offered
      : null,
    thresholdSeconds,
    abandonRate: offered ? abandoned.length / offered : null,
    asaSeconds: mean(answered.map((c) => c.waitSeconds!)),
    longestWaitSeconds: offered ? Math.max(...inWindow.map((c) => c.waitSeconds!)) : null,
    averageTimeToAbandonSeconds: mean(abandoned.map((c) => c.waitSeconds!)),
  };
}
