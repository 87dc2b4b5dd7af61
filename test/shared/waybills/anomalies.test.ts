import { describe, expect, it } from 'vitest';
import type { WaybillFacts } from '@shared/waybills/anomalies';
import { computeAnomalies } from '@shared/waybills/anomalies';
import { packagedSchedule } from '@shared/common/official-holidays';
import {
  addWorkingDays,
  atLocalHourOnDay,
  defaultCalendar,
  fromLocal,
  isWorkingDay,
  localDate,
} from '@shared/common/calendar';
import { statusFromKuaidi100 } from '@shared/waybills/tracking';

const tz = 'Asia/Shanghai';
const at = (d: number, h = 10, m = 0) => fromLocal(2026, 11, d, h, m, tz); // November 2026, desk time
const HOUR = 3_600_000;

function facts(over: Partial<WaybillFacts>): WaybillFacts {
  return {
    status: 'IN_TRANSIT',
    createdAt: at(16),
    promisedAt: at(19),
    lastEventAt: at(18),
    events: [{ status: 'PICKED_UP', at: at(16, 12) }],
    problems: [],
    ...over,
  };
}

const kinds = (f: WaybillFacts, now: number) =>
  computeAnomalies(f, now, defaultCalendar).map((a) => a.kind);

describe('work calendar', () => {
  it('converts desk-local times and knows weekends, holidays and 调休 days', () => {
    expect(new Date(at(20, 17)).toISOString()).toBe('2026-11-20T09:00:00.000Z');
    expect(localDate(Date.parse('2026-11-20T17:30:00Z'), tz)).toBe('2026-11-21');
    expect(isWorkingDay(at(20), defaultCalendar)).toBe(true); // Friday
    expect(isWorkingDay(at(21), defaultCalendar)).toBe(false); // Saturday
    expect(isWorkingDay(at(21), { ...defaultCalendar, extraWorkdays: ['2026-11-21'] })).toBe(true);
    expect(isWorkingDay(at(23), { ...defaultCalendar, holidays: ['2026-11-23'] })).toBe(false);
  });

  it('counts the return deadline on the official calendar, and says when it had no data', () => {
    const returning = (requestedAt: number) =>
      computeAnomalies(
        facts({ status: 'RETURNING', events: [{ status: 'RETURNING', at: requestedAt }] }),
        requestedAt + 60_000,
        defaultCalendar,
      ).find((a) => a.kind === 'return_requested')!;
    // Wed 30 Sep 15:00 + 2 working days: 1–7 Oct are 国庆 → Fri 9 Oct 15:00, not Fri 2 Oct.
    const national = returning(Date.parse('2026-09-30T07:00:00Z'));
    expect(new Date(national.deadline!).toISOString()).toBe('2026-10-09T07:00:00.000Z');
    expect(national.estimated).toBe(false);
    // Into a year the packaged schedule does not cover (yet): weekdays only, marked as such.
    const newYear = returning(Date.parse('2026-12-30T07:00:00Z'));
    expect(newYear.estimated).toBe(!packagedSchedule.years.has(2027));
  });

  it('adds working days across a weekend and finds 17:00 on day 3', () => {
    expect(addWorkingDays(at(20, 15), 2, defaultCalendar)).toBe(at(24, 15)); // Fri → Tue
    expect(addWorkingDays(at(18, 9), 2, defaultCalendar)).toBe(at(20, 9)); // Wed → Fri
    expect(addWorkingDays(at(20, 15), 2, { ...defaultCalendar, holidays: ['2026-11-23'] })).toBe(
      at(25, 15),
    );
    expect(atLocalHourOnDay(at(20, 23, 30), 3, 17, tz)).toBe(at(22, 17));
  });
});

describe('problem-parcel flags (docs/DOMAIN.md §4)', () => {
  it('flags nothing for a parcel on time', () => {
    expect(kinds(facts({}), at(18, 12))).toEqual([]);
  });

  it('flags a delay past the promise, with the 15-day report window from dispatch', () => {
    const [a] = computeAnomalies(facts({}), at(20), defaultCalendar);
    expect(a).toMatchObject({
      kind: 'delayed',
      since: at(19),
      deadline: null,
      expired: false,
      estimated: false,
      reportBy: at(16, 12) + 15 * 24 * HOUR,
      reportWindowClosed: false,
    });
    expect(kinds(facts({ status: 'DELIVERED' }), at(20))).toEqual([]);
  });

  it('flags a stall after 48 h without an update, and a likely loss after twice that', () => {
    const f = facts({ promisedAt: null, lastEventAt: at(16) });
    expect(kinds(f, at(17, 23))).toEqual([]);
    const [stalled] = computeAnomalies(f, at(18, 11), defaultCalendar);
    expect(stalled).toMatchObject({ kind: 'stalled', deadline: at(18, 10), expired: true });
    expect(kinds(f, at(21))).toEqual(['lost']);
  });

  it('runs the 3-hour announcement clock for 有单无货 / 有货无单 / arrival damage until announced', () => {
    const f = facts({
      promisedAt: null,
      problems: [
        { kind: 'no_parcel', occurredAt: at(18, 9), announcedAt: null },
        { kind: 'no_label', occurredAt: at(18, 9), announcedAt: at(18, 10) },
      ],
      events: [
        { status: 'PICKED_UP', at: at(16) },
        { status: 'DAMAGED', at: at(18, 8) },
      ],
      lastEventAt: at(18, 8),
    });
    const flags = computeAnomalies(f, at(18, 10), defaultCalendar);
    expect(flags.map((a) => [a.kind, a.remainingMs, a.expired])).toEqual([
      ['no_parcel', 2 * HOUR, false],
      ['arrival_damage', 1 * HOUR, false],
    ]);
    expect(flags[0]!.reportBy).toBe(at(16) + 30 * 24 * HOUR);
  });

  it('gives a return request 2 working days and an undeliverable parcel 17:00 of day 3 and 10 days storage', () => {
    const returning = computeAnomalies(
      facts({
        status: 'RETURNING',
        promisedAt: null,
        lastEventAt: at(20, 15),
        events: [{ status: 'RETURNING', at: at(20, 15) }],
      }),
      at(21),
      defaultCalendar,
    );
    expect(returning.map((a) => [a.kind, a.deadline])).toEqual([['return_requested', at(24, 15)]]);
    const failed = computeAnomalies(
      facts({
        status: 'DELIVERY_FAILED',
        promisedAt: null,
        lastEventAt: at(20, 15),
        events: [{ status: 'DELIVERY_FAILED', at: at(20, 15) }],
      }),
      at(23),
      defaultCalendar,
    );
    expect(failed.map((a) => [a.kind, a.deadline, a.expired])).toEqual([
      ['awaiting_sender', at(22, 17), true],
      ['storage_limit', at(30, 15), false],
    ]);
  });

  // Expected values are worked out by hand, not with the calendar code under test: Asia/Shanghai is
  // UTC+8 all year (no DST), so 00:30 local on Sat 21 Nov 2026 is 2026-11-20T16:30Z. The dates
  // (16 Nov – 19 Dec 2026) hold no Chinese public holiday and no 调休 working day (the next is New
  // Year's Day 2027), so the rules' plain weekend logic applies even while the calendar has no
  // holiday list. 20 Nov 2026 is a Friday.
  const utc = (iso: string) => Date.parse(iso);

  it('gives the exact deadlines for a stalled parcel, a late one and an unannounced 有货无单', () => {
    const f: WaybillFacts = {
      status: 'IN_TRANSIT',
      createdAt: utc('2026-11-16T01:00:00Z'), // Mon 16 Nov 09:00 local
      promisedAt: utc('2026-11-18T10:00:00Z'), // Wed 18 Nov 18:00 local
      lastEventAt: utc('2026-11-17T06:15:00Z'), // Tue 17 Nov 14:15 local
      events: [{ status: 'PICKED_UP', at: utc('2026-11-16T04:00:00Z') }], // dispatch: Mon 12:00
      problems: [{ kind: 'no_label', occurredAt: utc('2026-11-18T07:40:00Z'), announcedAt: null }],
    };
    // Exactly 48 h of silence is not yet a stall; one millisecond more is, and overdue by 1 ms.
    expect(kinds(f, utc('2026-11-19T06:15:00Z'))).toEqual(['delayed', 'no_label']);
    expect(computeAnomalies(f, utc('2026-11-19T06:15:00.001Z'), defaultCalendar)).toEqual([
      {
        kind: 'delayed',
        since: utc('2026-11-18T10:00:00Z'),
        deadline: null,
        remainingMs: null,
        expired: false,
        estimated: false,
        reportBy: utc('2026-12-01T04:00:00Z'), // dispatch + 15 days
        reportWindowClosed: false,
      },
      {
        kind: 'stalled',
        since: utc('2026-11-17T06:15:00Z'),
        deadline: utc('2026-11-19T06:15:00Z'), // last update + 48 h
        remainingMs: -1,
        expired: true,
        estimated: false,
        reportBy: utc('2026-12-16T04:00:00Z'), // dispatch + 30 days
        reportWindowClosed: false,
      },
      {
        kind: 'no_label',
        since: utc('2026-11-18T07:40:00Z'),
        deadline: utc('2026-11-18T10:40:00Z'), // found Wed 15:40 local + 3 h = 18:40 local
        remainingMs: -(19 * HOUR + 35 * 60_000 + 1),
        expired: true,
        estimated: false,
        reportBy: utc('2026-12-16T04:00:00Z'),
        reportWindowClosed: false,
      },
    ]);
  });

  it('counts "day 3" and working days in desk-local dates, not UTC ones', () => {
    // Sat 21 Nov 00:30 in Shanghai, still Friday 20 Nov in UTC.
    const failedAt = utc('2026-11-20T16:30:00Z');
    const dispatched = utc('2026-11-19T02:00:00Z'); // Thu 19 Nov 10:00 local
    const failed: WaybillFacts = {
      status: 'DELIVERY_FAILED',
      createdAt: dispatched,
      promisedAt: null,
      lastEventAt: failedAt,
      events: [
        { status: 'PICKED_UP', at: dispatched },
        { status: 'DELIVERY_FAILED', at: failedAt },
      ],
      problems: [],
    };
    // Day 1 is Sat 21 (local), day 3 is Mon 23: 17:00 local = 09:00Z. At the deadline itself the
    // flag is due, not yet expired.
    expect(computeAnomalies(failed, utc('2026-11-23T09:00:00Z'), defaultCalendar)).toEqual([
      {
        kind: 'awaiting_sender',
        since: failedAt,
        deadline: utc('2026-11-23T09:00:00Z'),
        remainingMs: 0,
        expired: false,
        estimated: false,
        reportBy: utc('2026-12-19T02:00:00Z'),
        reportWindowClosed: false,
      },
      {
        kind: 'storage_limit',
        since: failedAt,
        deadline: utc('2026-11-30T16:30:00Z'), // + 10 × 24 h: Tue 1 Dec 00:30 local
        remainingMs: utc('2026-11-30T16:30:00Z') - utc('2026-11-23T09:00:00Z'),
        expired: false,
        estimated: false,
        reportBy: utc('2026-12-19T02:00:00Z'),
        reportWindowClosed: false,
      },
    ]);
    const returnDeadline = (requestedAt: number) =>
      computeAnomalies(
        { ...failed, status: 'RETURNING', events: [{ status: 'RETURNING', at: requestedAt }] },
        requestedAt + HOUR,
        defaultCalendar,
      ).map((a) => [a.kind, a.deadline]);
    // Requested on a rest day (Sat 00:30 local): Mon 23 is working day 1, Tue 24 day 2, same local
    // time → Tue 24 Nov 00:30 local. (Counted in UTC it would wrongly be 2026-11-24T16:30Z.)
    expect(returnDeadline(failedAt)).toEqual([['return_requested', utc('2026-11-23T16:30:00Z')]]);
    // Requested Fri 27 Nov 17:00 local: Mon 30 Nov, Tue 1 Dec → Tue 1 Dec 17:00 local.
    expect(returnDeadline(utc('2026-11-27T09:00:00Z'))).toEqual([
      ['return_requested', utc('2026-12-01T09:00:00Z')],
    ]);
  });

  it('marks report windows that have closed', () => {
    const old = facts({
      createdAt: at(1),
      events: [{ status: 'PICKED_UP', at: at(1) }],
      promisedAt: at(3),
      lastEventAt: at(21, 9),
    });
    const [delayed] = computeAnomalies(old, at(21, 10), defaultCalendar);
    expect(delayed).toMatchObject({ kind: 'delayed', reportWindowClosed: true });
  });
});

describe('Kuaidi100 state mapping (docs/DOMAIN.md §7)', () => {
  it('maps main and sub states, falls back for unknown sub-states, and refuses garbage', () => {
    expect(statusFromKuaidi100('0')).toBe('IN_TRANSIT');
    expect(statusFromKuaidi100('3')).toBe('DELIVERED');
    expect(statusFromKuaidi100('14')).toBe('REFUSED');
    expect(statusFromKuaidi100('209')).toBe('DAMAGED');
    expect(statusFromKuaidi100('304')).toBe('DELIVERED');
    expect(statusFromKuaidi100('501')).toBe('AT_PICKUP_POINT');
    expect(statusFromKuaidi100('1001')).toBe('ARRIVED_DEST_CITY');
    expect(statusFromKuaidi100('299')).toBe('STALLED');
    expect(statusFromKuaidi100('1009')).toBe('IN_TRANSIT');
    expect(statusFromKuaidi100('x')).toBeNull();
    expect(statusFromKuaidi100('99')).toBeNull();
  });
});
