/**
 * Call scripts in the renderer: the published scripts, the current call's run (main keeps it;
 * every action goes through main and comes back as the stored run), and practice mode (the same
 * pure engine run here, nothing sent or stored). The call's script starts by itself once the
 * call is connected.
 */
import type { DeskApi } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { ComplianceRecord, RunView } from '@shared/scripts/contract';
import type { RunContext } from '@shared/scripts/context';
import type { HoldPhrase } from '@shared/scripts/evidence';
import { readCapture } from '@shared/scripts/fields';
import type { Catalog, ScriptDoc, ScriptKey, ScriptVersion } from '@shared/scripts/model';
import type { RunAction } from '@shared/scripts/run';
import { advance, currentStep, openCheckpoints, startRun } from '@shared/scripts/run';
import type { DeskStore, SliceCreator } from '../../app/store';
import { toUiError } from '../../ui/errors';

/** What the panel shows, from a call's run or a practice run alike. */
export type ScriptRunView = Pick<RunView, 'doc' | 'context' | 'run' | 'open'> & {
  mode: 'call' | 'practice';
  version: number;
  closedAt: number | null;
  openReason: string | null;
};

export interface ScriptsSlice {
  publishedScripts: ScriptVersion[] | null;
  callScript: RunView | null;
  practice: {
    catalog: Catalog;
    versions: Partial<Record<ScriptKey, number>>;
    view: ScriptRunView;
  } | null;
  /** Compliance records read for the call history, by call id (null: no script ran on it). */
  complianceRecords: Record<string, ComplianceRecord | null | 'failed'>;
  loadCompliance(callId: string): Promise<void>;
  /** The last refused script action, as a key of the `scripts:errors` table. */
  scriptError: string | null;
  loadScripts(): Promise<void>;
  startCallScript(callId: string, script?: ScriptKey): Promise<void>;
  scriptAct(action: RunAction): Promise<boolean>;
  /** Hold etiquette on the call's real hold: the phrases said (main checks the hold happened). */
  confirmHoldPhrases(phrases: HoldPhrase[]): Promise<boolean>;
  /** Reads the call's run again (a hold, a resume or an order changed what the call proves). */
  refreshCallScript(): Promise<void>;
  closeCallScript(reason: string): Promise<boolean>;
  /** Practice `key`; `draft` replaces its published version (the editor's live preview). */
  startPractice(key: ScriptKey, draft?: ScriptDoc): void;
  /** The lead's editor: every version of one script and a shipped update awaiting the lead. */
  scriptVersions: {
    key: ScriptKey;
    versions: ScriptVersion[];
    pendingShipped: { revision: number; doc: ScriptDoc } | null;
  } | null;
  loadScriptVersions(key: ScriptKey): Promise<void>;
  /** Publishes; returns the new version, or the refusal as a `scripts:errors` key. */
  publishScript(doc: ScriptDoc, note: string, basedOn: number): Promise<ScriptVersion | string>;
  rollbackScript(key: ScriptKey, version: number, note: string): Promise<ScriptVersion | string>;
  stopPractice(): void;
  clearScriptError(): void;
}

/** The engine's and main's refusal codes the panel can say; anything else is 'failed'. */
function errorCode(err: unknown): string {
  if (err instanceof ContractError) {
    const code = err.issues?.[0]?.message;
    if (code && /^[a-z_]+$/.test(code)) return code;
  }
  return 'failed';
}

/** A made-up call for practice: the variables show as a real call would fill them. */
export function practiceContext(agent: { employeeNo: string; name: string } | null): RunContext {
  return {
    company: '速递客服中心',
    agent: agent ?? { employeeNo: '0000', name: '练习' },
    call: { direction: 'inbound', number: '13800000000' },
    customer: { name: '王芳', class: 'B', keyAccountTier: null },
    waybill: {
      number: 'SF1234567890123',
      status: 'STALLED',
      promisedAt: Date.now() + 86_400_000,
      anomalies: ['stalled'],
    },
    insurance: { rateBp: 50, minPremiumFen: 100 },
    timeZone: 'Asia/Shanghai',
  };
}

/** Selects what the panel shows: practice when practising, else the call's run. */
export function selectScriptView(
  s: Pick<ScriptsSlice, 'callScript' | 'practice'>,
): ScriptRunView | null {
  if (s.practice) return s.practice.view;
  const c = s.callScript;
  if (!c) return null;
  return {
    mode: 'call',
    doc: c.doc,
    context: c.context,
    run: c.run,
    open: c.open,
    version: c.pinned[c.run.script] ?? c.startedWith.version,
    closedAt: c.closedAt,
    openReason: c.openReason,
  };
}

export const createScriptsSlice =
  (api: DeskApi): SliceCreator<ScriptsSlice> =>
  (set, get) => ({
    publishedScripts: null,
    callScript: null,
    practice: null,
    scriptError: null,
    complianceRecords: {},
    async loadCompliance(callId) {
      let record: ComplianceRecord | null | 'failed';
      try {
        record = await api.request('scripts.compliance', { callId });
      } catch {
        record = 'failed';
      }
      set({ complianceRecords: { ...get().complianceRecords, [callId]: record } });
    },
    async loadScripts() {
      try {
        set({ publishedScripts: await api.request('scripts.published', {}) });
      } catch {
        // Said in the script panel, not over the call controls.
        set({ scriptError: 'failed' });
      }
    },
    async startCallScript(callId, script) {
      try {
        const run = await api.request('scripts.start', script ? { callId, script } : { callId });
        set({ callScript: run, scriptError: null });
      } catch (err) {
        set({ scriptError: errorCode(err) });
      }
    },
    async scriptAct(action) {
      const { practice, callScript } = get();
      const view = selectScriptView(get());
      if (!view) return false;
      // Input is checked here first (the same rule main applies), so the error is immediate.
      if (action.type === 'capture') {
        const step = currentStep(view.run, { [view.run.script]: view.doc });
        if (step?.kind === 'ask') {
          const read = readCapture(step.field, action.input);
          if (!read.ok) {
            set({ scriptError: read.error });
            return false;
          }
        }
      }
      if (practice) {
        const r = advance(practice.view.run, action, practice.catalog, practice.view.context);
        if (!r.ok) {
          set({ scriptError: r.error });
          return false;
        }
        const doc = practice.catalog[r.state.script]!;
        set({
          scriptError: null,
          practice: {
            ...practice,
            view: {
              ...practice.view,
              doc,
              run: r.state,
              open: openCheckpoints(r.state),
              version: practice.versions[r.state.script] ?? 1,
            },
          },
        });
        return true;
      }
      if (!callScript) return false;
      try {
        const run = await api.request('scripts.act', { callId: callScript.callId, action });
        set({ callScript: run, scriptError: null });
        return true;
      } catch (err) {
        set({ scriptError: errorCode(err) });
        return false;
      }
    },
    async confirmHoldPhrases(phrases) {
      const { callScript } = get();
      if (!callScript) return false;
      try {
        const run = await api.request('scripts.holdEtiquette', {
          callId: callScript.callId,
          phrases,
        });
        set({ callScript: run, scriptError: null });
        return true;
      } catch (err) {
        set({ scriptError: errorCode(err) });
        return false;
      }
    },
    async refreshCallScript() {
      const { callScript } = get();
      if (!callScript) return;
      try {
        const run = await api.request('scripts.run', { callId: callScript.callId });
        // Only if the panel still shows that call.
        if (run && get().callScript?.callId === run.callId) set({ callScript: run });
      } catch {
        // The next action reads it again; the panel keeps what it showed.
      }
    },
    async closeCallScript(reason) {
      const { callScript } = get();
      if (!callScript) return false;
      if (callScript.open.length > 0 && reason.trim() === '') {
        set({ scriptError: 'reason_required' });
        return false;
      }
      try {
        const run = await api.request(
          'scripts.close',
          reason.trim() === ''
            ? { callId: callScript.callId }
            : { callId: callScript.callId, reason },
        );
        set({ callScript: run, scriptError: null });
        return true;
      } catch (err) {
        set({ scriptError: errorCode(err) });
        return false;
      }
    },
    startPractice(key, draft) {
      const published = get().publishedScripts ?? [];
      const catalog: Catalog = Object.fromEntries(published.map((v) => [v.key, v.doc]));
      if (draft) catalog[key] = draft;
      const versions = Object.fromEntries(published.map((v) => [v.key, v.version]));
      const agent = get().session?.agent ?? null;
      const context = practiceContext(agent);
      const r = startRun(catalog, key, context);
      if (!r.ok) {
        set({ scriptError: r.error });
        return;
      }
      set({
        scriptError: null,
        practice: {
          catalog,
          versions,
          view: {
            mode: 'practice',
            doc: catalog[r.state.script]!,
            context,
            run: r.state,
            open: openCheckpoints(r.state),
            version: versions[r.state.script] ?? 1,
            closedAt: null,
            openReason: null,
          },
        },
      });
    },
    stopPractice() {
      set({ practice: null, scriptError: null });
    },
    clearScriptError() {
      set({ scriptError: null });
    },
    scriptVersions: null,
    async loadScriptVersions(key) {
      try {
        const r = await api.request('scripts.versions', { key });
        set({ scriptVersions: { key, ...r } });
      } catch (err) {
        set({ error: toUiError(err) });
      }
    },
    async publishScript(doc, note, basedOn) {
      try {
        const v = await api.request('scripts.publish', { key: doc.key, doc, note, basedOn });
        await get().loadScriptVersions(doc.key);
        return v;
      } catch (err) {
        return errorCode(err);
      }
    },
    async rollbackScript(key, version, note) {
      try {
        const v = await api.request('scripts.rollback', { key, version, note });
        await get().loadScriptVersions(key);
        return v;
      } catch (err) {
        return errorCode(err);
      }
    },
  });

/**
 * Main's events and the call: the catalog reloads when a lead publishes; a connected call starts
 * its script (once per call); signing out forgets everything.
 */
export function connectScripts(api: DeskApi, store: DeskStore): void {
  api.on('scripts.changed', () => void store.getState().loadScripts());
  // An order taken on the call records its 保价 outcome: the 下单 item follows it.
  api.on('orders.changed', () => void store.getState().refreshCallScript());
  store.subscribe((state, before) => {
    if (before.session && !state.session) {
      store.setState({
        publishedScripts: null,
        callScript: null,
        practice: null,
        scriptError: null,
        scriptVersions: null,
        complianceRecords: {},
      });
      return;
    }
    if (state.session && !before.session) void state.loadScripts();
    const call = state.phone?.call;
    const was = before.phone?.call;
    if (call && was?.id === call.id && state.callScript?.callId === call.id) {
      // The agent's hold started or ended: the run's hold etiquette follows the real hold.
      const held = (c: typeof call) => c.holdSince !== null;
      if (held(call) !== held(was)) void state.refreshCallScript();
    }
    const wasActive = before.phone?.call?.id === call?.id && before.phone?.call?.phase === 'active';
    if (call && call.phase === 'active' && !wasActive && state.callScript?.callId !== call.id) {
      // A call connected: practice stops, the call's script starts.
      store.setState({ practice: null });
      void state.startCallScript(call.id);
    }
  });
}
