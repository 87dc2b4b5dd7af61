import type { Migration } from './index';

/**
 * Call scripts (通话话术, issue 13): the published versions of each script (what agents run; a
 * call keeps the versions pinned when it started), the shipped revision each script last came
 * with (a newer one waits for a lead when a lead has edited the script), and the compliance
 * record per call — the run's state, what was captured, each compliance item met, skipped or
 * left open, and the reason given for open ones. `call_checkpoints` is one row per call and item
 * so metrics can count them with SQL.
 */
export const migration0012: Migration = {
  version: 12,
  name: 'call scripts and compliance per call',
  up(db) {
    db.exec(`
      CREATE TABLE script_versions (
        script_key TEXT NOT NULL CHECK (length(script_key) BETWEEN 1 AND 40),
        version INTEGER NOT NULL CHECK (version >= 1),
        title TEXT NOT NULL,
        body TEXT NOT NULL CHECK (json_valid(body)),
        note TEXT NOT NULL CHECK (length(note) BETWEEN 1 AND 200),
        source TEXT NOT NULL CHECK (source IN ('shipped', 'lead')),
        shipped_revision INTEGER CHECK ((source = 'shipped') = (shipped_revision IS NOT NULL)),
        published_at INTEGER NOT NULL,
        published_by TEXT REFERENCES agents(id),
        PRIMARY KEY (script_key, version)
      ) STRICT;

      CREATE TABLE shipped_scripts (
        script_key TEXT PRIMARY KEY,
        revision INTEGER NOT NULL CHECK (revision >= 1),
        body TEXT NOT NULL CHECK (json_valid(body)),
        seen_at INTEGER NOT NULL,
        adopted_version INTEGER,
        FOREIGN KEY (script_key, adopted_version) REFERENCES script_versions(script_key, version)
      ) STRICT;

      CREATE TABLE call_scripts (
        call_id TEXT PRIMARY KEY REFERENCES calls(id) ON DELETE CASCADE,
        agent_id TEXT NOT NULL REFERENCES agents(id),
        script_key TEXT NOT NULL,
        script_version INTEGER NOT NULL,
        pinned TEXT NOT NULL CHECK (json_valid(pinned)),
        context TEXT NOT NULL CHECK (json_valid(context)),
        state TEXT NOT NULL CHECK (json_valid(state)),
        captured TEXT NOT NULL CHECK (json_valid(captured)),
        suggested_disposition TEXT,
        started_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        closed_at INTEGER,
        open_reason TEXT CHECK (open_reason IS NULL OR length(open_reason) BETWEEN 1 AND 200),
        FOREIGN KEY (script_key, script_version) REFERENCES script_versions(script_key, version)
      ) STRICT;
      CREATE INDEX call_scripts_started ON call_scripts(started_at);
      CREATE INDEX call_scripts_version ON call_scripts(script_key, script_version);

      CREATE TABLE call_checkpoints (
        call_id TEXT NOT NULL REFERENCES call_scripts(call_id) ON DELETE CASCADE,
        item TEXT NOT NULL,
        required INTEGER NOT NULL CHECK (required IN (0, 1)),
        outcome TEXT NOT NULL CHECK (outcome IN ('met', 'skipped', 'open')),
        at INTEGER NOT NULL,
        PRIMARY KEY (call_id, item)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX call_checkpoints_item ON call_checkpoints(item, outcome);
    `);
  },
};
