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

/**
 * Reads a queue_log piece by piece, as its chunks arrive (a 20 MB file is never held or parsed in
 * one go): a line cut at a chunk's end is carried over to the next, so line numbers are those of
 * the whole file. `end()` reads the last line (one without a newline) and gives the result, the
 * same as `parseQueueLog` of the whole text.
 */
export class QueueLogReader {
  private readonly calls = new Map<string, QueueCall>();
  private readonly ringNoAnswer = new Map<string, number>();
  private readonly problems: QueueLogProblem[] = [];
  private problemCount = 0;
  private ignored = 0;
  private linesRead = 0;
  /** Lines completed so far (the next line's number is one more). */
  private lineNo = 0;
  /** The start of a line not yet ended, kept to MAX_LINE + 2 characters (enough to refuse it). */
  private carry = '';
  /** Whether the carried line had more than was kept, and whether that was more than blanks. */
  private carryCut = false;
  private carryCutText = false;
  private ended = false;

  /** Reads the complete lines of `text` (after what was carried over) and carries the rest. */
  push(text: string): void {
    if (this.ended) throw new Error('QueueLogReader: push after end');
    let start = 0;
    for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', start)) {
      let raw = this.carry + text.slice(start, nl);
      if (raw.endsWith('\r')) raw = raw.slice(0, -1);
      this.line(raw, this.carryCut, this.carryCutText);
      this.carry = '';
      this.carryCut = false;
      this.carryCutText = false;
      start = nl + 1;
    }
    if (start < text.length) {
      const rest = this.carry + text.slice(start);
      if (rest.length > MAX_LINE + 2) {
        const dropped = rest.slice(MAX_LINE + 2);
        this.carry = rest.slice(0, MAX_LINE + 2);
        this.carryCut = true;
        this.carryCutText ||= dropped.trim() !== '';
      } else {
        this.carry = rest;
      }
    }
  }

  /** Lines read so far (blank lines not counted), for the import's progress. */
  get linesSoFar(): number {
    return this.linesRead;
  }

  /** Reads the last line (if the text did not end with a newline) and gives what was read. */
  end(): ParsedQueueLog & { problemCount: number } {
    if (!this.ended) {
      this.ended = true;
      if (this.carry !== '') this.line(this.carry, this.carryCut, this.carryCutText);
      this.carry = '';
    }
    return {
      calls: [...this.calls.values()],
      ringNoAnswer: this.ringNoAnswer,
      problems: this.problems,
      problemCount: this.problemCount,
      linesRead: this.linesRead,
      ignored: this.ignored,
    };
  }

  private problem(line: number, reason: QueueLogProblem['reason'], raw: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) {
      this.problems.push({ line, reason, text: raw.slice(0, 120) });
    }
  }

  /** One line; `cut`: longer than `raw` (its end was not kept), `cutText`: not only blanks. */
  private line(raw: string, cut = false, cutText = false): void {
    const n = ++this.lineNo;
    if (raw.trim() === '' && !cutText) return;
    this.linesRead++;
    if (cut || raw.length > MAX_LINE) {
      this.problem(n, 'line_too_long', raw);
      return;
    }
    const f = raw.split('|');
    if (f.length < 5) {
      this.problem(n, 'too_few_fields', raw);
      return;
    }
    const epoch = int(f[0]);
    if (epoch === null || epoch < 946_684_800 || epoch > 4_102_444_800) {
      this.problem(n, 'bad_time', raw);
      return;
    }
    const [, callId = '', queue = '', agent = '', event = ''] = f;
    const at = epoch * 1000;
    const calls = this.calls;
    const wait = (field: number) => {
      const v = int(f[field]);
      if (v === null) this.problem(n, 'bad_number', raw);
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
        if (agent) this.ringNoAnswer.set(agent, (this.ringNoAnswer.get(agent) ?? 0) + 1);
        break;
      default:
        this.ignored++;
    }
  }
}

/** A whole queue_log at once (the same reading as `QueueLogReader`). */
export function parseQueueLog(text: string): ParsedQueueLog & { problemCount: number } {
  const reader = new QueueLogReader();
  reader.push(text);
  return reader.end();
}

/**
 * The size of `text` inside a JSON message, in UTF-8 bytes (without the quotes): what a chunk
 * costs on the browser host's socket. Escapes count (`\n` is 2, a control character 6), so a
 * chunk of odd bytes cannot grow past the host's limit on the way.
 */
export function jsonTextBytes(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i += unitsAt(text, i)) n += bytesAt(text, i);
  return n;
}

/** 2 at the first half of a surrogate pair, else 1. */
function unitsAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  return c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1;
}

/** The JSON UTF-8 bytes of the character at `i` (a surrogate pair: both halves). */
function bytesAt(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === 0x22 || c === 0x5c || c === 8 || c === 9 || c === 10 || c === 12 || c === 13) return 2;
  if (c < 0x20) return 6;
  if (c < 0x80) return 1;
  if (c < 0x800) return 2;
  if (c >= 0xd800 && c <= 0xdfff) return unitsAt(text, i) === 2 ? 4 : 6; // lone half: \uXXXX
  return 3;
}

/**
 * Cuts `text` into pieces of at most `maxBytes` each as `jsonTextBytes` counts them (never
 * between the two halves of a surrogate pair). Ordinary text of a slice's size is one piece.
 */
export function splitByJsonBytes(text: string, maxBytes: number): string[] {
  if (text === '') return [];
  if (jsonTextBytes(text) <= maxBytes) return [text];
  const pieces: string[] = [];
  let start = 0;
  let size = 0;
  for (let i = 0; i < text.length; i += unitsAt(text, i)) {
    const width = bytesAt(text, i);
    if (size + width > maxBytes) {
      pieces.push(text.slice(start, i));
      start = i;
      size = 0;
    }
    size += width;
  }
  pieces.push(text.slice(start));
  return pieces;
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
