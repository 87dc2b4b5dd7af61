/** All SQL of the orders feature: orders (each its own outbox entry) and their amendments. */
import type { Db } from '../../platform/db/database';

export type Delivery = 'queued' | 'delivered' | 'refused';

export interface OrderRow {
  id: string;
  number: string;
  agent_id: string;
  shift_id: string | null;
  call_id: string | null;
  customer_id: string | null;
  created_at: number;
  day: string;
  version: number;
  draft: string;
  goods_description: string;
  goods_category: string;
  sender_name: string;
  recipient_name: string;
  total_fen: number;
  premium_fen: number;
  declared_value_fen: number | null;
  offer_reasons: string;
  insurance_outcome: 'accepted' | 'declined' | 'not_applicable' | null;
  decline_reason: string | null;
  rate_table: string;
  delivery: Delivery;
  attempts: number;
  next_attempt_at: number | null;
  last_error: string | null;
  delivered_at: number | null;
  remote_ref: string | null;
}

export type NewOrder = Omit<
  OrderRow,
  'version' | 'delivery' | 'attempts' | 'last_error' | 'delivered_at' | 'remote_ref'
>;

/** An order with the names a list or the register shows. */
export interface OrderListRow extends OrderRow {
  agent_name: string;
  employee_no: string;
  customer_name: string | null;
}

const listColumns = `o.*, a.name AS agent_name, a.employee_no, c.name AS customer_name`;
const listJoins = `FROM orders o JOIN agents a ON a.id = o.agent_id
                   LEFT JOIN customers c ON c.id = o.customer_id`;

export class OrdersRepo {
  constructor(private readonly db: Db) {}

  insert(o: NewOrder): void {
    this.db
      .prepare(
        `INSERT INTO orders (id, number, agent_id, shift_id, call_id, customer_id, created_at, day,
           draft, goods_description, goods_category, sender_name, recipient_name, total_fen,
           premium_fen, declared_value_fen, offer_reasons, insurance_outcome, decline_reason,
           rate_table, next_attempt_at)
         VALUES (@id, @number, @agent_id, @shift_id, @call_id, @customer_id, @created_at, @day,
           @draft, @goods_description, @goods_category, @sender_name, @recipient_name, @total_fen,
           @premium_fen, @declared_value_fen, @offer_reasons, @insurance_outcome, @decline_reason,
           @rate_table, @next_attempt_at)`,
      )
      .run(o);
  }

  /** How many orders this agent has numbered on this day (the next number's sequence). */
  countForAgentDay(agentId: string, day: string): number {
    return (
      this.db
        .prepare<{ n: number }>('SELECT COUNT(*) AS n FROM orders WHERE agent_id = ? AND day = ?')
        .get([agentId, day])?.n ?? 0
    );
  }

  get(id: string): OrderListRow | undefined {
    return this.db
      .prepare<OrderListRow>(`SELECT ${listColumns} ${listJoins} WHERE o.id = ?`)
      .get([id]);
  }

  /** A day's orders, of one agent or of everyone at this desk, oldest first. */
  forDay(day: string, agentId: string | null): OrderListRow[] {
    return agentId
      ? this.db
          .prepare<OrderListRow>(
            `SELECT ${listColumns} ${listJoins} WHERE o.day = ? AND o.agent_id = ? ORDER BY o.created_at`,
          )
          .all([day, agentId])
      : this.db
          .prepare<OrderListRow>(
            `SELECT ${listColumns} ${listJoins} WHERE o.day = ? ORDER BY o.created_at`,
          )
          .all([day]);
  }

  /**
   * The orders an agent took on one call, oldest first. `days`: the desk-local days the call's
   * orders can carry (the call's start to now) — the (day, agent) index finds them.
   */
  ofCall(callId: string, agentId: string, days: readonly string[]): OrderListRow[] {
    if (days.length === 0) return [];
    return this.db
      .prepare<OrderListRow>(
        `SELECT ${listColumns} ${listJoins}
         WHERE o.day IN (${days.map(() => '?').join(', ')}) AND o.agent_id = ? AND o.call_id = ?
         ORDER BY o.created_at`,
      )
      .all([...days, agentId, callId]);
  }

  /** A customer's latest orders (repeat orders, recent addresses). */
  forCustomer(customerId: string, limit: number): OrderListRow[] {
    return this.db
      .prepare<OrderListRow>(
        `SELECT ${listColumns} ${listJoins} WHERE o.customer_id = ?
         ORDER BY o.created_at DESC LIMIT ?`,
      )
      .all([customerId, limit]);
  }

  /** Orders due for delivery now, oldest first. */
  due(now: number, limit: number): OrderRow[] {
    return this.db
      .prepare<OrderRow>(
        `SELECT * FROM orders WHERE delivery = 'queued' AND next_attempt_at <= ?
         ORDER BY next_attempt_at LIMIT ?`,
      )
      .all([now, limit]);
  }

  queuedCount(): number {
    return (
      this.db
        .prepare<{ n: number }>("SELECT COUNT(*) AS n FROM orders WHERE delivery = 'queued'")
        .get()?.n ?? 0
    );
  }

  /** Every queued order due now (the agent asked to retry: no waiting out the backoff). */
  makeAllDue(now: number): void {
    this.db
      .prepare(
        "UPDATE orders SET next_attempt_at = ? WHERE delivery = 'queued' AND next_attempt_at > ?",
      )
      .run([now, now]);
  }

  /** When the next queued order is due (null: nothing queued). */
  nextDue(): number | null {
    return (
      this.db
        .prepare<{ at: number | null }>(
          "SELECT MIN(next_attempt_at) AS at FROM orders WHERE delivery = 'queued'",
        )
        .get()?.at ?? null
    );
  }

  /**
   * The outcome of delivering `version`. Ignored if the order was amended meanwhile (its new
   * version is queued and will be delivered on its own).
   */
  recordDelivery(
    id: string,
    version: number,
    outcome:
      | { delivery: 'delivered'; at: number; ref: string }
      | { delivery: 'refused'; at: number; reason: string }
      | { delivery: 'queued'; nextAt: number; reason: string },
  ): boolean {
    const r =
      outcome.delivery === 'delivered'
        ? this.db
            .prepare(
              `UPDATE orders SET delivery = 'delivered', attempts = attempts + 1, delivered_at = ?,
                 remote_ref = ?, last_error = NULL, next_attempt_at = NULL
               WHERE id = ? AND version = ? AND delivery = 'queued'`,
            )
            .run([outcome.at, outcome.ref, id, version])
        : outcome.delivery === 'refused'
          ? this.db
              .prepare(
                `UPDATE orders SET delivery = 'refused', attempts = attempts + 1, last_error = ?,
                   next_attempt_at = NULL
                 WHERE id = ? AND version = ? AND delivery = 'queued'`,
              )
              .run([outcome.reason, id, version])
          : this.db
              .prepare(
                `UPDATE orders SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?
                 WHERE id = ? AND version = ? AND delivery = 'queued'`,
              )
              .run([outcome.reason, outcome.nextAt, id, version]);
    return r.changes === 1;
  }

  /** A new version of the order, queued for delivery again. */
  amend(
    id: string,
    fields: Pick<
      OrderRow,
      | 'draft'
      | 'goods_description'
      | 'goods_category'
      | 'sender_name'
      | 'recipient_name'
      | 'total_fen'
      | 'premium_fen'
      | 'declared_value_fen'
      | 'offer_reasons'
      | 'insurance_outcome'
      | 'decline_reason'
    >,
    now: number,
  ): number {
    this.db
      .prepare(
        `UPDATE orders SET version = version + 1, draft = @draft,
           goods_description = @goods_description, goods_category = @goods_category,
           sender_name = @sender_name, recipient_name = @recipient_name, total_fen = @total_fen,
           premium_fen = @premium_fen, declared_value_fen = @declared_value_fen,
           offer_reasons = @offer_reasons, insurance_outcome = @insurance_outcome,
           decline_reason = @decline_reason, delivery = 'queued', attempts = 0,
           next_attempt_at = @now, last_error = NULL, delivered_at = NULL
         WHERE id = @id`,
      )
      .run({ ...fields, id, now });
    return this.db
      .prepare<{ version: number }>('SELECT version FROM orders WHERE id = ?')
      .get([id])!.version;
  }

  insertAmendment(a: {
    id: string;
    order_id: string;
    version: number;
    agent_id: string;
    at: number;
    reason: string;
    before: string;
    after: string;
  }): void {
    this.db
      .prepare(
        `INSERT INTO order_amendments (id, order_id, version, agent_id, at, reason, before, after)
         VALUES (@id, @order_id, @version, @agent_id, @at, @reason, @before, @after)`,
      )
      .run(a);
  }

  /** Orders an agent took on a day, and how many of them were amended (开单准确率). */
  accuracy(day: string, agentId: string): { orders: number; amended: number } {
    return this.db
      .prepare<{ orders: number; amended: number }>(
        `SELECT COUNT(*) AS orders,
                COUNT(*) FILTER (WHERE EXISTS
                  (SELECT 1 FROM order_amendments m WHERE m.order_id = o.id)) AS amended
         FROM orders o WHERE o.day = ? AND o.agent_id = ?`,
      )
      .get([day, agentId])!;
  }

  amendmentReason(orderId: string, version: number): string | null {
    return (
      this.db
        .prepare<{ reason: string }>(
          'SELECT reason FROM order_amendments WHERE order_id = ? AND version = ?',
        )
        .get([orderId, version])?.reason ?? null
    );
  }

  /** The customer had a call classified 理赔 before: a prior compensation claim. */
  hadClaim(customerId: string): boolean {
    return (
      this.db
        .prepare(`SELECT 1 FROM calls WHERE customer_id = ? AND disposition = 'claim' LIMIT 1`)
        .get([customerId]) !== undefined
    );
  }

  customer(id: string):
    | {
        id: string;
        name: string;
        class: 'A' | 'B' | 'C';
        province: string;
        city: string;
        address: string;
      }
    | undefined {
    return this.db
      .prepare<{
        id: string;
        name: string;
        class: 'A' | 'B' | 'C';
        province: string;
        city: string;
        address: string;
      }>('SELECT id, name, class, province, city, address FROM customers WHERE id = ?')
      .get([id]);
  }

  customerPhones(id: string): string[] {
    return this.db
      .prepare<{ phone: string }>('SELECT phone FROM phones WHERE customer_id = ? ORDER BY phone')
      .all([id])
      .map((r) => r.phone);
  }

  callExists(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM calls WHERE id = ?').get([id]) !== undefined;
  }
}
