import type { Migration } from './index';

/**
 * Complaint tickets (投诉/服务事故, docs/DOMAIN.md §5): owned by the agent who took them (首问) until
 * escalated to a named back-office agent or handed over; the registration form is kept as JSON
 * (zod-parsed on read) beside the columns the lists filter and sort on. `next_due_at` is the ticket's
 * next clock (shared/complaints/clocks.ts), recomputed on every change, so "my open tickets",
 * "due today" and "overdue" are index range scans. Events are the ticket's history (who, when).
 */
export const migration0015: Migration = {
  version: 15,
  name: 'complaints',
  up(db) {
    db.exec(`
      CREATE TABLE complaints (
        id TEXT PRIMARY KEY,
        number TEXT NOT NULL UNIQUE,
        owner_id TEXT NOT NULL REFERENCES agents(id),
        created_by TEXT NOT NULL REFERENCES agents(id),
        received_at INTEGER NOT NULL,
        incident_at INTEGER NOT NULL CHECK (incident_at <= received_at),
        call_id TEXT REFERENCES calls(id),
        customer_id TEXT REFERENCES customers(id),
        customer_name TEXT NOT NULL CHECK (length(customer_name) BETWEEN 1 AND 50),
        -- The waybill numbers, comma-joined, as the lists show them (complaint_waybills links them).
        waybill_numbers TEXT NOT NULL DEFAULT '',
        type TEXT NOT NULL CHECK (type IN ('delay', 'damage', 'loss', 'shortage',
          'false_signature', 'attitude', 'billing', 'other')),
        severity TEXT NOT NULL CHECK (severity IN ('ordinary', 'major', 'extraordinary')),
        cause TEXT NOT NULL CHECK (cause IN ('unknown', 'company', 'third_party', 'customer')),
        watch_list INTEGER NOT NULL CHECK (watch_list IN (0, 1)),
        form TEXT NOT NULL CHECK (json_valid(form)),
        requested_fen INTEGER CHECK (requested_fen IS NULL OR requested_fen >= 0),
        payable_fen INTEGER NOT NULL CHECK (payable_fen >= 0),
        compensation TEXT NOT NULL CHECK (json_valid(compensation)),
        step TEXT CHECK (step IN ('apologize', 'register', 'negotiate', 'answer', 'special',
          'follow_up')),
        escalated_to TEXT CHECK (escalated_to IN ('complaints', 'claims')),
        escalated_at INTEGER,
        done TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(done)),
        next_clock TEXT,
        next_due_at INTEGER,
        next_estimated INTEGER NOT NULL DEFAULT 0 CHECK (next_estimated IN (0, 1)),
        closed_at INTEGER,
        closed_by TEXT REFERENCES agents(id),
        paid_fen INTEGER CHECK (paid_fen IS NULL OR paid_fen >= 0),
        CHECK ((closed_at IS NULL) = (closed_by IS NULL)),
        CHECK ((escalated_to IS NULL) = (escalated_at IS NULL))
      ) STRICT;
      CREATE INDEX complaints_open_by_owner ON complaints (owner_id, next_due_at)
        WHERE closed_at IS NULL;
      CREATE INDEX complaints_open_by_due ON complaints (next_due_at) WHERE closed_at IS NULL;
      CREATE INDEX complaints_by_received ON complaints (received_at);
      CREATE INDEX complaints_by_closed ON complaints (closed_at) WHERE closed_at IS NOT NULL;

      CREATE TABLE complaint_waybills (
        complaint_id TEXT NOT NULL REFERENCES complaints(id),
        waybill_id TEXT NOT NULL REFERENCES waybills(id),
        number TEXT NOT NULL,
        PRIMARY KEY (complaint_id, waybill_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX complaint_waybills_by_waybill ON complaint_waybills (waybill_id);

      CREATE TABLE complaint_events (
        id TEXT PRIMARY KEY,
        complaint_id TEXT NOT NULL REFERENCES complaints(id),
        at INTEGER NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('registered', 'edited', 'step', 'clock_done',
          'escalated', 'handed_over', 'attached', 'closed')),
        by_id TEXT NOT NULL REFERENCES agents(id),
        step TEXT,
        clock TEXT,
        desk TEXT CHECK (desk IS NULL OR desk IN ('complaints', 'claims')),
        to_id TEXT REFERENCES agents(id),
        note TEXT CHECK (note IS NULL OR length(note) <= 500),
        CHECK (kind <> 'step' OR step IS NOT NULL),
        CHECK (kind <> 'handed_over' OR to_id IS NOT NULL)
      ) STRICT;
      CREATE INDEX complaint_events_by_ticket ON complaint_events (complaint_id, at);

      CREATE TABLE complaint_attachments (
        id TEXT PRIMARY KEY,
        complaint_id TEXT NOT NULL REFERENCES complaints(id),
        file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 120),
        mime TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic')),
        size INTEGER NOT NULL CHECK (size BETWEEN 1 AND 10485760),
        path TEXT NOT NULL,
        sha256 TEXT NOT NULL,
        at INTEGER NOT NULL,
        by_id TEXT NOT NULL REFERENCES agents(id)
      ) STRICT;
      CREATE INDEX complaint_attachments_by_ticket ON complaint_attachments (complaint_id, at);
    `);
  },
};
