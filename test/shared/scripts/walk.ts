/**
 * Walks a catalog of scripts through every path the scripts themselves describe: the contexts
 * (direction, caller known or not, customer class, key account, waybill status and flags) and the
 * inputs (every option of a choice, the values branch conditions compare with) are generated
 * from the scripts' own conditions and fields — never hand-listed — and each walk goes through
 * the engine (`startRun`/`advance`) from the start to an end step, confirming every checkpoint.
 */
import type { RunContext } from '@shared/scripts/context';
import type { Catalog, Condition, FieldSpec, ScriptKey, Step } from '@shared/scripts/model';
import type { RunState } from '@shared/scripts/run';
import { advance, currentStep, openCheckpoints, startRun } from '@shared/scripts/run';
import { sampleInput } from '@shared/scripts/fields';
import type { AnomalyKind } from '@shared/waybills/anomalies';
import type { TrackingStatus } from '@shared/waybills/tracking';

export interface Walk {
  context: RunContext;
  inputs: string[];
  /** The end state (without its history). */
  end: Omit<RunState, 'history'>;
}

/** Times a walk may go round a loop (e.g. 还有其他问题 → back to the question) before it is cut. */
export const maxLoops = 1;

export interface WalkReport {
  /** Every complete walk (start → end), one per distinct way through. */
  walks: Walk[];
  /** What the walks covered: steps, branch cases (`#i`, `#else`) and jumps, `script:step`. */
  covered: Set<string>;
  /** States the walk could not leave (an action refused where the data promised a way on). */
  stuck: { context: RunContext; at: string; error: string }[];
}

function conditions(catalog: Catalog): Condition[] {
  return Object.values(catalog).flatMap((doc) =>
    doc.steps.flatMap((s) => (s.kind === 'branch' ? s.cases.flatMap((c) => c.when) : [])),
  );
}

/** Contexts from the catalog's conditions: each value a condition tests, and one it does not. */
export function contextsFor(catalog: Catalog): RunContext[] {
  const conds = conditions(catalog);
  const statuses = new Set<TrackingStatus>(['IN_TRANSIT']);
  const anomalies = new Set<AnomalyKind>();
  const classes = new Set<'A' | 'B' | 'C'>(['C']);
  for (const c of conds) {
    if (c.on === 'waybill_status') c.in.forEach((s) => statuses.add(s));
    if (c.on === 'anomaly') c.in.forEach((a) => anomalies.add(a));
    if (c.on === 'customer_class') c.in.forEach((k) => classes.add(k));
  }
  const base: Omit<RunContext, 'call' | 'customer' | 'waybill'> = {
    company: '示例速递',
    agent: { employeeNo: '1001', name: '张伟' },
    insurance: { rateBp: 50, minPremiumFen: 100 },
    timeZone: 'Asia/Shanghai',
  };
  const customers: RunContext['customer'][] = [
    null,
    ...[...classes].flatMap((k) => [
      { name: '王芳', class: k, keyAccountTier: null },
      { name: '王芳', class: k, keyAccountTier: 1 },
    ]),
  ];
  const waybills: RunContext['waybill'][] = [
    null,
    ...[...statuses].map((status) => ({
      number: 'SF1234567890123',
      status,
      promisedAt: Date.UTC(2026, 11, 3, 8),
      anomalies: [] as AnomalyKind[],
    })),
    ...[...anomalies].map((a) => ({
      number: 'SF1234567890123',
      status: 'IN_TRANSIT' as TrackingStatus,
      promisedAt: null,
      anomalies: [a],
    })),
  ];
  const calls: RunContext['call'][] = [
    null,
    { direction: 'inbound', number: '13812345678' },
    { direction: 'outbound', number: '13812345678' },
  ];
  return calls.flatMap((call) =>
    customers.flatMap((customer) =>
      waybills.map((waybill) => ({ ...base, call, customer, waybill })),
    ),
  );
}

/** Inputs for a field: every option of a choice, each value a condition compares with, a sample. */
export function inputsFor(field: FieldSpec, catalog: Catalog): string[] {
  if (field.type === 'choice') return [...(field.options ?? [])];
  const out = new Set<string>([sampleInput(field)]);
  for (const c of conditions(catalog)) {
    if (c.on !== 'field' || c.field !== field.id || c.value === undefined) continue;
    const v = field.type === 'money' && typeof c.value === 'number' ? c.value / 100 : c.value;
    out.add(String(v));
    if (typeof v === 'number') {
      out.add(String(v + 1));
      out.add(String(Math.max(0, v - 1)));
    }
  }
  if (!field.required) out.add('');
  return [...out];
}

/** The fields branch conditions look at (states that differ only elsewhere go the same way). */
function testedFields(catalog: Catalog): string[] {
  return [
    ...new Set(conditions(catalog).flatMap((c) => (c.on === 'field' ? [c.field] : []))),
  ].sort();
}

export function walkAll(
  catalog: Catalog,
  start: ScriptKey,
  contexts = contextsFor(catalog),
): WalkReport {
  const tested = testedFields(catalog);
  const covered = new Set<string>();
  const walks: Walk[] = [];
  const stuck: WalkReport['stuck'] = [];
  for (const context of contexts) {
    // Per context: states already explored → whether an end was reached from them.
    const memo = new Map<string, boolean>();
    const keyOf = (s: RunState) =>
      `${s.script}:${s.step}|${tested.map((f) => String(s.values[f] ?? '')).join('|')}`;
    const visit = (state: RunState, inputs: string[]): boolean => {
      const key = keyOf(state);
      const known = memo.get(key);
      if (known !== undefined) {
        // Explored before: this prefix joins a walk known to end (or a loop still being walked).
        if (known) state.path.forEach((p) => covered.add(p));
        return known;
      }
      // A loop taken more than maxLoops times: cut (the walk that took it fewer times covers it).
      const seen = state.path.filter((p) => p === state.path.at(-1)).length;
      if (seen > maxLoops + 1) return false;
      memo.set(key, false);
      const step: Step | undefined = currentStep(state, catalog);
      if (!step) {
        stuck.push({ context, at: key, error: 'unknown_step' });
        return false;
      }
      let reached = false;
      const go = (action: Parameters<typeof advance>[1], input?: string) => {
        const r = advance(state, action, catalog, context);
        if (!r.ok) {
          stuck.push({ context, at: key, error: r.error });
          return;
        }
        if (visit(r.state, input === undefined ? inputs : [...inputs, input])) reached = true;
      };
      switch (step.kind) {
        case 'end':
          state.path.forEach((p) => covered.add(p));
          walks.push({ context, inputs, end: { ...state, history: undefined } as Walk['end'] });
          reached = true;
          break;
        case 'say':
          go({ type: 'next' });
          break;
        case 'checkpoint':
          go({ type: 'checkpoint', outcome: 'met' });
          break;
        case 'ask':
          for (const input of inputsFor(step.field, catalog)) go({ type: 'capture', input }, input);
          break;
        case 'branch':
        case 'jump':
          stuck.push({ context, at: key, error: 'stood_on_' + step.kind });
      }
      memo.set(key, reached);
      return reached;
    };
    const r = startRun(catalog, start, context);
    if (!r.ok) stuck.push({ context, at: start, error: r.error });
    else visit(r.state, []);
  }
  return { walks, covered, stuck };
}

/** Everything a catalog's walks must cover: each step, and each case (and else) of each branch. */
export function coverageTargets(catalog: Catalog): string[] {
  return Object.values(catalog).flatMap((doc) =>
    doc.steps.flatMap((s) =>
      s.kind === 'branch'
        ? [...s.cases.map((_, i) => `${doc.key}:${s.id}#${i}`), `${doc.key}:${s.id}#else`]
        : [`${doc.key}:${s.id}`],
    ),
  );
}

export { openCheckpoints };
