/**
 * What a complaint's compensation comes to (docs/DOMAIN.md §4 liability rules, §5 compensation
 * principles, §6 Art. 27 and Postal Law Art. 47), with every step written out in Chinese so the
 * agent can explain the figure next to what the customer asked for. Pure; money in integer fen.
 * The carrier's terms (the uninsured standard, the delay refund, the caps, the severity
 * thresholds) are settings (`CompensationRules`), never built in.
 */
import { z } from 'zod';

export const complaintTypes = [
  'delay',
  'damage',
  'loss',
  'shortage',
  'false_signature',
  'attitude',
  'billing',
  'other',
] as const;
export type ComplaintType = (typeof complaintTypes)[number];

export const complaintTypeNames: Record<ComplaintType, string> = {
  delay: '延误',
  damage: '破损',
  loss: '丢失',
  shortage: '短少',
  false_signature: '虚假签收/未经同意代签',
  attitude: '服务态度',
  billing: '运费/计费争议',
  other: '其他',
};

const fen = z.number().int().nonnegative();

export const compensationRulesSchema = z.strictObject({
  /** Uninsured loss or damage: so much per kg (the seed's 20 元/kg), or a multiple of the freight. */
  uninsured: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('per_kg'), fenPerKg: fen, capFen: fen.nullable() }),
    z.strictObject({
      kind: z.literal('freight_multiple'),
      multiple: z.number().positive().max(10),
      capFen: fen.nullable(),
    }),
  ]),
  /** Delay: this share of the freight is refunded (1 = all of it). */
  delayFreightRefund: z.number().min(0).max(1),
  /** 异常签收 (a signature struck out afterwards): this share of the liability. */
  abnormalSignatureShare: z.number().min(0).max(1),
  /** Severity by the amount at stake: from `majorFen` 重大, from `extraordinaryFen` 特大. */
  severity: z.strictObject({ majorFen: fen, extraordinaryFen: fen }),
});
export type CompensationRules = z.infer<typeof compensationRulesSchema>;

/** The defaults: the seed's standard contract (20 元/kg), freight refunded for a delay. */
export const defaultCompensationRules: CompensationRules = {
  uninsured: { kind: 'per_kg', fenPerKg: 2000, capFen: null },
  delayFreightRefund: 1,
  abnormalSignatureShare: 0.5,
  severity: { majorFen: 500_000, extraordinaryFen: 5_000_000 },
};

export interface CompensationFacts {
  type: ComplaintType;
  /** What the customer asks for, if an amount (赔偿200元 → 20000). */
  requestedFen: number | null;
  insured: boolean;
  declaredValueFen: number | null;
  /** The goods' actual value (for the pro-rata rule on partial loss of insured goods). */
  actualValueFen: number | null;
  /** The loss as assessed: repair or lost value for damage, the value for loss or shortage. */
  lossFen: number | null;
  /** Part of the goods lost or damaged (not all of it). */
  partial: boolean;
  weightKg: number;
  freightFen: number;
  fragile: boolean;
  /** Damage: to the outer packaging, or only inside. */
  damage: 'outer' | 'inner' | null;
  /** The recipient signed normally, without noting outer damage on the slip. */
  signedWithoutNote: boolean;
  /** Written proof from the delivering station that the outer packaging was damaged. */
  outerDamageProof: boolean;
  /** Cash was in the parcel (never compensated). */
  cashClaimed: boolean;
  /** 异常签收: the recipient signed, then struck the signature out. */
  abnormalSignature: boolean;
  /** Billing dispute: the weight billed and the weight found on checking. */
  billedKg?: number | null;
  checkedKg?: number | null;
  /** The customer's rate per kg for the billing dispute. */
  fenPerKg?: number | null;
}

export type Exclusion = 'cash' | 'signed_without_outer_damage' | 'fragile_inner_damage';

export interface Compensation {
  payableFen: number;
  /** Why nothing is payable for the loss itself (the steps say why in words). */
  exclusion: Exclusion | null;
  steps: string[];
  requestedFen: number | null;
}

/** 1234 → "12.34元". */
export function yuanText(fenAmount: number): string {
  return `${Math.floor(fenAmount / 100)}.${String(fenAmount % 100).padStart(2, '0')}元`;
}

const kgText = (kg: number) => `${Number(kg.toFixed(2))}公斤`;

export function compensate(f: CompensationFacts, rules: CompensationRules): Compensation {
  const steps: string[] = [];
  const done = (payableFen: number, exclusion: Exclusion | null = null): Compensation => {
    if (f.requestedFen !== null) {
      steps.push(`客户要求${yuanText(f.requestedFen)}，按规定可赔${yuanText(payableFen)}`);
    }
    return { payableFen, exclusion, steps, requestedFen: f.requestedFen };
  };

  switch (f.type) {
    case 'attitude':
    case 'false_signature':
    case 'other':
      steps.push(
        f.type === 'false_signature'
          ? '未经同意代签/虚假签收：快件未损失时无直接经济损失，以致歉和整改处理；如快件因此丢失，按丢失登记'
          : `${complaintTypeNames[f.type]}：无直接经济损失，以致歉和回访处理`,
      );
      return done(0);
    case 'billing': {
      const billed = f.billedKg ?? 0;
      const checked = f.checkedKg ?? billed;
      const rate = f.fenPerKg ?? 0;
      steps.push(`计费重量${kgText(billed)}，复核重量${kgText(checked)}`);
      if (checked >= billed) {
        steps.push('复核重量不低于计费重量：计费无误，向客户说明计费规则（含体积重量）');
        return done(0);
      }
      const over = Math.round((billed - checked) * 100) / 100;
      const refund = Math.round(over * rate);
      steps.push(`多计${kgText(over)} × ${yuanText(rate)}/公斤 = 退还${yuanText(refund)}`);
      return done(refund);
    }
    case 'delay': {
      const refund = Math.round(f.freightFen * rules.delayFreightRefund);
      steps.push(
        `延误：按约定退还运费的${Math.round(rules.delayFreightRefund * 100)}%，运费${yuanText(f.freightFen)} → ${yuanText(refund)}`,
      );
      return done(refund);
    }
    case 'damage':
    case 'loss':
    case 'shortage':
      break;
  }

  // Exclusions (docs/DOMAIN.md §4).
  if (f.cashClaimed) {
    steps.push('快件内夹带现金：现金不予赔偿');
    return done(0, 'cash');
  }
  if (f.type === 'damage') {
    if (f.signedWithoutNote && !f.outerDamageProof) {
      steps.push('收件人已正常签收且未在签收单注明外包装破损，亦无派送站书面证明：破损不予受理');
      return done(0, 'signed_without_outer_damage');
    }
    if (f.fragile && f.damage === 'inner') {
      steps.push('易碎品内件破损（外包装完好）：不予赔偿；外包装破损方按破损处理');
      return done(0, 'fragile_inner_damage');
    }
  }

  let amount: number;
  const loss = f.lossFen ?? f.requestedFen ?? 0;
  if (f.insured && f.declaredValueFen !== null && f.declaredValueFen > 0) {
    const declared = f.declaredValueFen;
    steps.push(`已保价，声明价值${yuanText(declared)}`);
    if (f.partial && f.actualValueFen !== null && f.actualValueFen > declared) {
      // Postal Law Art. 47 by analogy: actual loss × declared ÷ actual value.
      amount = Math.min(declared, Math.round((loss * declared) / f.actualValueFen));
      steps.push(
        `部分损失按比例：实际损失${yuanText(loss)} × 声明价值${yuanText(declared)} ÷ 实际价值${yuanText(f.actualValueFen)} = ${yuanText(amount)}`,
      );
    } else {
      amount = Math.min(loss, declared);
      steps.push(
        `按实际损失赔偿，以声明价值为限：实际损失${yuanText(loss)}${loss > declared ? `，超出声明价值，按${yuanText(declared)}` : ''} → ${yuanText(amount)}`,
      );
    }
  } else {
    const u = rules.uninsured;
    let standard: number;
    if (u.kind === 'per_kg') {
      standard = Math.round(f.weightKg * u.fenPerKg);
      steps.push(
        `未保价，按格式合同赔偿标准${yuanText(u.fenPerKg)}/公斤：${kgText(f.weightKg)} × ${yuanText(u.fenPerKg)} = ${yuanText(standard)}`,
      );
    } else {
      standard = Math.round(f.freightFen * u.multiple);
      steps.push(
        `未保价，按运费的${u.multiple}倍：${yuanText(f.freightFen)} × ${u.multiple} = ${yuanText(standard)}`,
      );
    }
    if (u.capFen !== null && standard > u.capFen) {
      steps.push(`不超过最高限额${yuanText(u.capFen)}`);
      standard = u.capFen;
    }
    if (f.lossFen !== null && f.lossFen < standard) {
      steps.push(`实际损失${yuanText(f.lossFen)}低于标准，按实际损失`);
      standard = f.lossFen;
    }
    amount = standard;
  }
  if (f.abnormalSignature) {
    const share = Math.round(amount * rules.abnormalSignatureShare);
    steps.push(
      `异常签收，按${Math.round(rules.abnormalSignatureShare * 100)}%承担：${yuanText(amount)} → ${yuanText(share)}`,
    );
    amount = share;
  }
  return done(amount);
}

export const severities = ['ordinary', 'major', 'extraordinary'] as const;
export type Severity = (typeof severities)[number];
export const severityNames: Record<Severity, string> = {
  ordinary: '一般',
  major: '重大',
  extraordinary: '特大',
};

/** 一般 / 重大 / 特大 by the amount at stake; 重大 and above start the 24-hour report to HQ. */
export function severityOf(amountFen: number, rules: CompensationRules): Severity {
  if (amountFen >= rules.severity.extraordinaryFen) return 'extraordinary';
  if (amountFen >= rules.severity.majorFen) return 'major';
  return 'ordinary';
}

/** One problem parcel earns one compensation, for one liable stage: the larger (DOMAIN §4). */
export function oneCompensation(amountsFen: readonly number[]): number {
  return amountsFen.reduce((a, b) => Math.max(a, b), 0);
}
