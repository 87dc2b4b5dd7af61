/**
 * Calls meet their customer on one key: `calls.remote_number` holds the normalised national
 * number (shared/common/phone.ts; '' for a withheld or unreadable caller id) and
 * `remote_number_raw` what the PBX presented when that differed (NULL: the same). `call_links`
 * ties a call to what the agent worked on during it (waybills now; tickets and orders later).
 * Rows written before this migration keep their number as it was stored; new calls are keyed.
 */
import type { Migration } from './index';

export const migration0007: Migration = {
  version: 7,
  name: 'call numbers normalised, raw caller id, call links',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN remote_number_raw TEXT;
      CREATE TABLE call_links (
        call_id TEXT NOT NULL REFERENCES calls(id),
        kind TEXT NOT NULL CHECK (kind IN ('waybill', 'ticket', 'order')),
        ref_id TEXT NOT NULL,
        linked_at INTEGER NOT NULL,
        PRIMARY KEY (call_id, kind, ref_id)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX call_links_ref ON call_links(kind, ref_id);
    `);
  },
};
