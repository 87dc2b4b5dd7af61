/**
 * Desk-local calendar arithmetic for deadlines: "2 working days", "17:00 on day 3". Uses Intl for
 * the time zone (no DST in Asia/Shanghai, but desks may be configured elsewhere). China moves
 * working days around public holidays (调休), so holidays and extra working days are settings.
 */
import { z } from 'zod';

export interface WorkCalendar {
  timeZone: string;
  /** 'YYYY-MM-DD' dates that are not working days although they are weekdays. */
  holidays: readonly string[];
  /** 'YYYY-MM-DD' weekend dates that are working days (调休). */
  extraWorkdays: readonly string[];
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
};

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates are YYYY-MM-DD');
/** The `desk.calendar` setting: holidays and 调休 working days (the time zone is set apart). */
export const calendarSettingSchema = z.strictObject({
  holidays: z.array(isoDate).default([]),
  extraWorkdays: z.array(isoDate).default([]),
});

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
  const p = localParts(ms, cal.timeZone);
  const weekday = new Date(Date.UTC(p.year, p.month - 1, p.day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
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
