/**
 * The desk's working calendar, as every deadline uses it: the official holiday and 调休 schedule
 * from the package, with the years a lead imported (setting `desk.holidaySchedule`) in place of
 * the package's, plus the desk's own extra holidays and working days (`desk.calendar`), in the
 * desk's time zone. Read on each use, so an import applies at once; the merge is redone only when
 * one of the two settings changed.
 */
import type { HolidaySchedule, WorkCalendar } from '@shared/common/calendar';
import {
  calendarSettingSchema,
  defaultCalendar,
  holidayScheduleSchema,
  mergeSchedules,
  scheduleFrom,
} from '@shared/common/calendar';
import { packagedSchedule } from '@shared/common/official-holidays';
import type { Logger } from './ports';
import type { SettingsRepo } from './settings-repo';

export const HOLIDAY_SCHEDULE_SETTING = 'desk.holidaySchedule';
export const CALENDAR_SETTING = 'desk.calendar';

export interface DeskCalendarView {
  calendar: WorkCalendar;
  /** The years a lead imported (in place of the package's), ascending. */
  importedYears: number[];
}

export function deskCalendarReader(deps: {
  settings: Pick<SettingsRepo, 'get' | 'getParsed'>;
  logger: Logger;
  timeZone: string;
}): () => DeskCalendarView {
  let key: string | null = null;
  let view: DeskCalendarView | null = null;
  return () => {
    const { settings, logger, timeZone } = deps;
    const now = `${settings.get(HOLIDAY_SCHEDULE_SETTING) ?? ''}\u0000${settings.get(CALENDAR_SETTING) ?? ''}`;
    if (view && key === now) return view;
    const stored = settings.getParsed(HOLIDAY_SCHEDULE_SETTING, holidayScheduleSchema, logger);
    const imported: HolidaySchedule | null = stored ? scheduleFrom(stored) : null;
    view = {
      calendar: {
        ...defaultCalendar,
        ...settings.getParsed(CALENDAR_SETTING, calendarSettingSchema, logger),
        timeZone,
        schedule: imported ? mergeSchedules(packagedSchedule, imported) : packagedSchedule,
      },
      importedYears: imported ? [...imported.years].sort((a, b) => a - b) : [],
    };
    key = now;
    return view;
  };
}
