/**
 * Running a script: a pure state (the current script and step, the way back, captured values,
 * checkpoints met or skipped, the compliance items the scripts entered require) and `advance`,
 * which applies one of the agent's actions. Branches and jumps are taken at once (the agent only
 * ever stands on a say, ask, checkpoint or end step). Going back restores the state before the
 * last action, so captures made after that point are undone. Pure.
 */
import type { Disposition } from '../softphone/call-state';
import type { CapturedValue, ContextVariable, RunContext } from './context';
import { contextValue, formatFen, isContextVariable, variablePattern } from './context';
import type { HoldEtiquette } from './evidence';
import type { CaptureError } from './fields';
import { readCapture } from './fields';
import type { Catalog, CheckpointItem, Condition, ScriptDoc, ScriptKey, Step } from './model';
import { checkpointItems, stepById } from './model';

export type CheckpointOutcome = 'met' | 'skipped';

export interface RunSnapshot {
  script: ScriptKey;
  step: string;
  values: Record<string, CapturedValue>;
  checkpoints: Partial<Record<CheckpointItem, CheckpointOutcome>>;
  /** Items the scripts entered so far require, in checkpoint order. */
  required: CheckpointItem[];
  /**
   * The way this call went, in order: the steps stood on (`script:step`), the branches taken
   * (`script:step#case`, `#else`) and the jumps (`script:step`).
   */
  path: string[];
  /** Set when the run stands on an end step: the disposition it suggests. */
  ended: { disposition: Disposition } | null;
}

export interface RunState extends RunSnapshot {
  /** The states before each action, latest last (for going back). */
  history: RunSnapshot[];
  /**
   * The hold-etiquette phrases the agent confirmed (evidence.ts): about the call's real holds,
   * not the way through the script, so going back keeps them.
   */
  hold?: HoldEtiquette;
}

export type RunAction =
  | { type: 'next' }
  | { type: 'capture'; input: string }
  | { type: 'checkpoint'; outcome: CheckpointOutcome }
  | { type: 'back' }
  /** Go to a step of the current script (found by searching the steps). */
  | { type: 'goto'; step: string }
  /** Switch the call type: the other script from its start; captures and checkpoints stay. */
  | { type: 'switch'; script: ScriptKey };

export const runErrors = [
  'wrong_step_kind',
  'no_history',
  'unknown_step',
  'unknown_script',
  'ended',
  'loop',
] as const;
export type RunError = (typeof runErrors)[number] | CaptureError;

export type RunResult = { ok: true; state: RunState } | { ok: false; error: RunError };

/** Branches and jumps taken in a row before the engine gives up (a loop the data allowed). */
const MAX_AUTO_MOVES = 100;
/** History kept for going back (a long call does not grow the state without bound). */
const MAX_HISTORY = 200;
const MAX_PATH = 500;

function holds(
  c: Condition,
  ctx: RunContext,
  values: Readonly<Record<string, CapturedValue>>,
): boolean {
  switch (c.on) {
    case 'field': {
      const v = values[c.field];
      switch (c.op) {
        case 'set':
          return v !== undefined;
        case 'unset':
          return v === undefined;
        case 'eq':
          return v !== undefined && v === c.value;
        case 'ne':
          return v !== c.value;
        case 'gt':
          return v !== undefined && c.value !== undefined && v > c.value;
        case 'lt':
          return v !== undefined && c.value !== undefined && v < c.value;
      }
      break;
    }
    case 'direction':
      return ctx.call?.direction === c.is;
    case 'caller_known':
      return (ctx.customer !== null) === c.is;
    case 'customer_class':
      return ctx.customer !== null && c.in.includes(ctx.customer.class);
    case 'key_account':
      return (ctx.customer !== null && ctx.customer.keyAccountTier !== null) === c.is;
    case 'has_waybill':
      return (ctx.waybill !== null) === c.is;
    case 'waybill_status':
      return ctx.waybill !== null && c.in.includes(ctx.waybill.status);
    case 'anomaly':
      return ctx.waybill !== null && ctx.waybill.anomalies.some((a) => c.in.includes(a));
  }
}

/** The case a branch takes: its index, or -1 for `otherwise`. */
export function branchCase(
  step: Extract<Step, { kind: 'branch' }>,
  ctx: RunContext,
  values: Readonly<Record<string, CapturedValue>>,
): number {
  return step.cases.findIndex((c) => c.when.every((cond) => holds(cond, ctx, values)));
}

function addRequired(required: CheckpointItem[], doc: ScriptDoc): CheckpointItem[] {
  const set = new Set([...required, ...doc.required]);
  return checkpointItems.filter((i) => set.has(i));
}

function snapshot(s: RunState): RunSnapshot {
  return {
    script: s.script,
    step: s.step,
    values: s.values,
    checkpoints: s.checkpoints,
    required: s.required,
    path: s.path,
    ended: s.ended,
  };
}

/** Moves to `stepId` of `key` and on through branches and jumps to a step the agent stands on. */
function settle(
  s: RunSnapshot,
  key: ScriptKey,
  stepId: string | undefined,
  catalog: Catalog,
  ctx: RunContext,
): { ok: true; snap: RunSnapshot } | { ok: false; error: RunError } {
  const first = catalog[key];
  if (!first) return { ok: false, error: 'unknown_script' };
  let doc: ScriptDoc = first;
  let required = addRequired(s.required, doc);
  let id = stepId ?? doc.start;
  const via: string[] = [];
  for (let moves = 0; moves <= MAX_AUTO_MOVES; moves++) {
    const step = stepById(doc, id);
    if (!step) return { ok: false, error: 'unknown_step' };
    if (step.kind === 'branch') {
      const i = branchCase(step, ctx, s.values);
      id = i < 0 ? step.otherwise : step.cases[i]!.to;
      via.push(`${doc.key}:${step.id}#${i < 0 ? 'else' : i}`);
      continue;
    }
    if (step.kind === 'jump') {
      via.push(`${doc.key}:${step.id}`);
      if (step.script !== undefined && step.script !== doc.key) {
        const next: ScriptDoc | undefined = catalog[step.script];
        if (!next) return { ok: false, error: 'unknown_script' };
        doc = next;
        required = addRequired(required, doc);
      }
      id = step.to ?? doc.start;
      continue;
    }
    const path = [...s.path, ...via, `${doc.key}:${step.id}`].slice(-MAX_PATH);
    return {
      ok: true,
      snap: {
        ...s,
        script: doc.key,
        step: step.id,
        required,
        path,
        ended: step.kind === 'end' ? { disposition: step.disposition } : null,
      },
    };
  }
  return { ok: false, error: 'loop' };
}

const empty: RunSnapshot = {
  script: 'generic',
  step: '',
  values: {},
  checkpoints: {},
  required: [],
  path: [],
  ended: null,
};

/** Starts `key` (from the catalog of versions pinned for this call) at its start step. */
export function startRun(catalog: Catalog, key: ScriptKey, ctx: RunContext): RunResult {
  const r = settle({ ...empty, script: key }, key, undefined, catalog, ctx);
  return r.ok ? { ok: true, state: { ...r.snap, history: [] } } : r;
}

export function currentStep(state: RunSnapshot, catalog: Catalog): Step | undefined {
  const doc = catalog[state.script];
  return doc && stepById(doc, state.step);
}

/** Applies one of the agent's actions. A refused action leaves the state as it was. */
export function advance(
  state: RunState,
  action: RunAction,
  catalog: Catalog,
  ctx: RunContext,
): RunResult {
  const r = applyAction(state, action, catalog, ctx);
  return r.ok && state.hold ? { ok: true, state: { ...r.state, hold: state.hold } } : r;
}

function applyAction(
  state: RunState,
  action: RunAction,
  catalog: Catalog,
  ctx: RunContext,
): RunResult {
  if (action.type === 'back') {
    const previous = state.history.at(-1);
    if (!previous) return { ok: false, error: 'no_history' };
    return { ok: true, state: { ...previous, history: state.history.slice(0, -1) } };
  }
  const step = currentStep(state, catalog);
  if (!step) return { ok: false, error: 'unknown_step' };
  const before = snapshot(state);
  const moved = (r: ReturnType<typeof settle>): RunResult =>
    r.ok
      ? { ok: true, state: { ...r.snap, history: [...state.history, before].slice(-MAX_HISTORY) } }
      : r;
  switch (action.type) {
    case 'goto': {
      const doc = catalog[state.script]!;
      if (!stepById(doc, action.step)) return { ok: false, error: 'unknown_step' };
      return moved(settle(before, state.script, action.step, catalog, ctx));
    }
    case 'switch':
      return moved(settle(before, action.script, undefined, catalog, ctx));
    case 'next':
      if (step.kind !== 'say')
        return { ok: false, error: step.kind === 'end' ? 'ended' : 'wrong_step_kind' };
      return moved(settle(before, state.script, step.next, catalog, ctx));
    case 'capture': {
      if (step.kind !== 'ask') return { ok: false, error: 'wrong_step_kind' };
      const read = readCapture(step.field, action.input);
      if (!read.ok) return read;
      const values = { ...state.values };
      if (read.value === null) delete values[step.field.id];
      else values[step.field.id] = read.value;
      return moved(settle({ ...before, values }, state.script, step.next, catalog, ctx));
    }
    case 'checkpoint': {
      if (step.kind !== 'checkpoint') return { ok: false, error: 'wrong_step_kind' };
      const was = state.checkpoints[step.item];
      const outcome = was === 'met' ? 'met' : action.outcome;
      const checkpoints = { ...state.checkpoints, [step.item]: outcome };
      return moved(settle({ ...before, checkpoints }, state.script, step.next, catalog, ctx));
    }
  }
}

/** Required items not met (yet): shown at all times; ending a call with any asks for a reason. */
export function openCheckpoints(state: RunSnapshot): CheckpointItem[] {
  return state.required.filter((i) => state.checkpoints[i] !== 'met');
}

export type Segment =
  { kind: 'text'; text: string } | { kind: 'var'; name: string; value: string | null };

/** A captured value as read out: money in yuan, everything else as stored. */
export function showCaptured(value: CapturedValue, type: string): string {
  return type === 'money' && typeof value === 'number' ? formatFen(value) : String(value);
}

/**
 * A step's text with its variables filled in. A variable the call does not know stays a visible
 * placeholder (value null: the UI shows 【客户姓名】), never "undefined".
 */
export function renderText(
  text: string,
  ctx: RunContext,
  values: Readonly<Record<string, CapturedValue>>,
  doc?: ScriptDoc,
): Segment[] {
  const out: Segment[] = [];
  let at = 0;
  for (const m of text.matchAll(variablePattern)) {
    if (m.index > at) out.push({ kind: 'text', text: text.slice(at, m.index) });
    const name = m[1]!;
    let value: string | null = null;
    if (isContextVariable(name)) value = contextValue(name as ContextVariable, ctx, values);
    else if (name.startsWith('field.')) {
      const id = name.slice(6);
      const v = values[id];
      const type = doc?.steps.find((s) => s.kind === 'ask' && s.field.id === id);
      value =
        v === undefined ? null : showCaptured(v, type?.kind === 'ask' ? type.field.type : 'text');
    }
    out.push({ kind: 'var', name, value });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ kind: 'text', text: text.slice(at) });
  return out;
}
