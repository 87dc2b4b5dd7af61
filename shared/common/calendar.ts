/**
 * Desk-local calendar arithmetic for deadlines: "2 working days", "17:00 on day 3", "7 days",
 * "24 hours". Uses Intl for the time zone (no DST in Asia/Shanghai, but desks may be configured
 * elsewhere). China moves working days around public holidays (调休): which days are holidays and
 * which weekend days are worked comes from the State Council's yearly schedule, as the maintained
 * `chinese-days` package carries it (official-holidays.ts), plus the years a lead imports
 * (`desk.holidaySchedule`, the package's own JSON format). A deadline that runs through a year no
 * schedule covers is computed on weekdays alone and says so (`coversSpan`).
 */
import { z } from 'zod';
import { packagedSchedule } from './official-holidays';

/** The official holiday schedule (调休 included) for the years it covers. */
export interface HolidaySchedule {
  /** Years with official data; other years count weekdays only. */
  years: ReadonlySet<number>;
  /** 'YYYY-MM-DD' public holidays (weekdays among them are not worked). */
  holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' weekend days that are working days (调休). */
  workdays: ReadonlySet<string>;
}

export interface WorkCalendar {
  timeZone: string;
  /** 'YYYY-MM-DD' dates that are not working days although they are weekdays. */
  holidays: readonly string[];
  /** 'YYYY-MM-DD' weekend dates that are working days (调休). */
  extraWorkdays: readonly string[];
  /** The official schedule; the two lists above are the desk's own additions on top of it. */
  schedule?: HolidaySchedule;
}

/** The desk's time zone when none is configured (the courier works on Beijing time). */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/** A configured time zone, or the default when none is set. */
export function deskTimeZone(configured: string | null | undefined): string {
  return configured || DEFAULT_TIME_ZONE;
}

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const defaultCalendar: WorkCalendar = {
  timeZone: DEFAULT_TIME_ZONE,
  holidays: [],
  extraWorkdays: [],
  schedule: packagedSchedule,
};

/** A real calendar date written YYYY-MM-DD. */
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD')
  .refine((d) => {
    const [y, m, day] = d.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, day));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === day;
  }, 'not a calendar date');
/** The `desk.calendar` setting: holidays and 调休 working days (the time zone is set apart). */
export const calendarSettingSchema = z.strictObject({
  holidays: z.array(isoDate).default([]),
  extraWorkdays: z.array(isoDate).default([]),
});

/**
 * A year's (or several years') schedule as the `chinese-days` package writes it, which is also
 * what a lead imports for a year the package does not cover yet: date → "English,中文,days".
 * Refused: dates that are not dates, a day both holiday and working day, a 调休 working day that
 * is not a weekend day, a holiday on a weekend with no weekday holiday in the same year.
 */
export const holidayScheduleSchema = z
  .strictObject({
    holidays: z.record(isoDate, z.string().max(100)),
    workdays: z.record(isoDate, z.string().max(100)),
    inLieuDays: z.record(isoDate, z.string().max(100)).optional(),
  })
  .superRefine((s, ctx) => {
    for (const d of Object.keys(s.workdays)) {
      if (d in s.holidays) {
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', d],
          message: 'both holiday and working day',
        });
      }
      const [y, m, day] = d.split('-').map(Number) as [number, number, number];
      const weekday = new Date(Date.UTC(y, m - 1, day)).getUTCDay();
      if (weekday !== 0 && weekday !== 6) {
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', d],
          message: 'a 调休 working day is a weekend day',
        });
      }
    }
    if (Object.keys(s.holidays).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['holidays'], message: 'no holidays' });
    }
  });
export type HolidayScheduleData = z.infer<typeof holidayScheduleSchema>;

/** The schedule in `data`; the years it covers are the years its holidays fall in. */
export function scheduleFrom(data: HolidayScheduleData): HolidaySchedule {
  const holidays = Object.keys(data.holidays);
  return {
    years: new Set(holidays.map((d) => Number(d.slice(0, 4)))),
    holidays: new Set(holidays),
    workdays: new Set(Object.keys(data.workdays)),
  };
}

/** `base` with `extra`'s years replacing its own (an imported year supersedes the package's). */
export function mergeSchedules(base: HolidaySchedule, extra: HolidaySchedule): HolidaySchedule {
  const keep = (d: string) => !extra.years.has(Number(d.slice(0, 4)));
  return {
    years: new Set([...base.years, ...extra.years]),
    holidays: new Set([...[...base.holidays].filter(keep), ...extra.holidays]),
    workdays: new Set([...[...base.workdays].filter(keep), ...extra.workdays]),
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function localParts(ms: number, timeZone: string): LocalParts {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(ms)) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return {
    year: p['year']!,
    month: p['month']!,
    day: p['day']!,
    hour: p['hour']!,
    minute: p['minute']!,
    second: p['second']!,
  };
}

/** Offset of the zone from UTC at `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return (
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(ms / 1000) * 1000
  );
}

/** Epoch ms of a local wall-clock time in the zone. */
export function fromLocal(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  return guess - offsetAt(guess - offsetAt(guess, timeZone), timeZone);
}

export function localDate(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function isWorkingDay(ms: number, cal: WorkCalendar): boolean {
  const date = localDate(ms, cal.timeZone);
  if (cal.extraWorkdays.includes(date)) return true;
  if (cal.holidays.includes(date)) return false;
  if (cal.schedule?.workdays.has(date)) return true;
  if (cal.schedule?.holidays.has(date)) return false;
  const p = localParts(ms, cal.timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * Whether the official schedule covers every day from `from` to `to` (local years): false means
 * a deadline in that span was worked out on weekdays alone and must say so.
 */
export function coversSpan(from: number, to: number, cal: WorkCalendar): boolean {
  const first = localParts(from, cal.timeZone).year;
  const last = localParts(to, cal.timeZone).year;
  for (let y = first; y <= last; y++) if (!cal.schedule?.years.has(y)) return false;
  return true;
}

/** The years from `from`'s on that the calendar has no official schedule for, up to `untilYear`. */
export function uncoveredYears(from: number, untilYear: number, cal: WorkCalendar): number[] {
  const out: number[] = [];
  for (let y = localParts(from, cal.timeZone).year; y <= untilYear; y++) {
    if (!cal.schedule?.years.has(y)) out.push(y);
  }
  return out;
}

/**
 * The moment `days` working days after `from`: the same local time of day on the n-th following
 * working day (a deadline starting on a rest day counts from the next working day).
 */
export function addWorkingDays(from: number, days: number, cal: WorkCalendar): number {
  let t = from;
  let left = days;
  while (left > 0) {
    t += DAY;
    if (isWorkingDay(t, cal)) left--;
  }
  return t;
}

/** 17:00 (or any hour) local time on the n-th calendar day, counting `from`'s day as day 1. */
export function atLocalHourOnDay(
  from: number,
  dayNumber: number,
  hour: number,
  timeZone: string,
): number {
  const p = localParts(from, timeZone);
  const base = fromLocal(p.year, p.month, p.day, hour, 0, timeZone);
  return base + (dayNumber - 1) * DAY;
}

/** `days` calendar days after `from`, same local time of day (the 7-day statutory answer). */
export function addCalendarDays(
  from: number,
  days: number,
  cal: Pick<WorkCalendar, 'timeZone'>,
): number {
  const p = localParts(from, cal.timeZone);
  return fromLocal(p.year, p.month, p.day + days, p.hour, p.minute, cal.timeZone) + (from % 60_000);
}

/** `hours` hours after `from` (the 24-hour report to headquarters): plain elapsed time. */
export function addHours(from: number, hours: number): number {
  return from + hours * HOUR;
}
