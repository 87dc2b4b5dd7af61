/**
 * The read-back (复述确认): the order as the sentences the agent reads to the customer before it is
 * submitted (docs/DOMAIN.md §1 duty 2; order accuracy 100 %). Always Chinese — it is said to the
 * customer, whatever language the agent's screen is in. Phone numbers are confirmed by their last
 * four digits (尾号), never read out whole.
 */
import { fullAddress } from '../waybills/divisions';
import type { GoodsCategory, Quote, Service } from './rates';
import { yuan } from './rates';
import type { OrderDraft, OrderParty, PaymentMethod, PickupSlot } from './order';

export const categoryNames: Record<GoodsCategory, string> = {
  documents: '文件',
  clothing: '衣物',
  food: '食品',
  fragile: '易碎品',
  electronics: '电子产品',
  valuables: '贵重物品',
  liquids: '液体',
  batteries: '电池',
  other: '其他物品',
};
export const serviceNames: Record<Service, string> = {
  next_day: '次日达',
  standard: '标准快递',
  economy: '经济快递',
};
const slotNames: Record<PickupSlot, string> = {
  morning: '上午（9:00–12:00）',
  afternoon: '下午（12:00–18:00）',
  evening: '晚上（18:00–21:00）',
};
const paymentNames: Record<PaymentMethod, string> = {
  sender: '寄付',
  recipient: '到付',
  monthly: '月结',
};

const last4 = (phone: string) => phone.replace(/\D/g, '').slice(-4);

function party(label: string, p: OrderParty): string {
  const place = fullAddress(p.province, p.city, `${p.district ?? ''}${p.detail}`);
  return `${label}：${p.name}，电话尾号${last4(p.phone)}，地址：${place}`;
}

function kg(v: number): string {
  return Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0$/, '');
}

/** The sentences, in the order they are read; the last one asks for the customer's confirmation. */
export function readBack(o: OrderDraft, q: Quote & { ok: true }): string[] {
  const g = o.goods;
  const size = g.dims ? `，尺寸${g.dims.lengthCm}×${g.dims.widthCm}×${g.dims.heightCm}厘米` : '';
  const lines = [
    party('寄件人', o.sender),
    party('收件人', o.recipient),
    `物品：${g.description}（${categoryNames[g.category]}），共${g.pieces}件，每件${kg(g.weightKg)}公斤${size}`,
    `服务：${serviceNames[o.service]}，${o.pickup.date} ${slotNames[o.pickup.slot]}上门取件`,
    `付款方式：${paymentNames[o.payment.method]}${o.payment.method === 'monthly' && o.payment.account ? `（月结账号${o.payment.account}）` : ''}`,
  ];
  const premium = q.lines.find((l) => l.kind === 'premium');
  switch (o.insurance.outcome) {
    case 'accepted':
      lines.push(
        `保价：声明价值${yuan(o.declaredValueFen ?? 0)}元，保价费${yuan(premium?.fen ?? 0)}元`,
      );
      break;
    case 'declined':
      lines.push(
        `保价：客户不保价（${o.insurance.declineReason ?? ''}），已告知未保价物品按规定赔偿`,
      );
      break;
    case 'not_applicable':
    case null:
      break;
  }
  const freight = q.totalFen - (premium?.fen ?? 0);
  lines.push(
    `计费重量${kg(q.chargeableKg)}公斤，运费${yuan(freight)}元${premium ? `，加保价费共${yuan(q.totalFen)}元` : ''}`,
  );
  if (o.remarks) lines.push(`备注：${o.remarks}`);
  lines.push('以上信息是否正确？');
  return lines;
}
