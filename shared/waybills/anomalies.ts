/**
 * Problem-parcel flags with their deadlines, from the TTK network rules and the complaint
 * windows in docs/DOMAIN.md §4. Pure: the caller passes the facts, the current time and the calendar.
 */
import type { WorkCalendar } from '../common/calendar';
import { addWorkingDays, atLocalHourOnDay, coversSpan } from '../common/calendar';
import type { TrackingStatus } from './tracking';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const anomalyKinds = [
  'delayed', // later than the promised time
  'stalled', // no tracking update for N hours
  'no_parcel', // 有单无货: record but no parcel — announce within 3 h of arrival
  'no_label', // 有货无单: parcel without label — announce within 3 h
  'arrival_damage', // damaged on arrival — announce to the previous station within 3 h
  'return_requested', // sender asked for the return — return within 2 working days
  'awaiting_sender', // undeliverable — sender must answer by 17:00 of day 3
  'storage_limit', // undeliverable parcel kept at most 10 days
  'lost', // no scan since it left a hub, past the stall window — open a claim
] as const;
export type AnomalyKind = (typeof anomalyKinds)[number];

export type ProblemKind = 'no_parcel' | 'no_label' | 'arrival_damage';

export interface ProblemReport {
  kind: ProblemKind;
  /** When the problem was found on arrival. */
  occurredAt: number;
  /** When it was announced to the network; null while still owed. */
  announcedAt: number | null;
}

export interface WaybillFacts {
  status: TrackingStatus;
  createdAt: number;
  promisedAt: number | null;
  lastEventAt: number | null;
  events: readonly { status: TrackingStatus; at: number }[];
  problems: readonly ProblemReport[];
}

export interface AnomalyRules {
  /** No tracking update for this long flags the parcel as stalled. */
  stallHours: number;
  announceHours: number;
  returnWorkingDays: number;
  senderAnswerDay: number;
  senderAnswerHour: number;
  storageDays: number;
  /** Reporting windows from dispatch (docs/DOMAIN.md §4): delay 15 days, other problems 30. */
  delayReportDays: number;
  otherReportDays: number;
}

export const defaultAnomalyRules: AnomalyRules = {
  stallHours: 48,
  announceHours: 3,
  returnWorkingDays: 2,
  senderAnswerDay: 3,
  senderAnswerHour: 17,
  storageDays: 10,
  delayReportDays: 15,
  otherReportDays: 30,
};

export interface Anomaly {
  kind: AnomalyKind;
  /** When the clock started. */
  since: number;
  /** When the action is due; null when there is no deadline (e.g. just late). */
  deadline: number | null;
  /** ms until the deadline (negative once expired); null without a deadline. */
  remainingMs: number | null;
  expired: boolean;
  /**
   * The deadline runs through a year the official holiday schedule does not cover: worked out on
   * weekdays alone (the detail says so next to it).
   */
  estimated: boolean;
  /** The last day the customer may still report this problem (15/30-day windows). */
  reportBy: number;
  reportWindowClosed: boolean;
}

const terminal: ReadonlySet<TrackingStatus> = new Set(['DELIVERED', 'RETURNED', 'CANCELLED']);
/** Statuses where the parcel is expected to move; waiting on a person (failed delivery, pickup
 * point, refusal) has its own clocks and is not a stall. */
const moving: ReadonlySet<TrackingStatus> = new Set([
  'ORDER_CREATED',
  'PICKED_UP',
  'IN_TRANSIT',
  'ARRIVED_DEST_CITY',
  'OUT_FOR_DELIVERY',
  'STALLED',
  'REDIRECTED',
]);

export function computeAnomalies(
  facts: WaybillFacts,
  now: number,
  cal: WorkCalendar,
  rules = defaultAnomalyRules,
): Anomaly[] {
  const out: Anomaly[] = [];
  const dispatch = facts.events.find((e) => e.status === 'PICKED_UP')?.at ?? facts.createdAt;
  const add = (kind: AnomalyKind, since: number, deadline: number | null, delay = false) => {
    const reportBy = dispatch + (delay ? rules.delayReportDays : rules.otherReportDays) * DAY;
    out.push({
      kind,
      since,
      deadline,
      remainingMs: deadline === null ? null : deadline - now,
      expired: deadline !== null && now > deadline,
      estimated: deadline !== null && !coversSpan(since, deadline, cal),
      reportBy,
      reportWindowClosed: now > reportBy,
    });
  };
  const done = terminal.has(facts.status);
  const lastOf = (status: TrackingStatus) =>
    [...facts.events].reverse().find((e) => e.status === status)?.at;

  if (!done && facts.promisedAt !== null && now > facts.promisedAt)
    add('delayed', facts.promisedAt, null, true);

  if (
    moving.has(facts.status) &&
    facts.lastEventAt !== null &&
    now - facts.lastEventAt > rules.stallHours * HOUR
  ) {
    const inTransit = facts.status === 'IN_TRANSIT' || facts.status === 'PICKED_UP';
    // Silent for twice the stall window after leaving a hub: treat as possibly lost.
    if (inTransit && now - facts.lastEventAt > 2 * rules.stallHours * HOUR)
      add('lost', facts.lastEventAt, null);
    else add('stalled', facts.lastEventAt, facts.lastEventAt + rules.stallHours * HOUR);
  }

  const problems = [...facts.problems];
  const damagedAt = lastOf('DAMAGED');
  if (damagedAt !== undefined && !problems.some((p) => p.kind === 'arrival_damage')) {
    problems.push({ kind: 'arrival_damage', occurredAt: damagedAt, announcedAt: null });
  }
  for (const p of problems) {
    if (p.announcedAt !== null) continue;
    add(p.kind, p.occurredAt, p.occurredAt + rules.announceHours * HOUR);
  }

  if (facts.status === 'RETURNING') {
    const at = lastOf('RETURNING') ?? facts.lastEventAt ?? facts.createdAt;
    add('return_requested', at, addWorkingDays(at, rules.returnWorkingDays, cal));
  }

  if (facts.status === 'DELIVERY_FAILED' || facts.status === 'REFUSED') {
    const at = lastOf(facts.status) ?? facts.lastEventAt ?? facts.createdAt;
    add(
      'awaiting_sender',
      at,
      atLocalHourOnDay(at, rules.senderAnswerDay, rules.senderAnswerHour, cal.timeZone),
    );
    add('storage_limit', at, at + rules.storageDays * DAY);
  }
  return out;
}
