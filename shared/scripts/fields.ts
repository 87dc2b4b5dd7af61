/**
 * Reading what the agent typed into an `ask` step: each field type's rule, an error code the UI
 * translates (never English on screen), and the stored value. Money is typed in yuan and kept in
 * fen; dates as `YYYY-MM-DD`, date-times as `YYYY-MM-DD HH:mm` (the desk's local time). Pure.
 */
import { normalisePhone } from '../common/phone';
import { normaliseWaybillNumber, recogniseWaybill } from '../waybills/waybill';
import type { CapturedValue } from './context';
import type { FieldSpec } from './model';
import { scriptLimits } from './model';

export const captureErrors = [
  'required',
  'too_long',
  'not_a_number',
  'not_money',
  'not_a_phone',
  'not_a_waybill',
  'not_an_option',
  'not_a_date',
  'not_a_datetime',
] as const;
export type CaptureError = (typeof captureErrors)[number];

export type CaptureResult =
  { ok: true; value: CapturedValue | null } | { ok: false; error: CaptureError };

const validDate = (y: number, m: number, d: number) => {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
};

function readDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!validDate(y, mo, d)) return null;
  return `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function readDateTime(s: string): string | null {
  const m = /^(.+?)[ T]+(\d{1,2})[:：](\d{2})$/.exec(s);
  if (!m) return null;
  const date = readDate(m[1]!.trim());
  const [h, min] = [Number(m[2]), Number(m[3])];
  if (!date || h > 23 || min > 59) return null;
  return `${date} ${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** Reads the agent's input for a field: the value to keep, or why it is refused. */
export function readCapture(field: FieldSpec, input: string): CaptureResult {
  const s = input.trim();
  if (s.length > scriptLimits.captureMax) return { ok: false, error: 'too_long' };
  if (s === '')
    return field.required ? { ok: false, error: 'required' } : { ok: true, value: null };
  switch (field.type) {
    case 'text':
      return { ok: true, value: s };
    case 'number': {
      if (!/^-?\d+(\.\d+)?$/.test(s)) return { ok: false, error: 'not_a_number' };
      return { ok: true, value: Number(s) };
    }
    case 'money': {
      const m = /^¥?\s*(\d{1,9})(?:\.(\d{1,2}))?$/.exec(s.replace(/元$/, ''));
      if (!m) return { ok: false, error: 'not_money' };
      return { ok: true, value: Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) };
    }
    case 'phone': {
      const p = normalisePhone(s);
      if (!p || !p.valid) return { ok: false, error: 'not_a_phone' };
      return { ok: true, value: p.national };
    }
    case 'waybill': {
      const n = normaliseWaybillNumber(s);
      if (recogniseWaybill(n).candidates.length === 0) return { ok: false, error: 'not_a_waybill' };
      return { ok: true, value: n };
    }
    case 'choice':
      return (field.options ?? []).includes(s)
        ? { ok: true, value: s }
        : { ok: false, error: 'not_an_option' };
    case 'date': {
      const d = readDate(s);
      return d ? { ok: true, value: d } : { ok: false, error: 'not_a_date' };
    }
    case 'datetime': {
      const d = readDateTime(s);
      return d ? { ok: true, value: d } : { ok: false, error: 'not_a_datetime' };
    }
  }
}

/** A value the field accepts (walk-throughs, the editor's preview, practice). */
export function sampleInput(field: FieldSpec): string {
  switch (field.type) {
    case 'text':
      return '示例';
    case 'number':
      return '1';
    case 'money':
      return '100.00';
    case 'phone':
      return '13812345678';
    case 'waybill':
      return 'SF1234567890123';
    case 'choice':
      return field.options?.[0] ?? '';
    case 'date':
      return '2026-12-03';
    case 'datetime':
      return '2026-12-03 15:00';
  }
}
