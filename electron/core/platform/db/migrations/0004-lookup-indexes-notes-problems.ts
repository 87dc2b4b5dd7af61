import type { Migration } from './index';

/**
 * What waybill lookup needs (docs/DOMAIN.md §4, §7; docs/DESIGN.md §3, §5):
 * - FTS5 trigram over customer name/company/address. Trigram matches nothing under 3 characters
 *   and many Chinese names have 2, so names also get a B-tree for exact/prefix lookups.
 * - phones by last 4 digits (尾号) on the generated column.
 * - notes agents add to a waybill, problem reports with their announcement clocks, and the
 *   queue of tracking refreshes that failed while offline.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'lookup indexes, customer full-text, waybill notes, problem reports, refresh queue',
  up(db) {
    db.exec(`
      CREATE INDEX customers_name ON customers(name);
      CREATE INDEX phones_last4 ON phones(last4);

      CREATE VIRTUAL TABLE customers_fts USING fts5(
        name, company, address,
        content = 'customers', content_rowid = 'rowid', tokenize = 'trigram'
      );
      CREATE TRIGGER customers_fts_insert AFTER INSERT ON customers BEGIN
        INSERT INTO customers_fts (rowid, name, company, address)
        VALUES (new.rowid, new.name, new.company, new.address);
      END;
      CREATE TRIGGER customers_fts_delete AFTER DELETE ON customers BEGIN
        INSERT INTO customers_fts (customers_fts, rowid, name, company, address)
        VALUES ('delete', old.rowid, old.name, old.company, old.address);
      END;
      CREATE TRIGGER customers_fts_update AFTER UPDATE OF name, company, address ON customers BEGIN
        INSERT INTO customers_fts (customers_fts, rowid, name, company, address)
        VALUES ('delete', old.rowid, old.name, old.company, old.address);
        INSERT INTO customers_fts (rowid, name, company, address)
        VALUES (new.rowid, new.name, new.company, new.address);
      END;
      INSERT INTO customers_fts (customers_fts) VALUES ('rebuild');

      CREATE TABLE waybill_notes (
        id TEXT PRIMARY KEY,
        waybill_id TEXT NOT NULL REFERENCES waybills(id),
        agent_id TEXT NOT NULL REFERENCES agents(id),
        at INTEGER NOT NULL,
        text TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 2000)
      ) STRICT;
      CREATE INDEX waybill_notes_waybill ON waybill_notes(waybill_id, at);

      CREATE TABLE problem_reports (
        id TEXT PRIMARY KEY,
        waybill_id TEXT NOT NULL REFERENCES waybills(id),
        kind TEXT NOT NULL CHECK (kind IN ('no_parcel', 'no_label', 'arrival_damage')),
        occurred_at INTEGER NOT NULL,
        announced_at INTEGER,
        CHECK (announced_at IS NULL OR announced_at >= occurred_at)
      ) STRICT;
      CREATE INDEX problem_reports_waybill ON problem_reports(waybill_id);

      CREATE TABLE tracking_refresh_queue (
        waybill_id TEXT PRIMARY KEY REFERENCES waybills(id),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at INTEGER NOT NULL,
        last_error TEXT
      ) STRICT;
      CREATE INDEX tracking_refresh_queue_due ON tracking_refresh_queue(next_attempt_at);
    `);
  },
};
