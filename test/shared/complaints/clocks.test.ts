import { describe, expect, it } from 'vitest';
import { defaultCalendar, fromLocal } from '@shared/common/calendar';
import type { ClockFacts } from '@shared/complaints/clocks';
import { ticketClocks } from '@shared/complaints/clocks';

const tz = 'Asia/Shanghai';
const at = (date: string, time = '10:00') => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [h, min] = time.split(':').map(Number) as [number, number];
  return fromLocal(y, m, d, h, min, tz);
};
const local = (ms: number) =>
  new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' }).format(
    ms,
  );

const complaint = (over: Partial<ClockFacts> = {}): ClockFacts => ({
  kind: 'complaint',
  receivedAt: at('2026-09-29', '16:00'),
  incidentAt: at('2026-09-28', '09:00'),
  severity: 'ordinary',
  done: {},
  ...over,
});
const dueOf = (f: ClockFacts, now: number) =>
  Object.fromEntries(ticketClocks(f, defaultCalendar, now).map((c) => [c.key, local(c.dueAt)]));

describe('a complaint’s clocks across National Day 2026', () => {
  it('working-day clocks skip 10-01…07 and count the make-up Saturday 10-10; the 7-day answer does not', () => {
    // Counted by hand from Mon 09-28: 09-29, 09-30, 10-08, 10-09, 10-10 (Sat, worked), then five a
    // week: day 10 is 10-16, day 40 is 11-27, day 60 is 12-25.
    expect(dueOf(complaint(), at('2026-09-29', '16:05'))).toEqual({
      investigate: '2026-09-30 16:00',
      negotiation_letter: '2026-10-08 16:00',
      statutory_answer: '2026-10-06 16:00',
      confirm_liable_unit: '2026-10-16 09:00',
      hq_arbitration: '2026-11-27 09:00',
      result: '2026-12-25 09:00',
      customer_paid: '2026-12-25 09:00',
    });
  });

  it('states: next highlighted, due soon, overdue, met', () => {
    const now = at('2026-10-06', '15:00');
    const clocks = ticketClocks(
      complaint({ done: { investigate: at('2026-09-30', '11:00') } }),
      defaultCalendar,
      now,
    );
    const state = Object.fromEntries(clocks.map((c) => [c.key, [c.state, c.next]]));
    expect(state).toMatchObject({
      investigate: ['met', false],
      statutory_answer: ['due_soon', true], // 7-day answer warns 2 days ahead
      negotiation_letter: ['running', false],
    });
    const later = ticketClocks(complaint(), defaultCalendar, at('2026-10-09', '10:00'));
    expect(later.filter((c) => c.state === 'overdue').map((c) => c.key)).toEqual([
      'investigate',
      'statutory_answer',
      'negotiation_letter',
    ]);
    expect(later.find((c) => c.next)?.key).toBe('investigate');
  });

  it('重大 and above: report to head office within 24 hours, even over a holiday', () => {
    const clocks = ticketClocks(
      complaint({ severity: 'major', receivedAt: at('2026-09-30', '20:00') }),
      defaultCalendar,
      at('2026-09-30', '20:01'),
    );
    expect(local(clocks.find((c) => c.key === 'report_hq')!.dueAt)).toBe('2026-10-01 20:00');
    expect(ticketClocks(complaint(), defaultCalendar, 0).some((c) => c.key === 'report_hq')).toBe(
      false,
    );
  });
});

describe('a claim’s clocks over Spring Festival 2026', () => {
  it('3 / 2 / 5 / 10 working days and payout within 2 months', () => {
    const f: ClockFacts = {
      kind: 'claim',
      receivedAt: at('2026-02-12', '10:00'), // Thu; 02-14 Sat worked; 02-15…23 off
      incidentAt: at('2025-12-31', '18:00'),
      severity: 'ordinary',
      done: {},
    };
    expect(dueOf(f, at('2026-02-12', '10:01'))).toEqual({
      claim_report_insurer: '2026-02-14 10:00',
      claim_investigate: '2026-02-24 10:00',
      claim_proposal: '2026-02-26 10:00',
      claim_approval: '2026-03-04 10:00', // the make-up Saturday 02-28 counts
      claim_paid: '2026-02-28 18:00', // 12-31 + 2 months → the last day of February
    });
  });
});

describe('estimates', () => {
  it('a clock that runs into a year without the official schedule says so', () => {
    const clocks = ticketClocks(
      complaint({ receivedAt: at('2026-12-30'), incidentAt: at('2026-12-29') }),
      defaultCalendar,
      at('2026-12-30'),
    );
    const result = clocks.find((c) => c.key === 'result')!;
    expect(result.estimated).toBe(!defaultCalendar.schedule!.years.has(2027));
    expect(clocks.find((c) => c.key === 'investigate')!.estimated).toBe(false);
  });
});
