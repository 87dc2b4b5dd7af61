/**
 * The orders feature's public entry: the 工作单 (order form with its live quote, 保价 prompt and
 * read-back) and the 工单 page (the day's orders with their delivery status, and the insurance
 * register with its export). The shell mounts `OrdersPage` as a tab; the call panel and the call
 * scripts open `OrderForm` for the caller.
 */
export type { OrderFormRequest, OrdersSlice } from './slice';
export { connectOrders, createOrdersSlice } from './slice';
export { orderTexts } from './i18n';
export type { OrderFormProps } from './components/OrderForm';
export { OrderForm } from './components/OrderForm';
export { OrdersPage } from './components/OrdersPage';
export { OrderCallButton } from './components/OrderCallButton';
