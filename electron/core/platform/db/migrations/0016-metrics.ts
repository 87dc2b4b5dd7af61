import type { Migration } from './index';

/**
 * Per-agent metrics (issue #16).
 *
 * - `metric_agent_days`: the additive sums of shared/metrics/sums.ts per agent per local day of
 *   the desk's time zone (calls by the day they were offered; state spans clipped to the day,
 *   closed spans only — an open span is added live when read).
 * - `metric_dirty`: which (agent, 15-minute UTC bucket range) a write touched. Triggers on the
 *   tables metrics read (calls, hold segments, state log, orders, amendments, checklist items)
 *   add a row in the same transaction as the write, so a late change (ACW finished after
 *   midnight, a disposition corrected, a repeat call that spoils an earlier call's FCR) is never
 *   missed; the metrics feature recomputes those agent-days from the raw records before it
 *   answers. 15 minutes: every time zone's day starts on a quarter hour.
 * - `metric_queue_calls` / `metric_queue_imports`: what the PBX's queue_log said, keyed by the
 *   PBX's call id so that importing the same lines again changes nothing.
 * The history already recorded is marked too (`markAllHistory`).
 */
/**
 * Marks each agent's whole recorded history (first to last record) for recomputation: what was
 * written before the triggers existed (the desk's history when this migration runs, or a bulk load
 * made with the triggers set aside) is folded in by the first read, one pass per agent.
 */
export const markAllHistory = `
  INSERT OR IGNORE INTO metric_dirty
    SELECT agent_id, MIN(offered_at) / 900000, MAX(offered_at) / 900000 FROM calls
    WHERE agent_id IS NOT NULL GROUP BY agent_id;
  INSERT OR IGNORE INTO metric_dirty
    SELECT agent_id, MIN(started_at) / 900000, MAX(COALESCE(ended_at, started_at)) / 900000
    FROM agent_state_log GROUP BY agent_id;
  INSERT OR IGNORE INTO metric_dirty
    SELECT agent_id, MIN(created_at) / 900000, MAX(created_at) / 900000 FROM orders
    GROUP BY agent_id;
`;

export const migration0016: Migration = {
  version: 16,
  name: 'metrics: agent-day sums, dirty marks, queue log',
  up(db) {
    db.exec(`
      CREATE TABLE metric_agent_days (
        agent_id TEXT NOT NULL REFERENCES agents(id),
        day TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
        offered INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        missed INTEGER NOT NULL,
        abandoned_ringing INTEGER NOT NULL,
        refused INTEGER NOT NULL,
        handled INTEGER NOT NULL,
        talk_sum INTEGER NOT NULL,
        talk_n INTEGER NOT NULL,
        hold_sum INTEGER NOT NULL,
        hold_n INTEGER NOT NULL,
        acw_sum INTEGER NOT NULL,
        acw_n INTEGER NOT NULL,
        handling_sum INTEGER NOT NULL,
        within_standard INTEGER NOT NULL,
        fcr_known INTEGER NOT NULL,
        fcr_first INTEGER NOT NULL,
        st_offline INTEGER NOT NULL,
        st_ready INTEGER NOT NULL,
        st_not_ready INTEGER NOT NULL,
        st_break INTEGER NOT NULL,
        st_ringing INTEGER NOT NULL,
        st_in_call INTEGER NOT NULL,
        st_after_call_work INTEGER NOT NULL,
        orders INTEGER NOT NULL,
        orders_clean INTEGER NOT NULL,
        offer_eligible INTEGER NOT NULL,
        offer_answered INTEGER NOT NULL,
        offer_accepted INTEGER NOT NULL,
        checkpoints_required INTEGER NOT NULL,
        checkpoints_met INTEGER NOT NULL,
        PRIMARY KEY (agent_id, day)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE metric_dirty (
        agent_id TEXT NOT NULL,
        from_q INTEGER NOT NULL,
        to_q INTEGER NOT NULL,
        PRIMARY KEY (agent_id, from_q, to_q)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER metric_calls_insert AFTER INSERT ON calls
      WHEN NEW.agent_id IS NOT NULL
      BEGIN
        INSERT OR IGNORE INTO metric_dirty VALUES
          (NEW.agent_id, NEW.offered_at / 900000, NEW.offered_at / 900000);
        -- A new incoming call from a number is a repeat for that number's calls of the 7 days before.
        INSERT OR IGNORE INTO metric_dirty
          SELECT o.agent_id, o.offered_at / 900000, o.offered_at / 900000 FROM calls o
          WHERE NEW.direction = 'inbound' AND NEW.remote_number != ''
            AND o.remote_number = NEW.remote_number
            AND o.offered_at >= NEW.offered_at - 604800000 AND o.offered_at <= NEW.offered_at
            AND o.id != NEW.id AND o.agent_id IS NOT NULL;
      END;
      CREATE TRIGGER metric_calls_update AFTER UPDATE ON calls
      BEGIN
        INSERT OR IGNORE INTO metric_dirty
          SELECT NEW.agent_id, NEW.offered_at / 900000, NEW.offered_at / 900000
          WHERE NEW.agent_id IS NOT NULL;
        INSERT OR IGNORE INTO metric_dirty
          SELECT OLD.agent_id, OLD.offered_at / 900000, OLD.offered_at / 900000
          WHERE OLD.agent_id IS NOT NULL
            AND (OLD.agent_id IS NOT NEW.agent_id OR OLD.offered_at != NEW.offered_at);
      END;
      CREATE TRIGGER metric_hold_insert AFTER INSERT ON call_hold_segments
      BEGIN
        INSERT OR IGNORE INTO metric_dirty
          SELECT agent_id, offered_at / 900000, offered_at / 900000 FROM calls
          WHERE id = NEW.call_id AND agent_id IS NOT NULL;
      END;
      CREATE TRIGGER metric_hold_update AFTER UPDATE ON call_hold_segments
      BEGIN
        INSERT OR IGNORE INTO metric_dirty
          SELECT agent_id, offered_at / 900000, offered_at / 900000 FROM calls
          WHERE id = NEW.call_id AND agent_id IS NOT NULL;
      END;
      CREATE TRIGGER metric_states_insert AFTER INSERT ON agent_state_log
      BEGIN
        INSERT OR IGNORE INTO metric_dirty VALUES (NEW.agent_id, NEW.started_at / 900000,
          COALESCE(NEW.ended_at, NEW.started_at) / 900000);
      END;
      CREATE TRIGGER metric_states_update AFTER UPDATE ON agent_state_log
      BEGIN
        INSERT OR IGNORE INTO metric_dirty VALUES (NEW.agent_id, NEW.started_at / 900000,
          COALESCE(NEW.ended_at, NEW.started_at) / 900000);
        INSERT OR IGNORE INTO metric_dirty VALUES (OLD.agent_id, OLD.started_at / 900000,
          COALESCE(OLD.ended_at, OLD.started_at) / 900000);
      END;
      CREATE TRIGGER metric_orders_insert AFTER INSERT ON orders
      BEGIN
        INSERT OR IGNORE INTO metric_dirty VALUES
          (NEW.agent_id, NEW.created_at / 900000, NEW.created_at / 900000);
      END;
      CREATE TRIGGER metric_orders_update AFTER UPDATE ON orders
      BEGIN
        INSERT OR IGNORE INTO metric_dirty VALUES
          (NEW.agent_id, NEW.created_at / 900000, NEW.created_at / 900000);
        INSERT OR IGNORE INTO metric_dirty VALUES
          (OLD.agent_id, OLD.created_at / 900000, OLD.created_at / 900000);
      END;
      CREATE TRIGGER metric_amendments_insert AFTER INSERT ON order_amendments
      BEGIN
        INSERT OR IGNORE INTO metric_dirty
          SELECT agent_id, created_at / 900000, created_at / 900000 FROM orders
          WHERE id = NEW.order_id;
      END;
      CREATE TRIGGER metric_checkpoints_insert AFTER INSERT ON call_checkpoints
      BEGIN
        INSERT OR IGNORE INTO metric_dirty
          SELECT c.agent_id, c.offered_at / 900000, c.offered_at / 900000 FROM calls c
          WHERE c.id = NEW.call_id AND c.agent_id IS NOT NULL;
      END;
      CREATE TRIGGER metric_checkpoints_update AFTER UPDATE ON call_checkpoints
      BEGIN
        INSERT OR IGNORE INTO metric_dirty
          SELECT c.agent_id, c.offered_at / 900000, c.offered_at / 900000 FROM calls c
          WHERE c.id = NEW.call_id AND c.agent_id IS NOT NULL;
      END;
      CREATE TRIGGER metric_checkpoints_delete AFTER DELETE ON call_checkpoints
      BEGIN
        INSERT OR IGNORE INTO metric_dirty
          SELECT c.agent_id, c.offered_at / 900000, c.offered_at / 900000 FROM calls c
          WHERE c.id = OLD.call_id AND c.agent_id IS NOT NULL;
      END;

      CREATE TABLE metric_queue_calls (
        call_id TEXT PRIMARY KEY,
        queue TEXT NOT NULL,
        entered_at INTEGER NOT NULL,
        outcome TEXT NOT NULL
          CHECK (outcome IN ('answered', 'abandoned', 'timeout', 'exit_key', 'exit_empty')),
        wait_seconds INTEGER NOT NULL CHECK (wait_seconds >= 0),
        agent TEXT
      ) STRICT;
      CREATE INDEX metric_queue_calls_entered ON metric_queue_calls (entered_at);

      CREATE TABLE metric_queue_imports (
        id TEXT PRIMARY KEY,
        at INTEGER NOT NULL,
        by_agent TEXT NOT NULL REFERENCES agents(id),
        file_name TEXT NOT NULL,
        lines_read INTEGER NOT NULL,
        calls INTEGER NOT NULL,
        new_calls INTEGER NOT NULL,
        problems INTEGER NOT NULL
      ) STRICT;
    `);
    db.exec(markAllHistory);
  },
};
