/**
 * The seat's call experience (issue 12, "During a call"):
 * - `shifts.after_call_*`: what the agent picked during a call for when it and its after-call
 *   work end (本通话后: 示闲, 示忙/小休 with a reason, or sign-out), kept on the shift it belongs to
 *   so it outlives a reload of the console and is read back with the shift; cleared when applied
 *   or cancelled. A status needs a reason exactly when it is 示忙 or 小休.
 * - `calls.acw_auto`: 1 when the disposition was filed by the desk, not the agent (timed ACW ran
 *   out, or the lead's policy has no ACW), so history shows 自动归类 and a lead can tell. Rows
 *   written before this migration were the agent's or unknown: 0.
 */
import type { Migration } from './index';

export const migration0010: Migration = {
  version: 10,
  name: 'after-call pick on the shift, auto-classified calls',
  up(db) {
    db.exec(`
      ALTER TABLE shifts ADD COLUMN after_call_status TEXT
        CHECK (after_call_status IS NULL OR after_call_status IN ('ready', 'not_ready', 'break', 'offline'));
      ALTER TABLE shifts ADD COLUMN after_call_reason TEXT
        CHECK ((after_call_reason IS NOT NULL) = (COALESCE(after_call_status, '') IN ('not_ready', 'break')));
      ALTER TABLE shifts ADD COLUMN after_call_at INTEGER
        CHECK ((after_call_at IS NULL) = (after_call_status IS NULL));
      ALTER TABLE calls ADD COLUMN acw_auto INTEGER NOT NULL DEFAULT 0 CHECK (acw_auto IN (0, 1));
    `);
  },
};
