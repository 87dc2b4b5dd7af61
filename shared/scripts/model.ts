/**
 * Call scripts (通话话术) as data: a versioned document of steps the agent walks during a call
 * (docs/DOMAIN.md §1 duties, §6 快递暂行条例 Art. 21, §9 standard phrases). Kinds of step:
 *
 * - `say`: text to read, with variables (`{customer.name}`, `{field.callback_at}` …);
 * - `ask`: capture a typed field (text, number, money in fen, phone, waybill number, choice,
 *   date, date-time) with validation and a hint;
 * - `branch`: the first case whose conditions all hold, else `otherwise` — conditions on captured
 *   fields, the call (direction, caller known), the customer (class, key account) or the waybill
 *   (status, anomaly flags), chosen from pickers, never hand-typed expressions;
 * - `checkpoint`: a compliance item the agent confirms (met) or passes over (skipped);
 * - `jump`: to another step, or into another script (at its start or a named step);
 * - `end`: suggests the call's disposition (小结).
 *
 * The zod schema checks the shape; `validateScript` (validate.ts) checks the meaning. Pure.
 */
import { z } from 'zod';
import { anomalyKinds } from '../waybills/anomalies';
import { trackingStatuses } from '../waybills/tracking';
import { dispositions } from '../softphone/call-state';

/** Limits a script document must keep (the editor counts against them as the lead types). */
export const scriptLimits = {
  titleMax: 40,
  textMax: 300,
  hintMax: 80,
  labelMax: 30,
  optionMax: 30,
  optionsMax: 12,
  stepsMax: 80,
  casesMax: 8,
  conditionsMax: 6,
  noteMax: 200,
  reasonMax: 200,
  captureMax: 200,
} as const;

/** Step ids, field ids and script keys: short lower-case identifiers. */
export const idPattern = /^[a-z][a-z0-9_]{0,39}$/;
const ident = z.string().regex(idPattern);

/**
 * Script keys: one per call type of docs/DOMAIN.md §1 (the disposition codes, 其他 excepted) plus
 * the generic opening/closing for unknown callers, outbound calls and calls without a pop.
 */
export const scriptKeys = [
  'generic',
  'tracking',
  'order',
  'enquiry',
  'complaint',
  'claim',
  'redirect',
  'return',
  'chase_delivery',
  'key_account',
] as const;
export type ScriptKey = (typeof scriptKeys)[number];

/**
 * Compliance items (checkpoints): 开场问候并报工号, 告知通话录音, 核实身份后再透露信息, 告知保价规则
 * (Art. 21), 复述订单并确认, 等待礼仪 (ask, say how long, thank), 承诺回电时间, 结束语.
 */
export const checkpointItems = [
  'greeting',
  'recording_notice',
  'identity',
  'insurance_rules',
  'read_back',
  'hold_etiquette',
  'callback_promise',
  'closing',
] as const;
export type CheckpointItem = (typeof checkpointItems)[number];

/** Every script must carry these (a script without them is refused). */
export const alwaysRequired: readonly CheckpointItem[] = [
  'greeting',
  'recording_notice',
  'closing',
];

export const fieldTypes = [
  'text',
  'number',
  'money',
  'phone',
  'waybill',
  'choice',
  'date',
  'datetime',
] as const;
export type FieldType = (typeof fieldTypes)[number];

const text = z.string().max(10_000);

const condition = z.discriminatedUnion('on', [
  z.strictObject({
    on: z.literal('field'),
    field: ident,
    op: z.enum(['eq', 'ne', 'gt', 'lt', 'set', 'unset']),
    /** Compared with the captured value: a choice option, a number, fen for money. */
    value: z.union([z.string().max(scriptLimits.optionMax), z.number()]).optional(),
  }),
  z.strictObject({ on: z.literal('direction'), is: z.enum(['inbound', 'outbound']) }),
  z.strictObject({ on: z.literal('caller_known'), is: z.boolean() }),
  z.strictObject({
    on: z.literal('customer_class'),
    in: z.array(z.enum(['A', 'B', 'C'])).min(1),
  }),
  z.strictObject({ on: z.literal('key_account'), is: z.boolean() }),
  z.strictObject({ on: z.literal('has_waybill'), is: z.boolean() }),
  z.strictObject({ on: z.literal('waybill_status'), in: z.array(z.enum(trackingStatuses)).min(1) }),
  /** Any of these flags on the waybill. */
  z.strictObject({ on: z.literal('anomaly'), in: z.array(z.enum(anomalyKinds)).min(1) }),
]);
export type Condition = z.infer<typeof condition>;

const field = z.strictObject({
  id: ident,
  type: z.enum(fieldTypes),
  label: text,
  hint: text.optional(),
  options: z.array(text).optional(),
  required: z.boolean().default(true),
});
export type FieldSpec = z.output<typeof field>;

const stepBase = { id: ident, title: text.optional() };

export const stepSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...stepBase, kind: z.literal('say'), text, next: ident }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('ask'),
    text,
    field,
    /** Entering the order (the waybill is filled in here): 保价 rules must come first (Art. 21). */
    fillsWaybill: z.boolean().optional(),
    next: ident,
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('branch'),
    cases: z.array(z.strictObject({ when: z.array(condition).min(1), to: ident })).min(1),
    otherwise: ident,
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('checkpoint'),
    item: z.enum(checkpointItems),
    text,
    next: ident,
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('jump'),
    /** A step of this script, or of `script` when given (absent: that script's start). */
    to: ident.optional(),
    script: z.enum(scriptKeys).optional(),
  }),
  z.strictObject({
    ...stepBase,
    kind: z.literal('end'),
    text: text.optional(),
    disposition: z.enum(dispositions),
  }),
]);
export type Step = z.output<typeof stepSchema>;
export type StepKind = Step['kind'];

export const scriptDocSchema = z.strictObject({
  key: z.enum(scriptKeys),
  title: text,
  /** The compliance items every call on this script must meet (or give a reason for). */
  required: z.array(z.enum(checkpointItems)),
  start: ident,
  steps: z.array(stepSchema).min(1).max(200),
});
export type ScriptDoc = z.output<typeof scriptDocSchema>;
export type ScriptDocInput = z.input<typeof scriptDocSchema>;

/** A published version of a script (what agents run; a call keeps the one it started with). */
export const scriptVersionSchema = z.strictObject({
  key: z.enum(scriptKeys),
  version: z.number().int().min(1),
  doc: scriptDocSchema,
  note: z.string(),
  source: z.enum(['shipped', 'lead']),
  publishedAt: z.number().int(),
  publishedBy: z.strictObject({ employeeNo: z.string(), name: z.string() }).nullable(),
});
export type ScriptVersion = z.infer<typeof scriptVersionSchema>;

/** The scripts a run may enter, by key (the versions pinned when the call started). */
export type Catalog = Partial<Record<ScriptKey, ScriptDoc>>;

export function stepById(doc: ScriptDoc, id: string): Step | undefined {
  return doc.steps.find((s) => s.id === id);
}
