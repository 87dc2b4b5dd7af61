/**
 * Complaint tickets (投诉/服务事故, docs/DOMAIN.md §5): registration with the seed form's fields,
 * compensation and severity from the desk's rules (shared/complaints/compensation.ts), the six
 * handling steps, the clocks on the official calendar (shared/complaints/clocks.ts), escalation to
 * the back office, photos, and the monthly summary.
 *
 * Ownership (首问责任制): the agent who registers a ticket owns it; only the owner or a lead changes
 * it (a lead acting on another's ticket is audited); the owner changes only by an escalation to a
 * named agent or a handover (`transferOwner`), each a ticket event and an audit entry.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ContractError } from '@shared/common/errors';
import type { Issue } from '@shared/common/errors';
import type { WorkCalendar } from '@shared/common/calendar';
import { fromLocal, localDate, localParts } from '@shared/common/calendar';
import type { ClockKey, TicketClock } from '@shared/complaints/clocks';
import { clockKeys, ticketClocks } from '@shared/complaints/clocks';
import type { Compensation, CompensationRules, Severity } from '@shared/complaints/compensation';
import {
  compensate,
  compensationRulesSchema,
  complaintTypes,
  defaultCompensationRules,
  severities,
  severityOf,
} from '@shared/complaints/compensation';
import type {
  BackOfficeDesk,
  ComplaintFacts,
  ComplaintForm,
  HandlingStep,
  MonthlySummary,
  Ticket,
  TicketAttachment,
  TicketEventKind,
  TicketListScope,
  TicketSummary,
} from '@shared/complaints/contract';
import {
  attachmentChunkBytes,
  complaintCauses,
  complaintFormSchema,
  handlingSteps,
  maxAttachmentsPerTicket,
} from '@shared/complaints/contract';
import type { Session } from '@shared/session/contract';
import type { AuditRepo } from '../../platform/audit-repo';
import type { Db } from '../../platform/db/database';
import type { Clock, IdFactory, Logger } from '../../platform/ports';
import type { SettingsRepo } from '../../platform/settings-repo';
import type { DeskSessionService } from '../session';
import type { AttachmentStore } from './attachment-store';
import type {
  ComplaintListRow,
  ComplaintRow,
  ComplaintSummaryRow,
  ComplaintsRepo,
  ListQuery,
} from './complaints-repo';

export interface ComplaintServiceDeps {
  db: Db;
  repo: ComplaintsRepo;
  audit: AuditRepo;
  session: DeskSessionService;
  settings: SettingsRepo;
  clock: Clock;
  newId: IdFactory;
  logger: Logger;
  /** The desk's working calendar as of now (a lead's import applies at once). */
  calendar: () => WorkCalendar;
  files: AttachmentStore;
  onChanged: (id: string, ownerId: string) => void;
}

/** The `complaints.rules` setting: the carrier's compensation terms and severity thresholds. */
export const COMPLAINT_RULES_SETTING = 'complaints.rules';

const DAY = 86_400_000;
/** How far back an incident may be dated (the customer-paid clock runs 60 working days). */
const MAX_INCIDENT_AGE = 2 * 366 * DAY;

/** An open ticket as the handover book lists it. */
export interface OpenItem {
  ticketId: string;
  number: string;
  customerName: string;
  type: (typeof complaintTypes)[number];
  severity: Severity;
  nextClock: ClockKey | null;
  nextDueAt: number | null;
  /** How urgent the next clock is at `now`. */
  urgency: 'overdue' | 'due_soon' | 'running' | 'none';
  estimated: boolean;
}

/** What an apology or negotiation letter needs (the documents feature prints it). */
export interface LetterData {
  ticketNumber: string;
  customerName: string;
  waybillNumbers: string[];
  type: (typeof complaintTypes)[number];
  receivedAt: number;
  incidentAt: number;
  requestText: string;
  requestedFen: number | null;
  payableFen: number;
  steps: string[];
  agent: { employeeNo: string; name: string };
  timeZone: string;
}

const doneSchema = z.partialRecord(z.enum(clockKeys), z.number().int());
const compensationStored = z.object({
  payableFen: z.number().int(),
  exclusion: z.enum(['cash', 'signed_without_outer_damage', 'fragile_inner_damage']).nullable(),
  steps: z.array(z.string()),
  requestedFen: z.number().int().nullable(),
});

const CLOCKS_CALENDAR_SETTING = 'complaints.clocksCalendar';

/** What the working-day clocks depend on, in a short stable form. */
function calendarFingerprint(c: WorkCalendar): string {
  const sorted = (xs: Iterable<string | number>) => [...xs].map(String).sort();
  return createHash('sha256')
    .update(
      JSON.stringify([
        c.timeZone,
        sorted(c.holidays),
        sorted(c.extraWorkdays),
        sorted(c.schedule?.years ?? []),
        sorted(c.schedule?.holidays ?? []),
        sorted(c.schedule?.workdays ?? []),
      ]),
    )
    .digest('hex');
}

export class ComplaintService {
  /** The calendar the stored next clocks were last checked against in this process. */
  private countedOn: WorkCalendar | null = null;

  constructor(private readonly deps: ComplaintServiceDeps) {}

  /**
   * The lists read each open ticket's next clock from its row. When the desk's calendar is not
   * the one those were counted on — a lead imported a year's holiday schedule, the desk's own days
   * changed, or a newer package brought new years (also across restarts: its fingerprint is kept
   * in setting `complaints.clocksCalendar`) — count them again first, in one transaction.
   */
  private recountIfCalendarChanged(now: number): void {
    const calendar = this.deps.calendar();
    if (this.countedOn === calendar) return;
    const { db, repo, settings } = this.deps;
    const fingerprint = calendarFingerprint(calendar);
    if (settings.get(CLOCKS_CALENDAR_SETTING) !== fingerprint) {
      let n = 0;
      db.transaction(() => {
        for (const id of repo.openIds()) {
          const r = repo.get(id);
          if (!r) continue;
          this.refreshNext(r, now);
          repo.update(r);
          n++;
        }
        settings.set(CLOCKS_CALENDAR_SETTING, fingerprint, now);
      });
      this.deps.logger.info('ticket clocks recounted on the changed calendar', { tickets: n });
    }
    this.countedOn = calendar;
  }

  rules(): CompensationRules {
    const { settings, logger } = this.deps;
    return (
      settings.getParsed(COMPLAINT_RULES_SETTING, compensationRulesSchema, logger) ??
      defaultCompensationRules
    );
  }

  /** The terms in force, for the lead's settings card. */
  rulesView(): CompensationRules {
    this.requireLead();
    return this.rules();
  }

  /**
   * A lead sets the carrier's terms and the severity thresholds (audited, before → after). New
   * registrations and edits are computed with them; registered tickets keep their figures.
   */
  setRules(next: CompensationRules): CompensationRules {
    const session = this.requireLead();
    const { db, settings, audit, clock, newId } = this.deps;
    const now = clock.now();
    const before = this.rules();
    db.transaction(() => {
      settings.set(COMPLAINT_RULES_SETTING, JSON.stringify(next), now);
      audit.append({
        id: newId(),
        at: now,
        actorId: session.agent.id,
        action: 'complaint_rules_changed',
        subject: COMPLAINT_RULES_SETTING,
        detail: { before: JSON.stringify(before), after: JSON.stringify(next) },
      });
    });
    return this.rules();
  }

  preview(facts: ComplaintFacts): { compensation: Compensation; severity: Severity } {
    this.deps.session.requireSession();
    const rules = this.rules();
    const compensation = compensate(facts, rules);
    return { compensation, severity: severityOf(atStake(facts, compensation), rules) };
  }

  register(a: {
    form: ComplaintForm;
    /** 已安抚致歉 on the call: its own step event (who, when) before 登记. */
    apologized: boolean;
    callId: string | null;
    customerId: string | null;
    waybillNumbers: string[];
  }): Ticket {
    const session = this.deps.session.requireSession();
    const { repo, clock, newId, db } = this.deps;
    const now = clock.now();
    this.check(a.form, now);
    let customerId = a.customerId;
    if (a.callId !== null) {
      const call = repo.callCustomer(a.callId);
      if (!call) throw new ContractError('NOT_FOUND', 'No such call', [issue('callId', 'format')]);
      customerId ??= call.customer_id;
    }
    if (customerId !== null && !repo.customerExists(customerId)) {
      throw new ContractError('NOT_FOUND', 'No such customer', [issue('customerId', 'format')]);
    }
    const waybills = a.waybillNumbers.map((n, i) => {
      const w = repo.waybillByNumber(n.toUpperCase()) ?? repo.waybillByNumber(n);
      if (!w) {
        throw new ContractError('NOT_FOUND', 'No such waybill', [
          { path: `waybillNumbers.${i}`, message: 'not_found' },
        ]);
      }
      return w;
    });
    const id = newId();
    const row = db.transaction(() => {
      const r = this.fresh(id, session, a.form, now, customerId, a.callId);
      repo.insert(r, waybills);
      if (a.apologized) this.event(r, session, now, 'step', { step: 'apologize' });
      this.event(r, session, now, 'registered', { step: 'register' });
      return r;
    });
    this.deps.onChanged(id, row.owner_id);
    return this.get(id);
  }

  get(id: string): Ticket {
    const session = this.deps.session.requireSession();
    const row = this.deps.repo.get(id);
    if (!row) throw new ContractError('NOT_FOUND', 'No such ticket');
    return this.view(row, session);
  }

  edit(id: string, form: ComplaintForm): Ticket {
    return this.change(id, 'edited', (r, now) => {
      this.check(form, now);
      const next = this.withForm(form, r.received_at);
      Object.assign(r, next);
      return {};
    });
  }

  advance(id: string, step: HandlingStep, note: string | null): Ticket {
    return this.change(id, 'step', (r, now) => {
      const at = r.step === null ? -1 : handlingSteps.indexOf(r.step as HandlingStep);
      if (step === 'apologize') {
        // Done on the call before registering, or late — but only while nothing past 登记 is
        // done: soothing a customer after the negotiation is not the manual's first step.
        const late = r.step === 'register' && !this.stepsDone(r.id).includes('apologize');
        if (!late) {
          throw new ContractError('ILLEGAL_TRANSITION', 'Too late to record the apology', [
            { path: 'step', message: 'done' },
          ]);
        }
        return { step, note };
      }
      if (handlingSteps.indexOf(step) <= at) {
        throw new ContractError('ILLEGAL_TRANSITION', 'That step is already done', [
          { path: 'step', message: 'done' },
        ]);
      }
      r.step = step;
      // Negotiating means the first investigation is made and the letter is due; an answer
      // meets the statutory one.
      if (step === 'negotiate' || step === 'answer') {
        this.markDone(r, ['investigate', 'negotiation_letter'], now);
      }
      if (step === 'answer') this.markDone(r, ['statutory_answer'], now);
      return { step, note };
    });
  }

  clockDone(id: string, key: ClockKey, note: string | null): Ticket {
    return this.change(id, 'clock_done', (r, now) => {
      const done = doneSchema.parse(JSON.parse(r.done));
      if (done[key] !== undefined) {
        throw new ContractError('ILLEGAL_TRANSITION', 'That clock is already met', [
          { path: 'clock', message: 'done' },
        ]);
      }
      const current = this.clocks(r, now).map((c) => c.key);
      if (!current.includes(key)) {
        throw new ContractError('BAD_ARGUMENT', 'This ticket has no such clock', [
          { path: 'clock', message: 'format', code: 'format' },
        ]);
      }
      this.markDone(r, [key], now);
      return { clock: key, note };
    });
  }

  escalate(id: string, desk: BackOfficeDesk, toEmployeeNo: string | null, note: string): Ticket {
    const session = this.deps.session.requireSession();
    let toId: string | null = null;
    if (toEmployeeNo !== null) {
      toId = this.deps.repo.activeAgentByNo(toEmployeeNo)?.id ?? null;
      if (toId === null) {
        throw new ContractError('NOT_FOUND', 'No such agent', [
          { path: 'toEmployeeNo', message: 'not_found' },
        ]);
      }
    }
    return this.change(id, 'escalated', (r, now) => {
      if (r.escalated_to === desk && (toId === null || toId === r.owner_id)) {
        throw new ContractError('ILLEGAL_TRANSITION', 'Already with that desk', [
          { path: 'desk', message: 'done' },
        ]);
      }
      const from = r.owner_id;
      r.escalated_to = desk;
      r.escalated_at = now;
      if (toId !== null) r.owner_id = toId;
      // Escalating is the report to head office (the 24-hour clock of 重大 and 特大).
      this.markDone(r, ['report_hq'], now);
      this.deps.audit.append({
        id: this.deps.newId(),
        at: now,
        actorId: session.agent.id,
        action: 'complaint_escalated',
        subject: r.number,
        detail: { desk, from, to: r.owner_id },
      });
      return { desk, to_id: toId, note };
    });
  }

  close(id: string, paidFen: number | null, note: string): Ticket {
    return this.change(id, 'closed', (r, now) => {
      const session = this.deps.session.requireSession();
      r.closed_at = now;
      r.closed_by = session.agent.id;
      r.paid_fen = paidFen;
      return { note };
    });
  }

  list(
    scope: TicketListScope,
    filter: { type: string | null; severity: string | null; limit: number },
  ): { items: TicketSummary[]; more: boolean } {
    const session = this.deps.session.requireSession();
    const lead = session.agent.role === 'lead';
    if ((scope === 'team' || scope === 'overdue') && !lead) {
      throw new ContractError('FORBIDDEN', "Only a shift lead sees the team's tickets");
    }
    const now = this.deps.clock.now();
    this.recountIfCalendarChanged(now);
    const q: ListQuery = { ...filter, limit: filter.limit + 1 };
    const team = () => this.deps.repo.agentTeam(session.agent.id) ?? '';
    switch (scope) {
      case 'mine':
        q.ownerId = session.agent.id;
        break;
      case 'team':
        q.team = team();
        break;
      case 'due_today': {
        if (lead) q.team = team();
        else q.ownerId = session.agent.id;
        const { from, to } = this.dayBounds(now);
        q.dueFrom = Math.max(from, now);
        q.dueBefore = to;
        break;
      }
      case 'overdue':
        q.team = team();
        q.dueBefore = now;
        break;
    }
    const rows = this.deps.repo.list(q);
    return {
      items: rows.slice(0, filter.limit).map((r) => this.summary(r, now)),
      more: rows.length > filter.limit,
    };
  }

  attachBegin(
    id: string,
    fileName: string,
    size: number,
  ): { uploadId: string; chunkBytes: number } {
    const session = this.deps.session.requireSession();
    const row = this.editable(id, session);
    if (this.deps.repo.attachments(id).length >= maxAttachmentsPerTicket) {
      throw new ContractError('BAD_ARGUMENT', 'Too many photos on this ticket', [
        { path: 'file', message: 'too_many' },
      ]);
    }
    const uploadId = this.deps.newId();
    this.deps.files.begin(
      uploadId,
      { ticketId: row.id, agentId: session.agent.id, fileName, size },
      this.deps.clock.now(),
    );
    return { uploadId, chunkBytes: attachmentChunkBytes };
  }

  attachChunk(uploadId: string, index: number, base64: string): { received: number } {
    const session = this.deps.session.requireSession();
    const received = this.deps.files.chunk(
      uploadId,
      session.agent.id,
      index,
      base64,
      this.deps.clock.now(),
    );
    return { received };
  }

  async attachFinish(uploadId: string): Promise<Ticket> {
    const session = this.deps.session.requireSession();
    const { files, repo, newId } = this.deps;
    const pending = files.pending(uploadId, session.agent.id);
    const attachmentId = newId();
    const stored = await files.finish(uploadId, session.agent.id, attachmentId);
    try {
      this.change(pending.ticketId, 'attached', (r, now) => {
        repo.addAttachment({
          id: attachmentId,
          complaint_id: r.id,
          file_name: pending.fileName,
          mime: stored.mime,
          size: stored.size,
          path: stored.path,
          sha256: stored.sha256,
          at: now,
          by_id: session.agent.id,
        });
        return { note: pending.fileName };
      });
    } catch (err) {
      files.remove(stored.path);
      throw err;
    }
    return this.get(pending.ticketId);
  }

  attachment(id: string, attachmentId: string): { mime: TicketAttachment['mime']; base64: string } {
    const ticket = this.get(id);
    const a = this.deps.repo.attachment(ticket.id, attachmentId);
    if (!a) throw new ContractError('NOT_FOUND', 'No such photo');
    return {
      mime: a.mime as TicketAttachment['mime'],
      base64: this.deps.files.read(a.path).toString('base64'),
    };
  }

  monthlySummary(month: string): MonthlySummary {
    this.requireLead();
    const { repo } = this.deps;
    const { from, to, dueAt } = this.monthBounds(month);
    const counts = <K extends string>(keys: readonly K[], m: Map<string, number>) =>
      keys.map((key) => ({ key, count: m.get(key) ?? 0 }));
    const byType = counts(complaintTypes, repo.countsBy('type', from, to));
    const closed = repo.closedIn(from, to);
    return {
      month,
      registered: byType.reduce((n, r) => n + r.count, 0),
      closed: closed.n,
      byType,
      bySeverity: counts(severities, repo.countsBy('severity', from, to)),
      byCause: counts(complaintCauses, repo.countsBy('cause', from, to)),
      paidFen: closed.paid,
      averageCloseMs: closed.avg === null ? null : Math.round(closed.avg),
      dueAt,
    };
  }

  requireLead(): Session {
    const session = this.deps.session.requireSession();
    if (session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead may do this');
    }
    return session;
  }

  // —— For the other features (handover book, metrics, letters, screen pop) ——

  /**
   * The open tickets of the given customers (the caller on the screen pop), the most urgent first
   * (by the next clock; overdue ones lead), at most `limit`: an index seek per customer. It runs
   * while the phone rings, so it reads the stored next clocks as they are (a recount after a
   * calendar import is the lists' to do, not the ring's).
   */
  openTicketsOfCustomers(customerIds: readonly string[], limit: number): TicketSummary[] {
    if (customerIds.length === 0) return [];
    const now = this.deps.clock.now();
    return this.deps.repo.openOfCustomers(customerIds, limit).map((r) => this.summary(r, now));
  }

  /** An agent's open tickets with their next clock and how urgent it is at `now`. */
  openItemsOf(agentId: string, now: number): OpenItem[] {
    return this.deps.repo.openOf(agentId).map((r) => {
      const next = this.clocks(r, now).find((c) => c.next);
      return {
        ticketId: r.id,
        number: r.number,
        customerName: r.customer_name,
        type: r.type as OpenItem['type'],
        severity: r.severity as Severity,
        nextClock: next?.key ?? null,
        nextDueAt: next?.dueAt ?? null,
        urgency: next === undefined ? 'none' : next.state === 'met' ? 'none' : next.state,
        estimated: next?.estimated ?? false,
      };
    });
  }

  /** A formal handover (the handover book): one transaction, with its ticket event and audit. */
  transferOwner(t: {
    ticketId: string;
    fromAgentId: string;
    toAgentId: string;
    byAgentId: string;
    /** The handover (its id) the ticket moved with: kept in the audit, never shown as text. */
    handoverId: string;
  }): void {
    const { repo, db, clock, newId, audit } = this.deps;
    const now = clock.now();
    db.transaction(() => {
      const r = repo.get(t.ticketId);
      if (!r) throw new ContractError('NOT_FOUND', 'No such ticket');
      if (r.closed_at !== null) throw new ContractError('ILLEGAL_TRANSITION', 'Ticket is closed');
      if (r.owner_id !== t.fromAgentId) {
        throw new ContractError('ILLEGAL_TRANSITION', 'The ticket has another owner now');
      }
      if (t.toAgentId === t.fromAgentId || !repo.activeAgent(t.toAgentId)) {
        throw new ContractError('BAD_ARGUMENT', 'Not an agent to hand over to', [
          { path: 'toAgentId', message: 'format', code: 'format' },
        ]);
      }
      r.owner_id = t.toAgentId;
      repo.update(r);
      repo.addEvent({
        id: newId(),
        complaint_id: r.id,
        at: now,
        kind: 'handed_over',
        by_id: t.byAgentId,
        step: null,
        clock: null,
        desk: null,
        to_id: t.toAgentId,
        note: null,
      });
      audit.append({
        id: newId(),
        at: now,
        actorId: t.byAgentId,
        action: 'complaint_handed_over',
        subject: r.number,
        detail: { from: t.fromAgentId, to: t.toAgentId, handover: t.handoverId },
      });
    });
    this.deps.onChanged(t.ticketId, t.toAgentId);
  }

  /** Tickets registered in [from, to), by the given agents (all when absent). */
  registeredCount(q: { agentIds?: readonly string[]; from: number; to: number }): number {
    return this.deps.repo.countReceived(q.from, q.to, q.agentIds);
  }

  letterData(ticketId: string): LetterData {
    const r = this.deps.repo.get(ticketId);
    if (!r) throw new ContractError('NOT_FOUND', 'No such ticket');
    const form = complaintFormSchema.parse(JSON.parse(r.form));
    const c = compensationStored.parse(JSON.parse(r.compensation));
    return {
      ticketNumber: r.number,
      customerName: r.customer_name,
      waybillNumbers: splitNumbers(r.waybill_numbers),
      type: r.type as LetterData['type'],
      receivedAt: r.received_at,
      incidentAt: r.incident_at,
      requestText: form.requestText,
      requestedFen: r.requested_fen,
      payableFen: r.payable_fen,
      steps: c.steps,
      agent: { employeeNo: r.owner_no, name: r.owner_name },
      timeZone: this.deps.calendar().timeZone,
    };
  }

  // —— Internals ——

  /** Bad input the schema cannot see: facts that contradict each other, impossible dates. */
  private check(form: ComplaintForm, now: number): void {
    const issues: Issue[] = [];
    const f = form.facts;
    if (
      form.incidentAt !== null &&
      (form.incidentAt > now || form.incidentAt < now - MAX_INCIDENT_AGE)
    ) {
      issues.push({ path: 'incidentAt', message: form.incidentAt > now ? 'future' : 'too_old' });
    }
    if (f.insured && f.declaredValueFen === null) {
      issues.push({ path: 'facts.declaredValueFen', message: 'required', code: 'required' });
    }
    if (f.type === 'billing' && (f.billedKg === null || f.fenPerKg === null)) {
      issues.push({
        path: f.billedKg === null ? 'facts.billedKg' : 'facts.fenPerKg',
        message: 'required',
        code: 'required',
      });
    }
    if (issues.length > 0)
      throw new ContractError('BAD_ARGUMENT', 'The form does not add up', issues);
  }

  /** A new ticket's row (numbered TS + desk day + sequence of the day). */
  private fresh(
    id: string,
    session: Session,
    form: ComplaintForm,
    now: number,
    customerId: string | null,
    callId: string | null,
  ): ComplaintRow {
    const { from, to } = this.dayBounds(now);
    const day = localDate(now, this.deps.calendar().timeZone).replaceAll('-', '');
    let seq = this.deps.repo.countReceived(from, to) + 1;
    let number = `TS${day}${String(seq).padStart(4, '0')}`;
    while (this.deps.repo.numberTaken(number)) number = `TS${day}${String(++seq).padStart(4, '0')}`;
    const base: ComplaintRow = {
      id,
      number,
      owner_id: session.agent.id,
      created_by: session.agent.id,
      received_at: now,
      incident_at: now,
      call_id: callId,
      customer_id: customerId,
      customer_name: '',
      type: 'other',
      severity: 'ordinary',
      cause: 'unknown',
      watch_list: 0,
      form: '{}',
      requested_fen: null,
      payable_fen: 0,
      compensation: '{}',
      step: 'register',
      escalated_to: null,
      escalated_at: null,
      done: '{}',
      next_clock: null,
      next_due_at: null,
      next_estimated: 0,
      closed_at: null,
      closed_by: null,
      paid_fen: null,
      waybill_numbers: '',
    };
    const r = { ...base, ...this.withForm(form, now) };
    this.refreshNext(r, now);
    return r;
  }

  /** The columns that follow from the form: compensation, severity, incident date. */
  private withForm(form: ComplaintForm, receivedAt: number): Partial<ComplaintRow> {
    const rules = this.rules();
    const compensation = compensate(form.facts, rules);
    return {
      incident_at: Math.min(form.incidentAt ?? receivedAt, receivedAt),
      customer_name: form.customerName,
      type: form.facts.type,
      severity: severityOf(atStake(form.facts, compensation), rules),
      cause: form.cause,
      watch_list: form.watchList ? 1 : 0,
      form: JSON.stringify(form),
      requested_fen: form.facts.requestedFen,
      payable_fen: compensation.payableFen,
      compensation: JSON.stringify(compensation),
    };
  }

  /** Runs one change of an open ticket its owner (or a lead) makes: row, event, audit, in one go. */
  private change(
    id: string,
    kind: TicketEventKind,
    apply: (
      r: ComplaintListRow,
      now: number,
    ) => {
      step?: string;
      clock?: string;
      desk?: string;
      to_id?: string | null;
      note?: string | null;
    },
  ): Ticket {
    const session = this.deps.session.requireSession();
    const { db, repo, clock } = this.deps;
    const now = clock.now();
    const row = db.transaction(() => {
      const r = this.editable(id, session);
      const ownerBefore = r.owner_id;
      const e = apply(r, now);
      this.refreshNext(r, now);
      repo.update(r);
      this.event(r, session, now, kind, e);
      if (ownerBefore !== session.agent.id) {
        this.deps.audit.append({
          id: this.deps.newId(),
          at: now,
          actorId: session.agent.id,
          action: 'complaint_lead_action',
          subject: r.number,
          detail: { kind, owner: ownerBefore },
        });
      }
      return r;
    });
    this.deps.onChanged(id, row.owner_id);
    return this.get(id);
  }

  private event(
    r: ComplaintRow,
    session: Session,
    now: number,
    kind: TicketEventKind,
    e: {
      step?: string;
      clock?: string;
      desk?: string;
      to_id?: string | null;
      note?: string | null;
    },
  ): void {
    this.deps.repo.addEvent({
      id: this.deps.newId(),
      complaint_id: r.id,
      at: now,
      kind,
      by_id: session.agent.id,
      step: e.step ?? null,
      clock: e.clock ?? null,
      desk: e.desk ?? null,
      to_id: e.to_id ?? null,
      note: e.note || null,
    });
  }

  /** The ticket, if the signed-in agent may change it: open, and theirs (or they lead). */
  private editable(id: string, session: Session): ComplaintListRow {
    const r = this.deps.repo.get(id);
    if (!r) throw new ContractError('NOT_FOUND', 'No such ticket');
    if (r.owner_id !== session.agent.id && session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'This ticket belongs to another agent (首问)');
    }
    if (r.closed_at !== null) throw new ContractError('ILLEGAL_TRANSITION', 'Ticket is closed');
    return r;
  }

  private markDone(r: ComplaintRow, keys: readonly ClockKey[], now: number): void {
    const done = doneSchema.parse(JSON.parse(r.done));
    for (const k of keys) done[k] ??= now;
    r.done = JSON.stringify(done);
  }

  private clocks(
    r: Pick<
      ComplaintRow,
      'escalated_to' | 'escalated_at' | 'done' | 'received_at' | 'incident_at' | 'severity'
    >,
    now: number,
  ): TicketClock[] {
    const claim = r.escalated_to === 'claims' && r.escalated_at !== null;
    const done = doneSchema.parse(JSON.parse(r.done));
    return ticketClocks(
      {
        kind: claim ? 'claim' : 'complaint',
        receivedAt: claim ? r.escalated_at! : r.received_at,
        incidentAt: r.incident_at,
        severity: r.severity as Severity,
        done,
      },
      this.deps.calendar(),
      now,
    );
  }

  /** The next clock, kept on the row so the lists are index scans. None once closed. */
  private refreshNext(r: ComplaintRow, now: number): void {
    const next = r.closed_at === null ? this.clocks(r, now).find((c) => c.next) : undefined;
    r.next_clock = next?.key ?? null;
    r.next_due_at = next?.dueAt ?? null;
    r.next_estimated = next?.estimated ? 1 : 0;
  }

  private summary(r: ComplaintSummaryRow, now: number): TicketSummary {
    return {
      id: r.id,
      number: r.number,
      type: r.type as TicketSummary['type'],
      severity: r.severity as Severity,
      customerName: r.customer_name,
      waybillNumbers: splitNumbers(r.waybill_numbers),
      owner: { employeeNo: r.owner_no, name: r.owner_name },
      step: r.step as HandlingStep | null,
      escalatedTo: r.escalated_to as BackOfficeDesk | null,
      watchList: r.watch_list === 1,
      receivedAt: r.received_at,
      closedAt: r.closed_at,
      nextClock: r.next_clock as ClockKey | null,
      nextDueAt: r.next_due_at,
      nextEstimated: r.next_estimated === 1,
      overdue: r.closed_at === null && r.next_due_at !== null && r.next_due_at < now,
    };
  }

  /** The steps a ticket's events record as done, in the manual's order. */
  private stepsDone(id: string, events = this.deps.repo.events(id)): HandlingStep[] {
    const done = new Set(events.flatMap((e) => (e.step === null ? [] : [e.step])));
    return handlingSteps.filter((s) => done.has(s));
  }

  private view(r: ComplaintListRow, session: Session): Ticket {
    const now = this.deps.clock.now();
    const agent = (no: string | null, name: string | null) =>
      no === null ? null : { employeeNo: no, name: name ?? '' };
    const events = this.deps.repo.events(r.id);
    return {
      ...this.summary(r, now),
      stepsDone: this.stepsDone(r.id, events),
      callId: r.call_id,
      customerId: r.customer_id,
      form: complaintFormSchema.parse(JSON.parse(r.form)),
      compensation: compensationStored.parse(JSON.parse(r.compensation)),
      paidFen: r.paid_fen,
      incidentAt: r.incident_at,
      clocks: r.closed_at === null ? this.clocks(r, now) : [],
      events: events.map((e) => ({
        id: e.id,
        at: e.at,
        kind: e.kind as TicketEventKind,
        by: { employeeNo: e.by_no, name: e.by_name },
        step: e.step as HandlingStep | null,
        clock: e.clock as ClockKey | null,
        desk: e.desk as BackOfficeDesk | null,
        to: agent(e.to_no, e.to_name),
        note: e.note,
      })),
      attachments: this.deps.repo.attachments(r.id).map((a) => ({
        id: a.id,
        fileName: a.file_name,
        mime: a.mime as Ticket['attachments'][number]['mime'],
        size: a.size,
        at: a.at,
      })),
      editable:
        r.closed_at === null && (r.owner_id === session.agent.id || session.agent.role === 'lead'),
    };
  }

  private dayBounds(now: number): { from: number; to: number } {
    const tz = this.deps.calendar().timeZone;
    const p = localParts(now, tz);
    const from = fromLocal(p.year, p.month, p.day, 0, 0, tz);
    const next = new Date(Date.UTC(p.year, p.month - 1, p.day + 1));
    const to = fromLocal(
      next.getUTCFullYear(),
      next.getUTCMonth() + 1,
      next.getUTCDate(),
      0,
      0,
      tz,
    );
    return { from, to };
  }

  private monthBounds(month: string): { from: number; to: number; dueAt: number } {
    const tz = this.deps.calendar().timeZone;
    const [y, m] = month.split('-').map(Number) as [number, number];
    const ny = m === 12 ? y + 1 : y;
    const nm = m === 12 ? 1 : m + 1;
    return {
      from: fromLocal(y, m, 1, 0, 0, tz),
      to: fromLocal(ny, nm, 1, 0, 0, tz),
      dueAt: fromLocal(ny, nm, 3, 17, 0, tz),
    };
  }
}

function issue(path: string, message: string): Issue {
  return { path, message };
}

function splitNumbers(joined: string): string[] {
  return joined === '' ? [] : joined.split(',');
}

/** The amount at stake for the severity: the larger of what is asked, lost and payable. */
function atStake(f: ComplaintFacts, c: Compensation): number {
  return Math.max(f.requestedFen ?? 0, f.lossFen ?? 0, c.payableFen);
}
