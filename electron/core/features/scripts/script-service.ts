/**
 * Call scripts in the core: the published versions (shipped ones loaded on start, leads publish
 * and roll back — audited), and the run of each call. The run lives here, not in the renderer:
 * every action of the agent goes through the pure engine (shared/scripts/run.ts) and is stored
 * with the call before the answer, so the compliance record survives a crash and cannot be
 * made up by a client. A call pins the versions published when its script started.
 */
import { z } from 'zod';
import { ContractError } from '@shared/common/errors';
import type { Session } from '@shared/session/contract';
import type { CallView } from '@shared/softphone/contract';
import type { ScreenPop } from '@shared/waybills/contract';
import type { ComplianceRecord, RunView } from '@shared/scripts/contract';
import type { RunContext } from '@shared/scripts/context';
import type { CallEvidence, HoldFacts, HoldPhrase, OrderFact } from '@shared/scripts/evidence';
import { applyEvidence, confirmHoldPhrases, noEvidence } from '@shared/scripts/evidence';
import type { Catalog, ScriptDoc, ScriptKey, ScriptVersion } from '@shared/scripts/model';
import { checkpointItems, scriptDocSchema, scriptKeys } from '@shared/scripts/model';
import type { RunAction, RunState } from '@shared/scripts/run';
import { advance, openCheckpoints, startRun } from '@shared/scripts/run';
import { suggestScript } from '@shared/scripts/suggest';
import { validateScript } from '@shared/scripts/validate';
import type { Core } from '../../platform/feature';
import type { CallScriptRow, CheckpointRow } from './scripts-repo';
import { ScriptsRepo } from './scripts-repo';
import type { ShippedScript } from './shipped/scripts';

/** Setting `scripts.options`: the company name the greeting says, and the 保价 policy (§8). */
export const scriptOptionsSchema = z.strictObject({
  company: z.string().trim().min(1).max(20),
  insurance: z.strictObject({
    rateBp: z.number().int().min(0).max(10_000),
    minPremiumFen: z.number().int().min(0).max(1_000_000),
  }),
});
export const defaultScriptOptions: z.infer<typeof scriptOptionsSchema> = {
  company: '速递客服中心',
  insurance: { rateBp: 50, minPremiumFen: 100 },
};

export interface ScriptServiceDeps {
  core: Core;
  shipped: Record<ScriptKey, ShippedScript>;
  requireSession(): Session;
  /** The call in progress on this desk (the softphone's view), or null. */
  currentCall(): CallView | null;
  /** The caller's screen pop (the waybills feature). */
  screenPop(number: string): ScreenPop;
  /** The agent's real holds on a call (the softphone), or null when it cannot say any more. */
  holdsOf(callId: string): HoldFacts | null;
  /** The orders the agent took on a call since `since`, oldest first (the orders feature). */
  ordersOf(callId: string, agentId: string, since: number): OrderFact[];
}

/** A run as stored: the engine's state and the call's evidence last applied to it. */
type StoredRun = RunState & { evidence?: CallEvidence };

function badArgument(message: string, path: string, code: string): ContractError {
  return new ContractError('BAD_ARGUMENT', message, [{ path, message: code }]);
}

export class ScriptService {
  private readonly repo: ScriptsRepo;
  private readonly core: Core;

  constructor(private readonly deps: ScriptServiceDeps) {
    this.core = deps.core;
    this.repo = new ScriptsRepo(deps.core.db);
  }

  // ---- versions ----

  /**
   * Loads the shipped scripts: a script the desk does not have yet is published as its first
   * version; a newer shipped revision is published as the next version while the latest version
   * is still a shipped one, and otherwise (a lead has edited the script since) is kept waiting
   * for a lead (`scripts.versions` offers it; publishing it adopts it) — a lead's edit is never
   * overwritten. Audited either way.
   */
  syncShipped(): void {
    const { db, clock, audit, newId, logger } = this.core;
    const catalog = this.shippedCatalog();
    for (const key of scriptKeys) {
      const shipped = this.deps.shipped[key];
      const doc = catalog[key]!;
      const problems = validateScript(doc, catalog);
      if (problems.length > 0) {
        // Never published, never run (the walk-through test keeps this from shipping).
        logger.error('shipped script fails validation', { key, problems: problems.length });
        continue;
      }
      const seen = this.repo.shipped(key);
      if (seen && seen.revision >= shipped.revision) continue;
      const body = JSON.stringify(doc);
      db.transaction(() => {
        const now = clock.now();
        const latest = this.repo.latest(key);
        if (latest === null || latest.source === 'shipped') {
          const version = this.repo.insertVersion({
            key,
            doc,
            note: latest === null ? '出厂话术' : `出厂话术更新（第 ${shipped.revision} 版）`,
            source: 'shipped',
            shippedRevision: shipped.revision,
            at: now,
            by: null,
          });
          this.repo.setShipped(key, shipped.revision, body, now, version);
          audit.append({
            id: newId(),
            at: now,
            actorId: null,
            action: 'script_shipped',
            subject: key,
            detail: { title: doc.title, version, revision: shipped.revision },
          });
        } else {
          this.repo.setShipped(key, shipped.revision, body, now, null);
          audit.append({
            id: newId(),
            at: now,
            actorId: null,
            action: 'script_shipped_pending',
            subject: key,
            detail: { title: doc.title, revision: shipped.revision, leadVersion: latest.version },
          });
        }
      });
    }
  }

  private shippedCatalog(): Catalog {
    return Object.fromEntries(
      scriptKeys.map((k) => [k, scriptDocSchema.parse(this.deps.shipped[k].doc)]),
    );
  }

  published(): ScriptVersion[] {
    this.deps.requireSession();
    return this.repo.latestAll();
  }

  private requireLead(): Session {
    const s = this.deps.requireSession();
    if (s.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead can edit call scripts');
    }
    return s;
  }

  versions(key: ScriptKey): {
    versions: ScriptVersion[];
    pendingShipped: { revision: number; doc: ScriptDoc; seenAt: number } | null;
  } {
    this.requireLead();
    const shipped = this.repo.shipped(key);
    return {
      versions: this.repo.versions(key),
      pendingShipped:
        shipped && shipped.adoptedVersion === null
          ? {
              revision: shipped.revision,
              doc: JSON.parse(shipped.body) as ScriptDoc,
              seenAt: shipped.seenAt,
            }
          : null,
    };
  }

  /** The latest version of every script: what a publication's jumps must land in. */
  private publishedCatalog(): Catalog {
    return Object.fromEntries(this.repo.latestAll().map((v) => [v.key, v.doc]));
  }

  publish(key: ScriptKey, doc: ScriptDoc, note: string, basedOn: number): ScriptVersion {
    const lead = this.requireLead();
    if (doc.key !== key)
      throw badArgument(`doc.key ${doc.key} is not ${key}`, 'doc.key', 'wrong_key');
    const catalog = { ...this.publishedCatalog(), [key]: doc };
    const problems = validateScript(doc, catalog);
    if (problems.length > 0) {
      throw new ContractError(
        'BAD_ARGUMENT',
        `The script has ${problems.length} problem(s); nothing was published`,
        problems.map((p) => ({
          path: p.step ? `doc.steps.${p.step}` : 'doc',
          message: `${p.code}${p.detail === undefined ? '' : `: ${p.detail}`}`,
        })),
      );
    }
    return this.publishVersion(lead, key, doc, note, basedOn, null);
  }

  rollback(key: ScriptKey, version: number, note: string): ScriptVersion {
    const lead = this.requireLead();
    const old = this.repo.version(key, version);
    if (!old) throw new ContractError('NOT_FOUND', `No version ${version} of script ${key}`);
    const latest = this.repo.latest(key);
    // The old version must still fit beside the scripts published now (jump targets).
    const problems = validateScript(old.doc, { ...this.publishedCatalog(), [key]: old.doc });
    if (problems.length > 0) {
      throw badArgument(`Version ${version} no longer validates`, 'version', problems[0]!.code);
    }
    return this.publishVersion(lead, key, old.doc, note, latest?.version ?? 0, version);
  }

  private publishVersion(
    lead: Session,
    key: ScriptKey,
    doc: ScriptDoc,
    note: string,
    basedOn: number,
    rollbackOf: number | null,
  ): ScriptVersion {
    const { db, clock, audit, newId, emit } = this.core;
    const version = db.transaction(() => {
      const latest = this.repo.latest(key)?.version ?? 0;
      if (latest !== basedOn) {
        throw badArgument(
          `Version ${latest} was published since version ${basedOn} was opened`,
          'basedOn',
          'stale_version',
        );
      }
      const at = clock.now();
      const v = this.repo.insertVersion({
        key,
        doc,
        note,
        source: 'lead',
        shippedRevision: null,
        at,
        by: lead.agent.id,
      });
      this.repo.adoptShipped(key, JSON.stringify(doc), v);
      audit.append({
        id: newId(),
        at,
        actorId: lead.agent.id,
        action: rollbackOf === null ? 'script_published' : 'script_rolled_back',
        subject: key,
        detail: {
          title: doc.title,
          version: v,
          note,
          basedOn,
          ...(rollbackOf !== null && { rollbackOf }),
        },
      });
      return v;
    });
    emit('scripts.changed', { key, version });
    return this.repo.version(key, version)!;
  }

  // ---- runs ----

  private options(): z.infer<typeof scriptOptionsSchema> {
    const { settings, logger } = this.core;
    return (
      settings.getParsed('scripts.options', scriptOptionsSchema, logger) ?? defaultScriptOptions
    );
  }

  /** What the script knows of a call: the agent, the call, the pop's customer and waybill. */
  private contextOf(session: Session, call: CallView, pop: ScreenPop | null): RunContext {
    const options = this.options();
    const customer =
      pop?.customers.find((c) => c.id === call.customerId) ??
      (pop?.customers.length === 1 ? pop.customers[0]! : null);
    const waybill = pop?.waybills.find((w) => w.anomalies.length > 0) ?? pop?.waybills[0] ?? null;
    return {
      company: options.company,
      agent: { employeeNo: session.agent.employeeNo, name: session.agent.name },
      call: { direction: call.direction, number: call.remoteNumber },
      customer: customer
        ? { name: customer.name, class: customer.class, keyAccountTier: customer.keyAccountTier }
        : null,
      waybill: waybill
        ? {
            number: waybill.number,
            status: waybill.status,
            promisedAt: waybill.promisedAt,
            anomalies: waybill.anomalies.map((a) => a.kind),
          }
        : null,
      insurance: options.insurance,
      timeZone: this.core.timeZone,
    };
  }

  start(callId: string, script: ScriptKey | undefined): RunView {
    const session = this.deps.requireSession();
    const existing = this.repo.callScript(callId);
    if (existing) return this.viewOf(this.synced(this.owned(session, existing)));
    const call = this.deps.currentCall();
    if (!call || call.id !== callId) {
      throw new ContractError('NOT_FOUND', `Call ${callId} is not the call in progress`);
    }
    if (call.phase !== 'active') {
      throw new ContractError('ILLEGAL_TRANSITION', `Call ${callId} is not connected`);
    }
    const pop =
      call.direction === 'inbound' && call.remoteNumber !== ''
        ? this.deps.screenPop(call.remoteNumber)
        : null;
    const context = this.contextOf(session, call, pop);
    const latest = this.repo.latestAll();
    const catalog: Catalog = Object.fromEntries(latest.map((v) => [v.key, v.doc]));
    const pinned = Object.fromEntries(latest.map((v) => [v.key, v.version]));
    const key = script ?? suggestScript(context, pop, this.core.clock.now());
    const first = startRun(catalog, key, context);
    if (!first.ok) {
      throw badArgument(`Script ${key} cannot start: ${first.error}`, 'script', first.error);
    }
    const now = this.core.clock.now();
    const evidence = this.evidenceOf(callId, session.agent.id, now, noEvidence);
    const started = { state: withEvidence(first.state, evidence) };
    this.core.db.transaction(() => {
      this.repo.insertCallScript({
        call_id: callId,
        agent_id: session.agent.id,
        script_key: key,
        script_version: pinned[key]!,
        pinned: JSON.stringify(pinned),
        context: JSON.stringify(context),
        state: JSON.stringify(started.state),
        captured: JSON.stringify(started.state.values),
        suggested_disposition: started.state.ended?.disposition ?? null,
        started_at: now,
        updated_at: now,
      });
      this.repo.setCheckpoints(callId, checkpointRows(started.state), now);
    });
    return this.viewOf(this.repo.callScript(callId)!);
  }

  run(callId: string): RunView | null {
    const session = this.deps.requireSession();
    const row = this.repo.callScript(callId);
    return row ? this.viewOf(this.synced(this.owned(session, row))) : null;
  }

  act(callId: string, action: RunAction): RunView {
    const session = this.deps.requireSession();
    const row = this.owned(session, this.requireRun(callId));
    if (row.closed_at !== null) {
      throw new ContractError('ILLEGAL_TRANSITION', `The script of call ${callId} is closed`);
    }
    const { catalog, context, state } = this.loaded(row);
    const r = advance(state, action, catalog, context);
    if (!r.ok) throw badArgument(`Script action refused: ${r.error}`, 'action', r.error);
    const evidence = this.evidenceOf(callId, row.agent_id, row.started_at, state.evidence);
    this.store(callId, withEvidence(r.state, evidence));
    return this.viewOf(this.repo.callScript(callId)!);
  }

  /**
   * Hold etiquette on the call's real hold: the phrases the agent said for the latest hold (see
   * shared/scripts/evidence.ts). Stored with the run; the item follows from it and the holds.
   */
  holdEtiquette(callId: string, phrases: readonly HoldPhrase[]): RunView {
    const session = this.deps.requireSession();
    const row = this.owned(session, this.requireRun(callId));
    if (row.closed_at !== null) {
      throw new ContractError('ILLEGAL_TRANSITION', `The script of call ${callId} is closed`);
    }
    const { state } = this.loaded(row);
    const evidence = this.evidenceOf(callId, row.agent_id, row.started_at, state.evidence);
    const r = confirmHoldPhrases(state.hold, evidence.holds, phrases);
    if (!r.ok) throw badArgument(`Hold etiquette refused: ${r.error}`, 'phrases', r.error);
    this.store(callId, withEvidence({ ...state, hold: r.etiquette }, evidence));
    return this.viewOf(this.repo.callScript(callId)!);
  }

  /** What the call proves now; the stored evidence where the features cannot say any more. */
  private evidenceOf(
    callId: string,
    agentId: string,
    since: number,
    stored: CallEvidence | undefined,
  ): CallEvidence {
    return {
      holds: this.deps.holdsOf(callId) ?? stored?.holds ?? noEvidence.holds,
      orders: this.deps.ordersOf(callId, agentId, since),
    };
  }

  private store(callId: string, state: StoredRun): void {
    const now = this.core.clock.now();
    this.core.db.transaction(() => {
      this.repo.updateCallScript(
        callId,
        JSON.stringify(state),
        JSON.stringify(state.values),
        state.ended?.disposition ?? null,
        now,
      );
      this.repo.setCheckpoints(callId, checkpointRows(state), now);
    });
  }

  /**
   * The run with the call's evidence applied as it is now (a hold, a resume or an order happen
   * outside the script's requests), stored when that changed anything. A closed run keeps its
   * outcome except for orders: one finished in after-call work still meets the 保价 item.
   */
  private synced(row: CallScriptRow): CallScriptRow {
    const { state } = this.loaded(row);
    const fresh = this.evidenceOf(row.call_id, row.agent_id, row.started_at, state.evidence);
    const evidence =
      row.closed_at === null ? fresh : { ...(state.evidence ?? noEvidence), orders: fresh.orders };
    const next = withEvidence(state, evidence);
    if (JSON.stringify(next) === row.state) return row;
    this.store(row.call_id, next);
    return this.repo.callScript(row.call_id)!;
  }

  close(callId: string, reason: string | undefined): RunView {
    const session = this.deps.requireSession();
    const row = this.synced(this.owned(session, this.requireRun(callId)));
    if (row.closed_at !== null) return this.viewOf(row);
    const state = JSON.parse(row.state) as RunState;
    const open = openCheckpoints(state);
    const given = reason?.trim() ?? '';
    if (open.length > 0 && given === '') {
      throw badArgument(
        `Compliance items still open (${open.join(', ')}): a reason is required`,
        'reason',
        'reason_required',
      );
    }
    this.repo.closeCallScript(callId, given === '' ? null : given, this.core.clock.now());
    return this.viewOf(this.repo.callScript(callId)!);
  }

  compliance(callId: string): ComplianceRecord | null {
    this.deps.requireSession();
    const row = this.repo.callScript(callId);
    if (row) this.synced(row);
    const record = this.repo.compliance(callId);
    if (!record) return null;
    const stored = (JSON.parse(this.repo.callScript(callId)!.state) as StoredRun).evidence;
    return { ...record, evidence: stored ?? noEvidence };
  }

  private requireRun(callId: string): CallScriptRow {
    const row = this.repo.callScript(callId);
    if (!row) throw new ContractError('NOT_FOUND', `Call ${callId} has no script`);
    return row;
  }

  /** A run belongs to the agent who took the call. */
  private owned(session: Session, row: CallScriptRow): CallScriptRow {
    if (row.agent_id !== session.agent.id) {
      throw new ContractError('FORBIDDEN', 'This call was taken by another agent');
    }
    return row;
  }

  private loaded(row: CallScriptRow): { catalog: Catalog; context: RunContext; state: StoredRun } {
    const pinned = JSON.parse(row.pinned) as Partial<Record<ScriptKey, number>>;
    const catalog: Catalog = {};
    for (const [key, version] of Object.entries(pinned) as [ScriptKey, number][]) {
      const v = this.repo.version(key, version);
      if (v) catalog[key] = v.doc;
    }
    return {
      catalog,
      context: JSON.parse(row.context) as RunContext,
      state: JSON.parse(row.state) as StoredRun,
    };
  }

  private viewOf(row: CallScriptRow): RunView {
    const { catalog, context, state: stored } = this.loaded(row);
    const { evidence, ...state } = stored;
    const pinned = JSON.parse(row.pinned) as Partial<Record<ScriptKey, number>>;
    return {
      callId: row.call_id,
      startedWith: { key: row.script_key as ScriptKey, version: row.script_version },
      pinned,
      doc: catalog[state.script]!,
      context,
      run: state,
      open: openCheckpoints(state),
      closedAt: row.closed_at,
      openReason: row.open_reason,
      evidence: evidence ?? noEvidence,
    };
  }
}

/** The engine's state with the call's evidence applied, and that evidence kept beside it. */
function withEvidence(state: RunState, evidence: CallEvidence): StoredRun {
  const { evidence: _was, ...run } = state as StoredRun;
  return { ...applyEvidence(run, evidence), evidence };
}

/** One row per item the run requires or touched: met, skipped, or (required, untouched) open. */
function checkpointRows(state: RunState): CheckpointRow[] {
  return checkpointItems.flatMap((item): CheckpointRow[] => {
    const required = state.required.includes(item);
    const outcome = state.checkpoints[item];
    if (!required && outcome === undefined) return [];
    return [{ item, required, outcome: outcome ?? 'open' }];
  });
}
