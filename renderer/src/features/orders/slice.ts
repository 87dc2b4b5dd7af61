/**
 * Order taking (工作单): the rate table the form quotes with, the day's orders with their delivery
 * status (kept live by `orders.changed`), the day's insurance register, and the drafts of the
 * orders submitted from this console (what an amendment starts from). Actions throw main's refusal
 * to their caller, which shows it beside the field or in the view it came from; nothing of it
 * stays after the agent signs out.
 */
import type { DeskApi, RequestResult } from '@shared/contract';
import type { OrderSummary } from '@shared/orders/contract';
import type { OrderDraft } from '@shared/orders/order';
import type { RateTable } from '@shared/orders/rates';
import type { DeskStore, SliceCreator } from '../../app/store';
import { toUiError } from '../../ui/errors';

export type OrderScope = 'mine' | 'team';
export type OrderRegister = RequestResult<'orders.register'>;
export type OrderContextResult = RequestResult<'orders.context'>;

export interface OrdersSlice {
  /** The carrier's rate table (null until read). */
  orderRates: RateTable | null;
  /** The day and scope the list and the register show (null until the page opened). */
  ordersView: { day: string; scope: OrderScope } | null;
  orders: OrderSummary[] | null;
  orderRegister: OrderRegister | null;
  /** Drafts of the orders submitted or amended here, by order id (the start of an amendment). */
  orderDrafts: Record<string, OrderDraft>;
  loadOrderRates(): Promise<RateTable>;
  orderContext(customerId: string | null): Promise<OrderContextResult>;
  /** Reads the day's orders and register for the scope (and keeps them for the events). */
  loadOrders(day: string, scope: OrderScope): Promise<void>;
  /** Submits what the customer confirmed after the read-back. */
  submitOrder(args: {
    draft: OrderDraft;
    customerId: string | null;
    callId: string | null;
  }): Promise<OrderSummary>;
  amendOrder(args: { orderId: string; draft: OrderDraft; reason: string }): Promise<OrderSummary>;
  retryOrderDelivery(): Promise<number>;
  exportOrderRegister(format: 'xlsx' | 'csv'): Promise<RequestResult<'orders.registerExport'>>;
  /** Forgets the last agent's orders (sign-out). */
  resetOrders(): void;
}

export const createOrdersSlice =
  (api: DeskApi): SliceCreator<OrdersSlice> =>
  (set, get) => {
    /** The changed order replaces its row, or joins the top of the list. */
    const upsert = (order: OrderSummary, draft: OrderDraft) => {
      const list = get().orders;
      set({
        orderDrafts: { ...get().orderDrafts, [order.id]: draft },
        ...(list && {
          orders: list.some((o) => o.id === order.id)
            ? list.map((o) => (o.id === order.id ? order : o))
            : [order, ...list],
        }),
      });
    };
    return {
      orderRates: null,
      ordersView: null,
      orders: null,
      orderRegister: null,
      orderDrafts: {},
      async loadOrderRates() {
        const cached = get().orderRates;
        if (cached) return cached;
        const table = await api.request('orders.rateTable', {});
        set({ orderRates: table });
        return table;
      },
      orderContext(customerId) {
        return api.request('orders.context', { customerId });
      },
      async loadOrders(day, scope) {
        set({ ordersView: { day, scope } });
        const [orders, orderRegister] = await Promise.all([
          api.request('orders.list', { day, scope }),
          api.request('orders.register', { day, scope }),
        ]);
        // A later view asked for meanwhile wins.
        const view = get().ordersView;
        if (view?.day === day && view.scope === scope) set({ orders, orderRegister });
      },
      async submitOrder(args) {
        const order = await api.request('orders.submit', { ...args, confirmed: true });
        upsert(order, args.draft);
        return order;
      },
      async amendOrder(args) {
        const order = await api.request('orders.amend', { ...args, confirmed: true });
        upsert(order, args.draft);
        return order;
      },
      async retryOrderDelivery() {
        const { queued } = await api.request('orders.retryDelivery', {});
        return queued;
      },
      exportOrderRegister(format) {
        const view = get().ordersView;
        if (!view) throw new Error('the register is not open');
        return api.request('orders.registerExport', { ...view, format });
      },
      resetOrders() {
        set({ ordersView: null, orders: null, orderRegister: null, orderDrafts: {} });
      },
    };
  };

export function connectOrders(api: DeskApi, store: DeskStore): void {
  // Submitted, amended, delivered or refused (here, by the outbox, or in another window).
  api.on('orders.changed', () => {
    const view = store.getState().ordersView;
    if (view) {
      store
        .getState()
        .loadOrders(view.day, view.scope)
        .catch((err: unknown) => store.setState({ error: toUiError(err) }));
    }
  });
  store.subscribe((state, before) => {
    if (before.session && !state.session) state.resetOrders();
  });
}
