/**
 * The admin feature's public entry: the shift lead's administration area (管理) — agents (add,
 * deactivate/reactivate, reset password, unlock), after-call-work rules, the agents' softphone
 * accounts (the softphone's dialog, passed in by the shell), desk settings and the audit log.
 *
 * Uses the session feature (time zone) and the softphone's disposition names.
 */
export type { AdminSlice } from './slice';
export { connectAdmin, createAdminSlice } from './slice';
export { adminTexts } from './i18n';
export type { RenderSipAccounts } from './components/AdminPage';
export { AdminPage } from './components/AdminPage';
