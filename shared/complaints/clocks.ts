/**
 * A ticket's clocks (docs/DOMAIN.md §5 complaint-desk and insurance-claim deadlines, §6 Art. 28):
 * working-day clocks on the official calendar (../common/calendar.ts), the statutory 7-day answer
 * in calendar days, the 24-hour report to head office for 重大 and 特大 incidents, and a claim's
 * payout within 2 months. Each clock says whether it is met, due soon, overdue, or estimated
 * (it runs through a year the holiday schedule does not cover), and which one is next.
 */
import type { WorkCalendar } from '../common/calendar';
import {
  addCalendarDays,
  addHours,
  addWorkingDays,
  coversSpan,
  localParts,
  fromLocal,
} from '../common/calendar';
import type { Severity } from './compensation';

export const clockKeys = [
  'report_hq', // 24 h, 重大 and above
  'investigate', // 1 working day from receipt
  'negotiation_letter', // 2 working days from receipt
  'statutory_answer', // 7 calendar days from receipt (快递暂行条例 Art. 28)
  'confirm_liable_unit', // ≤ 10 working days from the incident
  'hq_arbitration', // ≤ 40 working days from the incident
  'result', // ≤ 60 working days from the incident
  'customer_paid', // ≤ 60 working days from the incident
  // Insurance claims (保险理赔):
  'claim_investigate', // 3 working days
  'claim_report_insurer', // 2 working days
  'claim_proposal', // 5 working days
  'claim_approval', // 10 working days
  'claim_paid', // within 2 months of the incident
] as const;
export type ClockKey = (typeof clockKeys)[number];

export type ClockState = 'met' | 'overdue' | 'due_soon' | 'running';

export interface TicketClock {
  key: ClockKey;
  dueAt: number;
  state: ClockState;
  /** Worked out on weekdays alone for a year without the official schedule. */
  estimated: boolean;
  /** The earliest clock still running (or overdue): the one the list highlights. */
  next: boolean;
}

export interface ClockFacts {
  kind: 'complaint' | 'claim';
  receivedAt: number;
  incidentAt: number;
  severity: Severity;
  /** When each step was done (a done step's clock is met, or was met late). */
  done: Partial<Record<ClockKey, number>>;
}

/** "Due soon": the statutory answer warns 2 days ahead (well before it), the others 4 hours. */
const warnAheadMs: Partial<Record<ClockKey, number>> = { statutory_answer: 2 * 86_400_000 };
const defaultWarnMs = 4 * 3_600_000;

/** `months` calendar months after `from`, same local time (the 31st → the month's last day). */
function addMonths(from: number, months: number, timeZone: string): number {
  const p = localParts(from, timeZone);
  const target = new Date(Date.UTC(p.year, p.month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return fromLocal(
    target.getUTCFullYear(),
    target.getUTCMonth() + 1,
    Math.min(p.day, lastDay),
    p.hour,
    p.minute,
    timeZone,
  );
}

export function ticketClocks(f: ClockFacts, cal: WorkCalendar, now: number): TicketClock[] {
  const wd = (from: number, days: number) => addWorkingDays(from, days, cal);
  const due: [ClockKey, number, number][] = []; // key, start, due
  if (f.severity !== 'ordinary') due.push(['report_hq', f.receivedAt, addHours(f.receivedAt, 24)]);
  if (f.kind === 'complaint') {
    due.push(
      ['investigate', f.receivedAt, wd(f.receivedAt, 1)],
      ['negotiation_letter', f.receivedAt, wd(f.receivedAt, 2)],
      ['statutory_answer', f.receivedAt, addCalendarDays(f.receivedAt, 7, cal)],
      ['confirm_liable_unit', f.incidentAt, wd(f.incidentAt, 10)],
      ['hq_arbitration', f.incidentAt, wd(f.incidentAt, 40)],
      ['result', f.incidentAt, wd(f.incidentAt, 60)],
      ['customer_paid', f.incidentAt, wd(f.incidentAt, 60)],
    );
  } else {
    due.push(
      ['claim_investigate', f.receivedAt, wd(f.receivedAt, 3)],
      ['claim_report_insurer', f.receivedAt, wd(f.receivedAt, 2)],
      ['claim_proposal', f.receivedAt, wd(f.receivedAt, 5)],
      ['claim_approval', f.receivedAt, wd(f.receivedAt, 10)],
      ['claim_paid', f.incidentAt, addMonths(f.incidentAt, 2, cal.timeZone)],
    );
  }
  const clocks = due.map(([key, start, dueAt]): TicketClock => {
    const doneAt = f.done[key];
    const state: ClockState =
      doneAt !== undefined
        ? 'met'
        : now > dueAt
          ? 'overdue'
          : dueAt - now <= (warnAheadMs[key] ?? defaultWarnMs)
            ? 'due_soon'
            : 'running';
    return { key, dueAt, state, estimated: !coversSpan(start, dueAt, cal), next: false };
  });
  const open = clocks.filter((c) => c.state !== 'met').sort((a, b) => a.dueAt - b.dueAt);
  if (open[0]) open[0].next = true;
  return clocks.sort((a, b) => a.dueAt - b.dueAt);
}
