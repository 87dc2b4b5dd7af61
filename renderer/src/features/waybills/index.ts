/**
 * The waybills feature's public entry: 查件 search, the waybill drawer, the caller's screen pop
 * (customer card). Other features and the shell import it only from here.
 *
 * Uses the session feature (time zone) and the softphone's dialer (click-to-dial).
 */
export type { WaybillsSlice } from './slice';
export { connectWaybills, createWaybillsSlice } from './slice';
export { waybillTexts } from './i18n';
export { LookupPage } from './components/LookupPage';
export { CustomerCard } from './components/CustomerCard';
export { WaybillDrawer } from './components/WaybillDrawer';
