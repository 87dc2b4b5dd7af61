import type { Migration } from './index';

/**
 * What the softphone records beyond 0003: the caller's display name, the transfer target and its
 * outcome, and the SIP Call-ID index (a BYE or NOTIFY is matched by it). Refused offers (486 while
 * not 示闲) are call rows too, so they can be counted per agent and shift.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'call details: remote name, transfer, refused offers',
  up(db) {
    db.exec(`
      ALTER TABLE calls ADD COLUMN remote_name TEXT;
      ALTER TABLE calls ADD COLUMN transfer_target TEXT;
      ALTER TABLE calls ADD COLUMN transfer_result TEXT
        CHECK (transfer_result IN ('completed', 'failed', 'cancelled'));
      CREATE INDEX calls_sip_call_id ON calls(sip_call_id);
      CREATE INDEX calls_shift_offered ON calls(shift_id, offered_at);
    `);
  },
};
