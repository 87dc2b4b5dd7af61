/**
 * Every SQL statement of the metrics feature. Reads the tables other domains write (calls, hold
 * segments, state log, orders, amendments, checklist items, agents, shifts) and never writes
 * them; writes only the metric_* tables of migration 0016.
 */
import type { StateStatus } from '@shared/metrics/agent';
import type { MetricSums } from '@shared/metrics/sums';
import type { QueueCall } from '@shared/metrics/queue-log';
import type { Db, Statement } from '../../platform/db/database';

export interface RawCallRow {
  id: string;
  direction: 'inbound' | 'outbound';
  number: string;
  offered_at: number;
  answered_at: number | null;
  ended_at: number | null;
  end_cause: string | null;
  acw_ended_at: number | null;
  hold_ms: number;
  repeated: 0 | 1;
}

export interface RawSpanRow {
  status: StateStatus;
  started_at: number;
  ended_at: number | null;
}

export interface RawOrderRow {
  created_at: number;
  eligible: 0 | 1;
  outcome: 'accepted' | 'declined' | 'not_applicable' | null;
  clean: 0 | 1;
}

export interface RawCheckpointRow {
  offered_at: number;
  met: 0 | 1;
}

export interface DirtyRow {
  agent_id: string;
  from_q: number;
  to_q: number;
}

export interface AgentRow {
  id: string;
  name: string;
  employee_no: string;
  role: 'agent' | 'lead';
  team: string;
}

export interface ShiftRow {
  id: string;
  agent_id: string;
  started_at: number;
  ended_at: number | null;
}

export interface OpenSpanRow {
  agent_id: string;
  status: StateStatus;
  started_at: number;
}

const sumColumns = `SUM(offered) AS offered, SUM(answered) AS answered, SUM(missed) AS missed,
  SUM(abandoned_ringing) AS abandonedRinging, SUM(refused) AS refused, SUM(handled) AS handled,
  SUM(talk_sum) AS talkSum, SUM(talk_n) AS talkN, SUM(hold_sum) AS holdSum, SUM(hold_n) AS holdN,
  SUM(acw_sum) AS acwSum, SUM(acw_n) AS acwN, SUM(handling_sum) AS handlingSum,
  SUM(within_standard) AS withinStandard, SUM(fcr_known) AS fcrKnown, SUM(fcr_first) AS fcrFirst,
  SUM(st_offline) AS st_offline, SUM(st_ready) AS st_ready, SUM(st_not_ready) AS st_not_ready,
  SUM(st_break) AS st_break, SUM(st_ringing) AS st_ringing, SUM(st_in_call) AS st_in_call,
  SUM(st_after_call_work) AS st_after_call_work, SUM(orders) AS orders,
  SUM(orders_clean) AS ordersClean, SUM(offer_eligible) AS offerEligible,
  SUM(offer_answered) AS offerAnswered, SUM(offer_accepted) AS offerAccepted,
  SUM(checkpoints_required) AS checkpointsRequired, SUM(checkpoints_met) AS checkpointsMet`;

type SumsRow = Omit<MetricSums, 'stateMs'> & Record<`st_${StateStatus}`, number>;

export function sumsFromRow(r: SumsRow): MetricSums {
  return {
    offered: r.offered,
    answered: r.answered,
    missed: r.missed,
    abandonedRinging: r.abandonedRinging,
    refused: r.refused,
    handled: r.handled,
    talkSum: r.talkSum,
    talkN: r.talkN,
    holdSum: r.holdSum,
    holdN: r.holdN,
    acwSum: r.acwSum,
    acwN: r.acwN,
    handlingSum: r.handlingSum,
    withinStandard: r.withinStandard,
    fcrKnown: r.fcrKnown,
    fcrFirst: r.fcrFirst,
    stateMs: {
      offline: r.st_offline,
      ready: r.st_ready,
      not_ready: r.st_not_ready,
      break: r.st_break,
      ringing: r.st_ringing,
      in_call: r.st_in_call,
      after_call_work: r.st_after_call_work,
    },
    orders: r.orders,
    ordersClean: r.ordersClean,
    offerEligible: r.offerEligible,
    offerAnswered: r.offerAnswered,
    offerAccepted: r.offerAccepted,
    checkpointsRequired: r.checkpointsRequired,
    checkpointsMet: r.checkpointsMet,
  };
}

export class MetricsRepo {
  private readonly callsStmt: Statement<RawCallRow>;
  private readonly spansStmt: Statement<RawSpanRow>;
  private readonly spansBeforeStmt: Statement<RawSpanRow>;
  private readonly ordersStmt: Statement<RawOrderRow>;
  private readonly checkpointsStmt: Statement<RawCheckpointRow>;
  private readonly dirtyAgentsStmt: Statement<{ agent_id: string }>;
  private readonly dirtyOfStmt: Statement<DirtyRow>;
  private readonly clearDirtyStmt: Statement<never>;
  private readonly upsertDayStmt: Statement<never>;
  private readonly deleteDayStmt: Statement<never>;
  private readonly agentSumsStmt: Statement<SumsRow & { days: number }>;
  private readonly teamSumsStmt: Statement<SumsRow & { agent_id: string }>;
  private readonly dayRowsStmt: Statement<SumsRow & { day: string }>;
  private readonly openSpansStmt: Statement<OpenSpanRow>;
  private readonly agentStmt: Statement<AgentRow>;
  private readonly agentsStmt: Statement<AgentRow>;
  private readonly lastShiftStmt: Statement<ShiftRow>;
  private readonly shiftStmt: Statement<ShiftRow>;
  private readonly queueUpsertStmt: Statement<never>;
  private readonly queueExistsStmt: Statement<{ n: number }>;
  private readonly queueBetweenStmt: Statement<{
    call_id: string;
    queue: string;
    entered_at: number;
    outcome: NonNullable<QueueCall['outcome']>;
    wait_seconds: number;
    agent: string | null;
  }>;
  private readonly queueAnyStmt: Statement<{ n: number }>;
  private readonly importStmt: Statement<never>;

  constructor(db: Db) {
    this.callsStmt = db.prepare(
      `SELECT c.id, c.direction, c.remote_number AS number, c.offered_at, c.answered_at,
         c.ended_at, c.end_cause, c.acw_ended_at,
         COALESCE((SELECT SUM(h.ended_at - h.started_at) FROM call_hold_segments h
           WHERE h.call_id = c.id AND h.side = 'agent' AND h.ended_at IS NOT NULL), 0) AS hold_ms,
         (c.direction = 'inbound' AND c.answered_at IS NOT NULL AND c.remote_number != ''
           AND EXISTS (SELECT 1 FROM calls o WHERE o.remote_number = c.remote_number
             AND o.direction = 'inbound' AND o.offered_at > c.offered_at
             AND o.offered_at <= c.offered_at + 604800000 AND o.id != c.id)) AS repeated
       FROM calls c
       WHERE c.agent_id = @agent AND c.offered_at >= @from AND c.offered_at < @to
       ORDER BY c.offered_at`,
    );
    this.spansStmt = db.prepare(
      `SELECT status, started_at, ended_at FROM agent_state_log
       WHERE agent_id = @agent AND started_at >= @from AND started_at < @to`,
    );
    // The agent's state log is one span after another: the few just before a window are the
    // ones that can reach into it.
    this.spansBeforeStmt = db.prepare(
      `SELECT status, started_at, ended_at FROM agent_state_log
       WHERE agent_id = @agent AND started_at < @from ORDER BY started_at DESC LIMIT 8`,
    );
    // orders_by_day (day, agent_id) narrows to the days; created_at decides.
    this.ordersStmt = db.prepare(
      `SELECT o.created_at, (o.offer_reasons != '[]') AS eligible, o.insurance_outcome AS outcome,
         (o.delivery != 'refused'
           AND NOT EXISTS (SELECT 1 FROM order_amendments a WHERE a.order_id = o.id)) AS clean
       FROM orders o
       WHERE o.day BETWEEN @fromDay AND @toDay AND o.agent_id = @agent
         AND o.created_at >= @from AND o.created_at < @to`,
    );
    this.checkpointsStmt = db.prepare(
      `SELECT c.offered_at, (k.outcome = 'met') AS met
       FROM calls c JOIN call_checkpoints k ON k.call_id = c.id
       WHERE c.agent_id = @agent AND c.offered_at >= @from AND c.offered_at < @to
         AND k.required = 1`,
    );
    this.dirtyAgentsStmt = db.prepare('SELECT DISTINCT agent_id FROM metric_dirty');
    this.dirtyOfStmt = db.prepare(
      'SELECT agent_id, from_q, to_q FROM metric_dirty WHERE agent_id = ?',
    );
    this.clearDirtyStmt = db.prepare('DELETE FROM metric_dirty WHERE agent_id = ?');
    this.upsertDayStmt = db.prepare(
      `INSERT OR REPLACE INTO metric_agent_days VALUES (@agent, @day, @offered, @answered, @missed,
         @abandonedRinging, @refused, @handled, @talkSum, @talkN, @holdSum, @holdN, @acwSum, @acwN,
         @handlingSum, @withinStandard, @fcrKnown, @fcrFirst, @st_offline, @st_ready,
         @st_not_ready, @st_break, @st_ringing, @st_in_call, @st_after_call_work, @orders,
         @ordersClean, @offerEligible, @offerAnswered, @offerAccepted, @checkpointsRequired,
         @checkpointsMet)`,
    );
    this.deleteDayStmt = db.prepare(
      'DELETE FROM metric_agent_days WHERE agent_id = @agent AND day = @day',
    );
    this.agentSumsStmt = db.prepare(
      `SELECT ${sumColumns}, COUNT(*) AS days FROM metric_agent_days
       WHERE agent_id = @agent AND day BETWEEN @fromDay AND @toDay`,
    );
    // Each agent's run of days is contiguous in the primary key (agent_id, day): one seek each.
    this.teamSumsStmt = db.prepare(
      `SELECT agent_id, ${sumColumns} FROM metric_agent_days
       WHERE agent_id IN (SELECT id FROM agents WHERE team = @team)
         AND day BETWEEN @fromDay AND @toDay
       GROUP BY agent_id`,
    );
    this.dayRowsStmt = db.prepare(
      `SELECT day, ${sumColumns} FROM metric_agent_days
       WHERE agent_id = @agent AND day BETWEEN @fromDay AND @toDay GROUP BY day ORDER BY day`,
    );
    this.openSpansStmt = db.prepare(
      `SELECT agent_id, status, started_at FROM agent_state_log
       INDEXED BY agent_state_log_one_open_per_shift WHERE ended_at IS NULL`,
    );
    this.agentStmt = db.prepare(
      'SELECT id, name, employee_no, role, team FROM agents WHERE id = ?',
    );
    this.agentsStmt = db.prepare(
      `SELECT id, name, employee_no, role, team FROM agents WHERE team = ? ORDER BY employee_no`,
    );
    this.lastShiftStmt = db.prepare(
      `SELECT id, agent_id, started_at, ended_at FROM shifts WHERE agent_id = ?
       ORDER BY started_at DESC LIMIT 1`,
    );
    this.shiftStmt = db.prepare(
      'SELECT id, agent_id, started_at, ended_at FROM shifts WHERE id = ?',
    );
    this.queueExistsStmt = db.prepare(
      'SELECT COUNT(*) AS n FROM metric_queue_calls WHERE call_id = ?',
    );
    this.queueUpsertStmt = db.prepare(
      `INSERT INTO metric_queue_calls (call_id, queue, entered_at, outcome, wait_seconds, agent)
       VALUES (@callId, @queue, @enteredAt, @outcome, @waitSeconds, @agent)
       ON CONFLICT (call_id) DO UPDATE SET queue = excluded.queue,
         entered_at = MIN(entered_at, excluded.entered_at), outcome = excluded.outcome,
         wait_seconds = excluded.wait_seconds, agent = excluded.agent`,
    );
    this.queueBetweenStmt = db.prepare(
      `SELECT call_id, queue, entered_at, outcome, wait_seconds, agent FROM metric_queue_calls
       WHERE entered_at >= @from AND entered_at < @to`,
    );
    this.queueAnyStmt = db.prepare('SELECT COUNT(*) AS n FROM metric_queue_imports');
    this.importStmt = db.prepare(
      `INSERT INTO metric_queue_imports
         (id, at, by_agent, file_name, lines_read, calls, new_calls, problems)
       VALUES (@id, @at, @by, @fileName, @linesRead, @calls, @newCalls, @problems)`,
    );
  }

  calls(agent: string, from: number, to: number): RawCallRow[] {
    return this.callsStmt.all({ agent, from, to });
  }

  spans(agent: string, from: number, to: number): RawSpanRow[] {
    return [
      ...this.spansBeforeStmt.all({ agent, from }),
      ...this.spansStmt.all({ agent, from, to }),
    ];
  }

  orders(
    agent: string,
    from: number,
    to: number,
    days: { fromDay: string; toDay: string },
  ): RawOrderRow[] {
    return this.ordersStmt.all({ agent, from, to, ...days });
  }

  checkpoints(agent: string, from: number, to: number): RawCheckpointRow[] {
    return this.checkpointsStmt.all({ agent, from, to });
  }

  dirtyAgents(): string[] {
    return this.dirtyAgentsStmt.all().map((r) => r.agent_id);
  }

  dirtyOf(agent: string): DirtyRow[] {
    return this.dirtyOfStmt.all([agent]);
  }

  clearDirty(agent: string): void {
    this.clearDirtyStmt.run([agent]);
  }

  putDay(agent: string, day: string, s: MetricSums): void {
    const { stateMs, ...rest } = s;
    const empty =
      Object.values(rest).every((v) => v === 0) && Object.values(stateMs).every((v) => v === 0);
    if (empty) {
      this.deleteDayStmt.run({ agent, day });
      return;
    }
    const st = Object.fromEntries(Object.entries(stateMs).map(([k, v]) => [`st_${k}`, v]));
    this.upsertDayStmt.run({ agent, day, ...rest, ...st });
  }

  /** The agent's sums over the days (null: no row — nothing recorded). */
  agentSums(agent: string, fromDay: string, toDay: string): MetricSums | null {
    const r = this.agentSumsStmt.get({ agent, fromDay, toDay });
    return r && r.days > 0 ? sumsFromRow(r) : null;
  }

  teamSums(team: string, fromDay: string, toDay: string): Map<string, MetricSums> {
    return new Map(
      this.teamSumsStmt.all({ team, fromDay, toDay }).map((r) => [r.agent_id, sumsFromRow(r)]),
    );
  }

  dayRows(agent: string, fromDay: string, toDay: string): Map<string, MetricSums> {
    return new Map(
      this.dayRowsStmt.all({ agent, fromDay, toDay }).map((r) => [r.day, sumsFromRow(r)]),
    );
  }

  openSpans(): OpenSpanRow[] {
    return this.openSpansStmt.all();
  }

  agent(id: string): AgentRow | null {
    return this.agentStmt.get([id]) ?? null;
  }

  team(team: string): AgentRow[] {
    return this.agentsStmt.all([team]);
  }

  lastShift(agent: string): ShiftRow | null {
    return this.lastShiftStmt.get([agent]) ?? null;
  }

  shift(id: string): ShiftRow | null {
    return this.shiftStmt.get([id]) ?? null;
  }

  queueKnown(callId: string): boolean {
    return this.queueExistsStmt.get([callId])!.n > 0;
  }

  putQueueCall(c: QueueCall): void {
    this.queueUpsertStmt.run({
      callId: c.callId,
      queue: c.queue,
      enteredAt: c.enteredAt,
      outcome: c.outcome,
      waitSeconds: c.waitSeconds,
      agent: c.agent,
    });
  }

  queueCalls(from: number, to: number): QueueCall[] {
    return this.queueBetweenStmt.all({ from, to }).map((r) => ({
      callId: r.call_id,
      queue: r.queue,
      enteredAt: r.entered_at,
      outcome: r.outcome,
      waitSeconds: r.wait_seconds,
      agent: r.agent,
    }));
  }

  /** Whether any queue_log was ever imported (queue figures are unavailable until then). */
  queueImported(): boolean {
    return this.queueAnyStmt.get()!.n > 0;
  }

  recordImport(r: {
    id: string;
    at: number;
    by: string;
    fileName: string;
    linesRead: number;
    calls: number;
    newCalls: number;
    problems: number;
  }): void {
    this.importStmt.run(r);
  }
}
