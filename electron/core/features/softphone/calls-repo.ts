import type { CallRecord } from '@shared/contract';
import type { Disposition, EndCause } from '@shared/softphone/call-state';
import { phoneKey } from '@shared/common/phone';
import type { Db, Statement } from '../../platform/db/database';

/** A caller id as stored: its normalised key, and what was presented when that differs. */
export function numberColumns(raw: string): Pick<NewCall, 'remote_number' | 'remote_number_raw'> {
  const key = phoneKey(raw);
  return { remote_number: key, remote_number_raw: key === raw ? null : raw.slice(0, 128) };
}

interface CallRow {
  id: string;
  sip_call_id: string | null;
  agent_id: string | null;
  shift_id: string | null;
  direction: 'inbound' | 'outbound';
  remote_number: string;
  remote_number_raw: string | null;
  remote_name: string | null;
  customer_id: string | null;
  customer_name: string | null;
  waybill_numbers: string;
  offered_at: number;
  answered_at: number | null;
  ended_at: number | null;
  end_cause: string | null;
  hung_up_by: 'agent' | 'remote' | 'system' | null;
  acw_ended_at: number | null;
  /** 1: the desk filed the disposition (timed ACW ran out, or no ACW), migration 0010. */
  acw_auto: number;
  disposition: Disposition | null;
  notes: string | null;
  transfer_target: string | null;
  transfer_result: 'completed' | 'failed' | 'cancelled' | null;
  hold_ms: number;
  hold_count: number;
}

export interface NewCall {
  id: string;
  sip_call_id: string | null;
  agent_id: string;
  shift_id: string;
  direction: 'inbound' | 'outbound';
  /** The normalised number ('' when withheld); see shared/common/phone.ts. */
  remote_number: string;
  /** What the PBX presented, when it differs from `remote_number`. */
  remote_number_raw: string | null;
  remote_name: string | null;
  customer_id: string | null;
  offered_at: number;
}

const recordColumns = `c.*,
  COALESCE((SELECT SUM(COALESCE(h.ended_at, c.ended_at, h.started_at) - h.started_at)
            FROM call_hold_segments h WHERE h.call_id = c.id AND h.side = 'agent'), 0) AS hold_ms,
  (SELECT COUNT(*) FROM call_hold_segments h WHERE h.call_id = c.id AND h.side = 'agent') AS hold_count,
  (SELECT name FROM customers WHERE id = c.customer_id) AS customer_name,
  (SELECT json_group_array(w.number) FROM call_links l JOIN waybills w ON w.id = l.ref_id
   WHERE l.call_id = c.id AND l.kind = 'waybill') AS waybill_numbers`;

/** Whose hold a hold segment is (migration 0008). */
export type HoldSide = 'agent' | 'remote';

/** Call records and hold segments. Main writes each step as it happens (nothing waits for the end). */
export class CallsRepo {
  private readonly insertStmt: Statement<never>;
  private readonly answeredStmt: Statement<never>;
  private readonly endedStmt: Statement<never>;
  private readonly holdStartStmt: Statement<never>;
  private readonly holdEndStmt: Statement<never>;
  private readonly holdEndSideStmt: Statement<never>;
  private readonly transferStmt: Statement<never>;
  private readonly acwStmt: Statement<never>;
  private readonly byIdStmt: Statement<CallRow>;
  private readonly historyStmt: Statement<CallRow>;
  private readonly refusedStmt: Statement<{ n: number }>;
  private readonly openStmt: Statement<{ id: string; at: number }>;
  private readonly customerStmt: Statement<never>;
  private readonly linkStmt: Statement<never>;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO calls (id, sip_call_id, agent_id, shift_id, direction, remote_number,
         remote_number_raw, remote_name, customer_id, offered_at)
       VALUES (@id, @sip_call_id, @agent_id, @shift_id, @direction, @remote_number,
         @remote_number_raw, @remote_name, @customer_id, @offered_at)`,
    );
    this.answeredStmt = db.prepare(
      'UPDATE calls SET answered_at = @at WHERE id = @id AND answered_at IS NULL AND ended_at IS NULL',
    );
    this.endedStmt = db.prepare(
      `UPDATE calls SET ended_at = @at, end_cause = @cause, hung_up_by = @by
       WHERE id = @id AND ended_at IS NULL`,
    );
    this.holdStartStmt = db.prepare(
      `INSERT OR IGNORE INTO call_hold_segments (call_id, side, started_at)
       VALUES (@id, @side, @at)`,
    );
    this.holdEndSideStmt = db.prepare(
      `UPDATE call_hold_segments SET ended_at = @at
       WHERE call_id = @id AND side = @side AND ended_at IS NULL`,
    );
    this.holdEndStmt = db.prepare(
      'UPDATE call_hold_segments SET ended_at = @at WHERE call_id = @id AND ended_at IS NULL',
    );
    this.transferStmt = db.prepare(
      'UPDATE calls SET transfer_target = @target, transfer_result = @result WHERE id = @id',
    );
    this.acwStmt = db.prepare(
      `UPDATE calls SET acw_ended_at = @at, disposition = @disposition, notes = @notes,
         acw_auto = @auto
       WHERE id = @id AND acw_ended_at IS NULL`,
    );
    // Only the agent's own call, and only a customer that exists (foreign key).
    this.customerStmt = db.prepare(
      'UPDATE calls SET customer_id = @customer WHERE id = @id AND agent_id = @agent',
    );
    this.linkStmt = db.prepare(
      `INSERT OR IGNORE INTO call_links (call_id, kind, ref_id, linked_at)
       VALUES (@id, @kind, @ref, @at)`,
    );
    this.byIdStmt = db.prepare(`SELECT ${recordColumns} FROM calls c WHERE c.id = ?`);
    this.historyStmt = db.prepare(
      `SELECT ${recordColumns} FROM calls c WHERE c.agent_id = ? AND c.end_cause IS NOT 'refused_not_ready'
       ORDER BY c.offered_at DESC, c.id DESC LIMIT ?`,
    );
    this.refusedStmt = db.prepare(
      "SELECT COUNT(*) AS n FROM calls WHERE shift_id = ? AND end_cause = 'refused_not_ready'",
    );
    this.openStmt = db.prepare(
      `SELECT id, MAX(offered_at, COALESCE(answered_at, 0),
         COALESCE((SELECT MAX(started_at) FROM call_hold_segments WHERE call_id = calls.id), 0)) AS at
       FROM calls WHERE ended_at IS NULL`,
    );
  }

  insert(call: NewCall): void {
    this.insertStmt.run({ ...call });
  }

  /** A call refused with 486 while the agent was not ready: one row, already ended. */
  insertRefused(call: NewCall): void {
    this.db.transaction(() => {
      this.insertStmt.run({ ...call });
      this.endedStmt.run({
        id: call.id,
        at: call.offered_at,
        cause: 'refused_not_ready',
        by: 'system',
      });
    });
  }

  answered(id: string, at: number): void {
    this.answeredStmt.run({ id, at });
  }

  ended(id: string, at: number, cause: EndCause, by: 'agent' | 'remote' | 'system'): void {
    this.db.transaction(() => {
      this.holdEndStmt.run({ id, at });
      this.endedStmt.run({ id, at, cause, by });
    });
  }

  /**
   * A hold began: the agent's (history's hold time counts only these) or the customer's side
   * holding us ('remote', migration 0008). The call's end closes whichever is still open.
   */
  holdStarted(id: string, at: number, side: HoldSide = 'agent'): void {
    this.holdStartStmt.run({ id, at, side });
  }

  holdEnded(id: string, at: number, side: HoldSide = 'agent'): void {
    this.holdEndSideStmt.run({ id, at, side });
  }

  transfer(id: string, target: string, result: 'completed' | 'failed' | 'cancelled' | null): void {
    this.transferStmt.run({ id, target, result });
  }

  /** ACW ended with a disposition: the agent's, or (`auto`) the desk's default when it ran out. */
  acwDone(
    id: string,
    at: number,
    disposition: Disposition,
    notes: string | null,
    auto = false,
  ): void {
    this.acwStmt.run({ id, at, disposition, notes, auto: auto ? 1 : 0 });
  }

  /** Ties the call to a customer; false when the call is not this agent's. */
  linkCustomer(id: string, agentId: string, customerId: string): boolean {
    return this.customerStmt.run({ id, agent: agentId, customer: customerId }).changes === 1;
  }

  /** Records that the agent worked on a waybill (ticket, order) during the call. */
  link(id: string, kind: 'waybill' | 'ticket' | 'order', refId: string, at: number): void {
    this.linkStmt.run({ id, kind, ref: refId, at });
  }

  get(id: string): CallRecord | undefined {
    const row = this.byIdStmt.get([id]);
    return row && toRecord(row);
  }

  history(agentId: string, limit: number): CallRecord[] {
    return this.historyStmt.all([agentId, limit]).map(toRecord);
  }

  refusedInShift(shiftId: string): number {
    return this.refusedStmt.get([shiftId])?.n ?? 0;
  }

  /**
   * After a crash or kill: calls still open in the database are closed at the last moment we
   * know they were alive (their last recorded step), never left dangling.
   */
  closeOpenCalls(): number {
    return this.db.transaction(() => {
      const open = this.openStmt.all([]);
      for (const c of open) {
        this.holdEndStmt.run({ id: c.id, at: c.at });
        this.endedStmt.run({ id: c.id, at: c.at, cause: 'desk_restart', by: 'system' });
      }
      return open.length;
    });
  }
}

function toRecord(r: CallRow): CallRecord {
  return {
    id: r.id,
    sipCallId: r.sip_call_id,
    direction: r.direction,
    remoteNumber: r.remote_number,
    remoteNumberRaw: r.remote_number_raw,
    remoteName: r.remote_name,
    customerId: r.customer_id,
    customerName: r.customer_name,
    waybillNumbers: JSON.parse(r.waybill_numbers) as string[],
    offeredAt: r.offered_at,
    answeredAt: r.answered_at,
    endedAt: r.ended_at,
    endCause: r.end_cause,
    hungUpBy: r.hung_up_by,
    holdMs: r.hold_ms,
    holdCount: r.hold_count,
    transferTarget: r.transfer_target,
    transferResult: r.transfer_result,
    acwEndedAt: r.acw_ended_at,
    disposition: r.disposition,
    autoClassified: r.acw_auto === 1,
    notes: r.notes,
  };
}
