/**
 * Waybill lookup for the agent: the one search box, the detail view with anomaly flags, phone
 * reveal (audited), notes, and the screen pop for a caller's number.
 */
import type { AnomalyRules } from '@shared/waybills/anomalies';
import { computeAnomalies, defaultAnomalyRules } from '@shared/waybills/anomalies';
import type { WorkCalendar } from '@shared/common/calendar';
import type {
  ContactOutcome,
  ScreenPop,
  SearchResult,
  WaybillDetail,
  WaybillRow,
} from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { TicketSummary } from '@shared/complaints/contract';
import { maxPopTickets } from '@shared/complaints/contract';
import { maskPhone } from '@shared/common/format';
import { phoneKey } from '@shared/common/phone';
import { parseSearchQuery } from '@shared/waybills/search';
import { normaliseWaybillNumber, recogniseWaybill } from '@shared/waybills/waybill';
import type { Db } from '../../platform/db/database';
import type { DeskSessionService } from '../session';
import type { Clock, IdFactory } from '../../platform/ports';
import type { AuditRepo } from '../../platform/audit-repo';
import type { LastContactDb, WaybillFullDb, WaybillRowDb, WaybillsRepo } from './waybills-repo';

/**
 * How many customers a name/address search may fan out to before it asks to be narrowed
 * (truncated). Measured on 1 M customers: 200 common-name matches cost ~80 ms p95 cold, 50 ~7 ms.
 */
const MAX_CUSTOMERS = 50;
/**
 * 尾号 with a date (range): the date narrows, so every customer with that 尾号 is searched, up to
 * this many (a 尾号 is shared by ~115 customers on 1 M: each costs two index range seeks).
 */
const MAX_CUSTOMERS_DATED = 500;

export interface WaybillServiceDeps {
  db: Db;
  waybills: WaybillsRepo;
  audit: AuditRepo;
  session: DeskSessionService;
  clock: Clock;
  newId: IdFactory;
  /** The desk's working calendar as of now (a lead's import applies at once). */
  calendar: () => WorkCalendar;
  rules?: AnomalyRules;
  /** The agent opened a waybill's detail (the softphone ties it to the call in progress). */
  onViewed?: (waybillId: string) => void;
  /**
   * The open complaint tickets of the caller's customers, the most urgent first, at most `limit`
   * (the complaints feature; none when it is not wired).
   */
  openTickets?: (customerIds: readonly string[], limit: number) => TicketSummary[];
  /** The live tracking side (TrackingService): background refresh, and whether data is fresh. */
  tracking?: {
    requestRefresh(w: WaybillFullDb): void;
    /** True when a live source refreshed this waybill recently enough to call it live. */
    isLive(syncedAt: number | null): boolean;
  };
}

export function toRow(r: WaybillRowDb): WaybillRow {
  return {
    id: r.id,
    number: r.number,
    carrier: r.carrier,
    status: r.status,
    originCity: r.origin_city,
    destCity: r.dest_city,
    senderName: r.sender_name,
    receiverName: r.receiver_name,
    createdAt: r.created_at,
    promisedAt: r.promised_at,
    lastEventAt: r.last_event_at,
    lastEventText: r.last_event_text,
  };
}

/** How a past call went, from what the softphone recorded. */
export function contactOutcome(c: LastContactDb): ContactOutcome {
  if (c.answered_at !== null) return 'answered';
  switch (c.end_cause) {
    case 'remote_cancel':
      return c.direction === 'inbound' ? 'abandoned' : 'unanswered';
    case 'ring_timeout':
      return 'missed';
    case 'refused_not_ready':
      return 'refused';
    case 'rejected':
      return 'rejected';
    case 'agent_hangup':
    case 'remote_busy':
      return c.direction === 'outbound' ? 'unanswered' : 'failed';
    default:
      return 'failed';
  }
}

export class WaybillService {
  private readonly rules: AnomalyRules;

  constructor(private readonly deps: WaybillServiceDeps) {
    this.rules = deps.rules ?? defaultAnomalyRules;
  }

  search(text: string, limit: number): SearchResult {
    this.deps.session.requireSession();
    const q = parseSearchQuery(text, this.deps.calendar().timeZone, this.deps.clock.now());
    const { waybills } = this.deps;
    const page = (rows: WaybillRowDb[]) => ({
      rows: rows.slice(0, limit).map(toRow),
      truncated: rows.length > limit,
    });
    const empty = { invalidReason: null, matchedCustomers: 0, recognition: null };
    switch (q.kind) {
      case 'invalid':
        return {
          kind: 'invalid',
          invalidReason: q.reason,
          rows: [],
          truncated: false,
          matchedCustomers: 0,
          recognition: null,
        };
      case 'waybill': {
        const exact = waybills.byNumber(q.number);
        if (exact)
          return {
            ...empty,
            kind: 'waybill',
            rows: [toRow(exact)],
            truncated: false,
            recognition: q.recognition,
          };
        // Not a known number: try it as a prefix (≥ 6 characters), and say how it was read.
        return {
          ...empty,
          kind: 'waybill_prefix',
          ...page(waybills.byNumberPrefix(q.number, limit + 1)),
          recognition: q.recognition,
        };
      }
      case 'phone': {
        const ids = waybills.customerIdsByPhone(q.phone);
        return {
          ...empty,
          kind: 'phone',
          matchedCustomers: ids.length,
          ...page(waybills.forCustomers(ids, limit + 1)),
        };
      }
      case 'last4': {
        const cap = q.name === null && q.from !== null ? MAX_CUSTOMERS_DATED : MAX_CUSTOMERS;
        const ids = waybills.customerIdsByLast4(q.last4, q.name, cap + 1);
        const rows = waybills.forCustomers(
          ids.slice(0, cap),
          limit + 1,
          q.from ?? 0,
          q.to ?? Number.MAX_SAFE_INTEGER,
        );
        return {
          ...empty,
          kind: 'last4',
          matchedCustomers: ids.length,
          ...page(rows),
          truncated: rows.length > limit || ids.length > cap,
        };
      }
      case 'name':
      case 'address': {
        const value = q.kind === 'name' ? q.name : q.text;
        const ids =
          q.kind === 'name' && [...value].length < 3
            ? waybills.customerIdsByNamePrefix(value, MAX_CUSTOMERS + 1)
            : waybills.customerIdsByText(value.split(' '), q.kind, MAX_CUSTOMERS + 1);
        const rows = waybills.forCustomers(ids.slice(0, MAX_CUSTOMERS), limit + 1);
        return {
          ...empty,
          kind: q.kind,
          matchedCustomers: ids.length,
          ...page(rows),
          truncated: rows.length > limit || ids.length > MAX_CUSTOMERS,
        };
      }
    }
  }

  detail(rawNumber: string): WaybillDetail {
    this.deps.session.requireSession();
    const number = normaliseWaybillNumber(rawNumber);
    const w = this.deps.waybills.fullByNumber(number);
    if (!w) {
      const hint = recogniseWaybill(number).s10?.suggestion;
      throw new ContractError(
        'NOT_FOUND',
        `No waybill ${number} on this desk${hint ? `; did you mean ${hint}?` : ''}`,
      );
    }
    this.deps.tracking?.requestRefresh(w);
    this.deps.onViewed?.(w.id);
    return this.toDetail(w);
  }

  /** Unmasks one phone of a waybill for a stated reason; the reveal is audited (docs/DOMAIN.md §7). */
  revealPhone(waybillId: string, party: 'sender' | 'receiver', reason: string): { phone: string } {
    const session = this.deps.session.requireSession();
    const w = this.deps.waybills.fullById(waybillId);
    if (!w) throw new ContractError('NOT_FOUND', `No waybill ${waybillId}`);
    this.deps.audit.append({
      id: this.deps.newId(),
      at: this.deps.clock.now(),
      actorId: session.agent.id,
      action: 'reveal_phone',
      subject: w.number,
      detail: { party, reason },
    });
    return { phone: party === 'sender' ? w.sender_phone : w.receiver_phone };
  }

  /**
   * The party's number for click-to-dial: main dials it, the console keeps showing it masked,
   * so no reveal (and no audit entry) is involved. The call record keeps the dialled number.
   */
  partyPhone(waybillId: string, party: 'sender' | 'receiver'): { phone: string; masked: string } {
    this.deps.session.requireSession();
    const w = this.deps.waybills.fullById(waybillId);
    if (!w) throw new ContractError('NOT_FOUND', `No waybill ${waybillId}`);
    const phone = party === 'sender' ? w.sender_phone : w.receiver_phone;
    return { phone, masked: maskPhone(phone) };
  }

  addNote(
    waybillId: string,
    text: string,
  ): { id: string; at: number; agentName: string; text: string } {
    const session = this.deps.session.requireSession();
    if (!this.deps.waybills.fullById(waybillId))
      throw new ContractError('NOT_FOUND', `No waybill ${waybillId}`);
    const note = { id: this.deps.newId(), at: this.deps.clock.now(), text };
    this.deps.db.transaction(() =>
      this.deps.waybills.addNote({
        id: note.id,
        waybill_id: waybillId,
        agent_id: session.agent.id,
        at: note.at,
        text,
      }),
    );
    return { ...note, agentName: session.agent.name };
  }

  /**
   * Everything the agent needs before answering: who calls, their parcels, their history, and
   * their open complaint tickets (whose they are).
   */
  screenPop(rawNumber: string): ScreenPop {
    this.deps.session.requireSession();
    const number = phoneKey(rawNumber);
    const { waybills } = this.deps;
    const calendar = this.deps.calendar();
    const now = this.deps.clock.now();
    const ids = waybills.customerIdsByPhone(number);
    const customers = waybills.customers(ids).map((c) => ({
      id: c.id,
      name: c.name,
      company: c.company,
      class: c.class,
      keyAccountTier: c.key_account_tier,
      city: c.city,
    }));
    // Key accounts first, then A before B before C, so the picker opens on the likeliest caller.
    customers.sort(
      (a, b) => (b.keyAccountTier ?? 0) - (a.keyAccountTier ?? 0) || a.class.localeCompare(b.class),
    );
    const first = customers[0];
    const rows = first ? waybills.forCustomers([first.id], 5) : [];
    return {
      number,
      customers,
      waybills: rows.map((r) => ({
        ...toRow(r),
        anomalies: computeAnomalies(
          {
            status: r.status,
            createdAt: r.created_at,
            promisedAt: r.promised_at,
            lastEventAt: r.last_event_at,
            events: waybills.events(r.id),
            problems: waybills.problems(r.id),
          },
          now,
          calendar,
          this.rules,
        ),
      })),
      lastContacts: this.deps.waybills.lastContacts(number).map((c) => ({
        at: c.offered_at,
        direction: c.direction,
        disposition: c.disposition,
        agentName: c.agent_name,
        answered: c.answered_at !== null,
        outcome: contactOutcome(c),
      })),
      openTickets: this.deps.openTickets?.(ids, maxPopTickets) ?? [],
    };
  }

  private toDetail(w: WaybillFullDb): WaybillDetail {
    const events = this.deps.waybills.events(w.id);
    const problems = this.deps.waybills.problems(w.id);
    const now = this.deps.clock.now();
    return {
      waybill: {
        ...toRow(w),
        senderPhoneMasked: maskPhone(w.sender_phone),
        receiverPhoneMasked: maskPhone(w.receiver_phone),
        senderAddress: w.sender_address,
        receiverAddress: w.receiver_address,
        serviceType: w.service_type,
        itemDescription: w.item_description,
        weightG: w.weight_g,
        declaredValueFen: w.declared_value_fen,
        insured: w.insured === 1,
        freightFen: w.freight_fen,
      },
      events: events.map((e) => ({
        at: e.at,
        status: e.status,
        rawState: e.raw_state,
        location: e.location,
        description: e.description,
      })),
      anomalies: computeAnomalies(
        {
          status: w.status,
          createdAt: w.created_at,
          promisedAt: w.promised_at,
          lastEventAt: w.last_event_at,
          events: [...events].reverse(),
          problems,
        },
        now,
        this.deps.calendar(),
        this.rules,
      ),
      notes: this.deps.waybills.notes(w.id),
      asOf: w.synced_at,
      source: this.deps.tracking?.isLive(w.synced_at) ? 'live' : 'mirror',
    };
  }
}
