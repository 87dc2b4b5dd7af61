/**
 * The pickup order (工作单) an agent takes on the phone, and every check it must pass before it is
 * read back (docs/DOMAIN.md §1 duty 2, §6 Art. 21 and 22, §8). The schema only shapes the input;
 * `orderIssues` is the whole rule set, each issue tied to a field so the form shows it there, with
 * a code the UI turns into what the agent should ask the customer.
 */
import { z } from 'zod';
import { isCityOf, findProvince } from '../waybills/divisions';
import { customerPhoneKey } from '../waybills/customer';
import { districtsOf } from './address';
import type { RestrictionIssue } from './goods';
import { prohibitedIn, restrictionIssue } from './goods';
import type { InsuranceOutcome, OfferReason } from './insurance';
import { insuranceOutcomes, mustDeclare, offerReasonsFor, premiumFen } from './insurance';
import type { Quote, RateTable } from './rates';
import { goodsCategories, quote, services } from './rates';

export const orderLimits = {
  name: 40,
  phone: 32,
  detail: 120,
  description: 60,
  remarks: 200,
  account: 30,
  declineReason: 100,
  pieces: 99,
  /** Per piece; services have lower limits of their own. */
  weightKg: 1000,
  sideCm: 500,
} as const;

export const paymentMethods = ['sender', 'recipient', 'monthly'] as const;
export type PaymentMethod = (typeof paymentMethods)[number];

export const pickupSlots = ['morning', 'afternoon', 'evening'] as const;
export type PickupSlot = (typeof pickupSlots)[number];

/** Control and format characters have no place in an order's text. */
const controlChars = /[\p{Cc}\p{Cf}]/u;
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max * 4); // the length rule is an issue below
const optionalText = (max: number) =>
  z
    .union([z.null(), text(max)])
    .optional()
    .transform((v) => (v ? v : null));

const partySchema = z.strictObject({
  name: text(orderLimits.name),
  phone: text(orderLimits.phone),
  province: text(20),
  city: text(20),
  district: optionalText(20),
  detail: text(orderLimits.detail),
});
export type OrderParty = z.output<typeof partySchema>;

const num = z.number().refine(Number.isFinite, { error: 'not a number' });

export const orderDraftSchema = z.strictObject({
  sender: partySchema,
  recipient: partySchema,
  goods: z.strictObject({
    description: text(orderLimits.description),
    category: z.enum(goodsCategories),
    pieces: num,
    /** Per piece, kg. */
    weightKg: num,
    /** Per piece, cm: all three or none. */
    dims: z
      .union([z.null(), z.strictObject({ lengthCm: num, widthCm: num, heightCm: num })])
      .optional()
      .transform((v) => v ?? null),
    batteryInDevice: z.boolean().optional(),
    liquidSealed: z.boolean().optional(),
  }),
  service: z.enum(services),
  pickup: z.strictObject({
    /** YYYY-MM-DD in the desk's time zone. */
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    slot: z.enum(pickupSlots),
  }),
  payment: z.strictObject({
    method: z.enum(paymentMethods),
    account: optionalText(orderLimits.account),
  }),
  /** Fen; null: not declared. */
  declaredValueFen: z
    .union([z.null(), num])
    .optional()
    .transform((v) => v ?? null),
  insurance: z.strictObject({
    outcome: z.union([z.null(), z.enum(insuranceOutcomes)]),
    declineReason: optionalText(orderLimits.declineReason),
  }),
  remarks: optionalText(orderLimits.remarks),
});
export type OrderDraftInput = z.input<typeof orderDraftSchema>;
export type OrderDraft = z.output<typeof orderDraftSchema>;

export const orderIssueCodes = [
  'required',
  'too_long',
  'bad_characters',
  'phone_invalid',
  'unknown_province',
  'unknown_city',
  'unknown_district',
  'district_required',
  'prohibited',
  'battery_not_in_device',
  'liquid_not_sealed',
  'pieces_invalid',
  'weight_invalid',
  'too_heavy',
  'size_invalid',
  'too_large',
  'service_unavailable',
  'value_invalid',
  'value_over_cap',
  'valuables_undeclared',
  'insurance_outcome_missing',
  'accepted_without_value',
  'account_required',
  'pickup_in_past',
] as const;
export type OrderIssueCode = (typeof orderIssueCodes)[number];

export interface OrderIssue {
  /** 'sender.phone', 'goods.weightKg', 'insurance.outcome' … */
  field: string;
  code: OrderIssueCode;
  /** What the code needs to be explained: the prohibited term, the limit, the premium … */
  params?: Record<string, string | number>;
}

export interface OrderContext {
  table: RateTable;
  /** Today in the desk's time zone (YYYY-MM-DD): a pickup cannot be booked before it. */
  today: string;
  /** The sender has had a compensation claim before (from the customer record). */
  priorClaim: boolean;
  customerClass: 'A' | 'B' | 'C' | null;
}

export interface OrderCheck {
  issues: OrderIssue[];
  /** Why 保价 must be offered (the prompt shows while this is not empty). */
  offer: OfferReason[];
  premiumFen: number;
  /** Null while the goods or the route are not yet known well enough to price. */
  quote: Quote | null;
}

function checkText(
  issues: OrderIssue[],
  field: string,
  value: string | null,
  max: number,
  required = true,
): boolean {
  if (value === null || value === '') {
    if (required) issues.push({ field, code: 'required' });
    return false;
  }
  if ([...value].length > max) {
    issues.push({ field, code: 'too_long', params: { max } });
    return false;
  }
  if (controlChars.test(value)) {
    issues.push({ field, code: 'bad_characters' });
    return false;
  }
  return true;
}

/**
 * A phone the form holds by reference, never in clear: the customer's number on record
 * (`@customer:<id>:<index>`) or a past order's (`@order:<id>:sender`). The screen shows it masked;
 * the core puts the number in when the order is submitted (orders feature, `resolvePhones`).
 */
const phoneRefPattern = /^@(customer:[0-9a-f-]{36}:[0-9]|order:[0-9a-f-]{36}:(sender|recipient))$/;
export function isPhoneRef(value: string): boolean {
  return phoneRefPattern.test(value);
}

function checkParty(issues: OrderIssue[], side: 'sender' | 'recipient', p: OrderParty): boolean {
  const f = (name: string) => `${side}.${name}`;
  checkText(issues, f('name'), p.name, orderLimits.name);
  if (
    !isPhoneRef(p.phone) &&
    checkText(issues, f('phone'), p.phone, orderLimits.phone) &&
    !customerPhoneKey(p.phone)
  ) {
    issues.push({ field: f('phone'), code: 'phone_invalid' });
  }
  checkText(issues, f('detail'), p.detail, orderLimits.detail);
  let placeOk = false;
  if (checkText(issues, f('province'), p.province, 20)) {
    if (!findProvince(p.province)) issues.push({ field: f('province'), code: 'unknown_province' });
    else if (checkText(issues, f('city'), p.city, 20)) {
      if (!isCityOf(p.province, p.city)) issues.push({ field: f('city'), code: 'unknown_city' });
      else {
        const districts = districtsOf(p.province, p.city);
        if (p.district === null) {
          if (districts.length > 0)
            issues.push({ field: f('district'), code: 'district_required' });
          else placeOk = true;
        } else if (!districts.includes(p.district)) {
          issues.push({ field: f('district'), code: 'unknown_district' });
        } else placeOk = true;
      }
    }
  } else {
    checkText(issues, f('city'), p.city, 20);
  }
  return placeOk;
}

/** Every rule at once: the issues (empty: ready for read-back), the 保价 offer, the quote. */
export function checkOrder(o: OrderDraft, ctx: OrderContext): OrderCheck {
  const issues: OrderIssue[] = [];
  const senderOk = checkParty(issues, 'sender', o.sender);
  const recipientOk = checkParty(issues, 'recipient', o.recipient);

  const g = o.goods;
  if (checkText(issues, 'goods.description', g.description, orderLimits.description)) {
    for (const hit of prohibitedIn(g.description)) {
      issues.push({
        field: 'goods.description',
        code: 'prohibited',
        params: { kind: hit.kind, term: hit.term },
      });
    }
  }
  const restricted: RestrictionIssue | null = restrictionIssue(g.category, g);
  if (restricted) issues.push({ field: 'goods.category', code: restricted });

  const rates = ctx.table.services[o.service];
  const piecesOk = Number.isInteger(g.pieces) && g.pieces >= 1 && g.pieces <= orderLimits.pieces;
  if (!piecesOk) {
    issues.push({
      field: 'goods.pieces',
      code: 'pieces_invalid',
      params: { max: orderLimits.pieces },
    });
  }
  let weightOk = g.weightKg > 0 && g.weightKg <= orderLimits.weightKg;
  if (!weightOk) {
    issues.push({
      field: 'goods.weightKg',
      code: 'weight_invalid',
      params: { max: orderLimits.weightKg },
    });
  } else if (g.weightKg > rates.maxWeightKg) {
    issues.push({ field: 'goods.weightKg', code: 'too_heavy', params: { max: rates.maxWeightKg } });
    weightOk = false;
  }
  let dimsOk = true;
  if (g.dims) {
    const sides = [g.dims.lengthCm, g.dims.widthCm, g.dims.heightCm];
    if (sides.some((s) => !(s > 0 && s <= orderLimits.sideCm))) {
      issues.push({
        field: 'goods.dims',
        code: 'size_invalid',
        params: { max: orderLimits.sideCm },
      });
      dimsOk = false;
    } else if (Math.max(...sides) > rates.maxSideCm) {
      issues.push({ field: 'goods.dims', code: 'too_large', params: { max: rates.maxSideCm } });
      dimsOk = false;
    }
  }

  // Declared value and 保价.
  const rules = ctx.table.insurance;
  const value = o.declaredValueFen;
  let valueOk = true;
  if (value !== null && !(Number.isInteger(value) && value >= 0)) {
    issues.push({ field: 'declaredValueFen', code: 'value_invalid' });
    valueOk = false;
  } else if (value !== null && value > rules.maxDeclaredFen) {
    issues.push({
      field: 'declaredValueFen',
      code: 'value_over_cap',
      params: { maxFen: rules.maxDeclaredFen },
    });
    valueOk = false;
  }
  if (mustDeclare(g.category) && (value === null || value === 0)) {
    issues.push({ field: 'declaredValueFen', code: 'valuables_undeclared' });
  }
  const offer = offerReasonsFor(rules, {
    category: g.category,
    declaredValueFen: valueOk ? value : null,
    priorClaim: ctx.priorClaim,
    customerClass: ctx.customerClass,
  });
  const outcome: InsuranceOutcome | null = o.insurance.outcome;
  if (offer.length > 0 && (outcome === null || outcome === 'not_applicable')) {
    // Art. 21: the rules are stated and the answer recorded before the order goes on.
    issues.push({ field: 'insurance.outcome', code: 'insurance_outcome_missing' });
  }
  if (outcome === 'accepted' && (value === null || value === 0)) {
    issues.push({ field: 'declaredValueFen', code: 'accepted_without_value' });
  }
  if (outcome === 'declined') {
    checkText(
      issues,
      'insurance.declineReason',
      o.insurance.declineReason,
      orderLimits.declineReason,
    );
  }
  const premium =
    outcome === 'accepted' && valueOk && value !== null ? premiumFen(rules, value) : 0;

  if (o.payment.method === 'monthly') {
    if (o.payment.account === null)
      issues.push({ field: 'payment.account', code: 'account_required' });
    else checkText(issues, 'payment.account', o.payment.account, orderLimits.account);
  } else if (o.payment.account !== null) {
    checkText(issues, 'payment.account', o.payment.account, orderLimits.account);
  }
  if (o.pickup.date < ctx.today) issues.push({ field: 'pickup.date', code: 'pickup_in_past' });
  if (o.remarks !== null) checkText(issues, 'remarks', o.remarks, orderLimits.remarks, false);

  let priced: Quote | null = null;
  if (senderOk && recipientOk && piecesOk && weightOk && dimsOk) {
    priced = quote(ctx.table, {
      from: o.sender,
      to: o.recipient,
      service: o.service,
      category: g.category,
      pieces: g.pieces,
      piece: { weightKg: g.weightKg, dims: g.dims },
      premiumFen: premium,
    });
    if (!priced.ok) issues.push({ field: 'service', code: 'service_unavailable' });
  }
  return { issues, offer, premiumFen: premium, quote: priced };
}
