/**
 * The call-backs domain (回电): promise a customer a call back by a time, see "my call-backs" with
 * their due times (reminded before they are due), dial one with a click (the number never reaches
 * the screen in clear), close it with an outcome. Leads see every overdue one.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { softphoneViewSchema } from '../softphone/contract';

export const callbackOutcomes = [
  'reached',
  'no_answer',
  'wrong_number',
  'resolved_otherwise',
] as const;
export type CallbackOutcome = (typeof callbackOutcomes)[number];

const id = z.string().min(1).max(64);

export const callbackSchema = z.strictObject({
  id: z.string(),
  ownerName: z.string(),
  customerName: z.string().nullable(),
  numberMasked: z.string(),
  reason: z.string(),
  dueAt: z.number().int(),
  createdAt: z.number().int(),
  callId: z.string().nullable(),
  waybillNumber: z.string().nullable(),
  overdue: z.boolean(),
  closedAt: z.number().int().nullable(),
  outcome: z.enum(callbackOutcomes).nullable(),
  note: z.string().nullable(),
});
export type Callback = z.infer<typeof callbackSchema>;

export const callbackRequests = defineRequests({
  /**
   * Promise a call-back. The number is the call's caller (`callId`) or a typed one; due at least a
   * minute from now and within 30 days.
   */
  'callbacks.promise': {
    args: z
      .strictObject({
        reason: z.string().trim().min(1).max(200),
        dueAt: z.number().int(),
        callId: id.nullable(),
        number: z.string().trim().min(3).max(32).nullable(),
        customerId: id.nullable(),
        waybillId: id.nullable(),
      })
      .refine((a) => a.callId !== null || a.number !== null, {
        path: ['number'],
        message: 'required',
      }),
    result: callbackSchema,
  },
  'callbacks.mine': {
    args: z.strictObject({ status: z.enum(['open', 'closed']) }),
    result: z.array(callbackSchema),
  },
  /** Every open call-back past its due time, whoever owns it (leads only). */
  'callbacks.overdue': { args: z.strictObject({}), result: z.array(callbackSchema) },
  /** Dials the call-back's number (kept in main: the screen only ever has it masked). */
  'callbacks.dial': { args: z.strictObject({ id }), result: softphoneViewSchema },
  'callbacks.close': {
    args: z.strictObject({
      id,
      outcome: z.enum(callbackOutcomes),
      note: z.string().trim().max(500).nullable(),
    }),
    result: callbackSchema,
  },
});

export const callbackEvents = defineEvents({
  /** A call-back was promised, closed, or is due soon (`due`: remind the owner now). */
  'callbacks.changed': z.strictObject({ id: z.string(), due: z.boolean() }),
});

export type CallbackHandlers = HandlersOf<typeof callbackRequests>;
