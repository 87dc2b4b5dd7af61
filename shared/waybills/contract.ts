/**
 * The waybills domain's contract: 查件 (search), the waybill detail with tracking and problem-parcel
 * deadlines, audited phone reveal, notes, and the caller's screen pop.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { maxPopTickets, ticketSummarySchema } from '../complaints/contract';
import { anomalyKinds } from './anomalies';
import { customerCreatedSchema, customerInputSchema } from './customer';
import { trackingStatuses } from './tracking';
import type { CarrierCode } from './waybill';
import { carriers } from './waybill';

const carrierCode = z.enum(Object.keys(carriers) as [CarrierCode, ...CarrierCode[]]);
const trackingStatus = z.enum(trackingStatuses);

export const waybillRowSchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  carrier: carrierCode,
  status: trackingStatus,
  originCity: z.string(),
  destCity: z.string(),
  senderName: z.string(),
  receiverName: z.string(),
  createdAt: z.number().int(),
  promisedAt: z.number().int().nullable(),
  lastEventAt: z.number().int().nullable(),
  lastEventText: z.string().nullable(),
});
export type WaybillRow = z.infer<typeof waybillRowSchema>;

const recognitionSchema = z.strictObject({
  input: z.string(),
  normalised: z.string(),
  candidates: z.array(
    z.strictObject({
      carrier: carrierCode,
      confidence: z.enum(['high', 'low']),
      score: z.number(),
      rule: z.string(),
    }),
  ),
  s10: z
    .strictObject({
      valid: z.boolean(),
      expected: z.number().int(),
      suggestion: z.string().nullable(),
    })
    .nullable(),
});

export const searchResultSchema = z.strictObject({
  /** How the text was understood: the UI says so ("按尾号+姓名查找"). */
  kind: z.enum(['waybill', 'waybill_prefix', 'phone', 'last4', 'name', 'address', 'invalid']),
  invalidReason: z
    .enum(['empty', 'too_long', 'last4_needs_more', 'too_short', 'bad_date'])
    .nullable(),
  rows: z.array(waybillRowSchema),
  /** More rows exist than were returned (narrow the search). */
  truncated: z.boolean(),
  matchedCustomers: z.number().int(),
  recognition: recognitionSchema.nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const anomalySchema = z.strictObject({
  kind: z.enum(anomalyKinds),
  since: z.number(),
  deadline: z.number().nullable(),
  remainingMs: z.number().nullable(),
  expired: z.boolean(),
  /** Computed without the official holiday schedule (a year it does not cover yet). */
  estimated: z.boolean(),
  reportBy: z.number(),
  reportWindowClosed: z.boolean(),
});

export const waybillDetailSchema = z.strictObject({
  waybill: waybillRowSchema.extend({
    senderPhoneMasked: z.string(),
    receiverPhoneMasked: z.string(),
    senderAddress: z.string(),
    receiverAddress: z.string(),
    serviceType: z.string(),
    itemDescription: z.string(),
    weightG: z.number().int(),
    declaredValueFen: z.number().int().nullable(),
    insured: z.boolean(),
    freightFen: z.number().int(),
  }),
  events: z.array(
    z.strictObject({
      at: z.number().int(),
      status: trackingStatus,
      rawState: z.string().nullable(),
      location: z.string().nullable(),
      description: z.string(),
    }),
  ),
  anomalies: z.array(anomalySchema),
  notes: z.array(
    z.strictObject({
      id: z.string(),
      at: z.number().int(),
      agentName: z.string(),
      text: z.string(),
    }),
  ),
  /** When the desk's copy was last refreshed from the carrier (null: never). */
  asOf: z.number().int().nullable(),
  /** Whether a live tracking source answered for this view, or the local mirror did. */
  source: z.enum(['live', 'mirror']),
});
export type WaybillDetail = z.infer<typeof waybillDetailSchema>;

export const revealReasons = [
  'customer_verified',
  'callback',
  'delivery_issue',
  'complaint',
] as const;

/**
 * answered · abandoned (the caller hung up while it rang) · missed (rang out: 未接) · refused
 * (486: the agent was not 示闲) · rejected (the agent declined) · unanswered (our call, not picked up)
 * · failed (it never connected).
 */
export const contactOutcomes = [
  'answered',
  'abandoned',
  'missed',
  'refused',
  'rejected',
  'unanswered',
  'failed',
] as const;
export type ContactOutcome = (typeof contactOutcomes)[number];

export const screenPopSchema = z.strictObject({
  number: z.string(),
  customers: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      company: z.string().nullable(),
      class: z.enum(['A', 'B', 'C']),
      keyAccountTier: z.number().int().nullable(),
      city: z.string(),
    }),
  ),
  /** Latest waybills of the first (or only) customer, with flags. */
  waybills: z.array(waybillRowSchema.extend({ anomalies: z.array(anomalySchema) })),
  lastContacts: z.array(
    z.strictObject({
      at: z.number().int(),
      direction: z.enum(['inbound', 'outbound']),
      disposition: z.string().nullable(),
      agentName: z.string().nullable(),
      answered: z.boolean(),
      /** How it went, so a caller who gave up is told apart from one refused or missed. */
      outcome: z.enum(contactOutcomes),
    }),
  ),
  /**
   * The popped customers' open complaint tickets, the most urgent first (at most
   * `maxPopTickets`): whose they are (首问), type, severity, the next clock. Main always sends it;
   * optional so that a pop built before tickets existed still parses.
   */
  openTickets: z.array(ticketSummarySchema).max(maxPopTickets).optional(),
});
export type ScreenPop = z.infer<typeof screenPopSchema>;

export const waybillRequests = defineRequests({
  'search.query': {
    args: z.strictObject({
      text: z.string().max(200),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    result: searchResultSchema,
  },
  'waybill.get': {
    args: z.strictObject({ number: z.string().trim().min(1).max(40) }),
    result: waybillDetailSchema,
  },
  'waybill.revealPhone': {
    args: z.strictObject({
      waybillId: z.string().min(1).max(64),
      party: z.enum(['sender', 'receiver']),
      reason: z.enum(revealReasons),
    }),
    result: z.strictObject({ phone: z.string() }),
  },
  'waybill.addNote': {
    args: z.strictObject({
      waybillId: z.string().min(1).max(64),
      text: z.string().trim().min(1).max(2000),
    }),
    result: z.strictObject({
      id: z.string(),
      at: z.number().int(),
      agentName: z.string(),
      text: z.string(),
    }),
  },
  'screenPop.lookup': {
    args: z.strictObject({ number: z.string().trim().min(3).max(32) }),
    result: screenPopSchema,
  },
  /** 新建客户 (an unknown caller; shared/waybills/customer.ts has the rules). Audited. */
  'customer.create': {
    args: customerInputSchema,
    result: customerCreatedSchema,
  },
});

export const waybillEvents = defineEvents({
  /** Fresh tracking arrived for a waybill (after a background refresh). */
  'waybill.refreshed': z.strictObject({ number: z.string() }),
});

export type WaybillHandlers = HandlersOf<typeof waybillRequests>;
