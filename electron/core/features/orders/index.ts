/**
 * The orders feature (public entry): order taking with the live quote and the 保价 prompt, the
 * local outbox and its delivery to the company's order system (setting `orders.sink`, protocol in
 * docs/ORDER-API.md), amendments, and the daily insurance register with its XLSX/CSV export.
 */
import { localDate } from '@shared/common/calendar';
import type { OrderHandlers, OrderSummary } from '@shared/orders/contract';
import type { InsuranceOutcome } from '@shared/orders/insurance';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import { OrderOutbox } from './order-outbox';
import { OrderService } from './order-service';
import type { OrderSink } from './order-sink';
import { HttpOrderSink, orderSinkSettingSchema } from './order-sink';
import { OrdersRepo } from './orders-repo';
import { RateTables } from './rate-table';
import { registerCsv, registerXlsx } from './register-export';

export { HttpOrderSink, orderSinkSettingSchema } from './order-sink';
export type { DeliveryResult, OrderPayload, OrderSink } from './order-sink';
export { OrderService } from './order-service';
/** Read by the call scripts (issue 13): the 保价 outcome recorded by orders taken on a call. */
export { OrdersRepo } from './orders-repo';

export interface OrdersFeatureDeps {
  session: DeskSessionService;
  /** Where orders go; undefined: the `orders.sink` setting, if any; null: nowhere yet. */
  sink?: OrderSink | null;
  /** Delivery retry backoff (tests shorten it). */
  backoff?: { initialMs: number; maxMs: number };
}

export interface OrdersFeature extends Feature<OrderHandlers> {
  orders: OrderService;
  outbox: OrderOutbox;
  /** The orders an agent took on a call since `since` (the scripts' 保价 evidence). */
  ordersOfCall(callId: string, agentId: string, since: number): OrderOfCall[];
  /**
   * An agent's orders of a desk-local day (`YYYY-MM-DD`), oldest first, whoever is signed in —
   * the handover book compiles the open ones, also for a lead looking at the team's shifts.
   */
  ordersOfAgentDay(agentId: string, day: string): OrderSummary[];
}

/** An order taken on a call, as the call scripts weigh it (Art. 21's 保价 item). */
export interface OrderOfCall {
  number: string;
  insurance: InsuranceOutcome | null;
  /** The form offered 保价 (it had a reason to). */
  offered: boolean;
}

export function createOrdersFeature(core: Core, deps: OrdersFeatureDeps): OrdersFeature {
  const repo = new OrdersRepo(core.db);
  const rates = new RateTables(core, deps.session);
  const sinkFromSettings = (): OrderSink | null => {
    const setting = core.settings.getParsed('orders.sink', orderSinkSettingSchema, core.logger);
    return setting ? new HttpOrderSink(setting) : null;
  };
  const sink = (): OrderSink | null => (deps.sink !== undefined ? deps.sink : sinkFromSettings());
  const orders: OrderService = new OrderService({
    db: core.db,
    repo,
    audit: core.audit,
    session: deps.session,
    clock: core.clock,
    newId: core.newId,
    timeZone: core.timeZone,
    table: () => rates.current(),
    onQueued: (orderId) => {
      core.emit('orders.changed', { orderId, delivery: 'queued' });
      outbox.kick();
    },
  });
  const outbox = new OrderOutbox({
    repo,
    sink,
    payload: (row) => orders.payload(row),
    clock: core.clock,
    logger: core.logger,
    ...(deps.backoff && { backoff: deps.backoff }),
    onChanged: (orderId) => {
      const row = repo.get(orderId);
      if (row) core.emit('orders.changed', { orderId, delivery: row.delivery });
    },
  });

  const exportRegister: OrderHandlers['orders.registerExport'] = async ({ day, scope, format }) => {
    const session = deps.session.requireSession();
    const { rows } = orders.register(day, scope);
    const data = format === 'xlsx' ? await registerXlsx(rows, day) : registerCsv(rows);
    core.audit.append({
      id: core.newId(),
      at: core.clock.now(),
      actorId: session.agent.id,
      action: 'register_export',
      subject: day,
      detail: { scope, format, rows: rows.length },
    });
    return {
      fileName: `保险登记表-${day}${scope === 'team' ? '-全组' : ''}.${format}`,
      mime:
        format === 'xlsx'
          ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
          : 'text/csv;charset=utf-8',
      base64: data.toString('base64'),
    };
  };

  const handlers: OrderHandlers = {
    'orders.rateTable': () => rates.current(),
    'orders.loadRateTable': ({ text }) => {
      const table = rates.load(text);
      core.emit('orders.rateTableChanged', { id: table.id });
      return table;
    },
    'orders.context': ({ customerId }) => orders.context(customerId),
    'orders.draft': ({ orderId }) => orders.pastOrder(orderId),
    'orders.submit': ({ draft, customerId, callId }) =>
      orders.submit({ draft, customerId, callId }),
    'orders.amend': ({ orderId, draft, reason }) => orders.amend({ orderId, draft, reason }),
    'orders.list': ({ day, scope }) => orders.list(day, scope),
    'orders.retryDelivery': () => {
      deps.session.requireSession();
      const queued = repo.queuedCount();
      repo.makeAllDue(core.clock.now());
      outbox.kick();
      return { queued };
    },
    'orders.register': ({ day, scope }) => orders.register(day, scope),
    'orders.registerExport': exportRegister,
  };
  // Orders left queued by the last run (a crash, the network down) go out now.
  outbox.kick();
  const ordersOfCall = (callId: string, agentId: string, since: number): OrderOfCall[] => {
    const days = [
      ...new Set([localDate(since, core.timeZone), localDate(core.clock.now(), core.timeZone)]),
    ];
    return repo.ofCall(callId, agentId, days).map((o) => ({
      number: o.number,
      insurance: o.insurance_outcome,
      offered: o.offer_reasons !== '[]',
    }));
  };
  return {
    handlers,
    orders,
    outbox,
    ordersOfCall,
    ordersOfAgentDay: (agentId, day) => orders.ofAgentDay(agentId, day),
    dispose: () => outbox.dispose(),
  };
}
