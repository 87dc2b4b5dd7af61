import type { Migration } from './index';

/**
 * The shift handover book (业务交接本): one handover per shift (a correction of a signed one is a
 * new row naming it), its items with their acknowledgement, and the leads' sign-out overrides.
 * Kept at least two years: nothing deletes these rows (the triggers refuse it), and a signed
 * handover and its items are read-only (the triggers refuse any change).
 */
export const migration0017: Migration = {
  version: 17,
  name: 'handover book',
  up(db) {
    db.exec(`
      CREATE TABLE handovers (
        id TEXT PRIMARY KEY,
        shift_id TEXT NOT NULL REFERENCES shifts(id),
        author_id TEXT NOT NULL REFERENCES agents(id),
        team TEXT NOT NULL,
        submitted_at INTEGER NOT NULL,
        note TEXT NOT NULL CHECK (length(note) <= 2000),
        metrics TEXT CHECK (metrics IS NULL OR json_valid(metrics)),
        receiver_id TEXT REFERENCES agents(id),
        signed_by TEXT REFERENCES agents(id),
        signed_at INTEGER,
        sign_note TEXT CHECK (sign_note IS NULL OR length(sign_note) <= 1000),
        corrects_id TEXT REFERENCES handovers(id),
        CHECK ((signed_at IS NULL) = (signed_by IS NULL))
      ) STRICT;
      CREATE UNIQUE INDEX handovers_one_per_shift ON handovers (shift_id) WHERE corrects_id IS NULL;
      CREATE INDEX handovers_unsigned ON handovers (team, submitted_at) WHERE signed_at IS NULL;
      CREATE INDEX handovers_author ON handovers (author_id, submitted_at);
      CREATE INDEX handovers_submitted ON handovers (submitted_at);

      CREATE TABLE handover_items (
        id TEXT PRIMARY KEY,
        handover_id TEXT NOT NULL REFERENCES handovers(id),
        position INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN
          ('callback', 'complaint', 'parcel', 'order', 'incident', 'system_problem', 'other')),
        ref_id TEXT,
        item_key TEXT NOT NULL,
        urgency TEXT NOT NULL CHECK (urgency IN ('red', 'amber', 'blue')),
        reason TEXT NOT NULL,
        anomaly TEXT,
        due_at INTEGER,
        title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
        customer TEXT,
        waybill TEXT,
        major INTEGER NOT NULL DEFAULT 0 CHECK (major IN (0, 1)),
        removed_reason TEXT CHECK (removed_reason IS NULL OR length(removed_reason) BETWEEN 1 AND 200),
        removed_at INTEGER,
        ack TEXT NOT NULL DEFAULT 'pending' CHECK (ack IN ('pending', 'accepted', 'queried')),
        ack_comment TEXT CHECK (ack_comment IS NULL OR length(ack_comment) <= 500),
        ack_by TEXT REFERENCES agents(id),
        ack_at INTEGER,
        assignee_id TEXT REFERENCES agents(id),
        lead_comment TEXT CHECK (lead_comment IS NULL OR length(lead_comment) <= 500),
        transferred INTEGER NOT NULL DEFAULT 0 CHECK (transferred IN (0, 1)),
        CHECK ((removed_reason IS NULL) = (removed_at IS NULL)),
        CHECK ((ack = 'pending') = (ack_by IS NULL)),
        CHECK (ack <> 'queried' OR ack_comment IS NOT NULL),
        CHECK ((ref_id IS NULL) = (kind IN ('incident', 'system_problem', 'other')))
      ) STRICT;
      CREATE INDEX handover_items_handover ON handover_items (handover_id, position);
      CREATE INDEX handover_items_customer ON handover_items (customer) WHERE customer IS NOT NULL;
      CREATE INDEX handover_items_waybill ON handover_items (waybill) WHERE waybill IS NOT NULL;

      CREATE TABLE handover_overrides (
        shift_id TEXT PRIMARY KEY REFERENCES shifts(id),
        lead_id TEXT NOT NULL REFERENCES agents(id),
        at INTEGER NOT NULL,
        reason TEXT NOT NULL CHECK (length(reason) BETWEEN 1 AND 200)
      ) STRICT;

      CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers
        BEGIN SELECT RAISE(ABORT, 'handovers are kept: never deleted'); END;
      CREATE TRIGGER handover_items_no_delete BEFORE DELETE ON handover_items
        BEGIN SELECT RAISE(ABORT, 'handover items are kept: never deleted'); END;
      CREATE TRIGGER handovers_signed_read_only BEFORE UPDATE ON handovers
        WHEN OLD.signed_at IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed handover is read-only'); END;
      CREATE TRIGGER handover_items_signed_read_only BEFORE UPDATE ON handover_items
        WHEN (SELECT signed_at FROM handovers WHERE id = OLD.handover_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed handover is read-only'); END;
      CREATE TRIGGER handover_items_signed_no_insert BEFORE INSERT ON handover_items
        WHEN (SELECT signed_at FROM handovers WHERE id = NEW.handover_id) IS NOT NULL
        BEGIN SELECT RAISE(ABORT, 'a signed handover is read-only'); END;
    `);
  },
};
