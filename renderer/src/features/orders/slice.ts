/**
 * Order taking (工作单): the rate table the form quotes with, the day's orders with their delivery
 * status (kept live by `orders.changed`), the day's insurance register, and requests for the form
 * (下单 from the call). Past orders are read from main for a repeat or an amendment, their phones
 * by reference only (masked on screen). Actions throw main's refusal
 * to their caller, which shows it beside the field or in the view it came from; nothing of it
 * stays after the agent signs out.
 */
import type { DeskApi, RequestResult } from '@shared/contract';
import type { OrderSummary, PastOrder } from '@shared/orders/contract';
import type { OrderDraft } from '@shared/orders/order';
import type { RateTable } from '@shared/orders/rates';
import type { DeskStore, SliceCreator } from '../../app/store';
import { toUiError } from '../../ui/errors';

export type OrderScope = 'mine' | 'team';
export type OrderRegister = RequestResult<'orders.register'>;
export type OrderContextResult = RequestResult<'orders.context'>;

/** A request to open the 工作单 for a caller (the 下单 button, the 下单 call script). */
export interface OrderFormRequest {
  customerId: string | null;
  callId: string | null;
  /** Counts requests: the same caller asked for twice opens the form again. */
  seq: number;
}

export interface OrdersSlice {
  /** The carrier's rate table (null until read). */
  orderRates: RateTable | null;
  /** The day and scope the list and the register show (null until the page opened). */
  ordersView: { day: string; scope: OrderScope } | null;
  orders: OrderSummary[] | null;
  orderRegister: OrderRegister | null;
  /** The form asked for from outside the 工单 tab (the shell switches to it; the page opens it). */
  orderFormRequest: OrderFormRequest | null;
  /** Opens the 工作单 for the customer (pre-filled) and ties the order to the call. */
  openOrderForm(req: { customerId: string | null; callId: string | null }): void;
  /** The page opened (or dismissed) the requested form. */
  clearOrderFormRequest(): void;
  loadOrderRates(): Promise<RateTable>;
  /** A lead loads a new rate table (the file's text); forms quote with it from then on. */
  loadRateTable(text: string): Promise<RateTable>;
  orderContext(customerId: string | null): Promise<OrderContextResult>;
  /** A past order (own; a lead's any) as a repeat or an amendment starts from it. */
  pastOrder(orderId: string): Promise<PastOrder>;
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
    let requests = 0;
    /** The changed order replaces its row, or joins the top of the list. */
    const upsert = (order: OrderSummary) => {
      const list = get().orders;
      if (!list) return;
      set({
        orders: list.some((o) => o.id === order.id)
          ? list.map((o) => (o.id === order.id ? order : o))
          : [order, ...list],
      });
    };
    return {
      orderRates: null,
      ordersView: null,
      orders: null,
      orderRegister: null,
      orderFormRequest: null,
      openOrderForm({ customerId, callId }) {
        requests += 1;
        set({ orderFormRequest: { customerId, callId, seq: requests } });
      },
      clearOrderFormRequest() {
        if (get().orderFormRequest) set({ orderFormRequest: null });
      },
      async loadOrderRates() {
        const cached = get().orderRates;
        if (cached) return cached;
        const table = await api.request('orders.rateTable', {});
        set({ orderRates: table });
        return table;
      },
      async loadRateTable(text) {
        const table = await api.request('orders.loadRateTable', { text });
        set({ orderRates: table });
        return table;
      },
      orderContext(customerId) {
        return api.request('orders.context', { customerId });
      },
      pastOrder(orderId) {
        return api.request('orders.draft', { orderId });
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
        upsert(order);
        return order;
      },
      async amendOrder(args) {
        const order = await api.request('orders.amend', { ...args, confirmed: true });
        upsert(order);
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
        set({
          ordersView: null,
          orders: null,
          orderRegister: null,
          orderFormRequest: null,
        });
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
  // A lead loaded a new table (here or at another window): the next form reads it.
  api.on('orders.rateTableChanged', ({ id }) => {
    if (store.getState().orderRates?.id !== id) store.setState({ orderRates: null });
  });
  store.subscribe((state, before) => {
    if (before.session && !state.session) state.resetOrders();
  });
}
