import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RequestName, RequestResult } from '@shared/contract';
import { HOLIDAY_IMPORT_MAX_CHARS } from '@shared/admin/holiday-import';
import { holidayScheduleSchema } from '@shared/common/calendar';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { NOTICE_2026, SCHEDULE_2027, notice2027 } from '../../../shared/admin/holiday-schedules';

/**
 * The lead's import of a year's holiday and 调休 schedule (issue #15) through the dispatcher over
 * real SQLite: what is stored in `desk.holidaySchedule` and audited, the warning about years an
 * open deadline may reach without a schedule, and every bad input refused with nothing stored.
 */
describe('admin: the lead imports the holiday schedule', () => {
  let desk: TestDesk;
  const dispatch = (name: string, args: unknown) => desk.dispatcher.dispatch(name, args);
  const ok = async <N extends RequestName>(name: N, args: unknown): Promise<RequestResult<N>> => {
    const out = await dispatch(name, args);
    if (!out.ok) throw new Error(`${name}: ${out.error.code} ${JSON.stringify(out.error.issues)}`);
    return out.value as RequestResult<N>;
  };
  const stored = () =>
    JSON.stringify(
      ['audit_log', 'settings'].map((t) =>
        desk.db.raw.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      ),
    );
  const setting = () => {
    const row = desk.db.raw
      .prepare("SELECT value FROM settings WHERE key = 'desk.holidaySchedule'")
      .get() as { value: string } | undefined;
    return row && holidayScheduleSchema.parse(JSON.parse(row.value));
  };
  const importJson = (data: unknown) =>
    dispatch('admin.importHolidaySchedule', {
      format: 'chinese_days_json',
      text: JSON.stringify(data),
    });

  beforeEach(async () => {
    desk = createTestDesk(); // clock: 2026-11-22 09:00 in Shanghai
    const out = await dispatch('auth.signIn', { employeeNo: '9001', password: TEST_PASSWORD });
    if (!out.ok) throw new Error(out.error.code);
  });
  afterEach(() => desk.cleanup());

  it('warns of 2027 before its import: 60 working days from late November reach February', async () => {
    const view = await ok('admin.holidaySchedule', {});
    expect(view.packaged).toEqual({ first: 2004, last: 2026 });
    expect(view.imported).toEqual([]);
    expect(view.lastImport).toBeNull();
    expect(view.importable).toEqual({ first: 2026, last: 2027 });
    expect(view.uncovered).toEqual([2027]);
    expect(new Date(view.horizon).toISOString().slice(0, 7)).toBe('2027-02');
    // In March, 60 working days stay in 2026: nothing to warn about.
    desk.clock.t = Date.UTC(2026, 2, 2, 1);
    const march = await ok('admin.holidaySchedule', {});
    expect(march.uncovered).toEqual([]);
  });

  it('imports the JSON: stored for the deadlines, audited with who and which years, warning gone', async () => {
    const view = await ok('admin.importHolidaySchedule', {
      format: 'chinese_days_json',
      text: JSON.stringify(SCHEDULE_2027),
    });
    expect(view.imported).toEqual([2027]);
    expect(view.uncovered).toEqual([]);
    expect(view.lastImport).toEqual({ at: desk.clock.now(), employeeNo: '9001', name: '李娜' });
    expect(setting()).toEqual(SCHEDULE_2027);
    const audit = desk.db.raw
      .prepare("SELECT detail FROM audit_log WHERE action = 'holiday_schedule_imported'")
      .all() as { detail: string }[];
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { format: 'chinese_days_json', years: '2027', holidays: 22, workdays: 5 },
    ]);
    // The audit log names the action and its details (no raw key).
    const log = await ok('admin.auditLog', { action: 'holiday_schedule_imported' });
    expect(log.entries[0]?.detail).toEqual([
      { key: 'format', value: 'chinese_days_json' },
      { key: 'years', value: '2027' },
      { key: 'holidays', value: 22 },
      { key: 'workdays', value: 5 },
    ]);
  });

  it('imports the notice text; a second import of the same year replaces it, other years stay', async () => {
    await ok('admin.importHolidaySchedule', { format: 'official_text', text: NOTICE_2026 });
    await ok('admin.importHolidaySchedule', { format: 'official_text', text: notice2027 });
    const corrected = notice2027.replace(/\n四、国庆节.*$/s, '');
    const view = await ok('admin.importHolidaySchedule', {
      format: 'official_text',
      text: corrected,
    });
    expect(view.imported).toEqual([2026, 2027]);
    const s = setting()!;
    expect(s.holidays['2026-10-01']).toBe('National Day,国庆节');
    expect(s.holidays['2027-10-01']).toBeUndefined();
    expect(s.holidays['2027-02-05']).toBe('Spring Festival,春节');
  });

  it('refuses bad input entry by entry, storing and auditing nothing', async () => {
    await ok('admin.importHolidaySchedule', { format: 'official_text', text: notice2027 });
    const before = stored();
    const refusals: [unknown, { path: string; message: string }[]][] = [
      [
        { format: 'chinese_days_json', text: '{"holidays":' },
        [{ path: 'text', message: 'schedule_json' }],
      ],
      [
        { format: 'official_text', text: notice2027.replace('（周五）至3日', '（周六）至3日') },
        [{ path: 'date:2027-01-01', message: 'schedule_weekday' }],
      ],
      [
        { format: 'official_text', text: notice2027.replace('2027年', '') },
        [{ path: 'text', message: 'schedule_text_year' }],
      ],
      [
        {
          format: 'chinese_days_json',
          text: JSON.stringify({
            holidays: { ...SCHEDULE_2027.holidays, '2027-13-01': 'x' },
            workdays: { ...SCHEDULE_2027.workdays, '2027-02-05': 'y', '2027-02-10': 'z' },
          }),
        },
        [
          { path: 'date:2027-13-01', message: 'schedule_date' },
          { path: 'date:2027-02-05', message: 'schedule_both' },
          { path: 'date:2027-02-05', message: 'schedule_workday_weekday' },
          { path: 'date:2027-02-10', message: 'schedule_both' },
          { path: 'date:2027-02-10', message: 'schedule_workday_weekday' },
        ],
      ],
      [
        {
          format: 'chinese_days_json',
          text: JSON.stringify({ holidays: { '2030-01-01': "New Year's Day,元旦" }, workdays: {} }),
        },
        [{ path: 'year:2030', message: 'schedule_year_range' }],
      ],
      [
        { format: 'chinese_days_json', text: 'x'.repeat(HOLIDAY_IMPORT_MAX_CHARS + 1) },
        [{ path: 'text', message: 'schedule_too_large' }],
      ],
      [{ format: 'chinese_days_json', text: '' }, [{ path: 'text', message: 'schedule_format' }]],
    ];
    for (const [args, issues] of refusals) {
      const out = await dispatch('admin.importHolidaySchedule', args);
      expect(out.ok, JSON.stringify(args).slice(0, 80)).toBe(false);
      if (out.ok) continue;
      expect(out.error.code).toBe('BAD_ARGUMENT');
      expect(out.error.issues, JSON.stringify(args).slice(0, 80)).toEqual(issues);
    }
    // Arguments the contract refuses before the feature runs.
    for (const args of [
      { format: 'xlsx', text: '{}' },
      { format: 'official_text', text: notice2027, year: 1999 },
      { format: 'official_text', text: notice2027, extra: 1 },
    ]) {
      const out = await dispatch('admin.importHolidaySchedule', args);
      expect(!out.ok && out.error.code).toBe('BAD_ARGUMENT');
    }
    expect(stored()).toBe(before);
    expect((await importJson({ holidays: {}, workdays: {} })).ok).toBe(false);
    expect(stored()).toBe(before);
  });
});
