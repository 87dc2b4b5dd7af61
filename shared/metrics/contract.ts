/**
 * The metrics domain (issue #16): an agent's own panel (today / this shift / the last 7 days,
 * beside the team average and the targets), the lead's team view (agents × metrics with each
 * agent's current state), hourly series for the charts, the PBX's queue_log import (leads) and the
 * shift and team reports as XLSX or CSV. Every figure is null ("no data") when its source holds
 * nothing for the window — never an invented 0; queue-side figures are null (unavailable) until
 * a queue_log has been imported.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { jsonTextBytes } from './queue-log';
import { stateStatuses } from './sums';

const id = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const ratio = z.number().min(0).max(1).nullable();
const ms = z.number().min(0).nullable();

/**
 * The largest queue_log accepted, in bytes: the size the renderer declares at
 * `metrics.queueLogBegin` is refused over it before a line is sent or read.
 */
export const maxQueueLogBytes = 20 * 1024 * 1024;
/** The renderer reads the file in slices of this many bytes (a streaming UTF-8 decode each). */
export const queueLogSliceBytes = 448 * 1024;
/**
 * One chunk's text as it travels: at most this many UTF-8 bytes inside the JSON message
 * (`jsonTextBytes`, escapes counted) — well under the browser host's 1 MB messages.
 */
export const queueLogChunkBytes = 512 * 1024;
/** Unfinished imports kept per signed-in session (a new one drops the oldest). */
export const maxPendingQueueImports = 2;
/** The longest run of days a team view or report covers. */
export const maxRangeDays = 93;

export const stateMsSchema = z.strictObject(
  Object.fromEntries(stateStatuses.map((s) => [s, z.number().min(0)])) as Record<
    (typeof stateStatuses)[number],
    z.ZodNumber
  >,
);

const count = z.number().min(0);

/** Counts are whole numbers for an agent; a team average may have a fraction. */
export const figuresSchema = z.strictObject({
  offered: count,
  answered: count,
  missed: count,
  abandonedRinging: count,
  refused: count,
  handled: count,
  averageTalkMs: ms,
  averageHoldMs: ms,
  averageAcwMs: ms,
  ahtMs: ms,
  answerRate: ratio,
  callsPerWorkingHour: z.number().min(0).nullable(),
  occupancy: ratio,
  stateMs: stateMsSchema,
  /** Adherence needs a schedule; none is set on this desk yet: null. */
  adherence: ratio,
  fcr: ratio,
  withinStandard: ratio,
  ordersTaken: count,
  orderAccuracy: ratio,
  insuranceOfferRate: ratio,
  insuranceTakeUp: ratio,
  /** null until the complaints domain reports its count. */
  complaintsRegistered: count.nullable(),
  scriptCompliance: ratio,
});
export type Figures = z.infer<typeof figuresSchema>;
export type FigureKey = Exclude<keyof Figures, 'stateMs'>;

export const queueFiguresSchema = z.strictObject({
  offered: z.number().int(),
  answered: z.number().int(),
  abandoned: z.number().int(),
  serviceLevel: ratio,
  thresholdSeconds: z.number().int(),
  abandonRate: ratio,
  asaSeconds: z.number().min(0).nullable(),
  longestWaitSeconds: z.number().min(0).nullable(),
  averageTimeToAbandonSeconds: z.number().min(0).nullable(),
});
export type QueueFiguresView = z.infer<typeof queueFiguresSchema>;

/** Targets a lead reviews against (setting `metrics.targets`); `min`: at least, `max`: at most. */
export const targetsSchema = z.strictObject({
  answerRate: z.number().min(0).max(1),
  ahtMs: z.number().int().min(0),
  occupancy: z.number().min(0).max(1),
  withinStandard: z.number().min(0).max(1),
  fcr: z.number().min(0).max(1),
  insuranceTakeUp: z.number().min(0).max(1),
  scriptCompliance: z.number().min(0).max(1),
  serviceLevel: z.number().min(0).max(1),
});
export type Targets = z.infer<typeof targetsSchema>;
export const defaultTargets: Targets = {
  answerRate: 0.95,
  ahtMs: 180_000,
  occupancy: 0.85,
  withinStandard: 0.8,
  fcr: 0.8,
  insuranceTakeUp: 0.3,
  scriptCompliance: 0.95,
  serviceLevel: 0.8,
};
/** Whether a higher figure is better (a target is a floor) or lower (a ceiling). */
export const targetDirection: Record<keyof Targets, 'min' | 'max'> = {
  answerRate: 'min',
  ahtMs: 'max',
  occupancy: 'max',
  withinStandard: 'min',
  fcr: 'min',
  insuranceTakeUp: 'min',
  scriptCompliance: 'min',
  serviceLevel: 'min',
};

const windowSchema = z.strictObject({ from: z.number().int(), to: z.number().int() });
const agentRef = z.strictObject({ id: z.string(), name: z.string(), employeeNo: z.string() });

export const panelSchema = z.strictObject({
  agent: agentRef,
  today: z.strictObject({ day, window: windowSchema, figures: figuresSchema }),
  /** The agent's current (or last) shift; null: never signed in. */
  shift: z
    .strictObject({
      id: z.string(),
      window: windowSchema,
      open: z.boolean(),
      figures: figuresSchema,
    })
    .nullable(),
  week: z.strictObject({ fromDay: day, toDay: day, figures: figuresSchema }),
  /** The team's average over the same days (counts per working agent, rates pooled). */
  teamToday: figuresSchema,
  teamWeek: figuresSchema,
  targets: targetsSchema,
  /** The queue's figures today; null: no queue_log imported yet. */
  queueToday: queueFiguresSchema.nullable(),
});
export type Panel = z.infer<typeof panelSchema>;

export const teamRowSchema = z.strictObject({
  agent: agentRef,
  /** The agent's state now (null: signed out or unknown). */
  state: z.enum(stateStatuses).nullable(),
  figures: figuresSchema,
});
export type TeamRow = z.infer<typeof teamRowSchema>;

export const teamViewSchema = z.strictObject({
  fromDay: day,
  toDay: day,
  rows: z.array(teamRowSchema),
  team: figuresSchema,
  targets: targetsSchema,
  queue: queueFiguresSchema.nullable(),
});
export type TeamView = z.infer<typeof teamViewSchema>;

export const hourPointSchema = z.strictObject({
  hour: z.number().int().min(0).max(23),
  calls: z.number().int(),
  ahtMs: ms,
  stateMs: stateMsSchema,
});
export const dayPointSchema = z.strictObject({
  day,
  handled: z.number().int(),
  ahtMs: ms,
  insuranceTakeUp: ratio,
});
export const seriesSchema = z.strictObject({
  day,
  hours: z.array(hourPointSchema),
  /** The 7 days ending with `day`. */
  days: z.array(dayPointSchema),
});
export type Series = z.infer<typeof seriesSchema>;

export const queueImportProblems = [
  'too_few_fields',
  'bad_time',
  'bad_number',
  'line_too_long',
] as const;
export const queueImportSchema = z.strictObject({
  linesRead: z.number().int(),
  /** Queue calls with an outcome in the file. */
  calls: z.number().int(),
  /** Of those, calls this desk had not stored before (0 when the same lines are imported again). */
  newCalls: z.number().int(),
  ignored: z.number().int(),
  problemCount: z.number().int(),
  problems: z.array(
    z.strictObject({ line: z.number().int(), reason: z.enum(queueImportProblems) }),
  ),
});
export type QueueImport = z.infer<typeof queueImportSchema>;

const dayRange = z
  .strictObject({ fromDay: day, toDay: day })
  .refine((r) => r.fromDay <= r.toDay, { path: ['toDay'], message: 'format' });

export const metricRequests = defineRequests({
  /** An agent's panel: the caller's own (agentId null) or, for a lead, any agent's. */
  'metrics.panel': { args: z.strictObject({ agentId: id.nullable() }), result: panelSchema },
  /** The team view over a run of local days (leads only). */
  'metrics.team': { args: dayRange, result: teamViewSchema },
  /** Hourly series of one local day and the 7-day trend, for the charts. */
  'metrics.series': {
    args: z.strictObject({ agentId: id.nullable(), day }),
    result: seriesSchema,
  },
  /**
   * The PBX's Asterisk queue_log is imported in chunks (leads only), like a complaint's photos:
   * `queueLogBegin` (refused by the declared size before anything is read) → `queueLogChunk`…
   * (in order, each read as it arrives; nothing is written) → `queueLogFinish` (one transaction:
   * the queue calls, the import's record, the audit). The same lines again change nothing.
   * An unfinished import is dropped by `queueLogAbort`, after 10 idle minutes, at sign-out, or
   * when the session begins more than `maxPendingQueueImports`.
   */
  'metrics.queueLogBegin': {
    args: z.strictObject({
      fileName: z.string().trim().min(1).max(200),
      size: z.number().int().positive().max(maxQueueLogBytes, { message: 'too_long' }),
    }),
    result: z.strictObject({
      importId: z.string(),
      sliceBytes: z.number().int(),
      chunkBytes: z.number().int(),
    }),
  },
  /** The next chunk of the file's text, in order (`index` from 0). */
  'metrics.queueLogChunk': {
    args: z.strictObject({
      importId: id,
      index: z.number().int().nonnegative(),
      text: z
        .string()
        .max(queueLogChunkBytes, { message: 'too_long' })
        .refine((t) => jsonTextBytes(t) <= queueLogChunkBytes, { message: 'too_long' }),
    }),
    result: z.strictObject({ received: z.number().int(), linesRead: z.number().int() }),
  },
  /** All chunks sent (`chunks`: how many): written in one transaction, with the report. */
  'metrics.queueLogFinish': {
    args: z.strictObject({ importId: id, chunks: z.number().int().nonnegative() }),
    result: queueImportSchema,
  },
  /** Drops an unfinished import (nothing was written); false: there was none by that id. */
  'metrics.queueLogAbort': {
    args: z.strictObject({ importId: id }),
    result: z.strictObject({ dropped: z.boolean() }),
  },
  /**
   * A report as a file: the shift report (the caller's current or last shift; a lead may name an
   * agent) or the team report over a run of days (leads only).
   */
  'metrics.export': {
    args: z.discriminatedUnion('report', [
      z.strictObject({
        report: z.literal('shift'),
        agentId: id.nullable(),
        format: z.enum(['xlsx', 'csv']),
      }),
      z.strictObject({
        report: z.literal('team'),
        fromDay: day,
        toDay: day,
        format: z.enum(['xlsx', 'csv']),
      }),
    ]),
    result: z.strictObject({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  },
});

export const metricEvents = defineEvents({
  /** A queue_log was imported: queue-side figures changed. */
  'metrics.queueImported': z.strictObject({ calls: z.number().int() }),
});

export type MetricHandlers = HandlersOf<typeof metricRequests>;
