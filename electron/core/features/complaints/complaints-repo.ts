/** All SQL of the complaints feature. */
import type { Db, Statement } from '../../platform/db/database';

export interface ComplaintRow {
  id: string;
  number: string;
  owner_id: string;
  created_by: string;
  received_at: number;
  incident_at: number;
  call_id: string | null;
  customer_id: string | null;
  customer_name: string;
  type: string;
  severity: string;
  cause: string;
  watch_list: number;
  form: string;
  requested_fen: number | null;
  payable_fen: number;
  compensation: string;
  step: string | null;
  escalated_to: string | null;
  escalated_at: number | null;
  done: string;
  next_clock: string | null;
  next_due_at: number | null;
  next_estimated: number;
  closed_at: number | null;
  closed_by: string | null;
  paid_fen: number | null;
  /** The waybill numbers joined with ',' ('' for none). */
  waybill_numbers: string;
}

export interface ComplaintListRow extends ComplaintRow {
  owner_no: string;
  owner_name: string;
}

export interface ComplaintEventRow {
  id: string;
  complaint_id: string;
  at: number;
  kind: string;
  by_id: string;
  by_no: string;
  by_name: string;
  step: string | null;
  clock: string | null;
  desk: string | null;
  to_id: string | null;
  to_no: string | null;
  to_name: string | null;
  note: string | null;
}

export interface AttachmentRow {
  id: string;
  complaint_id: string;
  file_name: string;
  mime: string;
  size: number;
  path: string;
  sha256: string;
  at: number;
  by_id: string;
}

export type NewEvent = Omit<ComplaintEventRow, 'by_no' | 'by_name' | 'to_no' | 'to_name'>;

/** What a list asks for: whose tickets (an owner, or a team), which due window, which kind. */
export interface ListQuery {
  ownerId?: string;
  team?: string;
  dueFrom?: number;
  dueBefore?: number;
  type: string | null;
  severity: string | null;
  limit: number;
}

const ownerColumns = 'a.employee_no AS owner_no, a.name AS owner_name';
const listColumns = `t.*, ${ownerColumns}`;
/** A list row: what a summary and the clocks need, not the form and compensation texts. */
const summaryColumns = `t.id, t.number, t.owner_id, t.received_at, t.incident_at, t.customer_name,
  t.type, t.severity, t.watch_list, t.step, t.escalated_to, t.escalated_at, t.done, t.next_clock,
  t.next_due_at, t.next_estimated, t.closed_at, t.waybill_numbers, ${ownerColumns}`;

export type ComplaintSummaryRow = Pick<
  ComplaintListRow,
  | 'id'
  | 'number'
  | 'owner_id'
  | 'received_at'
  | 'incident_at'
  | 'customer_name'
  | 'type'
  | 'severity'
  | 'watch_list'
  | 'step'
  | 'escalated_to'
  | 'escalated_at'
  | 'done'
  | 'next_clock'
  | 'next_due_at'
  | 'next_estimated'
  | 'closed_at'
  | 'owner_no'
  | 'owner_name'
  | 'waybill_numbers'
>;

export class ComplaintsRepo {
  private readonly getStmt: Statement<ComplaintListRow>;
  private readonly insertEventStmt: Statement<never>;
  /** The lists' statements by their SQL (a handful of filter combinations), prepared once. */
  private readonly listStmts = new Map<string, Statement<ComplaintSummaryRow>>();

  constructor(private readonly db: Db) {
    this.getStmt = db.prepare<ComplaintListRow>(
      `SELECT ${listColumns} FROM complaints t JOIN agents a ON a.id = t.owner_id WHERE t.id = ?`,
    );
    this.insertEventStmt = db.prepare(
      `INSERT INTO complaint_events (id, complaint_id, at, kind, by_id, step, clock, desk, to_id, note)
       VALUES (@id, @complaint_id, @at, @kind, @by_id, @step, @clock, @desk, @to_id, @note)`,
    );
  }

  /** A new ticket and its waybills (`r.waybill_numbers` is written from them). */
  insert(r: ComplaintRow, waybills: readonly { id: string; number: string }[]): void {
    this.db
      .prepare(
        `INSERT INTO complaints (id, number, owner_id, created_by, received_at, incident_at, call_id,
           customer_id, customer_name, type, severity, cause, watch_list, form, requested_fen,
           payable_fen, compensation, step, escalated_to, escalated_at, done, next_clock,
           next_due_at, next_estimated, closed_at, closed_by, paid_fen, waybill_numbers)
         VALUES (@id, @number, @owner_id, @created_by, @received_at, @incident_at, @call_id,
           @customer_id, @customer_name, @type, @severity, @cause, @watch_list, @form,
           @requested_fen, @payable_fen, @compensation, @step, @escalated_to, @escalated_at, @done,
           @next_clock, @next_due_at, @next_estimated, @closed_at, @closed_by, @paid_fen,
           @waybill_numbers)`,
      )
      .run({
        ...r,
        waybill_numbers: [...new Set(waybills.map((w) => w.number))].sort().join(','),
      } as unknown as Record<string, unknown>);
    const link = this.db.prepare(
      'INSERT OR IGNORE INTO complaint_waybills (complaint_id, waybill_id, number) VALUES (?, ?, ?)',
    );
    for (const w of waybills) link.run([r.id, w.id, w.number]);
  }

  /** Writes back the columns a change may touch (form, money, step, owner, clocks, closing). */
  update(r: ComplaintRow): void {
    this.db
      .prepare(
        `UPDATE complaints SET owner_id = @owner_id, incident_at = @incident_at,
           customer_name = @customer_name, type = @type, severity = @severity, cause = @cause,
           watch_list = @watch_list, form = @form, requested_fen = @requested_fen,
           payable_fen = @payable_fen, compensation = @compensation, step = @step,
           escalated_to = @escalated_to, escalated_at = @escalated_at, done = @done,
           next_clock = @next_clock, next_due_at = @next_due_at, next_estimated = @next_estimated,
           closed_at = @closed_at, closed_by = @closed_by, paid_fen = @paid_fen
         WHERE id = @id`,
      )
      .run(r as unknown as Record<string, unknown>);
  }

  /** Every open ticket's id (the clocks are recounted when the desk's calendar changes). */
  openIds(): string[] {
    return this.db
      .prepare<{ id: string }>('SELECT id FROM complaints WHERE closed_at IS NULL')
      .all()
      .map((r) => r.id);
  }

  get(id: string): ComplaintListRow | undefined {
    return this.getStmt.get([id]);
  }

  addEvent(e: NewEvent): void {
    this.insertEventStmt.run(e as unknown as Record<string, unknown>);
  }

  events(complaintId: string): ComplaintEventRow[] {
    return this.db
      .prepare<ComplaintEventRow>(
        `SELECT e.*, b.employee_no AS by_no, b.name AS by_name, t.employee_no AS to_no,
           t.name AS to_name
         FROM complaint_events e JOIN agents b ON b.id = e.by_id
         LEFT JOIN agents t ON t.id = e.to_id
         WHERE e.complaint_id = ? ORDER BY e.at, e.rowid`,
      )
      .all([complaintId]);
  }

  /** Open tickets by their next clock: one owner's (index on owner, due) or a team's (on due). */
  list(q: ListQuery): ComplaintSummaryRow[] {
    const where = ['t.closed_at IS NULL'];
    const params: Record<string, unknown> = { limit: q.limit };
    if (q.ownerId !== undefined) {
      where.push('t.owner_id = @ownerId');
      params.ownerId = q.ownerId;
    }
    if (q.team !== undefined) {
      where.push('a.team = @team');
      params.team = q.team;
    }
    if (q.dueFrom !== undefined) {
      where.push('t.next_due_at >= @dueFrom');
      params.dueFrom = q.dueFrom;
    }
    if (q.dueBefore !== undefined) {
      where.push('t.next_due_at < @dueBefore');
      params.dueBefore = q.dueBefore;
    }
    if (q.type !== null) {
      where.push('t.type = @type');
      params.type = q.type;
    }
    if (q.severity !== null) {
      where.push('t.severity = @severity');
      params.severity = q.severity;
    }
    const index = q.ownerId !== undefined ? 'complaints_open_by_owner' : 'complaints_open_by_due';
    const sql = `SELECT ${summaryColumns} FROM complaints t INDEXED BY ${index}
         JOIN agents a ON a.id = t.owner_id
         WHERE ${where.join(' AND ')} ORDER BY t.next_due_at LIMIT @limit`;
    let stmt = this.listStmts.get(sql);
    if (!stmt) this.listStmts.set(sql, (stmt = this.db.prepare<ComplaintSummaryRow>(sql)));
    return stmt.all(params);
  }

  /** Open tickets of an agent (the handover book), by their next clock. */
  openOf(ownerId: string): ComplaintSummaryRow[] {
    return this.list({ ownerId, type: null, severity: null, limit: 10_000 });
  }

  /**
   * The open tickets of some customers (a caller's), the most urgent first: the next clock
   * soonest (overdue ones are the earliest), a ticket with no clock left last. A seek per customer
   * on `complaints_open_by_customer` (migration 0018).
   */
  openOfCustomers(customerIds: readonly string[], limit: number): ComplaintSummaryRow[] {
    return this.db
      .prepare<ComplaintSummaryRow>(
        `SELECT ${summaryColumns} FROM complaints t JOIN agents a ON a.id = t.owner_id
         WHERE t.closed_at IS NULL AND t.customer_id IN (SELECT value FROM json_each(@ids))
         ORDER BY t.next_due_at IS NULL, t.next_due_at, t.received_at LIMIT @limit`,
      )
      .all({ ids: JSON.stringify(customerIds), limit });
  }

  /** How many tickets were registered since `from` (for the day's sequence of ticket numbers). */
  countReceived(from: number, to: number, agentIds?: readonly string[]): number {
    const byAgents =
      agentIds === undefined ? '' : ` AND created_by IN (SELECT value FROM json_each(@agents))`;
    return (
      this.db
        .prepare<{ n: number }>(
          `SELECT COUNT(*) AS n FROM complaints
           WHERE received_at >= @from AND received_at < @to${byAgents}`,
        )
        .get({ from, to, ...(agentIds !== undefined && { agents: JSON.stringify(agentIds) }) })
        ?.n ?? 0
    );
  }

  numberTaken(number: string): boolean {
    return this.db.prepare('SELECT 1 FROM complaints WHERE number = ?').get([number]) !== undefined;
  }

  /** Registered in [from, to): counts by a column. */
  countsBy(column: 'type' | 'severity' | 'cause', from: number, to: number): Map<string, number> {
    const rows = this.db
      .prepare<{ key: string; n: number }>(
        `SELECT ${column} AS key, COUNT(*) AS n FROM complaints
         WHERE received_at >= ? AND received_at < ? GROUP BY ${column}`,
      )
      .all([from, to]);
    return new Map(rows.map((r) => [r.key, r.n]));
  }

  /** Closed in [from, to): how many, what was paid, the average time from receipt to close. */
  closedIn(from: number, to: number): { n: number; paid: number; avg: number | null } {
    return (
      this.db
        .prepare<{ n: number; paid: number; avg: number | null }>(
          `SELECT COUNT(*) AS n, COALESCE(SUM(paid_fen), 0) AS paid,
             AVG(closed_at - received_at) AS avg
           FROM complaints WHERE closed_at >= ? AND closed_at < ?`,
        )
        .get([from, to]) ?? { n: 0, paid: 0, avg: null }
    );
  }

  callCustomer(callId: string): { customer_id: string | null } | undefined {
    return this.db
      .prepare<{ customer_id: string | null }>('SELECT customer_id FROM calls WHERE id = ?')
      .get([callId]);
  }

  customerExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM customers WHERE id = ?').get([id]) !== undefined;
  }

  waybillByNumber(number: string): { id: string; number: string } | undefined {
    return this.db
      .prepare<{ id: string; number: string }>('SELECT id, number FROM waybills WHERE number = ?')
      .get([number]);
  }

  agentTeam(agentId: string): string | null {
    return (
      this.db.prepare<{ team: string }>('SELECT team FROM agents WHERE id = ?').get([agentId])
        ?.team ?? null
    );
  }

  activeAgentByNo(employeeNo: string): { id: string } | undefined {
    return this.db
      .prepare<{ id: string }>('SELECT id FROM agents WHERE employee_no = ? AND disabled = 0')
      .get([employeeNo]);
  }

  activeAgent(id: string): boolean {
    return (
      this.db.prepare('SELECT 1 FROM agents WHERE id = ? AND disabled = 0').get([id]) !== undefined
    );
  }

  addAttachment(a: AttachmentRow): void {
    this.db
      .prepare(
        `INSERT INTO complaint_attachments (id, complaint_id, file_name, mime, size, path, sha256, at,
           by_id)
         VALUES (@id, @complaint_id, @file_name, @mime, @size, @path, @sha256, @at, @by_id)`,
      )
      .run(a as unknown as Record<string, unknown>);
  }

  attachments(complaintId: string): AttachmentRow[] {
    return this.db
      .prepare<AttachmentRow>(
        'SELECT * FROM complaint_attachments WHERE complaint_id = ? ORDER BY at, id',
      )
      .all([complaintId]);
  }

  attachment(complaintId: string, id: string): AttachmentRow | undefined {
    return this.db
      .prepare<AttachmentRow>(
        'SELECT * FROM complaint_attachments WHERE complaint_id = ? AND id = ?',
      )
      .get([complaintId, id]);
  }
}
