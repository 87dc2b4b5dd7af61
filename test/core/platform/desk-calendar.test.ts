import { afterEach, describe, expect, it } from 'vitest';
import { addWorkingDays, fromLocal, localDate } from '@shared/common/calendar';
import { deskCalendarReader } from '../../../electron/core/platform/desk-calendar';
import { SettingsRepo } from '../../../electron/core/platform/settings-repo';
import { createTestDesk, TEST_PASSWORD } from '../../helpers/desk';
import type { TestDesk } from '../../helpers/desk';
import { SCHEDULE_2027 } from '../../shared/admin/holiday-schedules';

/**
 * The desk's working calendar is read on each use: a lead's import of next year's schedule moves
 * deadlines at once, without a restart, and the desk's own extra days too.
 */
describe('the desk calendar', () => {
  let desk: TestDesk | undefined;
  afterEach(() => desk?.cleanup());

  const tz = 'Asia/Shanghai';
  // Thu 2027-09-30 10:00 + 1 working day: Fri 10-01 without data; Fri 10-08 with the (test) 2027
  // schedule; Sat 10-09 (its 调休) once the desk also rests on 10-08.
  const start = fromLocal(2027, 9, 30, 10, 0, tz);
  let calendar: ReturnType<typeof deskCalendarReader>;
  const next = () => localDate(addWorkingDays(start, 1, calendar().calendar), tz);

  it('follows an import and the desk’s own days at once, and reuses the merge until then', async () => {
    desk = createTestDesk();
    const settings = new SettingsRepo(desk.db);
    calendar = deskCalendarReader({ settings, logger: desk.logger, timeZone: tz });
    const before = calendar();
    expect(before.importedYears).toEqual([]);
    expect(next()).toBe('2027-10-01');
    expect(calendar()).toBe(before); // nothing changed: the same view

    await desk.session.signIn('9001', TEST_PASSWORD);
    const out = await desk.dispatcher.dispatch('admin.importHolidaySchedule', {
      format: 'chinese_days_json',
      text: JSON.stringify(SCHEDULE_2027),
    });
    expect(out).toMatchObject({ ok: true });
    expect(calendar().importedYears).toEqual([2027]);
    expect(next()).toBe('2027-10-08');

    settings.set(
      'desk.calendar',
      JSON.stringify({ holidays: ['2027-10-08'], extraWorkdays: [] }),
      Date.now(),
    );
    expect(next()).toBe('2027-10-09');
  });
});
