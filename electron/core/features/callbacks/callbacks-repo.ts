/** All SQL of the call-backs feature. */
import type { Db } from '../../platform/db/database';

export interface CallbackRow {
  id: string;
  owner_id: string;
  created_by: string;
  created_at: number;
  customer_id: string | null;
  number: string;
  reason: string;
  due_at: number;
  call_id: string | null;
  waybill_id: string | null;
  reminded_at: number | null;
  closed_at: number | null;
  closed_by: string | null;
  outcome: 'reached' | 'no_answer' | 'wrong_number' | 'resolved_otherwise' | null;
  note: string | null;
}

export interface CallbackListRow extends CallbackRow {
  owner_name: string;
  customer_name: string | null;
  waybill_number: string | null;
}

const select = `SELECT b.*, a.name AS owner_name, c.name AS customer_name, w.number AS waybill_number
  FROM callbacks b JOIN agents a ON a.id = b.owner_id
  LEFT JOIN customers c ON c.id = b.customer_id
  LEFT JOIN waybills w ON w.id = b.waybill_id`;

export class CallbacksRepo {
  constructor(private readonly db: Db) {}

  insert(
    r: Omit<CallbackRow, 'reminded_at' | 'closed_at' | 'closed_by' | 'outcome' | 'note'>,
  ): void {
    this.db
      .prepare(
        `INSERT INTO callbacks (id, owner_id, created_by, created_at, customer_id, number, reason,
           due_at, call_id, waybill_id)
         VALUES (@id, @owner_id, @created_by, @created_at, @customer_id, @number, @reason, @due_at,
           @call_id, @waybill_id)`,
      )
      .run(r);
  }

  get(id: string): CallbackListRow | undefined {
    return this.db.prepare<CallbackListRow>(`${select} WHERE b.id = ?`).get([id]);
  }

  open(ownerId: string): CallbackListRow[] {
    return this.db
      .prepare<CallbackListRow>(
        `${select} WHERE b.owner_id = ? AND b.closed_at IS NULL ORDER BY b.due_at`,
      )
      .all([ownerId]);
  }

  closed(ownerId: string, limit: number): CallbackListRow[] {
    return this.db
      .prepare<CallbackListRow>(
        `${select} WHERE b.owner_id = ? AND b.closed_at IS NOT NULL ORDER BY b.closed_at DESC LIMIT ?`,
      )
      .all([ownerId, limit]);
  }

  overdue(now: number): CallbackListRow[] {
    return this.db
      .prepare<CallbackListRow>(
        `${select} WHERE b.closed_at IS NULL AND b.due_at < ? ORDER BY b.due_at`,
      )
      .all([now]);
  }

  /** Open call-backs due before `until` not yet reminded: marked reminded, returned. */
  takeDueForReminder(until: number, now: number): CallbackRow[] {
    const rows = this.db
      .prepare<CallbackRow>(
        `SELECT * FROM callbacks WHERE closed_at IS NULL AND reminded_at IS NULL AND due_at <= ?`,
      )
      .all([until]);
    const mark = this.db.prepare('UPDATE callbacks SET reminded_at = ? WHERE id = ?');
    for (const r of rows) mark.run([now, r.id]);
    return rows;
  }

  /** When the next reminder is due: the earliest open, unreminded due time. */
  nextUnreminded(): number | null {
    return (
      this.db
        .prepare<{ at: number | null }>(
          'SELECT MIN(due_at) AS at FROM callbacks WHERE closed_at IS NULL AND reminded_at IS NULL',
        )
        .get()?.at ?? null
    );
  }

  close(
    id: string,
    by: string,
    at: number,
    outcome: CallbackRow['outcome'],
    note: string | null,
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE callbacks SET closed_at = ?, closed_by = ?, outcome = ?, note = ?
           WHERE id = ? AND closed_at IS NULL`,
        )
        .run([at, by, outcome, note, id]).changes === 1
    );
  }

  /** Moves an open call-back to another owner (a handover accepted); false when it is closed. */
  transferOwner(id: string, from: string, to: string): boolean {
    return (
      this.db
        .prepare(
          'UPDATE callbacks SET owner_id = ? WHERE id = ? AND owner_id = ? AND closed_at IS NULL',
        )
        .run([to, id, from]).changes === 1
    );
  }

  callNumber(callId: string): { number: string; customer_id: string | null } | undefined {
    return this.db
      .prepare<{ number: string; customer_id: string | null }>(
        'SELECT remote_number AS number, customer_id FROM calls WHERE id = ?',
      )
      .get([callId]);
  }

  exists(table: 'customers' | 'waybills', id: string): boolean {
    return this.db.prepare(`SELECT 1 FROM ${table} WHERE id = ?`).get([id]) !== undefined;
  }
}
