/**
 * What the agent typed into the one search box, understood (issue: waybill lookup). Pure.
 *   SF1234567890123        → waybill number (exact)        ≥ 6 chars, mostly digits → prefix
 *   13812345678 / 0571…    → phone number
 *   5678 王芳 / 王芳 尾号5678 → last 4 digits + name
 *   5678 2026-11-01~2026-11-20 → last 4 digits + date range
 *   王芳 / 鼎盛贸易          → customer or company name (2 chars: B-tree path; ≥ 3: full-text)
 *   文化路12号 / 西湖区      → address fragment (full-text; shorter than 3: bounded scan)
 */
import type { WaybillRecognition } from './waybill';
import { normaliseWaybillNumber, recogniseWaybill } from './waybill';
import { fromLocal } from '../common/calendar';

export type ParsedQuery =
  | { kind: 'waybill'; number: string; prefix: boolean; recognition: WaybillRecognition }
  | { kind: 'phone'; phone: string }
  | { kind: 'last4'; last4: string; name: string | null; from: number | null; to: number | null }
  | { kind: 'name'; name: string }
  | { kind: 'address'; text: string }
  | { kind: 'invalid'; reason: 'empty' | 'too_long' | 'last4_needs_more' | 'too_short' };

const addressMarkers = /[省市区县镇乡村路街道巷弄号栋楼室园苑厦场城湾]/;
const cjk = /[\u3400-\u9fff]/;
const DATE = /(\d{4})-(\d{1,2})-(\d{1,2})/;

export const MAX_QUERY_LENGTH = 100;

export function parseSearchQuery(raw: string, timeZone = 'Asia/Shanghai'): ParsedQuery {
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'invalid', reason: 'empty' };
  if (text.length > MAX_QUERY_LENGTH) return { kind: 'invalid', reason: 'too_long' };

  const compact = text.replace(/[\s-]/g, '');
  if (/^(\+?86)?1[3-9]\d{9}$/.test(compact)) return { kind: 'phone', phone: compact.slice(-11) };
  if (/^0\d{2,3}\d{7,8}$/.test(compact)) return { kind: 'phone', phone: compact };

  const number = normaliseWaybillNumber(text);
  // Letters and digits only (spaces and hyphens as typed in groups): a waybill number.
  if (/^[A-Z0-9]+$/.test(number) && /\d/.test(number) && !/^\d{4}$/.test(number)) {
    if (number.length < 6) return { kind: 'invalid', reason: 'too_short' };
    const recognition = recogniseWaybill(number);
    // A full-format number is looked up exactly; anything shorter is a prefix of one.
    return {
      kind: 'waybill',
      number,
      prefix: recognition.candidates.length === 0 && number.length < 12,
      recognition,
    };
  }

  // 尾号: four digits with a name and/or a date range, in either order.
  const last4 = /(?:^|\s|尾号)(\d{4})(?=\s|$)/.exec(text);
  if (last4 && !/^\d{4}$/.test(compact.replace(/尾号/, ''))) {
    const rest = text.replace(last4[0], ' ').replace(/尾号/g, ' ').trim();
    const dates = [...rest.matchAll(new RegExp(DATE, 'g'))];
    const toMs = (m: RegExpMatchArray, end: boolean) =>
      fromLocal(Number(m[1]), Number(m[2]), Number(m[3]), 0, 0, timeZone) +
      (end ? 86_400_000 - 1 : 0);
    const name = rest
      .replace(new RegExp(DATE, 'g'), ' ')
      .replace(/[~～至到]|\.\./g, ' ')
      .trim();
    const from = dates[0] ? toMs(dates[0], false) : null;
    const to = dates[1] ? toMs(dates[1], true) : dates[0] ? toMs(dates[0], true) : null;
    if (name === '' && from === null) return { kind: 'invalid', reason: 'last4_needs_more' };
    return { kind: 'last4', last4: last4[1]!, name: name === '' ? null : name, from, to };
  }
  if (/^(尾号)?\d{4}$/.test(compact)) return { kind: 'invalid', reason: 'last4_needs_more' };

  if (cjk.test(text) && !addressMarkers.test(text) && text.length <= 4 && !/\s/.test(text)) {
    return { kind: 'name', name: text };
  }
  if (cjk.test(text) && /(有限公司|公司|厂|店|商行)$/.test(text))
    return { kind: 'name', name: text };
  if (text.length < 2) return { kind: 'invalid', reason: 'too_short' };
  return { kind: 'address', text };
}
