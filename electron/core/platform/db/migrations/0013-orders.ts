import type { Migration } from './index';

/**
 * Orders taken on the phone (工作单), their amendments, and their delivery to the company's order
 * system. The order row is its own outbox entry: it is written, with its delivery status
 * 'queued', in the same transaction as the agent's submission, so an order the desk has confirmed
 * to the agent is never lost (kill -9, power, network down), and the outbox worker delivers it
 * when it can. An amendment bumps `version` and queues the order again (a new idempotency key).
 */
export const migration0013: Migration = {
  version: 13,
  name: 'orders and the insurance register',
  up(db) {
    db.exec(`
      CREATE TABLE orders (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        shift_id TEXT REFERENCES shifts(id),
        call_id TEXT REFERENCES calls(id),
        customer_id TEXT REFERENCES customers(id),
        created_at INTEGER NOT NULL,
        -- The desk's calendar day the order was taken (the register's day).
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        version INTEGER NOT NULL DEFAULT 1 CHECK (version >= 1),
        draft TEXT NOT NULL CHECK (json_valid(draft)),
        goods_description TEXT NOT NULL,
        goods_category TEXT NOT NULL,
        sender_name TEXT NOT NULL,
        recipient_name TEXT NOT NULL,
        total_fen INTEGER NOT NULL CHECK (total_fen >= 0),
        premium_fen INTEGER NOT NULL CHECK (premium_fen >= 0),
        declared_value_fen INTEGER CHECK (declared_value_fen IS NULL OR declared_value_fen >= 0),
        -- The 保价 offer (Art. 21): why it applied ('[]': it did not) and the customer's answer.
        offer_reasons TEXT NOT NULL CHECK (json_valid(offer_reasons)),
        insurance_outcome TEXT CHECK (insurance_outcome IN ('accepted', 'declined', 'not_applicable')),
        decline_reason TEXT,
        rate_table TEXT NOT NULL,
        delivery TEXT NOT NULL DEFAULT 'queued' CHECK (delivery IN ('queued', 'delivered', 'refused')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER,
        last_error TEXT,
        delivered_at INTEGER,
        remote_ref TEXT
      ) STRICT;
      CREATE INDEX orders_by_day ON orders (day, agent_id);
      CREATE INDEX orders_outbox ON orders (next_attempt_at) WHERE delivery = 'queued';
      CREATE INDEX orders_by_customer ON orders (customer_id, created_at);

      CREATE TABLE order_amendments (
        id TEXT PRIMARY KEY,
        order_id TEXT NOT NULL REFERENCES orders(id),
        version INTEGER NOT NULL,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        at INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
        before TEXT NOT NULL CHECK (json_valid(before)),
        after TEXT NOT NULL CHECK (json_valid(after)),
        UNIQUE (order_id, version)
      ) STRICT;
    `);
  },
};
