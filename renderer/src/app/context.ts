/**
 * How components reach the desk: the store (useDesk) and the transport (useDeskApi), both given
 * by <App> through React context. Only types come from the store root, so features can use these
 * hooks without importing the shell.
 */
import { createContext, useContext } from 'react';
import { useStore } from 'zustand';
import type { DeskApi } from '@shared/contract';
import type { DeskState, DeskStore } from './store';

export const DeskStoreContext = createContext<DeskStore | null>(null);

export function useDesk<T>(selector: (state: DeskState) => T): T {
  const store = useContext(DeskStoreContext);
  if (!store) throw new Error('useDesk outside <DeskStoreContext.Provider>');
  return useStore(store, selector);
}

/** The transport, for code that talks to main outside the store (the media engine). */
export const DeskApiContext = createContext<DeskApi | null>(null);

export function useDeskApi(): DeskApi {
  const api = useContext(DeskApiContext);
  if (!api) throw new Error('useDeskApi outside <DeskApiContext.Provider>');
  return api;
}
