/**
 * The order form's values and the order draft (shared/orders/order.ts) each way, and the issues
 * of `checkOrder` as the form shows them: on which control, in which words.
 */
import type { NamePath } from 'antd/es/form/interface';
import type { TFunction } from 'i18next';
import type { InsuranceOutcome } from '@shared/orders/insurance';
import type { OrderDraft, OrderIssue, PaymentMethod, PickupSlot } from '@shared/orders/order';
import { orderIssueCodes } from '@shared/orders/order';
import type { GoodsCategory, Service } from '@shared/orders/rates';
import { yuan } from '@shared/orders/rates';

export interface PartyValues {
  name: string;
  /** A number typed by the agent, or a reference to one on record (never shown in clear). */
  phone: string;
  province: string | undefined;
  city: string | undefined;
  district: string | undefined;
  detail: string;
}

export interface OrderValues {
  sender: PartyValues;
  recipient: PartyValues;
  goods: {
    description: string;
    category: GoodsCategory;
    pieces: number | null;
    weightKg: number | null;
    lengthCm: number | null;
    widthCm: number | null;
    heightCm: number | null;
    batteryInDevice: boolean;
    liquidSealed: boolean;
  };
  service: Service;
  pickup: { date: string; slot: PickupSlot };
  payment: { method: PaymentMethod; account: string };
  /** Yuan, as the agent types it. */
  declaredValue: number | null;
  insurance: { outcome: InsuranceOutcome | null; declineReason: string };
  remarks: string;
}

export const emptyParty = (): PartyValues => ({
  name: '',
  phone: '',
  province: undefined,
  city: undefined,
  district: undefined,
  detail: '',
});

export function emptyValues(today: string): OrderValues {
  return {
    sender: emptyParty(),
    recipient: emptyParty(),
    goods: {
      description: '',
      category: 'other',
      pieces: 1,
      weightKg: null,
      lengthCm: null,
      widthCm: null,
      heightCm: null,
      batteryInDevice: false,
      liquidSealed: false,
    },
    service: 'standard',
    pickup: { date: today, slot: 'afternoon' },
    payment: { method: 'sender', account: '' },
    declaredValue: null,
    insurance: { outcome: null, declineReason: '' },
    remarks: '',
  };
}

const str = (v: string | undefined | null) => (v ?? '').trim();
const orNull = (v: string | undefined | null) => (str(v) === '' ? null : str(v));
/** An empty number box: checked as missing (NaN fails every rule, and is never submitted). */
const num = (v: number | null | undefined) => (typeof v === 'number' ? v : Number.NaN);

function party(p: PartyValues): OrderDraft['sender'] {
  return {
    name: str(p.name),
    phone: str(p.phone),
    province: str(p.province),
    city: str(p.city),
    district: orNull(p.district),
    detail: str(p.detail),
  };
}

/** Fen from the yuan the agent typed (to the fen, as money always is). */
export const toFen = (yuanAmount: number) => Math.round(yuanAmount * 100);

export function toDraft(v: OrderValues): OrderDraft {
  const g = v.goods;
  const sides = [g.lengthCm, g.widthCm, g.heightCm];
  const noDims = sides.every((s) => s === null || s === undefined);
  return {
    sender: party(v.sender),
    recipient: party(v.recipient),
    goods: {
      description: str(g.description),
      category: g.category,
      pieces: num(g.pieces),
      weightKg: num(g.weightKg),
      dims: noDims
        ? null
        : { lengthCm: num(g.lengthCm), widthCm: num(g.widthCm), heightCm: num(g.heightCm) },
      ...(g.category === 'batteries' && { batteryInDevice: g.batteryInDevice }),
      ...(g.category === 'liquids' && { liquidSealed: g.liquidSealed }),
    },
    service: v.service,
    pickup: { ...v.pickup },
    payment: { method: v.payment.method, account: orNull(v.payment.account) },
    declaredValueFen: typeof v.declaredValue === 'number' ? toFen(v.declaredValue) : null,
    insurance: {
      outcome: v.insurance.outcome,
      declineReason: v.insurance.outcome === 'declined' ? orNull(v.insurance.declineReason) : null,
    },
    remarks: orNull(v.remarks),
  };
}

function partyValues(p: OrderDraft['sender']): PartyValues {
  return { ...p, district: p.district ?? undefined };
}

/** A past order as the form's values (a repeat order, or the start of an amendment). */
export function fromDraft(d: OrderDraft, today: string, keepDate = false): OrderValues {
  const g = d.goods;
  return {
    sender: partyValues(d.sender),
    recipient: partyValues(d.recipient),
    goods: {
      description: g.description,
      category: g.category,
      pieces: g.pieces,
      weightKg: g.weightKg,
      lengthCm: g.dims?.lengthCm ?? null,
      widthCm: g.dims?.widthCm ?? null,
      heightCm: g.dims?.heightCm ?? null,
      batteryInDevice: g.batteryInDevice ?? false,
      liquidSealed: g.liquidSealed ?? false,
    },
    service: d.service,
    pickup: {
      date: keepDate && d.pickup.date >= today ? d.pickup.date : today,
      slot: d.pickup.slot,
    },
    payment: { method: d.payment.method, account: d.payment.account ?? '' },
    declaredValue: d.declaredValueFen === null ? null : d.declaredValueFen / 100,
    insurance: {
      outcome: d.insurance.outcome,
      declineReason: d.insurance.declineReason ?? '',
    },
    remarks: d.remarks ?? '',
  };
}

/** Where an issue's field is in the form ('goods.weightKg' → ['goods', 'weightKg']). */
export function namePathOf(field: string): NamePath<OrderValues> {
  if (field === 'declaredValueFen') return ['declaredValue'];
  return field.split('.') as NamePath<OrderValues>;
}

/** The issues whose field was left empty say "ask for it", not "it is wrong". */
export function withMissingNumbers(issues: OrderIssue[], v: OrderValues): OrderIssue[] {
  const empty = (x: number | null | undefined) => typeof x !== 'number';
  return issues.map((i) => {
    if (i.field === 'goods.weightKg' && empty(v.goods.weightKg))
      return { field: i.field, code: 'required' };
    if (i.field === 'goods.pieces' && empty(v.goods.pieces))
      return { field: i.field, code: 'required' };
    return i;
  });
}

/** An issue in the agent's language: what to ask the customer. */
export function issueMessage(t: TFunction, issue: OrderIssue): string {
  const params = issue.params ?? {};
  const field = t(`orders:fields.${issue.field.replace(/\./g, '_')}`, {
    defaultValue: t('orders:fields.other'),
  });
  const extra: Record<string, string | number> = { ...params, field };
  if (typeof params['maxFen'] === 'number') extra['max'] = yuan(params['maxFen']);
  if (typeof params['kind'] === 'string')
    extra['kind'] = t(`orders:prohibitedKinds.${params['kind']}`);
  return t(`orders:issues.${issue.code}`, extra);
}

/** Main's refusal of an order: `{path, message}` where the message is an order issue code. */
export function issuesFromMain(issues: { path: string; message: string }[]): OrderIssue[] {
  const known = new Set<string>(orderIssueCodes);
  return issues
    .filter((i) => known.has(i.message))
    .map((i) => ({ field: i.path, code: i.message as OrderIssue['code'] }));
}
