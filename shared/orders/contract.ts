/**
 * The orders domain's requests and events: order taking with its live quote and 保价 prompt, the
 * read-back, submission to the local outbox, amendments, the day's orders with their delivery
 * status, and the daily insurance register (保险登记表) with its export.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { insuranceOutcomes, offerReasons } from './insurance';
import { orderDraftSchema } from './order';
import { maxRateTableChars } from './rate-check';
import { goodsCategories, rateTableSchema } from './rates';

const id = z.string().min(1).max(64);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const delivery = z.enum(['queued', 'delivered', 'refused']);

/** An order as lists show it (phones never in clear). */
export const orderSummarySchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  createdAt: z.number().int(),
  version: z.number().int().min(1),
  agentName: z.string(),
  customerName: z.string().nullable(),
  senderName: z.string(),
  recipientName: z.string(),
  goods: z.string(),
  category: z.enum(goodsCategories),
  totalFen: z.number().int(),
  premiumFen: z.number().int(),
  declaredValueFen: z.number().int().nullable(),
  insurance: z.enum(insuranceOutcomes).nullable(),
  delivery,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  remoteRef: z.string().nullable(),
  amended: z.boolean(),
});
export type OrderSummary = z.infer<typeof orderSummarySchema>;

/** One row of the daily insurance register: every order where 保价 was offered. */
export const registerRowSchema = z.strictObject({
  day,
  orderNumber: z.string(),
  customer: z.string(),
  goods: z.string(),
  category: z.enum(goodsCategories),
  declaredValueFen: z.number().int().nullable(),
  premiumFen: z.number().int(),
  outcome: z.enum(insuranceOutcomes).nullable(),
  declineReason: z.string().nullable(),
  reasons: z.array(z.enum(offerReasons)),
  agentName: z.string(),
  employeeNo: z.string(),
});
export type RegisterRow = z.infer<typeof registerRowSchema>;

/**
 * The numbers behind phone references (`@order:<id>:sender`), masked for the screen: the form
 * labels a past order's phones with them, the number itself stays in main.
 */
const maskedPhones = z.array(z.strictObject({ ref: z.string(), masked: z.string() }));

/** A past order as a repeat or an amendment starts from it: phones by reference only. */
const pastOrderSchema = z.strictObject({
  summary: orderSummarySchema,
  draft: orderDraftSchema,
  phones: maskedPhones,
});

const registerArgs = z.strictObject({
  day,
  /** 'mine': the signed-in agent's; 'team': everyone's at this desk (leads only). */
  scope: z.enum(['mine', 'team']),
});

export const orderRequests = defineRequests({
  /** The rate table the form quotes with (the same one the core checks submissions against). */
  'orders.rateTable': { args: z.strictObject({}), result: rateTableSchema },
  /**
   * A lead loads a new rate table (the file's text, in the resources/rates/standard.json format):
   * checked with the same schema (BAD_ARGUMENT, each problem's path and code from
   * `checkRateTable`), kept in the desk's settings, audited; the form quotes with it from then on.
   * Agents: FORBIDDEN.
   */
  'orders.loadRateTable': {
    args: z.strictObject({ text: z.string().min(1).max(maxRateTableChars) }),
    result: rateTableSchema,
  },
  /**
   * What the form is pre-filled with for a customer: their class, a prior claim (the 保价 prompt's
   * reasons), their address and phones by reference (masked on screen), and their recent orders.
   */
  'orders.context': {
    args: z.strictObject({ customerId: id.nullable() }),
    result: z.strictObject({
      today: day,
      priorClaim: z.boolean(),
      customerClass: z.enum(['A', 'B', 'C']).nullable(),
      customer: z
        .strictObject({
          id: z.string(),
          name: z.string(),
          province: z.string(),
          city: z.string(),
          address: z.string(),
          phones: z.array(z.strictObject({ ref: z.string(), masked: z.string() })),
        })
        .nullable(),
      /** The customer's latest orders, phones as references: one click makes a repeat order. */
      recent: z.array(pastOrderSchema),
    }),
  },
  /**
   * A past order's draft by id, phones as references (masked on screen): a repeat, or the start
   * of an amendment. The agent's own orders; a lead any (FORBIDDEN otherwise).
   */
  'orders.draft': {
    args: z.strictObject({ orderId: id }),
    result: pastOrderSchema,
  },
  /**
   * Submits an order the customer confirmed after the read-back. Checked again here with the
   * shared rules (BAD_ARGUMENT with each field's issue code otherwise); stored and queued for the
   * order system in one transaction; audited.
   */
  'orders.submit': {
    args: z.strictObject({
      draft: orderDraftSchema,
      customerId: id.nullable(),
      callId: id.nullable(),
      /** The agent read the order back and the customer confirmed it. */
      confirmed: z.literal(true),
    }),
    result: orderSummarySchema,
  },
  /** A correction after submission: a new version, the reason kept (开单准确率), sent again. */
  'orders.amend': {
    args: z.strictObject({
      orderId: id,
      draft: orderDraftSchema,
      reason: z.string().trim().min(1).max(200),
      confirmed: z.literal(true),
    }),
    result: orderSummarySchema,
  },
  'orders.list': {
    args: registerArgs,
    result: z.array(orderSummarySchema),
  },
  /** Tries queued orders now (e.g. after the network came back). */
  'orders.retryDelivery': {
    args: z.strictObject({}),
    result: z.strictObject({ queued: z.number().int() }),
  },
  'orders.register': {
    args: registerArgs,
    result: z.strictObject({
      rows: z.array(registerRowSchema),
      /** Orders where the offer applied, how many took it, per agent. */
      takeUp: z.array(
        z.strictObject({
          agentName: z.string(),
          employeeNo: z.string(),
          offered: z.number().int(),
          insured: z.number().int(),
        }),
      ),
    }),
  },
  /** The register as a file: XLSX (formatted) or CSV (UTF-8 with BOM, for Excel). */
  'orders.registerExport': {
    args: registerArgs.extend({ format: z.enum(['xlsx', 'csv']) }),
    result: z.strictObject({
      fileName: z.string(),
      mime: z.string(),
      base64: z.string(),
    }),
  },
});

export type PastOrder = z.infer<typeof pastOrderSchema>;

export const orderEvents = defineEvents({
  /** An order was submitted, amended, delivered or refused. */
  'orders.changed': z.strictObject({ orderId: z.string(), delivery }),
  /** A lead loaded a new rate table: forms quote with it from now on. */
  'orders.rateTableChanged': z.strictObject({ id: z.string() }),
});

export type OrderHandlers = HandlersOf<typeof orderRequests>;
