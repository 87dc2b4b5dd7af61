/**
 * The handover-book feature's public entry (业务交接本): the 交接 tab with the shift-end form, the
 * receiver's acknowledgement, the lead's review and the history.
 */
export type { HandoverSlice } from './slice';
export { connectHandover, createHandoverSlice, isHandoverRequired } from './slice';
export { handoverTexts } from './i18n';
export { HandoverPage, HandoverTabLabel } from './components/HandoverPage';
