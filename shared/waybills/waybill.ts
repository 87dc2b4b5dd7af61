/**
 * Waybill-number rules (docs/DOMAIN.md §7): normalisation, ranked carrier candidates, and the UPU S10
 * check digit. Recognition never rejects a number — formats change, and a number that fits no
 * pattern is still searched as typed.
 */

/** Carriers the desk knows, with the code the Kuaidi100-style tracking API uses. */
export const carriers = {
  SF: { name: '顺丰速运', trackingCode: 'shunfeng' },
  YTO: { name: '圆通速递', trackingCode: 'yuantong' },
  JT: { name: '极兔速递', trackingCode: 'jtexpress' },
  JD: { name: '京东物流', trackingCode: 'jd' },
  DEPPON: { name: '德邦快递', trackingCode: 'debangkuaidi' },
  ZTO: { name: '中通快递', trackingCode: 'zhongtong' },
  STO: { name: '申通快递', trackingCode: 'shentong' },
  YUNDA: { name: '韵达快递', trackingCode: 'yunda' },
  EMS: { name: 'EMS / 中国邮政', trackingCode: 'ems' },
  CAINIAO: { name: '菜鸟', trackingCode: 'cainiao' },
  UPU: { name: '国际邮政 (UPU S10)', trackingCode: 'youzhengguoji' },
} as const;
export type CarrierCode = keyof typeof carriers;

export type Confidence = 'high' | 'low';

export interface CarrierCandidate {
  carrier: CarrierCode;
  confidence: Confidence;
  /** 0–1, for ordering: letter-prefixed formats high, digit-only formats by how specific. */
  score: number;
  /** Why this carrier was suggested, for the agent (e.g. "14 digits starting 73–78"). */
  rule: string;
}

export interface S10Check {
  valid: boolean;
  expected: number;
  /** The number with the check digit corrected, when it was wrong (a likely typo). */
  suggestion: string | null;
}

export interface WaybillRecognition {
  input: string;
  normalised: string;
  /** Best first; empty when nothing matched (the number is still searchable). */
  candidates: CarrierCandidate[];
  s10: S10Check | null;
}

/** Trim, fold full-width characters (Chinese IMEs type ＳＦ１２３), upper-case, drop spaces/hyphens. */
export function normaliseWaybillNumber(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-－—_]+/g, '');
}

/** UPU S10 check digit for the 8 serial digits: weights 8,6,4,2,3,5,9,7; 10→0, 11→5. */
export function s10CheckDigit(serial: string): number {
  if (!/^\d{8}$/.test(serial)) throw new RangeError('S10 serial must be 8 digits');
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * weights[i]!;
  const check = 11 - (sum % 11);
  return check === 10 ? 0 : check === 11 ? 5 : check;
}

interface Rule {
  carrier: CarrierCode;
  pattern: RegExp;
  confidence: Confidence;
  score: number;
  rule: string;
}

const rules: readonly Rule[] = [
  {
    carrier: 'SF',
    pattern: /^SF[A-Z0-9]\d{12}$/,
    confidence: 'high',
    score: 0.98,
    rule: 'SF + 13 位',
  },
  {
    carrier: 'YTO',
    pattern: /^YT\d{13}$/,
    confidence: 'high',
    score: 0.98,
    rule: 'YT + 13 位数字',
  },
  {
    carrier: 'JT',
    pattern: /^JT\d{12,13}$/,
    confidence: 'high',
    score: 0.98,
    rule: 'JT + 12–13 位数字',
  },
  {
    carrier: 'JD',
    pattern: /^JD[A-Z0-9]{2}\d{11}$/,
    confidence: 'high',
    score: 0.98,
    rule: 'JD + 2 位 + 11 位数字',
  },
  {
    carrier: 'DEPPON',
    pattern: /^DPK\d{12}$/,
    confidence: 'high',
    score: 0.98,
    rule: 'DPK + 12 位数字',
  },
  // Digit-only formats overlap; the more specific prefix ranks higher.
  {
    carrier: 'ZTO',
    pattern: /^7[3-8]\d{12}$/,
    confidence: 'low',
    score: 0.6,
    rule: '14 位，73–78 开头',
  },
  { carrier: 'STO', pattern: /^77\d{13}$/, confidence: 'low', score: 0.55, rule: '15 位，77 开头' },
  { carrier: 'STO', pattern: /^43\d{11}$/, confidence: 'low', score: 0.35, rule: '13 位，43 开头' },
  {
    carrier: 'CAINIAO',
    pattern: /^621\d{9,13}$/,
    confidence: 'low',
    score: 0.45,
    rule: '621 开头',
  },
  {
    carrier: 'YUNDA',
    pattern: /^(\d{13}|\d{15})$/,
    confidence: 'low',
    score: 0.3,
    rule: '13 或 15 位数字',
  },
  { carrier: 'EMS', pattern: /^[1-9]\d{12}$/, confidence: 'low', score: 0.25, rule: '13 位数字' },
];

const S10 = /^([A-Z]{2})(\d{8})(\d)([A-Z]{2})$/;

export function recogniseWaybill(input: string): WaybillRecognition {
  const normalised = normaliseWaybillNumber(input);
  const candidates: CarrierCandidate[] = [];
  for (const r of rules) {
    if (r.pattern.test(normalised) && !candidates.some((c) => c.carrier === r.carrier)) {
      candidates.push({
        carrier: r.carrier,
        confidence: r.confidence,
        score: r.score,
        rule: r.rule,
      });
    }
  }
  let s10: S10Check | null = null;
  const m = S10.exec(normalised);
  if (m) {
    const [, service, serial, check, country] = m as unknown as [
      string,
      string,
      string,
      string,
      string,
    ];
    const expected = s10CheckDigit(serial);
    const valid = expected === Number(check);
    s10 = {
      valid,
      expected,
      suggestion: valid ? null : `${service}${serial}${expected}${country}`,
    };
    candidates.push({
      carrier: country === 'CN' ? 'EMS' : 'UPU',
      // A wrong check digit is most likely a typo: still suggested, with low confidence.
      confidence: valid ? 'high' : 'low',
      score: valid ? 0.97 : 0.4,
      rule: valid ? 'UPU S10，校验位正确' : `UPU S10，校验位应为 ${expected}`,
    });
  }
  candidates.sort((a, b) => b.score - a.score);
  return { input, normalised, candidates, s10 };
}
