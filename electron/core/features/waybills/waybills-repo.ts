/**
 * Waybill lookup SQL. Each query has one intended index (kept under test with EXPLAIN QUERY
 * PLAN in test/core/features/waybills/waybill-service.test.ts):
 *   number exact/prefix → waybills.number (UNIQUE)    phone → phones PK     尾号 → phones_last4
 *   names ≤ 2 chars → customers_name_id (B-tree range)   ≥ 3 chars / addresses → customers_fts (trigram)
 *   a customer's parcels → waybills_sender_customer / waybills_receiver_customer
 */
import type { ProblemReport } from '@shared/waybills/anomalies';
import type { TrackingStatus } from '@shared/waybills/tracking';
import type { CarrierCode } from '@shared/waybills/waybill';
import type { Db, Statement } from '../../platform/db/database';

export interface WaybillRowDb {
  id: string;
  number: string;
  carrier: CarrierCode;
  status: TrackingStatus;
  origin_city: string;
  dest_city: string;
  sender_name: string;
  receiver_name: string;
  created_at: number;
  promised_at: number | null;
  last_event_at: number | null;
  last_event_text: string | null;
}

export interface LastContactDb {
  offered_at: number;
  direction: 'inbound' | 'outbound';
  disposition: string | null;
  answered_at: number | null;
  end_cause: string | null;
  agent_name: string | null;
}

export interface WaybillFullDb extends WaybillRowDb {
  sender_phone: string;
  receiver_phone: string;
  sender_address: string;
  receiver_address: string;
  sender_customer_id: string | null;
  receiver_customer_id: string | null;
  service_type: string;
  item_description: string;
  weight_g: number;
  declared_value_fen: number | null;
  insured: 0 | 1;
  freight_fen: number;
  synced_at: number | null;
}

export interface TrackingEventDb {
  at: number;
  status: TrackingStatus;
  raw_state: string | null;
  location: string | null;
  description: string;
}

export interface CustomerDb {
  id: string;
  name: string;
  company: string | null;
  class: 'A' | 'B' | 'C';
  key_account_tier: number | null;
  city: string;
}

const ROW = `w.id, w.number, w.carrier, w.status, w.origin_city, w.dest_city, w.sender_name, w.receiver_name,
  w.created_at, w.promised_at, w.last_event_at,
  (SELECT e.description FROM tracking_events e WHERE e.waybill_id = w.id ORDER BY e.at DESC LIMIT 1) AS last_event_text`;

/** Upper bound for a prefix range on a BINARY-collated text index. */
const PREFIX_END = '\u{10FFFF}';

/** An FTS5 phrase: the text quoted, quotes doubled — never FTS query syntax from the user. */
export function ftsPhrase(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

export class WaybillsRepo {
  private readonly byNumberStmt: Statement<WaybillRowDb>;
  private readonly fullByNumberStmt: Statement<WaybillFullDb>;
  private readonly fullByIdStmt: Statement<WaybillFullDb>;
  private readonly byPrefixStmt: Statement<WaybillRowDb>;
  private readonly forCustomersStmt: Statement<WaybillRowDb>;
  private readonly phoneStmt: Statement<{ customer_id: string }>;
  private readonly last4Stmt: Statement<{ customer_id: string }>;
  private readonly last4NameStmt: Statement<{ customer_id: string }>;
  private readonly namePrefixStmt: Statement<{ id: string }>;
  private readonly ftsStmt: Statement<{ id: string; name: string; address: string }>;
  private readonly scanAddressStmt: Statement<{ id: string }>;
  private readonly eventsStmt: Statement<TrackingEventDb>;
  private readonly problemsStmt: Statement<{
    kind: ProblemReport['kind'];
    occurred_at: number;
    announced_at: number | null;
  }>;
  private readonly notesStmt: Statement<{
    id: string;
    at: number;
    text: string;
    agent_name: string;
  }>;
  private readonly insertNoteStmt: Statement<never>;
  private readonly customersStmt: Statement<CustomerDb>;
  private readonly lastContactsStmt: Statement<LastContactDb>;

  constructor(db: Db) {
    this.byNumberStmt = db.prepare(`SELECT ${ROW} FROM waybills w WHERE w.number = ?`);
    this.fullByNumberStmt = db.prepare(`SELECT w.*, ${ROW} FROM waybills w WHERE w.number = ?`);
    this.fullByIdStmt = db.prepare(`SELECT w.*, ${ROW} FROM waybills w WHERE w.id = ?`);
    this.byPrefixStmt = db.prepare(
      `SELECT ${ROW} FROM waybills w WHERE w.number >= @prefix AND w.number < @end ORDER BY w.number LIMIT @limit`,
    );
    // Two steps: pick the newest rows from the covering (customer, created_at) indexes, then read
    // only those rows (and their latest event) — not every parcel of every matched customer.
    this.forCustomersStmt = db.prepare(
      `WITH hits(rid, created_at) AS (
         SELECT rowid, created_at FROM waybills
         WHERE sender_customer_id IN (SELECT value FROM json_each(@ids)) AND created_at BETWEEN @from AND @to
         UNION
         SELECT rowid, created_at FROM waybills
         WHERE receiver_customer_id IN (SELECT value FROM json_each(@ids)) AND created_at BETWEEN @from AND @to),
       top AS (SELECT rid FROM hits ORDER BY created_at DESC LIMIT @limit)
       SELECT ${ROW} FROM top JOIN waybills w ON w.rowid = top.rid ORDER BY w.created_at DESC`,
    );
    this.phoneStmt = db.prepare('SELECT customer_id FROM phones WHERE phone = ?');
    // Both sides index-only (phones_last4, customers_name_id): see migration 0005.
    this.last4Stmt = db.prepare('SELECT customer_id FROM phones WHERE last4 = @last4 LIMIT @limit');
    this.last4NameStmt = db.prepare(
      `SELECT customer_id FROM phones WHERE last4 = @last4
       INTERSECT SELECT id FROM customers WHERE name >= @name AND name < @end LIMIT @limit`,
    );
    this.namePrefixStmt = db.prepare(
      'SELECT id FROM customers WHERE name >= @name AND name < @end LIMIT @limit',
    );
    this.ftsStmt = db.prepare(
      `SELECT c.id, c.name, c.address FROM customers_fts f JOIN customers c ON c.rowid = f.rowid
       WHERE customers_fts MATCH @match LIMIT @limit`,
    );
    // Fragments under 3 characters cannot use the trigram index: a scan that stops at @limit hits.
    this.scanAddressStmt = db.prepare(
      'SELECT id FROM customers WHERE instr(address, @text) > 0 LIMIT @limit',
    );
    this.eventsStmt = db.prepare(
      'SELECT at, status, raw_state, location, description FROM tracking_events WHERE waybill_id = ? ORDER BY at DESC',
    );
    this.problemsStmt = db.prepare(
      'SELECT kind, occurred_at, announced_at FROM problem_reports WHERE waybill_id = ?',
    );
    this.notesStmt = db.prepare(
      `SELECT n.id, n.at, n.text, a.name AS agent_name FROM waybill_notes n JOIN agents a ON a.id = n.agent_id
       WHERE n.waybill_id = ? ORDER BY n.at DESC`,
    );
    this.insertNoteStmt = db.prepare(
      'INSERT INTO waybill_notes (id, waybill_id, agent_id, at, text) VALUES (@id, @waybill_id, @agent_id, @at, @text)',
    );
    this.customersStmt = db.prepare(
      'SELECT id, name, company, class, key_account_tier, city FROM customers WHERE id IN (SELECT value FROM json_each(?))',
    );
    this.lastContactsStmt = db.prepare(
      `SELECT c.offered_at, c.direction, c.disposition, c.answered_at, c.end_cause, a.name AS agent_name
       FROM calls c LEFT JOIN agents a ON a.id = c.agent_id
       WHERE c.remote_number = ? AND c.ended_at IS NOT NULL -- not the call ringing now
       ORDER BY c.offered_at DESC LIMIT 5`,
    );
  }

  byNumber(number: string): WaybillRowDb | undefined {
    return this.byNumberStmt.get([number]);
  }

  fullByNumber(number: string): WaybillFullDb | undefined {
    return this.fullByNumberStmt.get([number]);
  }

  fullById(id: string): WaybillFullDb | undefined {
    return this.fullByIdStmt.get([id]);
  }

  byNumberPrefix(prefix: string, limit: number): WaybillRowDb[] {
    return this.byPrefixStmt.all({ prefix, end: prefix + PREFIX_END, limit });
  }

  forCustomers(
    ids: readonly string[],
    limit: number,
    from = 0,
    to = Number.MAX_SAFE_INTEGER,
  ): WaybillRowDb[] {
    if (ids.length === 0) return [];
    return this.forCustomersStmt.all({ ids: JSON.stringify(ids), from, to, limit });
  }

  customerIdsByPhone(phone: string): string[] {
    return this.phoneStmt.all([phone]).map((r) => r.customer_id);
  }

  /** 尾号 with an optional name: the name matches as a prefix (王 → every 王 with that 尾号). */
  customerIdsByLast4(last4: string, name: string | null, limit: number): string[] {
    const rows =
      name === null
        ? this.last4Stmt.all({ last4, limit })
        : this.last4NameStmt.all({ last4, name, end: name + PREFIX_END, limit });
    return rows.map((r) => r.customer_id);
  }

  customerIdsByNamePrefix(name: string, limit: number): string[] {
    return this.namePrefixStmt.all({ name, end: name + PREFIX_END, limit }).map((r) => r.id);
  }

  /** Full-text over name/company or address; every part of ≥ 3 characters must match. */
  customerIdsByText(
    parts: readonly string[],
    columns: 'name' | 'address',
    limit: number,
  ): string[] {
    const long = parts.filter((p) => [...p].length >= 3);
    const short = parts.filter((p) => [...p].length < 3);
    if (long.length === 0) {
      if (columns === 'address' && short.length > 0) {
        return this.scanAddressStmt.all({ text: short.join(''), limit }).map((r) => r.id);
      }
      return [];
    }
    const filter = columns === 'name' ? '{name company}' : 'address';
    const match = long.map((p) => `${filter} : ${ftsPhrase(p)}`).join(' AND ');
    // Short parts narrow the full-text hits (they cannot be indexed by trigrams).
    const rows = this.ftsStmt.all({ match, limit: short.length > 0 ? limit * 20 : limit });
    return rows
      .filter((r) => short.every((s) => (columns === 'name' ? r.name : r.address).includes(s)))
      .slice(0, limit)
      .map((r) => r.id);
  }

  events(waybillId: string): TrackingEventDb[] {
    return this.eventsStmt.all([waybillId]);
  }

  problems(waybillId: string): ProblemReport[] {
    return this.problemsStmt
      .all([waybillId])
      .map((p) => ({ kind: p.kind, occurredAt: p.occurred_at, announcedAt: p.announced_at }));
  }

  notes(waybillId: string): { id: string; at: number; text: string; agentName: string }[] {
    return this.notesStmt
      .all([waybillId])
      .map((n) => ({ id: n.id, at: n.at, text: n.text, agentName: n.agent_name }));
  }

  addNote(note: {
    id: string;
    waybill_id: string;
    agent_id: string;
    at: number;
    text: string;
  }): void {
    this.insertNoteStmt.run(note);
  }

  customers(ids: readonly string[]): CustomerDb[] {
    return this.customersStmt.all([JSON.stringify(ids)]);
  }

  /** The caller's five latest finished calls, for the screen pop. */
  lastContacts(number: string): LastContactDb[] {
    return this.lastContactsStmt.all([number]);
  }
}
