/**
 * The store root: one zustand store per desk API, combined from the features' slices (zustand
 * docs' slices pattern). Slice creators get the API from this factory's closure; it is never
 * state. Middleware, if any, wraps only the combined creator below (and `SliceCreator`'s
 * mutator list). A store is created per API so tests get a fresh one each time; components read
 * it through useDesk() (app/context.ts).
 */
import type { StateCreator, StoreApi } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { DeskApi } from '@shared/contract';
import type { AdminSlice } from '../features/admin';
import { connectAdmin, createAdminSlice } from '../features/admin';
import type { SessionSlice } from '../features/session';
import { connectSession, createSessionSlice } from '../features/session';
import type { SoftphoneSlice } from '../features/softphone';
import { connectSoftphone, createSoftphoneSlice } from '../features/softphone';
import type { WaybillsSlice } from '../features/waybills';
import { connectWaybills, createWaybillsSlice } from '../features/waybills';
import type { ScriptsSlice } from '../features/scripts';
import { connectScripts, createScriptsSlice } from '../features/scripts';
import type { CallbacksSlice } from '../features/callbacks';
import { connectCallbacks, createCallbacksSlice } from '../features/callbacks';
import type { ComplaintsSlice } from '../features/complaints';
import { connectComplaints, createComplaintsSlice } from '../features/complaints';
import type { HandoverSlice } from '../features/handover';
import { connectHandover, createHandoverSlice } from '../features/handover';
import type { MetricsSlice } from '../features/metrics';
import { connectMetrics, createMetricsSlice } from '../features/metrics';
import type { OrdersSlice } from '../features/orders';
import { connectOrders, createOrdersSlice } from '../features/orders';
import type { DocumentsSlice } from '../features/documents';
import { createDocumentsSlice } from '../features/documents';
import type { Language } from './i18n';
import type { ShellSlice } from './shell-slice';
import { createShellSlice } from './shell-slice';

export type DeskState = ShellSlice &
  SessionSlice &
  WaybillsSlice &
  SoftphoneSlice &
  AdminSlice &
  ScriptsSlice &
  OrdersSlice &
  CallbacksSlice &
  ComplaintsSlice &
  HandoverSlice &
  MetricsSlice &
  DocumentsSlice;
export type DeskStore = StoreApi<DeskState>;
/** What each feature's slice creator is: it sees (and may set) the whole desk state. */
export type SliceCreator<T> = StateCreator<DeskState, [], [], T>;

export function createDeskStore(api: DeskApi, language: Language = 'zh-CN'): DeskStore {
  const store = createStore<DeskState>()((...a) => ({
    ...createShellSlice(api, language)(...a),
    ...createSessionSlice(api)(...a),
    ...createWaybillsSlice(api)(...a),
    ...createSoftphoneSlice(api)(...a),
    ...createAdminSlice(api)(...a),
    ...createScriptsSlice(api)(...a),
    ...createOrdersSlice(api)(...a),
    ...createCallbacksSlice(api)(...a),
    ...createComplaintsSlice(api)(...a),
    ...createHandoverSlice(api)(...a),
    ...createMetricsSlice(api)(...a),
    ...createDocumentsSlice(api)(...a),
  }));
  // Main's events, each feature its own.
  connectSession(api, store);
  connectWaybills(api, store);
  connectSoftphone(api, store);
  connectAdmin(store);
  connectScripts(api, store);
  connectOrders(api, store);
  connectCallbacks(api, store);
  connectComplaints(api, store);
  connectHandover(api, store);
  connectMetrics(api, store);
  // Signed out (here or in another window): nothing of the last agent's lookups stays on screen.
  store.subscribe((state, before) => {
    if (before.session && !state.session) state.resetLookup();
    // Signed in again: the reason the sign-in page gave is history.
    if (!before.session && state.session && state.notice) store.setState({ notice: null });
  });
  return store;
}
