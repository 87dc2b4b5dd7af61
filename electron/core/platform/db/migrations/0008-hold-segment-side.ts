/**
 * Hold segments say whose hold they are: 'agent' (the agent's hold button, a re-INVITE we send)
 * or 'remote' (the customer's side holding us with a sendonly/inactive re-INVITE). Rows written
 * before this migration were all the agent's. The side joins the key: both sides may start a hold
 * in the same millisecond. The table is rebuilt (SQLite cannot change a primary key in place).
 * docs/adr/0012-dead-calls-and-remote-hold.md.
 */
import type { Migration } from './index';

export const migration0008: Migration = {
  version: 8,
  name: 'hold segments by side (agent or remote)',
  up(db) {
    db.exec(`
      CREATE TABLE call_hold_segments_by_side (
        call_id TEXT NOT NULL REFERENCES calls(id),
        side TEXT NOT NULL CHECK (side IN ('agent', 'remote')),
        started_at INTEGER NOT NULL,
        ended_at INTEGER,
        PRIMARY KEY (call_id, side, started_at)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO call_hold_segments_by_side (call_id, side, started_at, ended_at)
        SELECT call_id, 'agent', started_at, ended_at FROM call_hold_segments;
      DROP TABLE call_hold_segments;
      ALTER TABLE call_hold_segments_by_side RENAME TO call_hold_segments;
    `);
  },
};
