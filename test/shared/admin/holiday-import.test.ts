import { describe, expect, it } from 'vitest';
import data from 'chinese-days/dist/chinese-days.json';
import {
  checkSchedule,
  mergeScheduleData,
  parseOfficialNotice,
  parseScheduleJson,
} from '@shared/admin/holiday-import';
import { holidayScheduleSchema } from '@shared/common/calendar';
import { NOTICE_2026, SCHEDULE_2027, notice2027 } from './holiday-schedules';

const of2026 = (r: Record<string, string>) =>
  Object.keys(r)
    .filter((d) => d.startsWith('2026'))
    .sort();

/** The import of a year's holiday and 调休 schedule (issue #15): both formats, every refusal named. */
describe('holiday schedule import', () => {
  it("reads the State Council's real 2026 notice into exactly the package's 2026 schedule", () => {
    const out = parseOfficialNotice(NOTICE_2026, 2026);
    if (!out.ok) throw new Error(JSON.stringify(out.issues));
    expect(out.years).toEqual([2026]);
    expect(Object.keys(out.data.holidays).sort()).toEqual(of2026(data.holidays));
    expect(Object.keys(out.data.workdays).sort()).toEqual(of2026(data.workdays));
    expect(out.data.holidays['2026-02-15']).toBe('Spring Festival,春节');
    // What is stored must be what the desk reads back (`desk.holidaySchedule`).
    expect(holidayScheduleSchema.safeParse(out.data).success).toBe(true);
  });

  it('reads the notice pasted as one line, with its year from the title or given apart', () => {
    const oneLine = NOTICE_2026.replace(/\n/g, '');
    const out = parseOfficialNotice(oneLine, 2026);
    expect(out.ok && Object.keys(out.data.holidays).length).toBe(33);
    const body = NOTICE_2026.split('\n').slice(1).join('\n');
    expect(parseOfficialNotice(body, 2026)).toEqual({
      ok: false,
      issues: [{ path: 'text', message: 'schedule_text_year' }],
    });
    expect(parseOfficialNotice(body, 2026, 2026).ok).toBe(true);
  });

  it('names the item or date of each mistake in the notice', () => {
    const wrong = notice2027
      .replace('10月1日（周五）', '10月1日（周六）')
      .replace('共7天。2月20日', '共8天。2月20日')
      .replace('4月25日（周日）', '4月31日（周日）');
    const out = parseOfficialNotice(wrong, 2027);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.issues).toEqual(
      expect.arrayContaining([
        { path: 'date:2027-10-01', message: 'schedule_weekday' },
        { path: 'entry:春节', message: 'schedule_days_count' },
        { path: 'date:2027-04-31', message: 'schedule_date' },
      ]),
    );
    const noDates = parseOfficialNotice('2027年部分节假日安排\n一、元旦：放假一天。', 2027);
    expect(!noDates.ok && noDates.issues).toEqual([
      { path: 'entry:元旦', message: 'schedule_text_item' },
    ]);
    expect(parseOfficialNotice('2027年部分节假日安排 全文见附件', 2027)).toEqual({
      ok: false,
      issues: [{ path: 'text', message: 'schedule_text_item' }],
    });
  });

  it("accepts the package's own JSON for next year, and refuses every bad entry by its date", () => {
    const good = parseScheduleJson(JSON.stringify(SCHEDULE_2027), 2026);
    expect(good.ok && good.years).toEqual([2027]);
    expect(parseOfficialNotice(notice2027, 2026)).toEqual(good);

    const bad = structuredClone(SCHEDULE_2027) as {
      holidays: Record<string, string>;
      workdays: Record<string, string>;
      inLieuDays?: Record<string, string>;
    };
    bad.holidays['2027-02-30'] = 'Spring Festival,春节,4';
    bad.holidays['2029-01-01'] = "New Year's Day,元旦,1";
    bad.holidays['2027-06-09'] = '';
    bad.workdays['2027-10-07'] = 'National Day,国庆节,3'; // also a holiday, and a Thursday
    bad.workdays['2027-03-03'] = 'Spring Festival,春节,4'; // a Wednesday
    bad.workdays['2028-01-08'] = 'New Year,元旦,1'; // a Saturday of a year not imported
    bad.inLieuDays = { '2027-03-01': 'x' };
    const out = parseScheduleJson(JSON.stringify(bad), 2026);
    expect(out.ok).toBe(false);
    expect(!out.ok && out.issues).toEqual([
      { path: 'date:2027-02-30', message: 'schedule_date' },
      { path: 'year:2029', message: 'schedule_year_range' },
      { path: 'date:2027-06-09', message: 'schedule_name' },
      { path: 'date:2027-10-07', message: 'schedule_both' },
      { path: 'date:2027-10-07', message: 'schedule_workday_weekday' },
      { path: 'date:2027-03-03', message: 'schedule_workday_weekday' },
      { path: 'date:2028-01-08', message: 'schedule_workday_year' },
      { path: 'date:2027-03-01', message: 'schedule_in_lieu' },
    ]);
  });

  it('refuses what is not the format, a past year, and a schedule with no holiday', () => {
    const text = (issues: unknown) => ({ ok: false, issues });
    expect(parseScheduleJson('{"holidays": {', 2026)).toEqual(
      text([{ path: 'text', message: 'schedule_json' }]),
    );
    expect(parseScheduleJson('[1,2]', 2026)).toEqual(
      text([{ path: 'text', message: 'schedule_format' }]),
    );
    expect(checkSchedule({ holidays: {}, workdays: {} }, 2026)).toEqual(
      text([{ path: 'text', message: 'schedule_no_holidays' }]),
    );
    // 2027's schedule in 2029: only this year and the next can be imported.
    expect(parseScheduleJson(JSON.stringify(SCHEDULE_2027), 2029)).toEqual(
      text([{ path: 'year:2027', message: 'schedule_year_range' }]),
    );
    // A December 调休 day belongs to the next year's New Year's Day notice.
    const withDecember = {
      holidays: SCHEDULE_2027.holidays,
      workdays: { ...SCHEDULE_2027.workdays, '2026-12-26': "New Year's Day,元旦,1" },
    };
    expect(checkSchedule(withDecember, 2026).ok).toBe(true);
  });

  it('an imported year replaces the same year of what was stored, and keeps the others', () => {
    const first = parseScheduleJson(JSON.stringify(SCHEDULE_2027), 2026);
    if (!first.ok) throw new Error('2027 refused');
    const stored = {
      holidays: { '2026-01-01': 'a', '2027-01-01': 'old', '2027-12-31': 'old' },
      workdays: { '2026-12-26': 'old 2027 New Year', '2026-05-09': 'b' },
    };
    const merged = mergeScheduleData(stored, first.data, first.years);
    expect(merged.holidays['2026-01-01']).toBe('a');
    expect(merged.holidays['2027-12-31']).toBeUndefined();
    expect(merged.holidays['2027-01-01']).toBe(SCHEDULE_2027.holidays['2027-01-01']);
    expect(merged.workdays).toEqual({ '2026-05-09': 'b', ...SCHEDULE_2027.workdays });
  });
});
