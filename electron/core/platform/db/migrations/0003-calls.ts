import type { Migration } from './index';

/**
 * Call records, owned by main (a renderer reload never loses one), and their hold segments.
 * Dispositions are the call types of docs/DOMAIN.md §1.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'calls and hold segments',
  up(db) {
    db.exec(`
      CREATE TABLE calls (
        id TEXT PRIMARY KEY,
        sip_call_id TEXT,
        agent_id TEXT REFERENCES agents(id),
        shift_id TEXT REFERENCES shifts(id),
        direction TEXT NOT NULL CHECK (direction IN ('inbound', 'outbound')),
        remote_number TEXT NOT NULL,
        customer_id TEXT REFERENCES customers(id),
        offered_at INTEGER NOT NULL,
        answered_at INTEGER,
        ended_at INTEGER,
        end_cause TEXT,
        hung_up_by TEXT CHECK (hung_up_by IN ('agent', 'remote', 'system')),
        acw_ended_at INTEGER,
        disposition TEXT CHECK (disposition IN
          ('tracking', 'order', 'enquiry', 'complaint', 'claim', 'redirect', 'return',
           'chase_delivery', 'key_account', 'other')),
        notes TEXT,
        CHECK (answered_at IS NULL OR answered_at >= offered_at),
        CHECK (ended_at IS NULL OR ended_at >= offered_at)
      ) STRICT;
      CREATE INDEX calls_agent_offered ON calls(agent_id, offered_at);
      CREATE INDEX calls_remote_offered ON calls(remote_number, offered_at);
      CREATE INDEX calls_customer_offered ON calls(customer_id, offered_at);

      CREATE TABLE call_hold_segments (
        call_id TEXT NOT NULL REFERENCES calls(id),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        PRIMARY KEY (call_id, started_at)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
