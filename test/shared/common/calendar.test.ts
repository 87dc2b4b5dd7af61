import { describe, expect, it } from 'vitest';
import type { WorkCalendar } from '@shared/common/calendar';
import {
  addCalendarDays,
  addHours,
  addWorkingDays,
  coversSpan,
  defaultCalendar,
  fromLocal,
  holidayScheduleSchema,
  isWorkingDay,
  mergeSchedules,
  scheduleFrom,
  uncoveredYears,
} from '@shared/common/calendar';
import { packagedSchedule } from '@shared/common/official-holidays';

const tz = 'Asia/Shanghai';
const at = (date: string, time = '10:00') => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return fromLocal(y, m, d, h, min, tz);
};
const cal = defaultCalendar;
const local = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(
    ms,
  );

describe('working days on the official calendar (chinese-days)', () => {
  it.each([
    // The case: not Fri 10-02 (国庆), and the make-up Saturday 10-10 is worked.
    ['Wed before National Day, +2', '2026-09-30', '15:00', 2, '2026-10-09 15:00'],
    ['the make-up Saturday counts', '2026-10-09', '17:00', 1, '2026-10-10 17:00'],
    ['10 working days across National Day', '2026-09-28', '09:00', 10, '2026-10-16 09:00'],
    ['started late on a Friday', '2026-11-20', '23:30', 1, '2026-11-23 23:30'],
    ['started on a holiday', '2026-10-03', '10:00', 1, '2026-10-08 10:00'],
    ['started on a make-up working day (Sun 09-20)', '2026-09-20', '11:00', 1, '2026-09-21 11:00'],
    ['Mid-Autumn Friday is off', '2026-09-24', '16:00', 1, '2026-09-28 16:00'],
    [
      'Spring Festival: the make-up Saturday before it',
      '2026-02-13',
      '18:00',
      1,
      '2026-02-14 18:00',
    ],
    ['Spring Festival: then nine days off', '2026-02-13', '18:00', 2, '2026-02-24 18:00'],
  ])('%s', (_, date, time, days, expected) => {
    expect(local(addWorkingDays(at(date, time), days, cal))).toBe(expected);
  });

  it('knows the days themselves', () => {
    expect(isWorkingDay(at('2026-10-02'), cal)).toBe(false); // 国庆
    expect(isWorkingDay(at('2026-10-10'), cal)).toBe(true); // 调休 Saturday
    expect(isWorkingDay(at('2026-02-28'), cal)).toBe(true); // 调休 Saturday
    expect(isWorkingDay(at('2026-11-21'), cal)).toBe(false); // an ordinary Saturday
  });

  it('a desk’s own additions still apply on top of the schedule', () => {
    const own: WorkCalendar = { ...cal, holidays: ['2026-11-23'], extraWorkdays: ['2026-11-22'] };
    expect(local(addWorkingDays(at('2026-11-20', '12:00'), 2, own))).toBe('2026-11-24 12:00');
  });

  it('without the schedule (the old behaviour) National Day was counted as working days', () => {
    const bare: WorkCalendar = { timeZone: tz, holidays: [], extraWorkdays: [] };
    expect(local(addWorkingDays(at('2026-09-30', '15:00'), 2, bare))).toBe('2026-10-02 15:00');
  });
});

describe('years without official data', () => {
  it('the packaged schedule covers 2026; a deadline in 2027 says it is an estimate', () => {
    expect(packagedSchedule.years.has(2026)).toBe(true);
    expect(coversSpan(at('2026-12-02'), at('2026-12-30'), cal)).toBe(true);
    const from = at('2026-12-30');
    const due = addWorkingDays(from, 5, cal);
    if (!packagedSchedule.years.has(2027)) {
      expect(coversSpan(from, due, cal)).toBe(false);
      expect(uncoveredYears(at('2026-12-02'), 2027, cal)).toEqual([2027]);
    }
  });

  it('a lead imports a year in the package’s format: it then counts, and replaces the package’s', () => {
    // Test data in the package's format (not a claim about the 2027 notice).
    const imported = holidayScheduleSchema.parse({
      holidays: {
        '2027-02-08': 'Spring Festival,春节,3',
        '2027-02-09': 'Spring Festival,春节,3',
        '2027-02-10': 'Spring Festival,春节,3',
      },
      workdays: { '2027-02-06': 'Spring Festival,春节,3' },
    });
    const merged: WorkCalendar = {
      ...cal,
      schedule: mergeSchedules(packagedSchedule, scheduleFrom(imported)),
    };
    expect(coversSpan(at('2027-02-05'), at('2027-02-12'), merged)).toBe(true);
    // Fri 02-05 + 1 → Sat 02-06 (worked); + 2 → Thu 02-11 (Mon–Wed off).
    expect(local(addWorkingDays(at('2027-02-05'), 1, merged))).toBe('2027-02-06 10:00');
    expect(local(addWorkingDays(at('2027-02-05'), 2, merged))).toBe('2027-02-11 10:00');
    // Importing 2026 replaces the package's 2026 (its National Day is gone from the merge).
    const replace2026 = mergeSchedules(
      packagedSchedule,
      scheduleFrom({ holidays: { '2026-12-31': 'Test,测试,1' }, workdays: {} }),
    );
    expect(replace2026.holidays.has('2026-10-01')).toBe(false);
    expect(replace2026.holidays.has('2026-12-31')).toBe(true);
    expect(replace2026.holidays.has('2025-10-01')).toBe(true);
  });

  it('refuses an import that is not a schedule', () => {
    const bad = [
      { holidays: { '2027-02-30': '春节' }, workdays: {} }, // no such date
      { holidays: { '2027-02-08': '春节' }, workdays: { '2027-02-09': '春节' } }, // a Tuesday
      { holidays: { '2027-02-08': '春节' }, workdays: { '2027-02-08': '春节' } }, // both
      { holidays: {}, workdays: {} },
      { holidays: { '2027-2-8': '春节' }, workdays: {} },
      { holidays: { '2027-02-08': '春节' } },
      { holidays: { '2027-02-08': '春节' }, workdays: {}, extra: 1 },
    ];
    for (const b of bad)
      expect(holidayScheduleSchema.safeParse(b).success, JSON.stringify(b)).toBe(false);
  });
});

describe('calendar-day and hour clocks', () => {
  it('7 calendar days whatever the holidays; 24 hours of elapsed time', () => {
    expect(local(addCalendarDays(at('2026-09-30', '15:00'), 7, cal))).toBe('2026-10-07 15:00');
    expect(local(addCalendarDays(at('2026-12-28', '23:59'), 7, cal))).toBe('2027-01-04 23:59');
    expect(addHours(at('2026-10-01', '08:00'), 24)).toBe(at('2026-10-02', '08:00'));
  });
});
