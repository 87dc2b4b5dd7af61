/**
 * The shift handover book (业务交接本, docs/DOMAIN.md §1 item 9 and 首问责任制): compiles the open
 * items of the signed-in agent's shift from the other features, writes the handover, refuses a
 * sign-out with open items and none written (unless a lead allowed it), lets the next shift's agent
 * accept (ownership moves) or query each item, and lets the lead comment, reassign and sign off.
 * Signed handovers are read-only (the service refuses, and migration 0017's triggers too); nothing
 * is ever deleted. Every change is audited.
 */
import { localDate, fromLocal } from '@shared/common/calendar';
import { ContractError } from '@shared/common/errors';
import type { AnomalyKind } from '@shared/waybills/anomalies';
import type { Figures } from '@shared/metrics/contract';
import type {
  CompiledItem,
  Compiled,
  FreeItem,
  Handover,
  HandoverItem,
  HandoverLine,
  HistoryQuery,
  PendingReason,
  Urgency,
} from '@shared/handover/contract';
import type { Session } from '@shared/contract';
import type { AuditRepo } from '../../platform/audit-repo';
import type { Db } from '../../platform/db/database';
import type { Clock, IdFactory, Logger } from '../../platform/ports';
import type {
  HandoverRepo,
  HandoverRow,
  ItemRow,
  LineRow,
  OrderOfDay,
  PersonRow,
} from './handover-repo';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** An open call-back as the call-backs feature lists it. */
export interface OpenCallback {
  id: string;
  reason: string;
  dueAt: number;
  customerName: string | null;
  waybillNumber: string | null;
}

/** A complaint ticket with a clock due, as the complaints feature will give it. */
export interface OpenComplaint {
  id: string;
  title: string;
  dueAt: number | null;
  customer: string | null;
  waybill: string | null;
  /** 重大 or 特大. */
  major: boolean;
}

/** What the handover book reads from and moves in the other features (wired in desk.ts). */
export interface HandoverSources {
  callbacks: {
    openOf(agentId: string): OpenCallback[];
    transferOwner(id: string, from: string, to: string, by: string, via: string): boolean;
  };
  /** Problem-parcel flags of a waybill, by number (null: unknown on this desk). */
  parcel(number: string): {
    senderName: string;
    anomalies: { kind: AnomalyKind; deadline: number | null; expired: boolean }[];
  } | null;
  /** An agent's orders of a day (desk-local `YYYY-MM-DD`), oldest first. */
  ordersOfDay(agentId: string, day: string): OrderOfDay[];
  /** Absent until the complaints feature exports them. */
  complaints?: {
    openItemsOf(agentId: string, now: number): OpenComplaint[];
    /** Throws a ContractError when the ticket closed or changed owner meanwhile. */
    transferOwner(id: string, from: string, to: string, via: string): void;
  };
  /** The shift's figures (absent: no metrics source; the snapshot is null — 暂无数据). */
  shiftSnapshot?: (agentId: string, shiftId: string) => Figures | null;
}

export interface HandoverServiceDeps {
  db: Db;
  repo: HandoverRepo;
  audit: AuditRepo;
  session: { requireSession(): Session };
  clock: Clock;
  newId: IdFactory;
  logger: Logger;
  timeZone: string;
  sources: HandoverSources;
  onChanged: (id: string) => void;
}

/** Problem-parcel anomalies the book carries, and why each is not finished. */
const parcelReasons: Partial<Record<AnomalyKind, PendingReason>> = {
  no_parcel: 'parcel_announce',
  no_label: 'parcel_announce',
  arrival_damage: 'parcel_announce',
  awaiting_sender: 'parcel_sender_reply',
  return_requested: 'parcel_other',
};

/** Red: past due or within the hour; amber: within four hours; blue: later. */
export function urgencyOf(dueAt: number | null, now: number): Urgency {
  if (dueAt === null) return 'amber';
  if (dueAt - now <= HOUR) return 'red';
  if (dueAt - now <= 4 * HOUR) return 'amber';
  return 'blue';
}

const urgencyRank: Record<Urgency, number> = { red: 0, amber: 1, blue: 2 };

export class HandoverService {
  constructor(private readonly deps: HandoverServiceDeps) {}

  /** The open items of the signed-in agent's shift, most urgent first. */
  compile(): Compiled {
    const session = this.deps.session.requireSession();
    const items = this.compileFor(session);
    const handover = this.deps.repo.ofShift(session.shift.id);
    return {
      shiftId: session.shift.id,
      shiftStartedAt: session.shift.startedAt,
      items,
      metrics: this.snapshot(session),
      handover: handover ? this.view(handover) : null,
      overridden: this.deps.repo.overridden(session.shift.id),
      notInBook: this.notInBook(session.shift.id, items).map((i) => i.key),
    };
  }

  /**
   * The session's sign-out guard (首问责任制: no open item is lost at the shift change): without a
   * lead's override, every open item of the shift must be in the book — the shift's handover or a
   * correction of it (removed ones count: they carry their reason). Else HANDOVER_REQUIRED with
   * `details.openItems` (how many are missing) and, when a handover exists, `details.handoverId`
   * (the missing ones came up after it).
   */
  guardSignOut(session: Session): void {
    const { repo } = this.deps;
    const shiftId = session.shift.id;
    if (repo.overridden(shiftId)) return;
    const compiled = this.compileFor(session);
    if (compiled.length === 0) return;
    const handover = repo.ofShift(shiftId);
    if (!handover) {
      throw new ContractError(
        'HANDOVER_REQUIRED',
        `${compiled.length} open item(s): write the handover before signing out`,
        undefined,
        { openItems: compiled.length },
      );
    }
    const missing = this.notInBook(shiftId, compiled).length;
    if (missing === 0) return;
    throw new ContractError(
      'HANDOVER_REQUIRED',
      `${missing} item(s) new since the handover: add them to the book before signing out`,
      undefined,
      { openItems: missing, handoverId: handover.id },
    );
  }

  submit(a: {
    note: string;
    removed: { key: string; reason: string }[];
    added: FreeItem[];
    correctsId: string | null;
  }): Handover {
    const session = this.deps.session.requireSession();
    const { repo, db, clock, newId } = this.deps;
    const now = clock.now();
    let shiftId = session.shift.id;
    let compiled: CompiledItem[] = [];
    if (a.correctsId !== null) {
      const original = repo.get(a.correctsId);
      if (!original) throw new ContractError('NOT_FOUND', 'No such handover');
      if (original.author_id !== session.agent.id) {
        throw new ContractError('FORBIDDEN', 'Only its author may correct a handover');
      }
      if (original.signed_at === null) {
        throw new ContractError(
          'ILLEGAL_TRANSITION',
          'Not signed yet: change the handover itself instead of correcting it',
        );
      }
      if (a.removed.length > 0) {
        throw new ContractError('BAD_ARGUMENT', 'A correction only adds', [
          { path: 'removed', message: 'format', code: 'format' },
        ]);
      }
      shiftId = original.shift_id;
    } else {
      if (repo.ofShift(shiftId)) {
        throw new ContractError('ILLEGAL_TRANSITION', 'This shift is already handed over');
      }
      compiled = this.compileFor(session);
    }
    const keys = new Set(compiled.map((c) => c.key));
    const removed = new Map<string, string>();
    a.removed.forEach((r, i) => {
      if (!keys.has(r.key) || removed.has(r.key)) {
        throw new ContractError('BAD_ARGUMENT', `Not an open item of this shift: ${r.key}`, [
          { path: `removed.${i}.key`, message: 'format', code: 'format' },
        ]);
      }
      removed.set(r.key, r.reason);
    });
    if (a.added.length === 0 && compiled.length === 0 && a.note === '') {
      throw new ContractError('BAD_ARGUMENT', 'Nothing to hand over', [
        { path: 'note', message: 'required', code: 'required' },
      ]);
    }
    const id = newId();
    const metrics = this.snapshot(session);
    db.transaction(() => {
      repo.insertHandover({
        id,
        shift_id: shiftId,
        author_id: session.agent.id,
        team: this.person(session.agent.id).team,
        submitted_at: now,
        note: a.note,
        metrics: metrics === null ? null : JSON.stringify(metrics),
        corrects_id: a.correctsId,
      });
      let position = 0;
      for (const c of compiled) {
        this.insertCompiled(id, position++, c, removed.get(c.key) ?? null, now);
      }
      for (const f of a.added) this.insertFree(id, position++, f);
      this.audit(session, 'handover_submit', id, {
        items: compiled.length + a.added.length - removed.size,
        removed: removed.size,
        correctsId: a.correctsId,
      });
    });
    this.deps.onChanged(id);
    return this.get(id);
  }

  addItem(handoverId: string, item: FreeItem): Handover {
    const session = this.deps.session.requireSession();
    const h = this.editable(handoverId, session);
    this.deps.db.transaction(() => {
      const itemId = this.insertFree(h.id, this.deps.repo.nextPosition(h.id), item);
      this.audit(session, 'handover_item_added', h.id, { item: itemId, kind: item.kind });
    });
    this.deps.onChanged(h.id);
    return this.get(h.id);
  }

  /**
   * Puts compiled items that came up after the handover into the book: the shift's handover while
   * unsigned, else a correction of the signed one (the open correction, or a new one). `'all'`:
   * every open item missing from the book as main sees it now (nothing missing: nothing written);
   * keys: only the shift's own open items not in the book yet — any bad key refuses all of them.
   * Decided and written in one immediate transaction, so a sign-off or another add in between
   * cannot send items into a signed entry or into the book twice.
   */
  addCompiled(keys: readonly string[] | 'all'): Handover {
    const session = this.deps.session.requireSession();
    const { repo, db, clock, newId } = this.deps;
    const shiftId = session.shift.id;
    const id = db.transaction(() => {
      const original = repo.ofShift(shiftId);
      if (!original) {
        throw new ContractError(
          'ILLEGAL_TRANSITION',
          'This shift has no handover yet: write the handover instead',
        );
      }
      if (original.author_id !== session.agent.id) {
        throw new ContractError('FORBIDDEN', 'Only its author may change a handover');
      }
      const compiled = this.compileFor(session);
      const inBook = repo.bookKeys(shiftId);
      let chosen: CompiledItem[];
      if (keys === 'all') {
        chosen = compiled.filter((c) => !inBook.has(c.key));
      } else {
        const byKey = new Map(compiled.map((c) => [c.key, c]));
        const seen = new Set<string>();
        chosen = keys.map((key, i) => {
          const item = byKey.get(key);
          if (!item || inBook.has(key) || seen.has(key)) {
            throw new ContractError(
              'BAD_ARGUMENT',
              `Not an open item of this shift missing from the book: ${key}`,
              [{ path: `keys.${i}`, message: 'format', code: 'format' }],
            );
          }
          seen.add(key);
          return item;
        });
      }
      const target =
        original.signed_at === null ? original : repo.openCorrection(shiftId, session.agent.id);
      if (chosen.length === 0) return (target ?? original).id;
      const now = clock.now();
      const entry = target?.id ?? newId();
      if (!target) {
        const metrics = this.snapshot(session);
        repo.insertHandover({
          id: entry,
          shift_id: shiftId,
          author_id: session.agent.id,
          team: original.team,
          submitted_at: now,
          note: '',
          metrics: metrics === null ? null : JSON.stringify(metrics),
          corrects_id: original.id,
        });
      }
      let position = repo.nextPosition(entry);
      for (const c of chosen) this.insertCompiled(entry, position++, c, null, now);
      this.audit(session, 'handover_compiled_added', entry, {
        count: chosen.length,
        keys: chosen.map((c) => c.key),
        correctsId: entry === original.id ? null : original.id,
        newCorrection: target === undefined,
      });
      return entry;
    });
    this.deps.onChanged(id);
    return this.get(id);
  }

  removeItem(itemId: string, reason: string): Handover {
    const session = this.deps.session.requireSession();
    const item = this.item(itemId);
    const h = this.editable(item.handover_id, session);
    this.deps.db.transaction(() => {
      if (!this.deps.repo.removeItem(itemId, reason, this.deps.clock.now())) {
        throw new ContractError(
          'ILLEGAL_TRANSITION',
          'Already removed, or already acknowledged by the receiver',
        );
      }
      this.audit(session, 'handover_item_removed', h.id, { item: itemId, reason });
    });
    this.deps.onChanged(h.id);
    return this.get(h.id);
  }

  /** A handover, for its author, its team and the leads. */
  get(id: string): Handover {
    const session = this.deps.session.requireSession();
    const h = this.deps.repo.get(id);
    if (!h) throw new ContractError('NOT_FOUND', 'No such handover');
    if (session.agent.role !== 'lead' && h.team !== this.person(session.agent.id).team) {
      throw new ContractError('FORBIDDEN', "This handover belongs to another team's book");
    }
    return this.view(h);
  }

  awaitingMe(): HandoverLine[] {
    const session = this.deps.session.requireSession();
    const me = this.person(session.agent.id);
    return this.deps.repo.awaiting(me.team, me.id).map((r) => this.line(r));
  }

  acknowledge(itemId: string, decision: 'accept' | 'query', comment: string | null): Handover {
    const session = this.deps.session.requireSession();
    const me = this.person(session.agent.id);
    const item = this.item(itemId);
    const h = this.deps.repo.get(item.handover_id)!;
    const mine =
      item.assignee_id !== null
        ? item.assignee_id === me.id
        : h.team === me.team &&
          h.author_id !== me.id &&
          (h.receiver_id === null || h.receiver_id === me.id);
    if (!mine) {
      throw new ContractError('FORBIDDEN', 'This item is handed over to another agent');
    }
    if (h.signed_at !== null) {
      throw new ContractError('ILLEGAL_TRANSITION', 'The handover is signed off');
    }
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      const ack = decision === 'accept' ? 'accepted' : 'queried';
      if (!this.deps.repo.acknowledge(itemId, ack, me.id, now, comment || null)) {
        throw new ContractError('ILLEGAL_TRANSITION', 'Already acknowledged, or removed');
      }
      if (item.assignee_id === null) this.deps.repo.setReceiver(h.id, me.id);
      let transferred = false;
      if (decision === 'accept') transferred = this.transfer(item, h, me.id);
      if (transferred) this.deps.repo.markTransferred(itemId);
      this.audit(session, 'handover_acknowledge', h.id, { item: itemId, decision, transferred });
    });
    this.deps.onChanged(h.id);
    return this.get(h.id);
  }

  /** Leads: the team's handovers not yet signed off, with their age. */
  open(): HandoverLine[] {
    const lead = this.lead();
    return this.deps.repo.unsigned(lead.team).map((r) => this.line(r));
  }

  comment(itemId: string, comment: string): Handover {
    const lead = this.lead();
    const item = this.item(itemId);
    const h = this.unsignedForLead(item.handover_id, lead);
    this.deps.db.transaction(() => {
      this.deps.repo.comment(itemId, comment);
      this.audit(this.deps.session.requireSession(), 'handover_comment', h.id, { item: itemId });
    });
    this.deps.onChanged(h.id);
    return this.get(h.id);
  }

  reassign(itemId: string, agentId: string): Handover {
    const lead = this.lead();
    const item = this.item(itemId);
    const h = this.unsignedForLead(item.handover_id, lead);
    const to = this.deps.repo.person(agentId);
    if (!to || to.disabled || to.team !== h.team || to.id === h.author_id) {
      throw new ContractError('BAD_ARGUMENT', 'Reassign to an active agent of the team', [
        { path: 'agentId', message: 'format', code: 'format' },
      ]);
    }
    this.deps.db.transaction(() => {
      if (!this.deps.repo.reassign(itemId, agentId)) {
        throw new ContractError(
          'ILLEGAL_TRANSITION',
          'Accepted items already moved to their new owner; removed ones cannot be reassigned',
        );
      }
      this.audit(this.deps.session.requireSession(), 'handover_reassign', h.id, {
        item: itemId,
        to: to.employee_no,
      });
    });
    this.deps.onChanged(h.id);
    return this.get(h.id);
  }

  signOff(id: string, note: string | null): Handover {
    const lead = this.lead();
    const h = this.deps.repo.get(id);
    if (!h) throw new ContractError('NOT_FOUND', 'No such handover');
    if (h.team !== lead.team) {
      throw new ContractError('FORBIDDEN', "This handover belongs to another team's book");
    }
    if (h.signed_at !== null) {
      throw new ContractError('ILLEGAL_TRANSITION', 'The handover is already signed off');
    }
    const live = this.deps.repo.items(id).filter((i) => i.removed_at === null);
    const pending = live.filter((i) => i.ack === 'pending').length;
    if (pending > 0) {
      throw new ContractError(
        'ILLEGAL_TRANSITION',
        `${pending} item(s) not acknowledged yet`,
        undefined,
        { pending },
      );
    }
    // A 重大/特大 complaint still open, or a major incident: the lead says how it stands.
    if (live.some((i) => i.major === 1) && !note) {
      throw new ContractError('BAD_ARGUMENT', 'A 重大 incident is open: a note is required', [
        { path: 'note', message: 'required', code: 'required' },
      ]);
    }
    const session = this.deps.session.requireSession();
    this.deps.db.transaction(() => {
      if (!this.deps.repo.signOff(id, lead.id, this.deps.clock.now(), note || null)) {
        throw new ContractError('ILLEGAL_TRANSITION', 'The handover is already signed off');
      }
      this.audit(session, 'handover_sign_off', id, { note: note !== null && note !== '' });
    });
    this.deps.onChanged(id);
    return this.get(id);
  }

  /**
   * Leads: the team's open shifts, each with how many of its open items are not in its book —
   * compiled as its own agent's sign-out guard would, so the lead sees what holds the shift.
   */
  openShifts() {
    const lead = this.lead();
    const { repo } = this.deps;
    return repo
      .openShifts(lead.team)
      .filter((s) => s.agent_id !== lead.id)
      .map((s) => {
        const items = this.compileShift(s.agent_id, { id: s.shift_id, startedAt: s.started_at });
        return {
          shiftId: s.shift_id,
          agent: this.personView(s.agent_id),
          startedAt: s.started_at,
          handedOver: s.handed_over === 1,
          overridden: s.overridden === 1,
          notInBook: this.notInBook(s.shift_id, items).length,
        };
      });
  }

  overrideSignOut(shiftId: string, reason: string) {
    const lead = this.lead();
    const shift = this.deps.repo.shift(shiftId);
    if (!shift || this.person(shift.agent_id).team !== lead.team) {
      throw new ContractError('NOT_FOUND', 'No such shift in the team');
    }
    if (shift.ended_at !== null) {
      throw new ContractError('ILLEGAL_TRANSITION', 'The shift has ended');
    }
    if (this.deps.repo.overridden(shiftId)) {
      throw new ContractError('ILLEGAL_TRANSITION', 'Sign-out already allowed for this shift');
    }
    const session = this.deps.session.requireSession();
    this.deps.db.transaction(() => {
      this.deps.repo.insertOverride(shiftId, lead.id, this.deps.clock.now(), reason);
      this.audit(session, 'handover_sign_out_override', shiftId, {
        agent: this.person(shift.agent_id).employee_no,
        reason,
      });
    });
    const row = this.openShifts().find((s) => s.shiftId === shiftId);
    return row!;
  }

  team() {
    const lead = this.lead();
    return this.deps.repo.team(lead.team).map((p) => this.personView(p.id));
  }

  /** Agents search their team's book; leads every team's. */
  history(q: HistoryQuery): HandoverLine[] {
    const session = this.deps.session.requireSession();
    const tz = this.deps.timeZone;
    const dayStart = (day: string) => {
      const [y, m, d] = day.split('-').map(Number) as [number, number, number];
      return fromLocal(y, m, d, 0, 0, tz);
    };
    const from = q.from === null ? null : dayStart(q.from);
    const to = q.to === null ? null : dayStart(q.to) + DAY;
    if (from !== null && to !== null && from >= to) {
      throw new ContractError('BAD_ARGUMENT', 'The range ends before it starts', [
        { path: 'to', message: 'format', code: 'format' },
      ]);
    }
    const rows = this.deps.repo.history(
      {
        team: session.agent.role === 'lead' ? null : this.person(session.agent.id).team,
        agent: q.agent || null,
        from,
        to,
        shiftId: q.shiftId,
        customer: q.customer || null,
        waybill: q.waybill ? q.waybill.toUpperCase() : null,
      },
      200,
    );
    return rows.map((r) => this.line(r));
  }

  // ---- compiling ----

  private compileFor(session: Session): CompiledItem[] {
    return this.compileShift(session.agent.id, session.shift);
  }

  /** The compiled items no handover of the shift carries (removed ones count as carried). */
  private notInBook(shiftId: string, items: CompiledItem[]): CompiledItem[] {
    const inBook = this.deps.repo.bookKeys(shiftId);
    return items.filter((i) => !inBook.has(i.key));
  }

  /** The open items of an agent's shift, most urgent first. */
  private compileShift(agentId: string, shift: { id: string; startedAt: number }): CompiledItem[] {
    const { sources, clock, repo } = this.deps;
    const now = clock.now();
    const items: CompiledItem[] = [];
    for (const cb of sources.callbacks.openOf(agentId)) {
      items.push({
        key: `callback:${cb.id}`,
        kind: 'callback',
        refId: cb.id,
        urgency: urgencyOf(cb.dueAt, now),
        reason: cb.dueAt < now ? 'callback_overdue' : 'callback_due',
        anomaly: null,
        dueAt: cb.dueAt,
        title: cb.reason,
        customer: cb.customerName,
        waybill: cb.waybillNumber,
        major: false,
      });
    }
    for (const t of sources.complaints?.openItemsOf(agentId, now) ?? []) {
      items.push({
        key: `complaint:${t.id}`,
        kind: 'complaint',
        refId: t.id,
        urgency: urgencyOf(t.dueAt, now),
        reason: 'complaint_clock',
        anomaly: null,
        dueAt: t.dueAt,
        title: t.title,
        customer: t.customer,
        waybill: t.waybill,
        major: t.major,
      });
    }
    for (const number of repo.shiftWaybills(shift.id)) {
      const parcel = sources.parcel(number);
      for (const a of parcel?.anomalies ?? []) {
        const reason = parcelReasons[a.kind];
        if (!reason) continue;
        items.push({
          key: `parcel:${number}:${a.kind}`,
          kind: 'parcel',
          refId: number,
          urgency: a.expired ? 'red' : urgencyOf(a.deadline, now),
          reason,
          anomaly: a.kind,
          dueAt: a.deadline,
          title: number,
          customer: parcel!.senderName,
          waybill: number,

          major: false,
        });
      }
    }
    for (const day of this.shiftDays(shift.startedAt, now)) {
      for (const o of sources.ordersOfDay(agentId, day)) {
        if (o.createdAt < shift.startedAt || o.delivery === 'delivered') continue;
        items.push({
          key: `order:${o.id}`,
          kind: 'order',
          refId: o.id,
          urgency: o.delivery === 'refused' ? 'red' : 'amber',
          reason: o.delivery === 'refused' ? 'order_refused' : 'order_queued',
          anomaly: null,
          dueAt: null,
          title: `${o.number} ${o.goods}`,
          customer: o.customerName ?? o.senderName,
          waybill: null,

          major: false,
        });
      }
    }
    return items.sort(
      (a, b) =>
        urgencyRank[a.urgency] - urgencyRank[b.urgency] ||
        (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity),
    );
  }

  /** The desk-local days a shift spans (at most the last three: a shift is hours long). */
  private shiftDays(startedAt: number, now: number): string[] {
    const days: string[] = [];
    for (let t = Math.max(startedAt, now - 2 * DAY); ; t += DAY) {
      const day = localDate(Math.min(t, now), this.deps.timeZone);
      if (!days.includes(day)) days.push(day);
      if (t >= now) break;
    }
    return days;
  }

  private snapshot(session: Session): Figures | null {
    try {
      return this.deps.sources.shiftSnapshot?.(session.agent.id, session.shift.id) ?? null;
    } catch (err) {
      this.deps.logger.warn('shift metrics snapshot failed', { error: String(err) });
      return null;
    }
  }

  /** 首问 moves with an accepted item: the call-back or ticket now belongs to the receiver. */
  private transfer(item: ItemRow, h: HandoverRow, to: string): boolean {
    if (item.ref_id === null) return false;
    if (item.kind === 'callback') {
      return this.deps.sources.callbacks.transferOwner(item.ref_id, h.author_id, to, to, h.id);
    }
    const complaints = this.deps.sources.complaints;
    if (item.kind === 'complaint' && complaints) {
      try {
        complaints.transferOwner(item.ref_id, h.author_id, to, h.id);
        return true;
      } catch (err) {
        // Closed or handed on meanwhile: the acceptance stands, nothing moves.
        if (err instanceof ContractError) return false;
        throw err;
      }
    }
    return false;
  }

  // ---- checks ----

  private insertCompiled(
    handoverId: string,
    position: number,
    c: CompiledItem,
    removedReason: string | null,
    now: number,
  ): void {
    this.deps.repo.insertItem({
      id: this.deps.newId(),
      handover_id: handoverId,
      position,
      kind: c.kind,
      ref_id: c.refId,
      item_key: c.key,
      urgency: c.urgency,
      reason: c.reason,
      anomaly: c.anomaly,
      due_at: c.dueAt,
      title: c.title,
      customer: c.customer,
      waybill: c.waybill,
      major: c.major ? 1 : 0,
      removed_reason: removedReason,
      removed_at: removedReason === null ? null : now,
    });
  }

  private insertFree(handoverId: string, position: number, f: FreeItem): string {
    const id = this.deps.newId();
    this.deps.repo.insertItem({
      id,
      handover_id: handoverId,
      position,
      kind: f.kind,
      ref_id: null,
      item_key: `free:${id}`,
      urgency: f.urgency,
      reason: 'free',
      anomaly: null,
      due_at: null,
      title: f.text,
      customer: null,
      waybill: null,
      major: f.kind === 'incident' && f.major ? 1 : 0,
      removed_reason: null,
      removed_at: null,
    });
    return id;
  }

  private editable(handoverId: string, session: Session): HandoverRow {
    const h = this.deps.repo.get(handoverId);
    if (!h) throw new ContractError('NOT_FOUND', 'No such handover');
    if (h.author_id !== session.agent.id) {
      throw new ContractError('FORBIDDEN', 'Only its author may change a handover');
    }
    if (h.signed_at !== null) {
      throw new ContractError(
        'ILLEGAL_TRANSITION',
        'A signed handover is read-only: write a correction instead',
      );
    }
    return h;
  }

  private unsignedForLead(handoverId: string, lead: PersonRow): HandoverRow {
    const h = this.deps.repo.get(handoverId)!;
    if (h.team !== lead.team) {
      throw new ContractError('FORBIDDEN', "This handover belongs to another team's book");
    }
    if (h.signed_at !== null) {
      throw new ContractError('ILLEGAL_TRANSITION', 'A signed handover is read-only');
    }
    return h;
  }

  private item(id: string): ItemRow {
    const item = this.deps.repo.item(id);
    if (!item) throw new ContractError('NOT_FOUND', 'No such handover item');
    return item;
  }

  private lead(): PersonRow {
    const session = this.deps.session.requireSession();
    if (session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead may do this');
    }
    return this.person(session.agent.id);
  }

  private person(id: string): PersonRow {
    const p = this.deps.repo.person(id);
    if (!p) throw new ContractError('NOT_FOUND', 'No such agent');
    return p;
  }

  private personView(id: string) {
    const p = this.person(id);
    return { id: p.id, name: p.name, employeeNo: p.employee_no };
  }

  private audit(
    session: Session,
    action: string,
    subject: string,
    detail: Record<string, unknown>,
  ): void {
    this.deps.audit.append({
      id: this.deps.newId(),
      at: this.deps.clock.now(),
      actorId: session.agent.id,
      action,
      subject,
      detail,
    });
  }

  // ---- views ----

  private line(r: LineRow): HandoverLine {
    return {
      id: r.id,
      author: this.personView(r.author_id),
      team: r.team,
      shiftStartedAt: r.shift_started_at,
      submittedAt: r.submitted_at,
      status: r.signed_at === null ? 'submitted' : 'signed',
      items: r.items,
      pending: r.pending,
      queried: r.queried,
      ageMs: Math.max(0, this.deps.clock.now() - r.submitted_at),
      correctsId: r.corrects_id,
    };
  }

  private view(h: HandoverRow): Handover {
    const who = (id: string | null) => (id === null ? null : this.personView(id));
    return {
      id: h.id,
      shiftId: h.shift_id,
      team: h.team,
      author: this.personView(h.author_id),
      shiftStartedAt: h.shift_started_at,
      submittedAt: h.submitted_at,
      note: h.note,
      metrics: h.metrics === null ? null : (JSON.parse(h.metrics) as Figures | null),
      status: h.signed_at === null ? 'submitted' : 'signed',
      receiver: who(h.receiver_id),
      signedBy: who(h.signed_by),
      signedAt: h.signed_at,
      signNote: h.sign_note,
      correctsId: h.corrects_id,
      items: this.deps.repo.items(h.id).map((i): HandoverItem => ({
        id: i.id,
        key: i.item_key,
        kind: i.kind as HandoverItem['kind'],
        refId: i.ref_id,
        urgency: i.urgency as Urgency,
        reason: i.reason as PendingReason,
        anomaly: i.anomaly as AnomalyKind | null,
        dueAt: i.due_at,
        title: i.title,
        customer: i.customer,
        waybill: i.waybill,
        major: i.major === 1,
        removedReason: i.removed_reason,
        ack: i.ack as HandoverItem['ack'],
        ackComment: i.ack_comment,
        ackBy: who(i.ack_by),
        ackAt: i.ack_at,
        assignee: who(i.assignee_id),
        leadComment: i.lead_comment,
        transferred: i.transferred === 1,
      })),
    };
  }
}
