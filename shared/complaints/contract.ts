/**
 * The complaints domain (投诉/服务事故, docs/DOMAIN.md §5): register a ticket (from a call, from a
 * waybill, or on its own) with the seed registration form's fields, compute its compensation
 * (`compensation.ts`, steps in Chinese) and severity from the desk's configurable rules, follow it
 * through the six handling steps and its clocks (`clocks.ts`, on the official calendar), escalate
 * it to the back-office desks (投诉 / 理赔), attach photos, and report the month.
 *
 * Ownership (首问责任制): the agent who registers a ticket owns it; only the owner or a lead edits or
 * advances it; the owner changes only by an escalation to a named back-office agent or a formal
 * handover (the handover book), both recorded as ticket events.
 *
 * Attachments travel in chunks (`complaints.attachBegin` → `attachChunk`… → `attachFinish`): the
 * browser host refuses WebSocket messages over 1 MB, so a 10 MB photo cannot go in one request.
 * Each chunk's base64 is capped by the schema before it is decoded; the declared size is capped at
 * `maxAttachmentBytes`; the finished file's type is read from its magic bytes in main.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { clockKeys } from './clocks';
import { complaintTypes, compensationRulesSchema, severities } from './compensation';

export const handlingSteps = [
  'apologize', // 安抚致歉
  'register', // 登记
  'negotiate', // 协商
  'answer', // 答复
  'special', // 特殊处理
  'follow_up', // 回访
] as const;
export type HandlingStep = (typeof handlingSteps)[number];

/** The back-office desks a ticket is escalated to: complaints (投诉) or insurance claims (理赔). */
export const backOfficeDesks = ['complaints', 'claims'] as const;
export type BackOfficeDesk = (typeof backOfficeDesks)[number];

export const packagings = ['ours', 'customer'] as const;
/** Whose fault it was (the monthly summary counts by cause; DOMAIN §5). */
export const complaintCauses = ['unknown', 'company', 'third_party', 'customer'] as const;
export type ComplaintCause = (typeof complaintCauses)[number];

export const ticketEventKinds = [
  'registered',
  'edited',
  'step',
  'clock_done',
  'escalated',
  'handed_over',
  'attached',
  'closed',
] as const;
export type TicketEventKind = (typeof ticketEventKinds)[number];

export const ticketListScopes = ['mine', 'team', 'due_today', 'overdue'] as const;
export type TicketListScope = (typeof ticketListScopes)[number];

/** 10 MB per photo. */
export const maxAttachmentBytes = 10 * 1024 * 1024;
/** One chunk's bytes (base64 adds a third: ~683 KB on the wire, under the host's 1 MB). */
export const attachmentChunkBytes = 512 * 1024;
export const maxAttachmentsPerTicket = 20;
export const attachmentMimes = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

/** The largest amount a ticket takes: 1 000 000 元 (10¹² 元 is a typing error, not a claim). */
export const maxAmountFen = 100_000_000;
const fen = z.number().int().nonnegative().max(maxAmountFen);
const kg = z.number().positive().max(100_000);
const id = z.string().min(1).max(64);
const note = z.string().trim().max(500);
export const waybillNumberSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9-]{4,40}$/, 'format');

/** What the calculator needs beyond the form's own fields (DOMAIN §4; `CompensationFacts`). */
export const complaintFactsSchema = z.strictObject({
  type: z.enum(complaintTypes),
  /** The customer's request as an amount (赔偿200元 → 20000), if they named one. */
  requestedFen: fen.nullable(),
  insured: z.boolean(),
  declaredValueFen: fen.nullable(),
  actualValueFen: fen.nullable(),
  lossFen: fen.nullable(),
  partial: z.boolean(),
  weightKg: kg,
  freightFen: fen,
  fragile: z.boolean(),
  damage: z.enum(['outer', 'inner']).nullable(),
  signedWithoutNote: z.boolean(),
  outerDamageProof: z.boolean(),
  cashClaimed: z.boolean(),
  abnormalSignature: z.boolean(),
  billedKg: kg.nullable(),
  checkedKg: kg.nullable(),
  fenPerKg: fen.nullable(),
});
export type ComplaintFacts = z.infer<typeof complaintFactsSchema>;

/** The registration form (登记表) beside the facts: who, which waybills, in their words. */
export const complaintFormSchema = z.strictObject({
  customerName: z.string().trim().min(1).max(50),
  /** The customer's request in their own words ("赔偿200元损失费"). */
  requestText: z.string().trim().min(1).max(500),
  packaging: z.enum(packagings),
  description: z.string().trim().min(1).max(2000),
  /** Media-exposure or routine warning customer (预警客户). */
  watchList: z.boolean(),
  cause: z.enum(complaintCauses),
  /** When it happened (the 10/40/60-working-day clocks run from it); default: now. */
  incidentAt: z.number().int().nullable(),
  facts: complaintFactsSchema,
});
export type ComplaintForm = z.infer<typeof complaintFormSchema>;

export const compensationSchema = z.strictObject({
  payableFen: z.number().int(),
  exclusion: z.enum(['cash', 'signed_without_outer_damage', 'fragile_inner_damage']).nullable(),
  steps: z.array(z.string()),
  requestedFen: z.number().int().nullable(),
});

export const ticketClockSchema = z.strictObject({
  key: z.enum(clockKeys),
  dueAt: z.number().int(),
  state: z.enum(['met', 'overdue', 'due_soon', 'running']),
  estimated: z.boolean(),
  next: z.boolean(),
});

const agentRef = z.strictObject({ employeeNo: z.string(), name: z.string() });

export const ticketEventSchema = z.strictObject({
  id: z.string(),
  at: z.number().int(),
  kind: z.enum(ticketEventKinds),
  by: agentRef,
  step: z.enum(handlingSteps).nullable(),
  clock: z.enum(clockKeys).nullable(),
  desk: z.enum(backOfficeDesks).nullable(),
  /** Handover or escalation: the new owner. */
  to: agentRef.nullable(),
  note: z.string().nullable(),
});
export type TicketEvent = z.infer<typeof ticketEventSchema>;

export const attachmentSchema = z.strictObject({
  id: z.string(),
  fileName: z.string(),
  mime: z.enum(attachmentMimes),
  size: z.number().int(),
  at: z.number().int(),
});
export type TicketAttachment = z.infer<typeof attachmentSchema>;

/** One row of a list: enough to sort and to highlight the next clock. */
export const ticketSummarySchema = z.strictObject({
  id: z.string(),
  /** The ticket's number as said to the customer (TS + day + sequence). */
  number: z.string(),
  type: z.enum(complaintTypes),
  severity: z.enum(severities),
  customerName: z.string(),
  waybillNumbers: z.array(z.string()),
  owner: agentRef,
  step: z.enum(handlingSteps).nullable(),
  escalatedTo: z.enum(backOfficeDesks).nullable(),
  watchList: z.boolean(),
  receivedAt: z.number().int(),
  closedAt: z.number().int().nullable(),
  /** The next clock due (null once closed). */
  nextClock: z.enum(clockKeys).nullable(),
  nextDueAt: z.number().int().nullable(),
  nextEstimated: z.boolean(),
  overdue: z.boolean(),
});
export type TicketSummary = z.infer<typeof ticketSummarySchema>;

/** The caller's open tickets on the screen pop: at most this many, the most urgent first. */
export const maxPopTickets = 5;

export const ticketSchema = ticketSummarySchema.extend({
  /**
   * The handling steps recorded as done (their events), in order. 安抚致歉 may be missing: it is
   * done on the call before registering, or recorded later while nothing past 登记 is done.
   */
  stepsDone: z.array(z.enum(handlingSteps)),
  callId: z.string().nullable(),
  customerId: z.string().nullable(),
  form: complaintFormSchema,
  compensation: compensationSchema,
  /** What was paid on closing (the monthly summary's figure). */
  paidFen: z.number().int().nullable(),
  incidentAt: z.number().int(),
  clocks: z.array(ticketClockSchema),
  events: z.array(ticketEventSchema),
  attachments: z.array(attachmentSchema),
  /** The signed-in agent may edit and advance it (its owner, or a lead). */
  editable: z.boolean(),
});
export type Ticket = z.infer<typeof ticketSchema>;

const countRow = z.strictObject({ key: z.string(), count: z.number().int() });
export const monthlySummarySchema = z.strictObject({
  month: z.string(),
  registered: z.number().int(),
  closed: z.number().int(),
  byType: z.array(countRow),
  bySeverity: z.array(countRow),
  byCause: z.array(countRow),
  /** Compensation paid on the tickets closed that month. */
  paidFen: z.number().int(),
  /** Average time from receipt to closing, of the tickets closed that month (null: none). */
  averageCloseMs: z.number().nullable(),
  /** When the summary is due: the 3rd of the next month, 17:00 desk time. */
  dueAt: z.number().int(),
});
export type MonthlySummary = z.infer<typeof monthlySummarySchema>;

const ruleFen = z.number().int().nonnegative().max(maxAmountFen);
/**
 * The carrier's terms as a lead sets them (`complaints.setRules`): every amount within the
 * ticket's range, and 特大 above 重大 (the severity would otherwise skip a step).
 */
export const complaintRulesInputSchema = z
  .strictObject({
    uninsured: z.discriminatedUnion('kind', [
      z.strictObject({
        kind: z.literal('per_kg'),
        fenPerKg: ruleFen.min(1),
        capFen: ruleFen.min(1).nullable(),
      }),
      z.strictObject({
        kind: z.literal('freight_multiple'),
        multiple: z.number().positive().max(10),
        capFen: ruleFen.min(1).nullable(),
      }),
    ]),
    delayFreightRefund: z.number().min(0).max(1),
    abnormalSignatureShare: z.number().min(0).max(1),
    severity: z.strictObject({ majorFen: ruleFen.min(1), extraordinaryFen: ruleFen.min(1) }),
  })
  .refine((r) => r.severity.extraordinaryFen > r.severity.majorFen, {
    path: ['severity', 'extraordinaryFen'],
    message: 'not_above_major',
  });

const monthArg = z.strictObject({
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'format'),
});

export const complaintRequests = defineRequests({
  /**
   * Register a ticket: from a call (`callId`: the call's customer comes with it), from one or more
   * waybills (each must exist), or on its own. The signed-in agent owns it (首问).
   */
  'complaints.register': {
    args: complaintFormSchema.extend({
      /** 已安抚致歉: the agent soothed and apologised on the call (recorded before 登记). */
      apologized: z.boolean(),
      callId: id.nullable(),
      customerId: id.nullable(),
      waybillNumbers: z.array(waybillNumberSchema).max(10),
    }),
    result: ticketSchema,
  },
  /** What the desk's rules make of the facts, without saving (the form shows it live). */
  'complaints.preview': {
    args: z.strictObject({ facts: complaintFactsSchema }),
    result: z.strictObject({ compensation: compensationSchema, severity: z.enum(severities) }),
  },
  'complaints.get': { args: z.strictObject({ id }), result: ticketSchema },
  /** Edit the form (owner or lead); compensation, severity and clocks follow. */
  'complaints.edit': {
    args: z.strictObject({ id, form: complaintFormSchema }),
    result: ticketSchema,
  },
  /**
   * Record one of the six handling steps as done (owner or lead), forward only — except 安抚致歉,
   * which may still be recorded late while the ticket is at 登记 (nothing past it done yet).
   */
  'complaints.advance': {
    args: z.strictObject({ id, step: z.enum(handlingSteps), note: note.nullable() }),
    result: ticketSchema,
  },
  /** Mark one clock's step done (the investigation made, the letter sent, …). */
  'complaints.clockDone': {
    args: z.strictObject({ id, clock: z.enum(clockKeys), note: note.nullable() }),
    result: ticketSchema,
  },
  /**
   * Escalate to a back-office desk (投诉 / 理赔); with `toEmployeeNo` the ticket passes to that
   * agent (the only way, besides a handover, that its owner changes). Reports it to HQ (24 h).
   */
  'complaints.escalate': {
    args: z.strictObject({
      id,
      desk: z.enum(backOfficeDesks),
      toEmployeeNo: z.string().trim().min(1).max(20).nullable(),
      note: note.min(1),
    }),
    result: ticketSchema,
  },
  'complaints.close': {
    args: z.strictObject({ id, paidFen: fen.nullable(), note: note.min(1) }),
    result: ticketSchema,
  },
  /** Mine (open), the team's (lead), due today (mine; a lead's team), overdue (lead's team). */
  'complaints.list': {
    args: z.strictObject({
      scope: z.enum(ticketListScopes),
      type: z.enum(complaintTypes).nullable(),
      severity: z.enum(severities).nullable(),
      limit: z.number().int().min(1).max(500).default(200),
    }),
    result: z.strictObject({ items: z.array(ticketSummarySchema), more: z.boolean() }),
  },
  /** Start a photo upload: its name and size (≤ 10 MB) first. */
  'complaints.attachBegin': {
    args: z.strictObject({
      id,
      fileName: z.string().trim().min(1).max(120),
      size: z.number().int().positive().max(maxAttachmentBytes),
    }),
    result: z.strictObject({ uploadId: z.string(), chunkBytes: z.number().int() }),
  },
  /** The next chunk, in order; its base64 is capped before it is decoded. */
  'complaints.attachChunk': {
    args: z.strictObject({
      uploadId: id,
      index: z.number().int().nonnegative(),
      base64: z
        .string()
        .max(Math.ceil(attachmentChunkBytes / 3) * 4)
        .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'format'),
    }),
    result: z.strictObject({ received: z.number().int() }),
  },
  /** All bytes in: the type is read from the magic bytes (JPEG, PNG, WebP, HEIC only). */
  'complaints.attachFinish': {
    args: z.strictObject({ uploadId: id }),
    result: ticketSchema,
  },
  'complaints.attachment': {
    args: z.strictObject({ id, attachmentId: id }),
    result: z.strictObject({ mime: z.enum(attachmentMimes), base64: z.string() }),
  },
  /** Last month's (or any month's) figures (leads). */
  'complaints.monthlySummary': { args: monthArg, result: monthlySummarySchema },
  /** The desk's compensation terms and severity thresholds in force (leads; the 管理 tab). */
  'complaints.rules': { args: z.strictObject({}), result: compensationRulesSchema },
  /** Set them (leads, audited): new tickets and edits are computed with them from now on. */
  'complaints.setRules': { args: complaintRulesInputSchema, result: compensationRulesSchema },
  /** The monthly summary as XLSX (leads), like `orders.registerExport`. */
  'complaints.summaryExport': {
    args: monthArg,
    result: z.strictObject({ fileName: z.string(), mime: z.string(), base64: z.string() }),
  },
});

export const complaintEvents = defineEvents({
  /** A ticket was registered or changed (its owner's and the leads' lists refresh). */
  'complaints.changed': z.strictObject({ id: z.string(), ownerId: z.string() }),
});

export type ComplaintHandlers = HandlersOf<typeof complaintRequests>;
