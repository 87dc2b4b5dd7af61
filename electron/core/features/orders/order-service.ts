/**
 * Order taking (工作单) in the core: the same checks as the form (shared/orders/order.ts) run again
 * on submission, the order and its outbox entry commit in one transaction with the audit entry,
 * and the outbox delivers it. Phones are held by the form as references to the customer's record
 * or a past order (never in clear on screen) and resolved here.
 */
import { ContractError } from '@shared/common/errors';
import { maskPhone } from '@shared/common/format';
import { localDate } from '@shared/common/calendar';
import type { OrderSummary, PastOrder, RegisterRow } from '@shared/orders/contract';
import type { OfferReason } from '@shared/orders/insurance';
import type { OrderCheck, OrderDraft, OrderParty } from '@shared/orders/order';
import { checkOrder, isPhoneRef } from '@shared/orders/order';
import type { RateTable } from '@shared/orders/rates';
import type { AuditRepo } from '../../platform/audit-repo';
import type { Db } from '../../platform/db/database';
import type { Clock, IdFactory } from '../../platform/ports';
import type { DeskSessionService } from '../session';
import type { OrderPayload } from './order-sink';
import type { OrderListRow, OrderRow, OrdersRepo } from './orders-repo';

export interface OrderServiceDeps {
  db: Db;
  repo: OrdersRepo;
  audit: AuditRepo;
  session: DeskSessionService;
  clock: Clock;
  newId: IdFactory;
  timeZone: string;
  table: () => RateTable;
  /** A new or amended order is queued: deliver it now if possible. */
  onQueued: (orderId: string) => void;
}

type Scope = 'mine' | 'team';

export class OrderService {
  constructor(private readonly deps: OrderServiceDeps) {}

  today(): string {
    return localDate(this.deps.clock.now(), this.deps.timeZone);
  }

  context(customerId: string | null) {
    this.deps.session.requireSession();
    const { repo } = this.deps;
    const customer = customerId ? repo.customer(customerId) : undefined;
    if (customerId && !customer) throw new ContractError('NOT_FOUND', 'No such customer');
    return {
      today: this.today(),
      priorClaim: customer ? repo.hadClaim(customer.id) : false,
      customerClass: customer?.class ?? null,
      customer: customer
        ? {
            id: customer.id,
            name: customer.name,
            province: customer.province,
            city: customer.city,
            address: customer.address,
            phones: repo
              .customerPhones(customer.id)
              .slice(0, 10)
              .map((phone, i) => ({
                ref: `@customer:${customer.id}:${i}`,
                masked: maskPhone(phone),
              })),
          }
        : null,
      recent: customer
        ? repo.forCustomer(customer.id, 5).map((row) => {
            const past = this.past(row);
            return {
              ...past,
              draft: { ...past.draft, pickup: { ...past.draft.pickup, date: this.today() } },
            };
          })
        : [],
    };
  }

  /**
   * A past order's current version for a repeat or an amendment: its phones as references with
   * their masked form (the numbers stay here). The agent's own orders; a lead's any.
   */
  pastOrder(orderId: string): PastOrder {
    const session = this.deps.session.requireSession();
    const row = this.deps.repo.get(orderId);
    if (!row) throw new ContractError('NOT_FOUND', 'No such order');
    if (row.agent_id !== session.agent.id && session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', "Only a shift lead may open another agent's order");
    }
    return this.past(row);
  }

  private past(row: OrderListRow): PastOrder {
    const d = JSON.parse(row.draft) as OrderDraft;
    const ref = (side: 'sender' | 'recipient') => `@order:${row.id}:${side}`;
    return {
      summary: summary(row, this.amended(row)),
      draft: {
        ...d,
        sender: { ...d.sender, phone: ref('sender') },
        recipient: { ...d.recipient, phone: ref('recipient') },
      },
      phones: (['sender', 'recipient'] as const).map((side) => ({
        ref: ref(side),
        masked: maskPhone(d[side].phone),
      })),
    };
  }

  /** Checks and stores a confirmed order; it is queued for the order system at once. */
  submit(args: {
    draft: OrderDraft;
    customerId: string | null;
    callId: string | null;
  }): OrderSummary {
    const session = this.deps.session.requireSession();
    const { repo, db, clock, newId, audit } = this.deps;
    const customer = args.customerId ? repo.customer(args.customerId) : undefined;
    if (args.customerId && !customer) throw new ContractError('NOT_FOUND', 'No such customer');
    if (args.callId && !repo.callExists(args.callId)) {
      throw new ContractError('NOT_FOUND', 'No such call');
    }
    const draft = this.resolvePhones(args.draft);
    const check = this.check(draft, customer?.id ?? null, customer?.class ?? null);
    const now = clock.now();
    const day = localDate(now, this.deps.timeZone);
    const id = newId();
    db.transaction(() => {
      const seq = repo.countForAgentDay(session.agent.id, day) + 1;
      const number = `W${day.replaceAll('-', '')}-${session.agent.employeeNo}-${String(seq).padStart(3, '0')}`;
      repo.insert({
        id,
        number,
        agent_id: session.agent.id,
        shift_id: session.shift.id,
        call_id: args.callId,
        customer_id: customer?.id ?? null,
        created_at: now,
        day,
        next_attempt_at: now,
        rate_table: this.deps.table().id,
        ...columns(draft, check),
      });
      audit.append({
        id: newId(),
        at: now,
        actorId: session.agent.id,
        action: 'order_submit',
        subject: id,
        detail: {
          number,
          totalFen: check.quote?.ok ? check.quote.totalFen : 0,
          insurance: draft.insurance.outcome,
          offer: check.offer,
        },
      });
    });
    this.deps.onQueued(id);
    return summary(repo.get(id)!, false);
  }

  amend(args: { orderId: string; draft: OrderDraft; reason: string }): OrderSummary {
    const session = this.deps.session.requireSession();
    const { repo, db, clock, newId, audit } = this.deps;
    const before = repo.get(args.orderId);
    if (!before) throw new ContractError('NOT_FOUND', 'No such order');
    if (before.agent_id !== session.agent.id && session.agent.role !== 'lead') {
      throw new ContractError(
        'FORBIDDEN',
        'Only the agent who took an order or a lead may amend it',
      );
    }
    const previous = JSON.parse(before.draft) as OrderDraft;
    const draft = this.resolvePhones(args.draft, before);
    const customer = before.customer_id ? repo.customer(before.customer_id) : undefined;
    const check = this.check(draft, customer?.id ?? null, customer?.class ?? null);
    const now = clock.now();
    db.transaction(() => {
      const version = repo.amend(before.id, columns(draft, check), now);
      repo.insertAmendment({
        id: newId(),
        order_id: before.id,
        version,
        agent_id: session.agent.id,
        at: now,
        reason: args.reason,
        before: JSON.stringify(previous),
        after: JSON.stringify(draft),
      });
      audit.append({
        id: newId(),
        at: now,
        actorId: session.agent.id,
        action: 'order_amend',
        subject: before.id,
        detail: { number: before.number, version, reason: args.reason },
      });
    });
    this.deps.onQueued(before.id);
    return summary(repo.get(before.id)!, true);
  }

  list(day: string, scope: Scope): OrderSummary[] {
    return this.rows(day, scope).map((r) => summary(r, this.amended(r)));
  }

  /** One agent's orders of a day, for the other features (no session: the caller decides). */
  ofAgentDay(agentId: string, day: string): OrderSummary[] {
    return this.deps.repo.forDay(day, agentId).map((r) => summary(r, this.amended(r)));
  }

  /** Every order of the day where 保价 was offered or taken, and the take-up per agent. */
  register(day: string, scope: Scope): { rows: RegisterRow[]; takeUp: TakeUp[] } {
    const rows = this.rows(day, scope).filter(
      (r) =>
        (JSON.parse(r.offer_reasons) as unknown[]).length > 0 || r.insurance_outcome === 'accepted',
    );
    const byAgent = new Map<string, TakeUp>();
    for (const r of rows) {
      const t = byAgent.get(r.agent_id) ?? {
        agentName: r.agent_name,
        employeeNo: r.employee_no,
        offered: 0,
        insured: 0,
      };
      // Take-up as metrics count it (DOMAIN §2): insured among the orders the offer applied to; a
      // customer who insured unprompted is in the register, not in the rate.
      if ((JSON.parse(r.offer_reasons) as unknown[]).length > 0) {
        t.offered += 1;
        if (r.insurance_outcome === 'accepted') t.insured += 1;
      }
      byAgent.set(r.agent_id, t);
    }
    return {
      rows: rows.map((r) => ({
        day: r.day,
        orderNumber: r.number,
        customer: r.customer_name ?? r.sender_name,
        goods: r.goods_description,
        category: r.goods_category as RegisterRow['category'],
        declaredValueFen: r.declared_value_fen,
        premiumFen: r.premium_fen,
        outcome: r.insurance_outcome,
        declineReason: r.decline_reason,
        reasons: JSON.parse(r.offer_reasons) as OfferReason[],
        agentName: r.agent_name,
        employeeNo: r.employee_no,
      })),
      takeUp: [...byAgent.values()],
    };
  }

  /** What the order system receives for an order's current version (docs/ORDER-API.md). */
  payload(row: OrderRow): OrderPayload {
    const full = this.deps.repo.get(row.id);
    const draft = JSON.parse(row.draft) as OrderDraft;
    const check = this.check(draft, null, null, false);
    const quote = check.quote?.ok ? check.quote : null;
    const amendment = row.version > 1 ? this.lastAmendmentReason(row) : null;
    return {
      idempotencyKey: `${row.id}:${row.version}`,
      orderId: row.id,
      orderNumber: row.number,
      version: row.version,
      createdAt: new Date(row.created_at).toISOString(),
      agent: { employeeNo: full?.employee_no ?? '', name: full?.agent_name ?? '' },
      callId: row.call_id,
      customerId: row.customer_id,
      order: draft,
      quote: {
        totalFen: row.total_fen,
        premiumFen: row.premium_fen,
        chargeableKg: quote?.chargeableKg ?? 0,
        zone: quote?.zone ?? 'national',
      },
      amendment,
    };
  }

  private lastAmendmentReason(row: OrderRow): { reason: string } | null {
    const reason = this.deps.repo.amendmentReason(row.id, row.version);
    return reason === null ? null : { reason };
  }

  private rows(day: string, scope: Scope): OrderListRow[] {
    const session = this.deps.session.requireSession();
    if (scope === 'team' && session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', "Only a shift lead may see the team's orders");
    }
    return this.deps.repo.forDay(day, scope === 'team' ? null : session.agent.id);
  }

  private amended(row: OrderRow): boolean {
    return row.version > 1;
  }

  /** The shared checks; any issue refuses the order with each field's code (nothing is stored). */
  private check(
    draft: OrderDraft,
    customerId: string | null,
    customerClass: 'A' | 'B' | 'C' | null,
    strict = true,
  ): OrderCheck {
    const check = checkOrder(draft, {
      table: this.deps.table(),
      today: this.today(),
      priorClaim: customerId ? this.deps.repo.hadClaim(customerId) : false,
      customerClass,
    });
    if (strict && (check.issues.length > 0 || !check.quote?.ok)) {
      throw new ContractError(
        'BAD_ARGUMENT',
        'The order is not complete',
        check.issues.map((i) => ({ path: i.field, message: i.code })),
      );
    }
    return check;
  }

  /** Puts the numbers behind phone references in (from the customer record or a past order). */
  private resolvePhones(draft: OrderDraft, amending?: OrderRow): OrderDraft {
    const resolve = (side: 'sender' | 'recipient', p: OrderParty): OrderParty => {
      if (!isPhoneRef(p.phone)) return p;
      const [, kind, id, which] = /^@(customer|order):([^:]+):(.+)$/.exec(p.phone)!;
      let phone: string | undefined;
      if (kind === 'customer') phone = this.deps.repo.customerPhones(id!)[Number(which)];
      else {
        const row = id === amending?.id ? amending : this.deps.repo.get(id!);
        if (row)
          phone = (JSON.parse(row.draft) as OrderDraft)[which as 'sender' | 'recipient'].phone;
      }
      if (!phone) {
        throw new ContractError('BAD_ARGUMENT', 'The order is not complete', [
          { path: `${side}.phone`, message: 'phone_invalid' },
        ]);
      }
      return { ...p, phone };
    };
    return {
      ...draft,
      sender: resolve('sender', draft.sender),
      recipient: resolve('recipient', draft.recipient),
    };
  }
}

interface TakeUp {
  agentName: string;
  employeeNo: string;
  offered: number;
  insured: number;
}

function columns(draft: OrderDraft, check: OrderCheck) {
  return {
    draft: JSON.stringify(draft),
    goods_description: draft.goods.description,
    goods_category: draft.goods.category,
    sender_name: draft.sender.name,
    recipient_name: draft.recipient.name,
    total_fen: check.quote?.ok ? check.quote.totalFen : 0,
    premium_fen: check.premiumFen,
    declared_value_fen: draft.declaredValueFen,
    offer_reasons: JSON.stringify(check.offer),
    insurance_outcome: draft.insurance.outcome,
    decline_reason: draft.insurance.outcome === 'declined' ? draft.insurance.declineReason : null,
  };
}

function summary(r: OrderListRow, amended: boolean): OrderSummary {
  return {
    id: r.id,
    number: r.number,
    createdAt: r.created_at,
    version: r.version,
    agentName: r.agent_name,
    customerName: r.customer_name,
    senderName: r.sender_name,
    recipientName: r.recipient_name,
    goods: r.goods_description,
    category: r.goods_category as OrderSummary['category'],
    totalFen: r.total_fen,
    premiumFen: r.premium_fen,
    declaredValueFen: r.declared_value_fen,
    insurance: r.insurance_outcome,
    delivery: r.delivery,
    attempts: r.attempts,
    lastError: r.last_error,
    remoteRef: r.remote_ref,
    amended,
  };
}
