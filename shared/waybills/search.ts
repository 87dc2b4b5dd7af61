/**
 * What the agent typed into the one search box, understood (issue: waybill lookup). Pure.
 *   SF1234567890123        → waybill number (exact)        ≥ 6 chars, mostly digits → prefix
 *   13812345678 / 0571…    → phone number
 *   5678 王芳 / 王芳 尾号5678 / 5678王芳 → last 4 digits + name
 *   5678 2026-11-01~2026-11-20 / 5678 2026-11-14 / 5678 11-14 → last 4 digits + date (range)
 *   王芳 / 鼎盛贸易          → customer or company name (2 chars: B-tree path; ≥ 3: full-text)
 *   文化路12号 / 西湖区      → address fragment (full-text; shorter than 3: bounded scan)
 *
 * A date without a year (11-14, 11/14, 11月14日) is this year's in the desk's time zone, or last
 * year's when this year's is still to come (agents look back, never ahead).
 */
import type { WaybillRecognition } from './waybill';
import { normaliseWaybillNumber, recogniseWaybill } from './waybill';
import { fromLocal, localParts } from '../common/calendar';

export type ParsedQuery =
  | { kind: 'waybill'; number: string; prefix: boolean; recognition: WaybillRecognition }
  | { kind: 'phone'; phone: string }
  | { kind: 'last4'; last4: string; name: string | null; from: number | null; to: number | null }
  | { kind: 'name'; name: string }
  | { kind: 'address'; text: string }
  | {
      kind: 'invalid';
      reason: 'empty' | 'too_long' | 'last4_needs_more' | 'too_short' | 'bad_date';
    };

const addressMarkers = /[省市区县镇乡村路街道巷弄号栋楼室园苑厦场城湾]/;
const cjk = /[\u3400-\u9fff]/;
/**
 * A name typed against its 尾号 with no space (0562刘明, 刘明0562): Chinese characters only, and not
 * ending like an address (0562号, 1234路).
 */
const isGluedName = (s: string) =>
  /^[\u3400-\u9fff·]{1,6}$/.test(s) && !addressMarkers.test(s.slice(-1));
/** 2026-11-14, 2026/11/14, 2026.11.14, 2026年11月14日; without the year: 11-14, 11/14, 11月14日. */
const DATE_TOKEN = /^(?:(\d{4})[-/.年])?(\d{1,2})[-/.月](\d{1,2})日?$/;
/** Something written like a date but not one (2026-13-01, 02-30): said, not searched as a name. */
const DATE_SHAPE = /^(?:\d{4}[-/.年])?\d{1,2}[-/.月]\d{1,2}日?$/;
const RANGE = /^(?:[~～至到]|\.\.)$/;

export const MAX_QUERY_LENGTH = 100;

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

function isRealDay(d: LocalDay): boolean {
  const t = new Date(Date.UTC(d.year, d.month - 1, d.day));
  return (
    t.getUTCFullYear() === d.year && t.getUTCMonth() === d.month - 1 && t.getUTCDate() === d.day
  );
}

const dayStart = (d: LocalDay, tz: string) => fromLocal(d.year, d.month, d.day, 0, 0, tz);
const dayEnd = (d: LocalDay, tz: string) => fromLocal(d.year, d.month, d.day + 1, 0, 0, tz) - 1;
const before = (a: LocalDay, b: LocalDay) =>
  a.year * 10_000 + a.month * 100 + a.day < b.year * 10_000 + b.month * 100 + b.day;

/**
 * The 尾号 reading: exactly one 4-digit group (or one marked 尾号), with a name and/or one or two
 * dates, in any order, spaced or glued (0562刘明, 刘明0562). Null when the text is not of that form.
 */
function parseLast4(
  text: string,
  timeZone: string,
  now: number,
): { query: ParsedQuery; dated: boolean } | null {
  const tokens = text
    // A range typed without spaces: 11-01~11-20, 2026-11-01至2026-11-20.
    .replace(/(\d日?)\s*([~～至到]|\.\.)\s*(?=\d)/g, '$1 ~ ')
    .split(' ')
    .flatMap((t) => {
      // 尾号 written before or after its digits, glued or not.
      const marked = /^(.*?)尾号(\d{4})(.*)$/.exec(t) ?? /^(.*?)(\d{4})尾号(.*)$/.exec(t);
      if (marked) return [marked[1]!, `#${marked[2]!}`, marked[3]!].filter(Boolean);
      if (t === '尾号') return [];
      const front = /^(\d{4})(.+)$/.exec(t);
      if (front && isGluedName(front[2]!)) return [front[1]!, front[2]!];
      const back = /^(.+?)(\d{4})$/.exec(t);
      if (back && isGluedName(back[1]!)) return [back[1]!, back[2]!];
      return [t];
    });
  // The 尾号: the one marked so, else the first group of exactly four digits.
  let at = tokens.findIndex((t) => /^#\d{4}$/.test(t));
  if (at < 0) at = tokens.findIndex((t) => /^\d{4}$/.test(t));
  if (at < 0) return null;
  const last4 = tokens[at]!.replace('#', '');
  const rest = tokens.filter((_, i) => i !== at).map((t) => t.replace(/^#/, ''));
  const dateTokens = rest.filter((t) => DATE_SHAPE.test(t));
  const nameParts = rest.filter((t) => !DATE_SHAPE.test(t) && !RANGE.test(t));
  const dated = dateTokens.length > 0;
  const invalid = (reason: 'last4_needs_more' | 'bad_date') => ({
    query: { kind: 'invalid', reason } as const,
    dated,
  });
  if (!dated && nameParts.length === 0) return invalid('last4_needs_more');
  if (dateTokens.length > 2) return invalid('bad_date');

  // Dates: parse, then give the ones typed without a year theirs.
  const typed = dateTokens.map((t) => {
    const m = DATE_TOKEN.exec(t)!;
    return { year: m[1] ? Number(m[1]) : null, month: Number(m[2]), day: Number(m[3]) };
  });
  const today = localParts(now, timeZone);
  const notAhead = (d: { month: number; day: number }, limit: LocalDay): LocalDay => {
    const thisYear = { year: limit.year, month: d.month, day: d.day };
    return before(limit, thisYear) ? { ...thisYear, year: limit.year - 1 } : thisYear;
  };
  let days: LocalDay[] = [];
  const [a, b] = typed;
  if (a && !b) days = [a.year === null ? notAhead(a, today) : { ...a, year: a.year }];
  if (a && b) {
    if (a.year !== null && b.year !== null) {
      days = [
        { ...a, year: a.year },
        { ...b, year: b.year },
      ];
    } else if (a.year !== null) {
      const start = { ...a, year: a.year };
      const end = { ...b, year: a.year };
      days = [start, before(end, start) ? { ...end, year: a.year + 1 } : end];
    } else {
      const end: LocalDay = b.year === null ? notAhead(b, today) : { ...b, year: b.year };
      days = [notAhead(a, end), end];
    }
  }
  if (!days.every(isRealDay)) return invalid('bad_date');
  if (days[0] && days[1] && before(days[1], days[0])) days = [days[1], days[0]];

  const name = nameParts.join(' ');
  const last = days[1] ?? days[0];
  return {
    query: {
      kind: 'last4',
      last4,
      name: name === '' ? null : name,
      from: days[0] ? dayStart(days[0], timeZone) : null,
      to: last ? dayEnd(last, timeZone) : null,
    },
    dated,
  };
}

/**
 * @param timeZone the desk's, for dates (day boundaries, and the year of a date typed without one)
 * @param now the desk clock's time (dates without a year never lie ahead of it)
 */
export function parseSearchQuery(
  raw: string,
  timeZone = 'Asia/Shanghai',
  now: number = Date.now(),
): ParsedQuery {
  const text = raw.normalize('NFKC').trim().replace(/\s+/g, ' ');
  if (text === '') return { kind: 'invalid', reason: 'empty' };
  if (text.length > MAX_QUERY_LENGTH) return { kind: 'invalid', reason: 'too_long' };

  // "0562 2026-11-14" has as many digits as a landline, and "0562 11-20" as a number prefix: a
  // 尾号 followed by something written as a date is read as that before anything else.
  const last4 = parseLast4(text, timeZone, now);
  if (last4?.dated) return last4.query;

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

  if (last4) return last4.query;

  if (cjk.test(text) && !addressMarkers.test(text) && text.length <= 4 && !/\s/.test(text)) {
    return { kind: 'name', name: text };
  }
  if (cjk.test(text) && /(有限公司|公司|厂|店|商行)$/.test(text))
    return { kind: 'name', name: text };
  if (text.length < 2) return { kind: 'invalid', reason: 'too_short' };
  return { kind: 'address', text };
}
