/**
 * The call-backs feature's public entry (回电): my call-backs, promising one from a call, and the
 * reminders main sends before one is due.
 */
export type { CallbacksSlice } from './slice';
export { connectCallbacks, createCallbacksSlice } from './slice';
export { callbackTexts } from './i18n';
export { CallbacksPanel } from './components/CallbacksPanel';
export { CallbacksHost } from './components/CallbacksHost';
export { PromiseCallback } from './components/PromiseCallback';
