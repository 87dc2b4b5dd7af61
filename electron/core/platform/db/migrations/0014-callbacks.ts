import type { Migration } from './index';

/**
 * Call-backs (回电): a promise to call a customer back by a time, owned by the agent who made it
 * (首问责任制) until it is closed with an outcome or handed over. The number is stored in its one
 * normalised form (shared/common/phone.ts) and never sent to a screen in clear.
 */
export const migration0014: Migration = {
  version: 14,
  name: 'call-backs',
  up(db) {
    db.exec(`
      CREATE TABLE callbacks (
        id TEXT PRIMARY KEY,
        owner_id TEXT NOT NULL REFERENCES agents(id),
        created_by TEXT NOT NULL REFERENCES agents(id),
        created_at INTEGER NOT NULL,
        customer_id TEXT REFERENCES customers(id),
        number TEXT NOT NULL CHECK (length(number) BETWEEN 3 AND 32),
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200),
        due_at INTEGER NOT NULL,
        call_id TEXT REFERENCES calls(id),
        waybill_id TEXT REFERENCES waybills(id),
        reminded_at INTEGER,
        closed_at INTEGER,
        closed_by TEXT REFERENCES agents(id),
        outcome TEXT CHECK (outcome IN ('reached', 'no_answer', 'wrong_number', 'resolved_otherwise')),
        note TEXT CHECK (note IS NULL OR length(note) <= 500),
        CHECK ((closed_at IS NULL) = (outcome IS NULL))
      ) STRICT;
      CREATE INDEX callbacks_open_by_owner ON callbacks (owner_id, due_at) WHERE closed_at IS NULL;
      CREATE INDEX callbacks_open_by_due ON callbacks (due_at) WHERE closed_at IS NULL;
    `);
  },
};
