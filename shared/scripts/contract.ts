/**
 * The scripts domain's contract (通话话术): the published scripts agents run, the run of the
 * current call (started on answer, advanced by the agent, closed with a reason when compliance
 * items stay open), the compliance record per call, and the lead's editing requests (versions,
 * publish, roll back — leads only, audited).
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { insuranceOutcomes } from '../orders/insurance';
import { dispositions } from '../softphone/call-state';
import { anomalyKinds } from '../waybills/anomalies';
import { trackingStatuses } from '../waybills/tracking';
import {
  checkpointItems,
  scriptDocSchema,
  scriptKeys,
  scriptLimits,
  scriptVersionSchema,
} from './model';
import { holdPhrases } from './evidence';

const callId = z.string().min(1).max(64);
const key = z.enum(scriptKeys);
const item = z.enum(checkpointItems);

export const runContextSchema = z.strictObject({
  company: z.string(),
  agent: z.strictObject({ employeeNo: z.string(), name: z.string() }),
  call: z
    .strictObject({ direction: z.enum(['inbound', 'outbound']), number: z.string() })
    .nullable(),
  customer: z
    .strictObject({
      name: z.string(),
      class: z.enum(['A', 'B', 'C']),
      keyAccountTier: z.number().int().nullable(),
    })
    .nullable(),
  waybill: z
    .strictObject({
      number: z.string(),
      status: z.enum(trackingStatuses),
      promisedAt: z.number().int().nullable(),
      anomalies: z.array(z.enum(anomalyKinds)),
    })
    .nullable(),
  insurance: z
    .strictObject({ rateBp: z.number().int().min(0), minPremiumFen: z.number().int().min(0) })
    .nullable(),
  timeZone: z.string(),
});

const captured = z.record(z.string(), z.union([z.string(), z.number()]));
const snapshot = {
  script: key,
  step: z.string(),
  values: captured,
  checkpoints: z.partialRecord(item, z.enum(['met', 'skipped'])),
  required: z.array(item),
  path: z.array(z.string()),
  ended: z.strictObject({ disposition: z.enum(dispositions) }).nullable(),
};
export const runStateSchema = z.strictObject({
  ...snapshot,
  history: z.array(z.strictObject(snapshot)),
  hold: z
    .strictObject({
      hold: z.number().int(),
      phrases: z.array(z.enum(holdPhrases)),
      confirmed: z.array(z.number().int()),
    })
    .optional(),
});

/**
 * What the call itself proves (shared/scripts/evidence.ts): the agent's real holds on it and the
 * orders taken on it with the 保价 outcome each recorded.
 */
export const callEvidenceSchema = z.strictObject({
  holds: z.strictObject({ count: z.number().int(), open: z.boolean() }),
  orders: z.array(
    z.strictObject({
      number: z.string(),
      insurance: z.enum(insuranceOutcomes).nullable(),
      offered: z.boolean(),
    }),
  ),
});

export const runActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('next') }),
  z.strictObject({ type: z.literal('capture'), input: z.string().max(scriptLimits.captureMax) }),
  z.strictObject({ type: z.literal('checkpoint'), outcome: z.enum(['met', 'skipped']) }),
  z.strictObject({ type: z.literal('back') }),
  z.strictObject({ type: z.literal('goto'), step: z.string().min(1).max(40) }),
  z.strictObject({ type: z.literal('switch'), script: key }),
]);

/** The run of one call as the agent's panel shows it. */
export const runViewSchema = z.strictObject({
  callId: z.string(),
  /** The script and version the call started with (a call keeps it; later edits do not touch it). */
  startedWith: z.strictObject({ key, version: z.number().int() }),
  /** The versions of every script this call may enter, pinned when it started. */
  pinned: z.partialRecord(key, z.number().int()),
  /** The pinned version of the script the run is in now. */
  doc: scriptDocSchema,
  context: runContextSchema,
  run: runStateSchema,
  open: z.array(item),
  closedAt: z.number().int().nullable(),
  openReason: z.string().nullable(),
  evidence: callEvidenceSchema,
});
export type RunView = z.infer<typeof runViewSchema>;

/** What was done on a call, for the call history and metrics: one per call that ran a script. */
export const complianceRecordSchema = z.strictObject({
  callId: z.string(),
  agent: z.strictObject({ employeeNo: z.string(), name: z.string() }),
  script: z.strictObject({ key, version: z.number().int(), title: z.string() }),
  startedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  checkpoints: z.array(
    z.strictObject({ item, required: z.boolean(), outcome: z.enum(['met', 'skipped', 'open']) }),
  ),
  captured,
  path: z.array(z.string()),
  suggestedDisposition: z.enum(dispositions).nullable(),
  openReason: z.string().nullable(),
  /** The holds and orders that met (or failed) hold etiquette and the 保价 item, as last seen. */
  evidence: callEvidenceSchema,
});
export type ComplianceRecord = z.infer<typeof complianceRecordSchema>;

export const pendingShippedSchema = z.strictObject({
  revision: z.number().int(),
  doc: scriptDocSchema,
  seenAt: z.number().int(),
});

const note = z.string().trim().min(1).max(scriptLimits.noteMax);

export const scriptRequests = defineRequests({
  /** The latest published version of every script (any signed-in agent: calls and practice). */
  'scripts.published': { args: z.strictObject({}), result: z.array(scriptVersionSchema) },
  /** Starts the current call's script (idempotent: the call's run if it has one). */
  'scripts.start': {
    args: z.strictObject({ callId, script: key.optional() }),
    result: runViewSchema,
  },
  /** The call's run, or null when it has none. */
  'scripts.run': { args: z.strictObject({ callId }), result: runViewSchema.nullable() },
  /** One of the agent's actions on the call's run (refused: BAD_ARGUMENT, nothing stored). */
  'scripts.act': {
    args: z.strictObject({ callId, action: runActionSchema }),
    result: runViewSchema,
  },
  /**
   * Hold etiquette on a real hold (the softphone's): the agent confirms the phrases said for the
   * latest hold — asking and stating the wait once it started, thanking after the resume. Refused
   * (BAD_ARGUMENT `no_hold` / `still_on_hold`, nothing stored) otherwise.
   */
  'scripts.holdEtiquette': {
    args: z.strictObject({
      callId,
      phrases: z.array(z.enum(holdPhrases)).min(1).max(holdPhrases.length),
    }),
    result: runViewSchema,
  },
  /** Closes the call's run; a reason is required while compliance items are open. */
  'scripts.close': {
    args: z.strictObject({
      callId,
      reason: z.string().trim().max(scriptLimits.reasonMax).optional(),
    }),
    result: runViewSchema,
  },
  /** The compliance record of a call (null: no script ran on it). */
  'scripts.compliance': {
    args: z.strictObject({ callId }),
    result: complianceRecordSchema.nullable(),
  },
  /** Leads only: every version of a script, newest first, and a shipped update awaiting them. */
  'scripts.versions': {
    args: z.strictObject({ key }),
    result: z.strictObject({
      versions: z.array(scriptVersionSchema),
      pendingShipped: pendingShippedSchema.nullable(),
    }),
  },
  /** Leads only: publishes a new version (validated; audited). `basedOn`: the version edited. */
  'scripts.publish': {
    args: z.strictObject({
      key,
      doc: scriptDocSchema,
      note,
      basedOn: z.number().int().min(0),
    }),
    result: scriptVersionSchema,
  },
  /** Leads only: publishes an old version again as the newest (audited). */
  'scripts.rollback': {
    args: z.strictObject({ key, version: z.number().int().min(1), note }),
    result: scriptVersionSchema,
  },
});

export const scriptEvents = defineEvents({
  /** A new version was published: agents' next calls run it. */
  'scripts.changed': z.strictObject({ key, version: z.number().int() }),
});

export type ScriptHandlers = HandlersOf<typeof scriptRequests>;
