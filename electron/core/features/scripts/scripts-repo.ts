/**
 * Storage of the scripts domain (migration 0012): published versions, the shipped revisions seen,
 * and the compliance record per call (its run, captures and one row per compliance item).
 */
import type { ComplianceRecord } from '@shared/scripts/contract';
import type { CheckpointItem, ScriptDoc, ScriptKey, ScriptVersion } from '@shared/scripts/model';
import type { Disposition } from '@shared/softphone/call-state';
import type { Db, Statement } from '../../platform/db/database';

interface VersionRow {
  script_key: string;
  version: number;
  title: string;
  body: string;
  note: string;
  source: 'shipped' | 'lead';
  shipped_revision: number | null;
  published_at: number;
  employee_no: string | null;
  agent_name: string | null;
}

interface ShippedRow {
  script_key: string;
  revision: number;
  body: string;
  seen_at: number;
  adopted_version: number | null;
}

export interface CallScriptRow {
  call_id: string;
  agent_id: string;
  script_key: string;
  script_version: number;
  pinned: string;
  context: string;
  state: string;
  captured: string;
  suggested_disposition: string | null;
  started_at: number;
  updated_at: number;
  closed_at: number | null;
  open_reason: string | null;
}

export interface NewVersion {
  key: ScriptKey;
  doc: ScriptDoc;
  note: string;
  source: 'shipped' | 'lead';
  shippedRevision: number | null;
  at: number;
  by: string | null;
}

export interface CheckpointRow {
  item: CheckpointItem;
  required: boolean;
  outcome: 'met' | 'skipped' | 'open';
}

const versionSelect = `
  SELECT v.*, a.employee_no, a.name AS agent_name
  FROM script_versions v LEFT JOIN agents a ON a.id = v.published_by`;

export class ScriptsRepo {
  private readonly latestStmt: Statement<VersionRow>;
  private readonly latestAllStmt: Statement<VersionRow>;
  private readonly versionStmt: Statement<VersionRow>;
  private readonly versionsStmt: Statement<VersionRow>;
  private readonly insertVersionStmt: Statement<never>;
  private readonly shippedStmt: Statement<ShippedRow>;
  private readonly upsertShippedStmt: Statement<never>;
  private readonly adoptStmt: Statement<never>;
  private readonly callStmt: Statement<CallScriptRow>;
  private readonly insertCallStmt: Statement<never>;
  private readonly updateCallStmt: Statement<never>;
  private readonly closeCallStmt: Statement<never>;
  private readonly clearCheckpointsStmt: Statement<never>;
  private readonly insertCheckpointStmt: Statement<never>;
  private readonly checkpointsStmt: Statement<{ item: string; required: number; outcome: string }>;
  private readonly recordStmt: Statement<
    CallScriptRow & { employee_no: string; agent_name: string; title: string }
  >;

  constructor(private readonly db: Db) {
    this.latestStmt = db.prepare(
      `${versionSelect} WHERE v.script_key = ? ORDER BY v.version DESC LIMIT 1`,
    );
    this.latestAllStmt = db.prepare(
      `${versionSelect}
       WHERE v.version = (SELECT max(version) FROM script_versions w WHERE w.script_key = v.script_key)
       ORDER BY v.script_key`,
    );
    this.versionStmt = db.prepare(`${versionSelect} WHERE v.script_key = ? AND v.version = ?`);
    this.versionsStmt = db.prepare(
      `${versionSelect} WHERE v.script_key = ? ORDER BY v.version DESC`,
    );
    this.insertVersionStmt = db.prepare(
      `INSERT INTO script_versions
         (script_key, version, title, body, note, source, shipped_revision, published_at, published_by)
       VALUES (@key, @version, @title, @body, @note, @source, @shipped_revision, @at, @by)`,
    );
    this.shippedStmt = db.prepare('SELECT * FROM shipped_scripts WHERE script_key = ?');
    this.upsertShippedStmt = db.prepare(
      `INSERT INTO shipped_scripts (script_key, revision, body, seen_at, adopted_version)
       VALUES (@key, @revision, @body, @at, @adopted)
       ON CONFLICT (script_key) DO UPDATE SET revision = excluded.revision, body = excluded.body,
         seen_at = excluded.seen_at, adopted_version = excluded.adopted_version`,
    );
    this.adoptStmt = db.prepare(
      'UPDATE shipped_scripts SET adopted_version = ? WHERE script_key = ? AND body = ?',
    );
    this.callStmt = db.prepare('SELECT * FROM call_scripts WHERE call_id = ?');
    this.insertCallStmt = db.prepare(
      `INSERT INTO call_scripts (call_id, agent_id, script_key, script_version, pinned, context,
         state, captured, suggested_disposition, started_at, updated_at)
       VALUES (@call_id, @agent_id, @script_key, @script_version, @pinned, @context, @state,
         @captured, @suggested_disposition, @started_at, @updated_at)`,
    );
    this.updateCallStmt = db.prepare(
      `UPDATE call_scripts SET state = @state, captured = @captured,
         suggested_disposition = @suggested_disposition, updated_at = @updated_at
       WHERE call_id = @call_id`,
    );
    this.closeCallStmt = db.prepare(
      `UPDATE call_scripts SET closed_at = @at, open_reason = @reason, updated_at = @at
       WHERE call_id = @call_id`,
    );
    this.clearCheckpointsStmt = db.prepare('DELETE FROM call_checkpoints WHERE call_id = ?');
    this.insertCheckpointStmt = db.prepare(
      `INSERT INTO call_checkpoints (call_id, item, required, outcome, at)
       VALUES (@call_id, @item, @required, @outcome, @at)`,
    );
    this.checkpointsStmt = db.prepare(
      'SELECT item, required, outcome FROM call_checkpoints WHERE call_id = ?',
    );
    this.recordStmt = db.prepare(
      `SELECT c.*, a.employee_no, a.name AS agent_name, v.title
       FROM call_scripts c
       JOIN agents a ON a.id = c.agent_id
       JOIN script_versions v ON v.script_key = c.script_key AND v.version = c.script_version
       WHERE c.call_id = ?`,
    );
  }

  latest(key: ScriptKey): ScriptVersion | null {
    const r = this.latestStmt.get([key]);
    return r ? toVersion(r) : null;
  }

  latestAll(): ScriptVersion[] {
    return this.latestAllStmt.all().map(toVersion);
  }

  version(key: ScriptKey, version: number): ScriptVersion | null {
    const r = this.versionStmt.get([key, version]);
    return r ? toVersion(r) : null;
  }

  versions(key: ScriptKey): ScriptVersion[] {
    return this.versionsStmt.all([key]).map(toVersion);
  }

  /** Adds the next version of `key` (the caller holds the transaction). */
  insertVersion(v: NewVersion): number {
    const version = (this.latest(v.key)?.version ?? 0) + 1;
    this.insertVersionStmt.run({
      key: v.key,
      version,
      title: v.doc.title,
      body: JSON.stringify(v.doc),
      note: v.note,
      source: v.source,
      shipped_revision: v.shippedRevision,
      at: v.at,
      by: v.by,
    });
    return version;
  }

  shipped(
    key: ScriptKey,
  ): { revision: number; body: string; seenAt: number; adoptedVersion: number | null } | null {
    const r = this.shippedStmt.get([key]);
    return r
      ? { revision: r.revision, body: r.body, seenAt: r.seen_at, adoptedVersion: r.adopted_version }
      : null;
  }

  setShipped(key: ScriptKey, revision: number, body: string, at: number, adopted: number | null) {
    this.upsertShippedStmt.run({ key, revision, body, at, adopted });
  }

  /** A lead published exactly the shipped revision that was waiting: it is adopted. */
  adoptShipped(key: ScriptKey, body: string, version: number): void {
    this.adoptStmt.run([version, key, body]);
  }

  callScript(callId: string): CallScriptRow | null {
    return this.callStmt.get([callId]) ?? null;
  }

  insertCallScript(row: Omit<CallScriptRow, 'closed_at' | 'open_reason'>): void {
    this.insertCallStmt.run(row);
  }

  updateCallScript(
    callId: string,
    state: string,
    captured: string,
    disposition: Disposition | null,
    at: number,
  ) {
    this.updateCallStmt.run({
      call_id: callId,
      state,
      captured,
      suggested_disposition: disposition,
      updated_at: at,
    });
  }

  closeCallScript(callId: string, reason: string | null, at: number): void {
    this.closeCallStmt.run({ call_id: callId, reason, at });
  }

  setCheckpoints(callId: string, rows: readonly CheckpointRow[], at: number): void {
    this.clearCheckpointsStmt.run([callId]);
    for (const r of rows) {
      this.insertCheckpointStmt.run({
        call_id: callId,
        item: r.item,
        required: r.required ? 1 : 0,
        outcome: r.outcome,
        at,
      });
    }
  }

  /** The stored record (its evidence lives in the run's state: the service adds it). */
  compliance(callId: string): Omit<ComplianceRecord, 'evidence'> | null {
    const r = this.recordStmt.get([callId]);
    if (!r) return null;
    const state = JSON.parse(r.state) as { path: string[] };
    return {
      callId: r.call_id,
      agent: { employeeNo: r.employee_no, name: r.agent_name },
      script: { key: r.script_key as ScriptKey, version: r.script_version, title: r.title },
      startedAt: r.started_at,
      closedAt: r.closed_at,
      checkpoints: this.checkpointsStmt.all([callId]).map((c) => ({
        item: c.item as CheckpointItem,
        required: c.required === 1,
        outcome: c.outcome as CheckpointRow['outcome'],
      })),
      captured: JSON.parse(r.captured) as Record<string, string | number>,
      path: state.path,
      suggestedDisposition: r.suggested_disposition as Disposition | null,
      openReason: r.open_reason,
    };
  }
}

function toVersion(r: VersionRow): ScriptVersion {
  return {
    key: r.script_key as ScriptKey,
    version: r.version,
    doc: JSON.parse(r.body) as ScriptDoc,
    note: r.note,
    source: r.source,
    publishedAt: r.published_at,
    publishedBy:
      r.employee_no === null || r.agent_name === null
        ? null
        : { employeeNo: r.employee_no, name: r.agent_name },
  };
}
