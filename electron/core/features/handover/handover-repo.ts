/** All SQL of the handover book (业务交接本). Rows are never deleted (migration 0017). */
import type { Db } from '../../platform/db/database';

export interface HandoverRow {
  id: string;
  shift_id: string;
  author_id: string;
  team: string;
  submitted_at: number;
  note: string;
  metrics: string | null;
  receiver_id: string | null;
  signed_by: string | null;
  signed_at: number | null;
  sign_note: string | null;
  corrects_id: string | null;
  shift_started_at: number;
}

export interface ItemRow {
  id: string;
  handover_id: string;
  position: number;
  kind: string;
  ref_id: string | null;
  item_key: string;
  urgency: string;
  reason: string;
  anomaly: string | null;
  due_at: number | null;
  title: string;
  customer: string | null;
  waybill: string | null;
  major: number;
  removed_reason: string | null;
  removed_at: number | null;
  ack: string;
  ack_comment: string | null;
  ack_by: string | null;
  ack_at: number | null;
  assignee_id: string | null;
  lead_comment: string | null;
  transferred: number;
}

export type NewItem = Omit<
  ItemRow,
  'ack' | 'ack_comment' | 'ack_by' | 'ack_at' | 'assignee_id' | 'lead_comment' | 'transferred'
>;

export interface PersonRow {
  id: string;
  name: string;
  employee_no: string;
  team: string;
  role: 'agent' | 'lead';
  disabled: number;
}

export interface LineRow extends HandoverRow {
  items: number;
  pending: number;
  queried: number;
}

export interface OpenShiftRow {
  shift_id: string;
  agent_id: string;
  started_at: number;
  handed_over: number;
  overridden: number;
}

/** An order as the book compiles it (from the orders feature, `ordersOfAgentDay`). */
export interface OrderOfDay {
  id: string;
  number: string;
  createdAt: number;
  goods: string;
  customerName: string | null;
  senderName: string;
  delivery: 'queued' | 'delivered' | 'refused';
}

export interface HistoryFilter {
  team: string | null;
  agent: string | null;
  from: number | null;
  to: number | null;
  shiftId: string | null;
  customer: string | null;
  waybill: string | null;
}

const selectHandover = `SELECT h.*, s.started_at AS shift_started_at
  FROM handovers h JOIN shifts s ON s.id = h.shift_id`;

const selectLine = `SELECT h.*, s.started_at AS shift_started_at,
    (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.removed_at IS NULL) AS items,
    (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.removed_at IS NULL
       AND i.ack = 'pending') AS pending,
    (SELECT COUNT(*) FROM handover_items i WHERE i.handover_id = h.id AND i.removed_at IS NULL
       AND i.ack = 'queried') AS queried
  FROM handovers h JOIN shifts s ON s.id = h.shift_id`;

/** LIKE with the user's text taken literally. */
const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class HandoverRepo {
  constructor(private readonly db: Db) {}

  insertHandover(
    r: Omit<
      HandoverRow,
      'receiver_id' | 'signed_by' | 'signed_at' | 'sign_note' | 'shift_started_at'
    >,
  ): void {
    this.db
      .prepare(
        `INSERT INTO handovers (id, shift_id, author_id, team, submitted_at, note, metrics, corrects_id)
         VALUES (@id, @shift_id, @author_id, @team, @submitted_at, @note, @metrics, @corrects_id)`,
      )
      .run(r);
  }

  insertItem(r: NewItem): void {
    this.db
      .prepare(
        `INSERT INTO handover_items (id, handover_id, position, kind, ref_id, item_key, urgency,
           reason, anomaly, due_at, title, customer, waybill, major, removed_reason, removed_at)
         VALUES (@id, @handover_id, @position, @kind, @ref_id, @item_key, @urgency, @reason,
           @anomaly, @due_at, @title, @customer, @waybill, @major, @removed_reason, @removed_at)`,
      )
      .run(r);
  }

  nextPosition(handoverId: string): number {
    return (
      this.db
        .prepare<{ n: number }>(
          'SELECT COALESCE(MAX(position), -1) + 1 AS n FROM handover_items WHERE handover_id = ?',
        )
        .get([handoverId])?.n ?? 0
    );
  }

  get(id: string): HandoverRow | undefined {
    return this.db.prepare<HandoverRow>(`${selectHandover} WHERE h.id = ?`).get([id]);
  }

  /** The shift's own handover (not a correction). */
  ofShift(shiftId: string): HandoverRow | undefined {
    return this.db
      .prepare<HandoverRow>(`${selectHandover} WHERE h.shift_id = ? AND h.corrects_id IS NULL`)
      .get([shiftId]);
  }

  /** The item keys of every handover of the shift (the original and its corrections, removed included). */
  bookKeys(shiftId: string): Set<string> {
    return new Set(
      this.db
        .prepare<{ item_key: string }>(
          `SELECT i.item_key FROM handover_items i JOIN handovers h ON h.id = i.handover_id
           WHERE h.shift_id = ?`,
        )
        .all([shiftId])
        .map((r) => r.item_key),
    );
  }

  /** The newest correction of the shift's handover not signed yet (it takes further items). */
  openCorrection(shiftId: string, authorId: string): HandoverRow | undefined {
    return this.db
      .prepare<HandoverRow>(
        `${selectHandover} WHERE h.shift_id = ? AND h.author_id = ? AND h.corrects_id IS NOT NULL
           AND h.signed_at IS NULL ORDER BY h.submitted_at DESC, h.id DESC LIMIT 1`,
      )
      .get([shiftId, authorId]);
  }

  items(handoverId: string): ItemRow[] {
    return this.db
      .prepare<ItemRow>('SELECT * FROM handover_items WHERE handover_id = ? ORDER BY position')
      .all([handoverId]);
  }

  item(id: string): ItemRow | undefined {
    return this.db.prepare<ItemRow>('SELECT * FROM handover_items WHERE id = ?').get([id]);
  }

  removeItem(id: string, reason: string, at: number): boolean {
    return (
      this.db
        .prepare(
          `UPDATE handover_items SET removed_reason = ?, removed_at = ?
           WHERE id = ? AND removed_at IS NULL AND ack = 'pending'`,
        )
        .run([reason, at, id]).changes === 1
    );
  }

  acknowledge(
    id: string,
    ack: 'accepted' | 'queried',
    by: string,
    at: number,
    comment: string | null,
  ): boolean {
    return (
      this.db
        .prepare(
          `UPDATE handover_items SET ack = ?, ack_by = ?, ack_at = ?, ack_comment = ?
           WHERE id = ? AND ack = 'pending' AND removed_at IS NULL`,
        )
        .run([ack, by, at, comment, id]).changes === 1
    );
  }

  markTransferred(id: string): void {
    this.db.prepare('UPDATE handover_items SET transferred = 1 WHERE id = ?').run([id]);
  }

  setReceiver(handoverId: string, receiverId: string): void {
    this.db
      .prepare('UPDATE handovers SET receiver_id = ? WHERE id = ? AND receiver_id IS NULL')
      .run([receiverId, handoverId]);
  }

  comment(id: string, comment: string): void {
    this.db.prepare('UPDATE handover_items SET lead_comment = ? WHERE id = ?').run([comment, id]);
  }

  /** Gives the item to another agent, who acknowledges it afresh. */
  reassign(id: string, agentId: string): boolean {
    return (
      this.db
        .prepare(
          `UPDATE handover_items SET assignee_id = ?, ack = 'pending', ack_by = NULL, ack_at = NULL,
             ack_comment = NULL
           WHERE id = ? AND ack <> 'accepted' AND removed_at IS NULL`,
        )
        .run([agentId, id]).changes === 1
    );
  }

  signOff(id: string, by: string, at: number, note: string | null): boolean {
    return (
      this.db
        .prepare(
          `UPDATE handovers SET signed_by = ?, signed_at = ?, sign_note = ?
           WHERE id = ? AND signed_at IS NULL`,
        )
        .run([by, at, note, id]).changes === 1
    );
  }

  /** Unsigned handovers of the team waiting for this agent: their items or the receiver's. */
  awaiting(team: string, agentId: string): LineRow[] {
    return this.db
      .prepare<LineRow>(
        `${selectLine}
         WHERE h.signed_at IS NULL AND h.team = ? AND h.author_id <> ?
           AND EXISTS (SELECT 1 FROM handover_items i WHERE i.handover_id = h.id
             AND i.removed_at IS NULL AND i.ack = 'pending'
             AND (i.assignee_id = ? OR (i.assignee_id IS NULL
               AND (h.receiver_id IS NULL OR h.receiver_id = ?))))
         ORDER BY h.submitted_at`,
      )
      .all([team, agentId, agentId, agentId]);
  }

  /** The team's handovers not yet signed off, oldest first. */
  unsigned(team: string): LineRow[] {
    return this.db
      .prepare<LineRow>(
        `${selectLine} WHERE h.signed_at IS NULL AND h.team = ? ORDER BY h.submitted_at`,
      )
      .all([team]);
  }

  history(f: HistoryFilter, limit: number): LineRow[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (f.team !== null) {
      where.push('h.team = ?');
      params.push(f.team);
    }
    if (f.agent !== null) {
      where.push(
        `h.author_id IN (SELECT id FROM agents WHERE employee_no = ? OR name LIKE ? ESCAPE '\\')`,
      );
      params.push(f.agent, like(f.agent));
    }
    if (f.from !== null) {
      where.push('s.started_at >= ?');
      params.push(f.from);
    }
    if (f.to !== null) {
      where.push('s.started_at < ?');
      params.push(f.to);
    }
    if (f.shiftId !== null) {
      where.push('h.shift_id = ?');
      params.push(f.shiftId);
    }
    if (f.customer !== null) {
      where.push(
        `EXISTS (SELECT 1 FROM handover_items i WHERE i.handover_id = h.id
           AND i.customer LIKE ? ESCAPE '\\')`,
      );
      params.push(like(f.customer));
    }
    if (f.waybill !== null) {
      where.push(
        `EXISTS (SELECT 1 FROM handover_items i WHERE i.handover_id = h.id AND i.waybill = ?)`,
      );
      params.push(f.waybill);
    }
    params.push(limit);
    return this.db
      .prepare<LineRow>(
        `${selectLine} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
         ORDER BY h.submitted_at DESC LIMIT ?`,
      )
      .all(params);
  }

  person(id: string): PersonRow | undefined {
    return this.db
      .prepare<PersonRow>(
        'SELECT id, name, employee_no, team, role, disabled FROM agents WHERE id = ?',
      )
      .get([id]);
  }

  team(team: string): PersonRow[] {
    return this.db
      .prepare<PersonRow>(
        `SELECT id, name, employee_no, team, role, disabled FROM agents
         WHERE team = ? AND disabled = 0 ORDER BY employee_no`,
      )
      .all([team]);
  }

  /** Waybills opened during the shift's calls (call_links), by number. */
  shiftWaybills(shiftId: string): string[] {
    return this.db
      .prepare<{ number: string }>(
        `SELECT DISTINCT w.number FROM calls c
         JOIN call_links l ON l.call_id = c.id AND l.kind = 'waybill'
         JOIN waybills w ON w.id = l.ref_id
         WHERE c.shift_id = ? ORDER BY w.number`,
      )
      .all([shiftId])
      .map((r) => r.number);
  }

  shift(id: string): { id: string; agent_id: string; ended_at: number | null } | undefined {
    return this.db
      .prepare<{
        id: string;
        agent_id: string;
        ended_at: number | null;
      }>('SELECT id, agent_id, ended_at FROM shifts WHERE id = ?')
      .get([id]);
  }

  openShifts(team: string): OpenShiftRow[] {
    return this.db
      .prepare<OpenShiftRow>(
        `SELECT s.id AS shift_id, s.agent_id, s.started_at,
           EXISTS (SELECT 1 FROM handovers h WHERE h.shift_id = s.id) AS handed_over,
           EXISTS (SELECT 1 FROM handover_overrides o WHERE o.shift_id = s.id) AS overridden
         FROM shifts s JOIN agents a ON a.id = s.agent_id
         WHERE s.ended_at IS NULL AND a.team = ? ORDER BY s.started_at`,
      )
      .all([team]);
  }

  overridden(shiftId: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM handover_overrides WHERE shift_id = ?').get([shiftId]) !==
      undefined
    );
  }

  insertOverride(shiftId: string, leadId: string, at: number, reason: string): void {
    this.db
      .prepare('INSERT INTO handover_overrides (shift_id, lead_id, at, reason) VALUES (?, ?, ?, ?)')
      .run([shiftId, leadId, at, reason]);
  }
}
