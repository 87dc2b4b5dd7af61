/** The desk session: desk info, the signed-in agent, their state (示闲/示忙/小休) and its log. */
import type { AgentState } from '@shared/session/agent-state';
import type { DeskApi, RequestResult } from '@shared/contract';
import type { Session, StateLogEntry } from '@shared/session/contract';
import type { DeskStore, SliceCreator } from '../../app/store';
import { toUiError } from '../../ui/errors';

type DeskInfo = RequestResult<'desk.info'>;

export interface SessionSlice {
  deskInfo: DeskInfo | null;
  session: Session | null;
  stateLog: StateLogEntry[];
  /** A session request is under way (sign-in, state change, sign-out, the first read). */
  busy: boolean;
  signIn(employeeNo: string, password: string): Promise<boolean>;
  /** Signs out now, or — during a call — once it and its after-call work end (`afterCall`). */
  signOut(): Promise<void>;
  /** The agent's pick; during a call main keeps it for after the call (本通话后). */
  setAgentState(target: AgentState): Promise<void>;
  /** Drops the pick for after the call. */
  cancelAfterCall(): Promise<void>;
  refreshStateLog(): Promise<void>;
}

/** The session's part of the console's first read (the shell's init sets it with the rest). */
export async function readSession(
  api: DeskApi,
): Promise<Pick<SessionSlice, 'deskInfo' | 'session'>> {
  const [deskInfo, session] = await Promise.all([
    api.request('desk.info', {}),
    api.request('auth.session', {}),
  ]);
  return { deskInfo, session };
}

export const createSessionSlice =
  (api: DeskApi): SliceCreator<SessionSlice> =>
  (set, get) => {
    /** Runs one request with busy/error bookkeeping; returns false if it was refused. */
    const run = async (fn: () => Promise<void>): Promise<boolean> => {
      set({ busy: true, error: null });
      try {
        await fn();
        return true;
      } catch (err) {
        set({ error: toUiError(err) });
        return false;
      } finally {
        set({ busy: false });
      }
    };
    return {
      deskInfo: null,
      session: null,
      stateLog: [],
      busy: false,
      async signIn(employeeNo, password) {
        return run(async () => {
          const session = await api.request('auth.signIn', { employeeNo, password });
          set({ session });
          await get().refreshStateLog();
        });
      },
      async signOut() {
        await run(async () => {
          const session = await api.request('auth.signOut', {});
          set(session ? { session } : { session: null, stateLog: [] });
        });
      },
      async setAgentState(target) {
        await run(async () => {
          const session = await api.request('agent.setState', { target });
          set({ session });
          await get().refreshStateLog();
        });
      },
      async cancelAfterCall() {
        await run(async () => {
          set({ session: await api.request('agent.cancelAfterCall', {}) });
        });
      },
      async refreshStateLog() {
        if (!get().session) return;
        const stateLog = await api.request('agent.stateLog', { limit: 100 });
        set({ stateLog });
      },
    };
  };

/** Main is the source of truth: every session change it announces replaces ours. */
export function connectSession(api: DeskApi, store: DeskStore): void {
  api.on('session.changed', (session) => {
    store.setState({ session });
    if (session)
      void store
        .getState()
        .refreshStateLog()
        .catch(() => undefined);
    else store.setState({ stateLog: [] });
  });
}
