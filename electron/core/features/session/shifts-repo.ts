import type { AfterCallChoice, AgentState } from '@shared/session/agent-state';
import { agentStateFromRow, stateReason } from '@shared/session/agent-state';
import type { StateLogEntry } from '@shared/contract';
import type { Db, Statement } from '../../platform/db/database';

export interface ShiftRow {
  id: string;
  agent_id: string;
  desk_id: string;
  started_at: number;
  ended_at: number | null;
  end_reason: 'sign_out' | 'recovered_after_restart' | null;
  /** The agent's pick for after the call (migration 0010). */
  after_call_status: string | null;
  after_call_reason: string | null;
  after_call_at: number | null;
}

interface StateRow {
  id: string;
  agent_id: string;
  shift_id: string;
  status: string;
  reason: string | null;
  started_at: number;
  ended_at: number | null;
}

/** Shifts and the agent state log: one open shift per agent, one open state per shift. */
export class ShiftsRepo {
  private readonly insertShift: Statement<never>;
  private readonly closeShiftStmt: Statement<never>;
  private readonly openShiftsForDesk: Statement<ShiftRow>;
  private readonly shiftById: Statement<ShiftRow>;
  private readonly insertState: Statement<never>;
  private readonly closeStateStmt: Statement<never>;
  private readonly openStateStmt: Statement<StateRow>;
  private readonly lastStateStmt: Statement<StateRow>;
  private readonly logStmt: Statement<StateRow>;
  private readonly setAfterCallStmt: Statement<never>;

  constructor(db: Db) {
    this.insertShift = db.prepare(
      'INSERT INTO shifts (id, agent_id, desk_id, started_at) VALUES (@id, @agent_id, @desk_id, @started_at)',
    );
    this.closeShiftStmt = db.prepare(
      'UPDATE shifts SET ended_at = @ended_at, end_reason = @end_reason WHERE id = @id AND ended_at IS NULL',
    );
    this.openShiftsForDesk = db.prepare(
      'SELECT * FROM shifts WHERE desk_id = ? AND ended_at IS NULL ORDER BY started_at',
    );
    this.shiftById = db.prepare('SELECT * FROM shifts WHERE id = ?');
    this.insertState = db.prepare(
      `INSERT INTO agent_state_log (id, agent_id, shift_id, status, reason, started_at)
       VALUES (@id, @agent_id, @shift_id, @status, @reason, @started_at)`,
    );
    this.closeStateStmt = db.prepare(
      'UPDATE agent_state_log SET ended_at = @ended_at WHERE shift_id = @shift_id AND ended_at IS NULL',
    );
    this.openStateStmt = db.prepare(
      'SELECT * FROM agent_state_log WHERE shift_id = ? AND ended_at IS NULL',
    );
    this.lastStateStmt = db.prepare(
      'SELECT * FROM agent_state_log WHERE shift_id = ? ORDER BY started_at DESC, id DESC LIMIT 1',
    );
    this.logStmt = db.prepare(
      'SELECT * FROM agent_state_log WHERE shift_id = ? ORDER BY started_at DESC, id DESC LIMIT ?',
    );
    this.setAfterCallStmt = db.prepare(
      `UPDATE shifts SET after_call_status = @status, after_call_reason = @reason, after_call_at = @at
       WHERE id = @id AND ended_at IS NULL`,
    );
  }

  openShift(shift: { id: string; agent_id: string; desk_id: string; started_at: number }): void {
    this.insertShift.run(shift);
  }

  closeShift(id: string, endedAt: number, reason: 'sign_out' | 'recovered_after_restart'): void {
    this.closeShiftStmt.run({ id, ended_at: endedAt, end_reason: reason });
  }

  openShiftsOnDesk(deskId: string): ShiftRow[] {
    return this.openShiftsForDesk.all([deskId]);
  }

  findShift(id: string): ShiftRow | undefined {
    return this.shiftById.get([id]);
  }

  /** Ends the shift's open state (if any) and opens `state` at `at`. Call inside a transaction. */
  appendState(entry: {
    id: string;
    agentId: string;
    shiftId: string;
    state: AgentState;
    at: number;
  }): void {
    this.closeOpenState(entry.shiftId, entry.at);
    this.insertState.run({
      id: entry.id,
      agent_id: entry.agentId,
      shift_id: entry.shiftId,
      status: entry.state.status,
      reason: stateReason(entry.state),
      started_at: entry.at,
    });
  }

  closeOpenState(shiftId: string, at: number): void {
    this.closeStateStmt.run({ shift_id: shiftId, ended_at: at });
  }

  openState(shiftId: string): { state: AgentState; since: number } | undefined {
    const row = this.openStateStmt.get([shiftId]);
    return row && { state: agentStateFromRow(row.status, row.reason), since: row.started_at };
  }

  /** Keeps (or, with null, clears) the agent's pick for after the call on the open shift. */
  setAfterCall(shiftId: string, choice: AfterCallChoice | null, at: number): void {
    this.setAfterCallStmt.run({
      id: shiftId,
      status: choice?.status ?? null,
      reason: choice ? stateReason(choice) : null,
      at: choice ? at : null,
    });
  }

  /** The pick kept on a shift, or null; a row that could not have been written is refused. */
  afterCall(shiftId: string): AfterCallChoice | null {
    const row = this.shiftById.get([shiftId]);
    return row ? afterCallOf(row) : null;
  }

  lastStateStart(shiftId: string): number | undefined {
    return this.lastStateStmt.get([shiftId])?.started_at;
  }

  stateLog(shiftId: string, limit: number): StateLogEntry[] {
    return this.logStmt.all([shiftId, limit]).map((row) => ({
      id: row.id,
      state: agentStateFromRow(row.status, row.reason),
      startedAt: row.started_at,
      endedAt: row.ended_at,
    }));
  }
}

/** The after-call pick of a shift row (null: none). */
export function afterCallOf(row: ShiftRow): AfterCallChoice | null {
  if (row.after_call_status === null) return null;
  const state = agentStateFromRow(row.after_call_status, row.after_call_reason);
  if (
    state.status === 'ringing' ||
    state.status === 'in_call' ||
    state.status === 'after_call_work'
  )
    throw new Error(`Corrupt after-call pick on shift ${row.id}: ${state.status}`);
  return state;
}
