import type { Migration } from './index';

/**
 * Customers (class A/B/C, key-account tier — docs/DOMAIN.md §3), their phones, waybills and tracking
 * events. Money in integer fen, times in UTC epoch ms. The search indexes (FTS5 trigram for
 * names/addresses) belong to the lookup work and arrive in their own migration.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'customers, phones, waybills, tracking events',
  up(db) {
    db.exec(`
      CREATE TABLE customers (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        company TEXT,
        class TEXT NOT NULL CHECK (class IN ('A', 'B', 'C')),
        key_account_tier INTEGER CHECK (key_account_tier BETWEEN 1 AND 4),
        province TEXT NOT NULL,
        city TEXT NOT NULL,
        address TEXT NOT NULL,
        created_at INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE phones (
        phone TEXT NOT NULL,
        customer_id TEXT NOT NULL REFERENCES customers(id),
        last4 TEXT NOT NULL GENERATED ALWAYS AS (substr(phone, -4)) VIRTUAL,
        PRIMARY KEY (phone, customer_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX phones_customer ON phones(customer_id);

      CREATE TABLE waybills (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        carrier TEXT NOT NULL,
        sender_customer_id TEXT REFERENCES customers(id),
        receiver_customer_id TEXT REFERENCES customers(id),
        sender_name TEXT NOT NULL,
        sender_phone TEXT NOT NULL,
        sender_address TEXT NOT NULL,
        receiver_name TEXT NOT NULL,
        receiver_phone TEXT NOT NULL,
        receiver_address TEXT NOT NULL,
        origin_city TEXT NOT NULL,
        dest_city TEXT NOT NULL,
        service_type TEXT NOT NULL,
        item_description TEXT NOT NULL,
        weight_g INTEGER NOT NULL CHECK (weight_g > 0),
        declared_value_fen INTEGER CHECK (declared_value_fen >= 0),
        insured INTEGER NOT NULL CHECK (insured IN (0, 1)),
        freight_fen INTEGER NOT NULL CHECK (freight_fen >= 0),
        status TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        promised_at INTEGER,
        last_event_at INTEGER,
        synced_at INTEGER
      ) STRICT;
      CREATE INDEX waybills_sender_customer ON waybills(sender_customer_id, created_at);
      CREATE INDEX waybills_receiver_customer ON waybills(receiver_customer_id, created_at);

      CREATE TABLE tracking_events (
        waybill_id TEXT NOT NULL REFERENCES waybills(id),
        at INTEGER NOT NULL,
        status TEXT NOT NULL,
        raw_state TEXT,
        location TEXT,
        description TEXT NOT NULL,
        PRIMARY KEY (waybill_id, at, status)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
