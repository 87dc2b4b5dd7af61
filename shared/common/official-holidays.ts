/**
 * The State Council's holiday and 调休 schedule as the maintained `chinese-days` package ships it
 * (its JSON: date → "English,中文,days"; years 2004 on, up to the latest published notice). A new
 * year arrives with a package update, or sooner through a lead's import (`desk.holidaySchedule`).
 */
import data from 'chinese-days/dist/chinese-days.json';
import type { HolidaySchedule } from './calendar';

const holidays = Object.keys(data.holidays);

export const packagedSchedule: HolidaySchedule = {
  years: new Set(holidays.map((d) => Number(d.slice(0, 4)))),
  holidays: new Set(holidays),
  workdays: new Set(Object.keys(data.workdays)),
};
