/**
 * Call-backs (回电): promised during or after a call, owned by the agent who promised (首问责任制)
 * until closed with an outcome, reminded a few minutes before they are due, dialled from main so
 * the number never reaches a screen in clear. Every promise and closure is audited.
 */
import { ContractError } from '@shared/common/errors';
import { maskPhone } from '@shared/common/format';
import { customerPhoneKey } from '@shared/waybills/customer';
import type { Callback, CallbackOutcome } from '@shared/callbacks/contract';
import type { SoftphoneView } from '@shared/contract';
import type { AuditRepo } from '../../platform/audit-repo';
import type { Db } from '../../platform/db/database';
import type { Clock, IdFactory, Logger } from '../../platform/ports';
import type { DeskSessionService } from '../session';
import type { CallbackListRow, CallbacksRepo } from './callbacks-repo';

export interface CallbackServiceDeps {
  db: Db;
  repo: CallbacksRepo;
  audit: AuditRepo;
  session: DeskSessionService;
  clock: Clock;
  newId: IdFactory;
  logger: Logger;
  dial: (number: string, display: string) => SoftphoneView;
  /** A call-back changed, or is due soon (`due`). */
  onChanged: (id: string, due: boolean) => void;
  /** How long before the due time the owner is reminded. */
  remindBeforeMs?: number;
}

const MINUTE = 60_000;
const MAX_AHEAD = 30 * 24 * 60 * MINUTE;

export class CallbackService {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private disposed = false;

  constructor(private readonly deps: CallbackServiceDeps) {}

  private get remindBefore(): number {
    return this.deps.remindBeforeMs ?? 10 * MINUTE;
  }

  promise(a: {
    reason: string;
    dueAt: number;
    callId: string | null;
    number: string | null;
    customerId: string | null;
    waybillId: string | null;
  }): Callback {
    const session = this.deps.session.requireSession();
    const { repo, clock, newId, db, audit } = this.deps;
    const now = clock.now();
    if (a.dueAt < now + MINUTE || a.dueAt > now + MAX_AHEAD) {
      throw new ContractError('BAD_ARGUMENT', 'A call-back is due from a minute to 30 days ahead', [
        { path: 'dueAt', message: a.dueAt < now + MINUTE ? 'in_past' : 'too_far' },
      ]);
    }
    let number: string | null = null;
    let customerId = a.customerId;
    if (a.callId !== null) {
      const call = repo.callNumber(a.callId);
      if (!call) throw new ContractError('NOT_FOUND', 'No such call');
      number = call.number || null;
      customerId ??= call.customer_id;
    }
    if (a.number !== null) {
      // A customer's phone: a mobile, a landline with its area code, a company's 400/800 line.
      const key = customerPhoneKey(a.number);
      if (key === null) {
        throw new ContractError('BAD_ARGUMENT', 'Not a phone number', [
          { path: 'number', message: 'phone_invalid' },
        ]);
      }
      number = key;
    }
    if (number === null) {
      // The call's caller withheld the number: nothing to call back.
      throw new ContractError('BAD_ARGUMENT', 'The caller withheld the number', [
        { path: 'number', message: 'required' },
      ]);
    }
    if (customerId !== null && !repo.exists('customers', customerId)) {
      throw new ContractError('NOT_FOUND', 'No such customer');
    }
    if (a.waybillId !== null && !repo.exists('waybills', a.waybillId)) {
      throw new ContractError('NOT_FOUND', 'No such waybill');
    }
    const id = newId();
    db.transaction(() => {
      repo.insert({
        id,
        owner_id: session.agent.id,
        created_by: session.agent.id,
        created_at: now,
        customer_id: customerId,
        number,
        reason: a.reason,
        due_at: a.dueAt,
        call_id: a.callId,
        waybill_id: a.waybillId,
      });
      audit.append({
        id: newId(),
        at: now,
        actorId: session.agent.id,
        action: 'callback_promise',
        subject: id,
        detail: { dueAt: a.dueAt, callId: a.callId },
      });
    });
    this.deps.onChanged(id, false);
    this.plan();
    return this.view(repo.get(id)!);
  }

  mine(status: 'open' | 'closed'): Callback[] {
    const session = this.deps.session.requireSession();
    const rows =
      status === 'open'
        ? this.deps.repo.open(session.agent.id)
        : this.deps.repo.closed(session.agent.id, 100);
    return rows.map((r) => this.view(r));
  }

  overdue(): Callback[] {
    const session = this.deps.session.requireSession();
    if (session.agent.role !== 'lead') {
      throw new ContractError(
        'FORBIDDEN',
        "Only a shift lead may see the team's overdue call-backs",
      );
    }
    return this.deps.repo.overdue(this.deps.clock.now()).map((r) => this.view(r));
  }

  dial(id: string): SoftphoneView {
    const row = this.owned(id);
    if (row.closed_at !== null)
      throw new ContractError('ILLEGAL_TRANSITION', 'Call-back already closed');
    return this.deps.dial(row.number, maskPhone(row.number));
  }

  close(id: string, outcome: CallbackOutcome, note: string | null): Callback {
    const session = this.deps.session.requireSession();
    this.owned(id);
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      if (!this.deps.repo.close(id, session.agent.id, now, outcome, note || null)) {
        throw new ContractError('ILLEGAL_TRANSITION', 'Call-back already closed');
      }
      this.deps.audit.append({
        id: this.deps.newId(),
        at: now,
        actorId: session.agent.id,
        action: 'callback_close',
        subject: id,
        detail: { outcome },
      });
    });
    this.deps.onChanged(id, false);
    return this.view(this.deps.repo.get(id)!);
  }

  /** An agent's open call-backs (the handover book compiles them at shift end). */
  openOf(agentId: string): Callback[] {
    return this.deps.repo.open(agentId).map((r) => this.view(r));
  }

  /**
   * 首问 handed over formally: the open call-back of `from` now belongs to `to` (a handover item
   * accepted). Audited; false when it was closed or already passed to someone else meanwhile (an
   * older handover's item accepted late) — nothing changes then. Call inside the caller's
   * transaction so the acceptance and the transfer commit together.
   */
  transferOwner(id: string, from: string, to: string, by: string, via: string): boolean {
    const row = this.deps.repo.get(id);
    if (!row || row.closed_at !== null || row.owner_id !== from) return false;
    const now = this.deps.clock.now();
    if (!this.deps.repo.transferOwner(id, from, to)) return false;
    this.deps.audit.append({
      id: this.deps.newId(),
      at: now,
      actorId: by,
      action: 'callback_transfer',
      subject: id,
      detail: { from: row.owner_id, to, via },
    });
    this.deps.onChanged(id, false);
    return true;
  }

  /** Reminds the owners of call-backs due within the reminder lead time (once each). */
  remindDue(): number {
    const now = this.deps.clock.now();
    const due = this.deps.repo.takeDueForReminder(now + this.remindBefore, now);
    for (const r of due) this.deps.onChanged(r.id, true);
    return due.length;
  }

  /** Plans the next reminder (the desk runs it while it is open). */
  plan(): void {
    if (this.disposed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.remindDue();
    const next = this.deps.repo.nextUnreminded();
    if (next === null) return;
    const wait = Math.max(1000, next - this.remindBefore - this.deps.clock.now());
    this.timer = setTimeout(() => this.plan(), Math.min(wait, 2 ** 31 - 1));
    this.timer.unref?.();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private owned(id: string): CallbackListRow {
    const session = this.deps.session.requireSession();
    const row = this.deps.repo.get(id);
    if (!row) throw new ContractError('NOT_FOUND', 'No such call-back');
    if (row.owner_id !== session.agent.id && session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'This call-back belongs to another agent');
    }
    return row;
  }

  private view(r: CallbackListRow): Callback {
    return {
      id: r.id,
      ownerName: r.owner_name,
      customerName: r.customer_name,
      numberMasked: maskPhone(r.number),
      reason: r.reason,
      dueAt: r.due_at,
      createdAt: r.created_at,
      callId: r.call_id,
      waybillNumber: r.waybill_number,
      overdue: r.closed_at === null && r.due_at < this.deps.clock.now(),
      closedAt: r.closed_at,
      outcome: r.outcome,
      note: r.note,
    };
  }
}
