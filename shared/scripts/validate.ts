/**
 * What a script must be before it is stored or run: every target known, every variable known,
 * every step reachable from the start, a way out of every loop, the compliance items it requires
 * present on a reachable checkpoint, the 保价 rules stated before the waybill is filled in
 * (快递暂行条例 Art. 21, docs/DOMAIN.md §6), texts within their limits. Each problem names its
 * step; the UI words it (features/scripts/i18n.ts). Pure.
 */
import { contextVariables, isContextVariable, variablesIn } from './context';
import type { Catalog, CheckpointItem, FieldSpec, ScriptDoc, Step } from './model';
import { alwaysRequired, scriptLimits } from './model';

export const problemCodes = [
  'duplicate_step',
  'unknown_start',
  'unknown_target',
  'unknown_script',
  'unknown_variable',
  'unknown_field',
  'field_type_conflict',
  'bad_condition',
  'bad_options',
  'empty_text',
  'too_long',
  'too_many_steps',
  'unreachable',
  'no_way_out',
  'required_not_listed',
  'missing_required',
  'insurance_after_waybill',
] as const;
export type ProblemCode = (typeof problemCodes)[number];

export interface Problem {
  code: ProblemCode;
  /** The step it concerns (absent: the script as a whole). */
  step?: string;
  /** What is wrong, for the message: the unknown name, the item, the field, the limit. */
  detail?: string;
}

/** The steps a step may lead to inside its own script. */
export function successors(step: Step, ownKey: string): string[] {
  switch (step.kind) {
    case 'say':
    case 'ask':
    case 'checkpoint':
      return [step.next];
    case 'branch':
      return [...step.cases.map((c) => c.to), step.otherwise];
    case 'jump':
      return step.script === undefined || step.script === ownKey
        ? step.to === undefined
          ? []
          : [step.to]
        : [];
    case 'end':
      return [];
  }
}

/** Whether the step leaves the script (an end, or a jump into another script). */
export function isExit(step: Step, ownKey: string): boolean {
  return (
    step.kind === 'end' ||
    (step.kind === 'jump' && step.script !== undefined && step.script !== ownKey)
  );
}

function texts(step: Step): { what: string; text: string; max: number }[] {
  const out: { what: string; text: string; max: number }[] = [];
  if (step.title !== undefined)
    out.push({ what: 'title', text: step.title, max: scriptLimits.titleMax });
  if ('text' in step && step.text !== undefined)
    out.push({ what: 'text', text: step.text, max: scriptLimits.textMax });
  if (step.kind === 'ask') {
    out.push({ what: 'label', text: step.field.label, max: scriptLimits.labelMax });
    if (step.field.hint !== undefined)
      out.push({ what: 'hint', text: step.field.hint, max: scriptLimits.hintMax });
    for (const o of step.field.options ?? [])
      out.push({ what: 'option', text: o, max: scriptLimits.optionMax });
  }
  return out;
}

/**
 * The script's problems (none: it may be published and run). `catalog`, when given, is where
 * jumps into other scripts must land (the scripts published beside it).
 */
export function validateScript(doc: ScriptDoc, catalog?: Catalog): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, Step>();
  if (doc.title.trim() === '') problems.push({ code: 'empty_text', detail: 'title' });
  if (doc.title.length > scriptLimits.titleMax)
    problems.push({ code: 'too_long', detail: `title:${scriptLimits.titleMax}` });
  if (doc.steps.length > scriptLimits.stepsMax)
    problems.push({ code: 'too_many_steps', detail: String(scriptLimits.stepsMax) });
  for (const s of doc.steps) {
    if (byId.has(s.id)) problems.push({ code: 'duplicate_step', step: s.id });
    else byId.set(s.id, s);
  }
  if (!byId.has(doc.start)) problems.push({ code: 'unknown_start', detail: doc.start });

  // Fields captured by the script, one type each.
  const fields = new Map<string, FieldSpec>();
  for (const s of doc.steps) {
    if (s.kind !== 'ask') continue;
    const first = fields.get(s.field.id);
    if (first && first.type !== s.field.type)
      problems.push({ code: 'field_type_conflict', step: s.id, detail: s.field.id });
    else if (!first) fields.set(s.field.id, s.field);
    const options = s.field.options ?? [];
    if (
      s.field.type === 'choice'
        ? options.length < 2 ||
          options.length > scriptLimits.optionsMax ||
          new Set(options).size !== options.length
        : options.length > 0
    )
      problems.push({ code: 'bad_options', step: s.id, detail: s.field.id });
  }

  for (const s of doc.steps) {
    for (const t of texts(s)) {
      if (t.text.length > t.max)
        problems.push({ code: 'too_long', step: s.id, detail: `${t.what}:${t.max}` });
      for (const name of variablesIn(t.text)) {
        const known =
          isContextVariable(name) || (name.startsWith('field.') && fields.has(name.slice(6)));
        if (!known) problems.push({ code: 'unknown_variable', step: s.id, detail: name });
      }
    }
    if ((s.kind === 'say' || s.kind === 'ask' || s.kind === 'checkpoint') && s.text.trim() === '')
      problems.push({ code: 'empty_text', step: s.id });
    for (const target of successors(s, doc.key)) {
      if (!byId.has(target)) problems.push({ code: 'unknown_target', step: s.id, detail: target });
    }
    if (s.kind === 'jump') {
      if (s.script === undefined || s.script === doc.key) {
        if (s.to === undefined) problems.push({ code: 'unknown_target', step: s.id, detail: '' });
      } else if (catalog) {
        const other = catalog[s.script];
        if (!other) problems.push({ code: 'unknown_script', step: s.id, detail: s.script });
        else if (s.to !== undefined && !other.steps.some((o) => o.id === s.to))
          problems.push({ code: 'unknown_target', step: s.id, detail: `${s.script}.${s.to}` });
      }
    }
    if (s.kind === 'branch') {
      for (const c of s.cases)
        for (const cond of c.when) {
          if (cond.on !== 'field') continue;
          const f = fields.get(cond.field);
          if (!f) {
            problems.push({ code: 'unknown_field', step: s.id, detail: cond.field });
            continue;
          }
          const needsValue = cond.op !== 'set' && cond.op !== 'unset';
          const numeric = f.type === 'number' || f.type === 'money';
          const ordered = numeric || f.type === 'date' || f.type === 'datetime';
          const bad =
            (needsValue && cond.value === undefined) ||
            (!needsValue && cond.value !== undefined) ||
            ((cond.op === 'gt' || cond.op === 'lt') && !ordered) ||
            (needsValue && numeric && typeof cond.value !== 'number') ||
            (needsValue && !numeric && typeof cond.value !== 'string') ||
            (f.type === 'choice' && needsValue && !(f.options ?? []).includes(String(cond.value)));
          if (bad) problems.push({ code: 'bad_condition', step: s.id, detail: cond.field });
        }
    }
  }

  // Reachable from the start (only along known targets).
  const reachable = new Set<string>();
  const stack = byId.has(doc.start) ? [doc.start] : [];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (reachable.has(id)) continue;
    reachable.add(id);
    for (const t of successors(byId.get(id)!, doc.key)) if (byId.has(t)) stack.push(t);
  }
  for (const s of byId.values())
    if (!reachable.has(s.id)) problems.push({ code: 'unreachable', step: s.id });

  // A way out (an end or a jump into another script) from every reachable step.
  const canExit = new Set<string>();
  for (let changed = true; changed;) {
    changed = false;
    for (const s of byId.values()) {
      if (canExit.has(s.id)) continue;
      if (isExit(s, doc.key) || successors(s, doc.key).some((t) => canExit.has(t))) {
        canExit.add(s.id);
        changed = true;
      }
    }
  }
  for (const id of reachable) if (!canExit.has(id)) problems.push({ code: 'no_way_out', step: id });

  // Compliance: the always-required items listed, each required item on a reachable checkpoint.
  for (const item of alwaysRequired)
    if (!doc.required.includes(item)) problems.push({ code: 'required_not_listed', detail: item });
  const reached = new Set<CheckpointItem>();
  for (const id of reachable) {
    const s = byId.get(id)!;
    if (s.kind === 'checkpoint') reached.add(s.item);
  }
  for (const item of new Set(doc.required))
    if (!reached.has(item)) problems.push({ code: 'missing_required', detail: item });

  // Art. 21: no path from the start reaches a step that fills in the waybill without first
  // passing the 保价 rules checkpoint.
  const unguarded = new Set<string>();
  const walk = byId.has(doc.start) ? [doc.start] : [];
  while (walk.length > 0) {
    const id = walk.pop()!;
    if (unguarded.has(id)) continue;
    const s = byId.get(id)!;
    if (s.kind === 'checkpoint' && s.item === 'insurance_rules') continue;
    unguarded.add(id);
    if (s.kind === 'ask' && s.fillsWaybill)
      problems.push({ code: 'insurance_after_waybill', step: s.id });
    for (const t of successors(s, doc.key)) if (byId.has(t)) walk.push(t);
  }
  return problems;
}

/** The variables the editor offers for insertion (context ones, then this script's fields). */
export function insertableVariables(doc: ScriptDoc): string[] {
  const fields = doc.steps.flatMap((s) => (s.kind === 'ask' ? [`field.${s.field.id}`] : []));
  return [...contextVariables, ...new Set(fields)];
}
