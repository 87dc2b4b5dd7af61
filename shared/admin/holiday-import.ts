/**
 * Importing the next year's holiday and 调休 schedule (issue #15, the calendar): a lead pastes or
 * loads either the `chinese-days` package's own JSON (date → "English,中文,days", the format the
 * desk already reads from setting `desk.holidaySchedule`) or the State Council's notice as text
 * (国务院办公厅关于YYYY年部分节假日安排的通知: "二、春节：2月15日（周日）至23日（周一）放假调休，共9天。
 * 2月14日（周六）、2月28日（周六）上班。"). Both end as `HolidayScheduleData`, checked entry by entry;
 * every problem names its entry, so the lead can correct the file and try again. Pure.
 *
 * Refused: text that is not the format, dates that are not calendar dates, a day both holiday and
 * working day, a 调休 working day on a weekday, a weekday in the notice that does not match its date,
 * a "共N天" that does not match the range, a year outside this year and the next, a working day
 * far from the years imported, an in-lieu day that is not a holiday, a file with no holiday.
 */
import { z } from 'zod';
import type { HolidayScheduleData } from '../common/calendar';
import { holidayScheduleSchema } from '../common/calendar';
import type { AdminIssueCode } from './rules';

/** What a lead may paste or load: 256 KB is several times a year's JSON. */
export const HOLIDAY_IMPORT_MAX_CHARS = 256_000;
/** Problems reported at most (a wholly wrong file would otherwise list thousands). */
export const HOLIDAY_IMPORT_MAX_ISSUES = 30;

export const holidayImportFormats = ['chinese_days_json', 'official_text'] as const;
export type HolidayImportFormat = (typeof holidayImportFormats)[number];

/**
 * Where a problem is, in `issues[].path`: `date:YYYY-MM-DD` (an entry of the JSON, or a date of
 * the notice), `year:YYYY`, `entry:<the notice's item name>`, or `text` (the whole input).
 */
export interface ImportIssue {
  path: string;
  message: AdminIssueCode;
}

export type ImportOutcome =
  { ok: true; data: HolidayScheduleData; years: number[] } | { ok: false; issues: ImportIssue[] };

/** The years a lead may import, given the desk's current local year: this one and the next. */
export function importableYears(thisYear: number): { first: number; last: number } {
  return { first: thisYear, last: thisYear + 1 };
}

const looseSchedule = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
  inLieuDays: z.record(z.string(), z.string()).optional(),
});

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The weekday (0 Sunday … 6 Saturday) of a real 'YYYY-MM-DD', or null if it is not one. */
export function weekdayOf(date: string): number | null {
  const m = DATE.exec(date);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== mo - 1 || t.getUTCDate() !== d) return null;
  return t.getUTCDay();
}

const short = (s: string) => (s.length > 24 ? `${s.slice(0, 24)}…` : s);

/** Checks a schedule in the package's JSON shape; `thisYear` is the desk's current local year. */
export function checkSchedule(raw: unknown, thisYear: number): ImportOutcome {
  const loose = looseSchedule.safeParse(raw);
  if (!loose.success) return { ok: false, issues: [{ path: 'text', message: 'schedule_format' }] };
  const { holidays, workdays, inLieuDays = {} } = loose.data;
  const issues: ImportIssue[] = [];
  const add = (path: string, message: AdminIssueCode) => {
    if (!issues.some((i) => i.path === path && i.message === message))
      issues.push({ path, message });
  };
  const range = importableYears(thisYear);
  const years = new Set<number>();
  for (const [date, name] of Object.entries(holidays)) {
    if (weekdayOf(date) === null) {
      add(`date:${short(date)}`, 'schedule_date');
      continue;
    }
    if (name.trim() === '' || name.length > 100) add(`date:${date}`, 'schedule_name');
    const year = Number(date.slice(0, 4));
    if (year < range.first || year > range.last) add(`year:${year}`, 'schedule_year_range');
    years.add(year);
  }
  if (Object.keys(holidays).length === 0) add('text', 'schedule_no_holidays');
  for (const [date, name] of Object.entries(workdays)) {
    const weekday = weekdayOf(date);
    if (weekday === null) {
      add(`date:${short(date)}`, 'schedule_date');
      continue;
    }
    if (name.trim() === '' || name.length > 100) add(`date:${date}`, 'schedule_name');
    if (date in holidays) add(`date:${date}`, 'schedule_both');
    if (weekday !== 0 && weekday !== 6) add(`date:${date}`, 'schedule_workday_weekday');
    // A 调休 working day belongs to an imported year, or (for New Year's Day) its last December.
    const year = Number(date.slice(0, 4));
    const december = date.slice(5, 7) === '12' && years.has(year + 1);
    if (!years.has(year) && !december) add(`date:${date}`, 'schedule_workday_year');
  }
  for (const date of Object.keys(inLieuDays)) {
    if (weekdayOf(date) === null) add(`date:${short(date)}`, 'schedule_date');
    else if (!(date in holidays)) add(`date:${date}`, 'schedule_in_lieu');
  }
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, HOLIDAY_IMPORT_MAX_ISSUES) };
  const data = holidayScheduleSchema.safeParse(loose.data);
  // Every rule of the stored schema is checked above, entry by entry; this is the guard.
  if (!data.success) return { ok: false, issues: [{ path: 'text', message: 'schedule_format' }] };
  return { ok: true, data: data.data, years: [...years].sort((a, b) => a - b) };
}

/** The package's JSON, as pasted or loaded from its file. */
export function parseScheduleJson(text: string, thisYear: number): ImportOutcome {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, issues: [{ path: 'text', message: 'schedule_json' }] };
  }
  return checkSchedule(raw, thisYear);
}

/** The holidays' names as the package writes them (its English half). */
const englishNames: Record<string, string> = {
  元旦: "New Year's Day",
  春节: 'Spring Festival',
  清明节: 'Tomb-sweeping Day',
  清明: 'Tomb-sweeping Day',
  劳动节: 'Labour Day',
  端午节: 'Dragon Boat Festival',
  端午: 'Dragon Boat Festival',
  中秋节: 'Mid-autumn Festival',
  中秋: 'Mid-autumn Festival',
  国庆节: 'National Day',
  '国庆节、中秋节': 'National Day',
};

const WEEKDAY_NAMES = '日一二三四五六';
/** "2月15日（农历腊月二十八、周日）", with an optional "2025年" before it. */
const DATE_IN_TEXT = /(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:（([^）]*)）|\(([^)]*)\))?/g;
const ITEM = /^\s*[一二三四五六七八九十]+、\s*([^：:]{1,20})[：:](.*)$/s;

const iso = (y: number, m: number, d: number) =>
  `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** The weekday a parenthesis names ("周日", "星期六"), or null when it names none. */
function namedWeekday(paren: string | undefined): number | null {
  const m = paren ? /(?:周|星期)([一二三四五六日天])/.exec(paren) : null;
  if (!m) return null;
  return m[1] === '天' ? 0 : WEEKDAY_NAMES.indexOf(m[1]!);
}

/**
 * The State Council's notice as text. The year is the notice's own ("…关于2027年部分节假日安排的
 * 通知") or `year` when the title was not pasted. Each item "N、名称：…" gives its holiday range
 * (before "放假") and its 调休 working days (the dates of the sentence ending in "上班").
 */
export function parseOfficialNotice(text: string, thisYear: number, year?: number): ImportOutcome {
  const titled = /(\d{4})\s*年\s*(?:部分)?节假日安排/.exec(text);
  const noticeYear = year ?? (titled ? Number(titled[1]) : undefined);
  if (noticeYear === undefined)
    return { ok: false, issues: [{ path: 'text', message: 'schedule_text_year' }] };
  const holidays: Record<string, string> = {};
  const workdays: Record<string, string> = {};
  const issues: ImportIssue[] = [];
  // One item per line, or several on one pasted line: split before each "N、" that follows a "。"
  // or the title ("（农历腊月二十八、周日）" is no item).
  const items = text
    .split(/\n|(?<=[。通知])\s*(?=[一二三四五六七八九十]+、)/)
    .map((s) => ITEM.exec(s))
    .filter((m): m is RegExpExecArray => m !== null);
  for (const m of items) {
    const name = m[1]!.trim();
    const body = m[2]!;
    const value = `${englishNames[name] ?? name},${name}`;
    const path = `entry:${short(name)}`;
    const off = body.indexOf('放假');
    const dates = off < 0 ? [] : [...body.slice(0, off).matchAll(DATE_IN_TEXT)];
    const first = dates[0];
    if (!first) {
      issues.push({ path, message: 'schedule_text_item' });
      continue;
    }
    // "…至23日（周一）" (same month) or "…至3月1日" right after the first date.
    const rest = body.slice(first.index + first[0].length, off);
    const end = /^至(?:(?:(\d{4})年)?(\d{1,2})月)?(\d{1,2})日(?:（([^）]*)）|\(([^)]*)\))?/.exec(
      rest,
    );
    const startYear = first[1] ? Number(first[1]) : noticeYear;
    const start = iso(startYear, Number(first[2]), Number(first[3]));
    const startDay = weekdayOf(start);
    if (startDay === null) {
      issues.push({ path: `date:${start}`, message: 'schedule_date' });
      continue;
    }
    const named = namedWeekday(first[4] ?? first[5]);
    if (named !== null && named !== startDay)
      issues.push({ path: `date:${start}`, message: 'schedule_weekday' });
    let last = start;
    if (end) {
      const endYear = end[1] ? Number(end[1]) : startYear;
      last = iso(endYear, end[2] ? Number(end[2]) : Number(first[2]), Number(end[3]));
      const lastDay = weekdayOf(last);
      if (lastDay === null) {
        issues.push({ path: `date:${last}`, message: 'schedule_date' });
        continue;
      }
      const namedEnd = namedWeekday(end[4] ?? end[5]);
      if (namedEnd !== null && namedEnd !== lastDay)
        issues.push({ path: `date:${last}`, message: 'schedule_weekday' });
    }
    const span = daysBetween(start, last) + 1;
    if (span < 1 || span > 15) {
      issues.push({ path, message: 'schedule_text_item' });
      continue;
    }
    const total = /共\s*(\d{1,2})\s*天/.exec(body);
    if (total && Number(total[1]) !== span) issues.push({ path, message: 'schedule_days_count' });
    for (let i = 0; i < span; i++) holidays[addDays(start, i)] = value;
    // The 调休 working days: every date of a sentence that says "上班".
    for (const sentence of body.slice(off).split(/[。；;]/)) {
      if (!sentence.includes('上班')) continue;
      for (const w of sentence.matchAll(DATE_IN_TEXT)) {
        const date = iso(w[1] ? Number(w[1]) : noticeYear, Number(w[2]), Number(w[3]));
        const day = weekdayOf(date);
        if (day === null) {
          issues.push({ path: `date:${date}`, message: 'schedule_date' });
          continue;
        }
        const namedW = namedWeekday(w[4] ?? w[5]);
        if (namedW !== null && namedW !== day)
          issues.push({ path: `date:${date}`, message: 'schedule_weekday' });
        workdays[date] = value;
      }
    }
  }
  if (items.length === 0) issues.push({ path: 'text', message: 'schedule_text_item' });
  if (issues.length > 0) return { ok: false, issues: issues.slice(0, HOLIDAY_IMPORT_MAX_ISSUES) };
  return checkSchedule({ holidays, workdays }, thisYear);
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/** Either format, as the lead sent it. */
export function parseHolidayImport(
  format: HolidayImportFormat,
  text: string,
  thisYear: number,
  year?: number,
): ImportOutcome {
  return format === 'chinese_days_json'
    ? parseScheduleJson(text, thisYear)
    : parseOfficialNotice(text, thisYear, year);
}

/** `base`'s entries with `extra`'s years replacing its own (what is stored after an import). */
export function mergeScheduleData(
  base: HolidayScheduleData | undefined,
  extra: HolidayScheduleData,
  extraYears: readonly number[],
): HolidayScheduleData {
  if (!base) return extra;
  const replaced = new Set(extraYears);
  const keep = (entries: Record<string, string> | undefined, holidaysToo: boolean) =>
    Object.fromEntries(
      Object.entries(entries ?? {}).filter(([d]) => {
        const y = Number(d.slice(0, 4));
        // A December 调休 day belongs to the next year's notice when that year is replaced.
        const nextYears = !holidaysToo && d.slice(5, 7) === '12' && replaced.has(y + 1);
        return !replaced.has(y) && !nextYears;
      }),
    );
  const inLieu = { ...keep(base.inLieuDays, true), ...extra.inLieuDays };
  return {
    holidays: { ...keep(base.holidays, true), ...extra.holidays },
    workdays: { ...keep(base.workdays, false), ...extra.workdays },
    ...(Object.keys(inLieu).length > 0 && { inLieuDays: inLieu }),
  };
}
