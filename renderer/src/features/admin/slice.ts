/**
 * The lead's administration (管理): the team as main lists it, kept up to date by the changes made
 * here. Every action throws main's refusal to its caller, which shows it beside the field or in
 * the dialog it came from; nothing of it stays after the lead signs out.
 */
import type { AdminAgent, DeskApi, RequestArgs } from '@shared/contract';
import type { DeskStore, SliceCreator } from '../../app/store';

export interface AdminSlice {
  /** The team (null until read, and again after sign-out). */
  adminAgents: AdminAgent[] | null;
  loadAdminAgents(): Promise<void>;
  addAgent(input: RequestArgs<'admin.addAgent'>): Promise<AdminAgent>;
  setAgentActive(agentId: string, active: boolean): Promise<AdminAgent>;
  resetAgentPassword(agentId: string, password: string): Promise<AdminAgent>;
  unlockAgent(agentId: string): Promise<AdminAgent>;
}

export const createAdminSlice =
  (api: DeskApi): SliceCreator<AdminSlice> =>
  (set, get) => {
    /** The changed agent replaces its row (or joins the list), in main's order on the next read. */
    const upsert = (agent: AdminAgent): AdminAgent => {
      const list = get().adminAgents ?? [];
      const at = list.findIndex((a) => a.id === agent.id);
      set({
        adminAgents: at === -1 ? [...list, agent] : list.map((a, i) => (i === at ? agent : a)),
      });
      return agent;
    };
    return {
      adminAgents: null,
      async loadAdminAgents() {
        set({ adminAgents: await api.request('admin.agents', {}) });
      },
      async addAgent(input) {
        return upsert(await api.request('admin.addAgent', input));
      },
      async setAgentActive(agentId, active) {
        return upsert(await api.request('admin.setAgentActive', { agentId, active }));
      },
      async resetAgentPassword(agentId, password) {
        return upsert(await api.request('admin.resetPassword', { agentId, password }));
      },
      async unlockAgent(agentId) {
        return upsert(await api.request('admin.unlockAgent', { agentId }));
      },
    };
  };

/** Signed out, or another person signed in: the last lead's view of the team is dropped. */
export function connectAdmin(store: DeskStore): void {
  store.subscribe((state, before) => {
    if (state.session?.agent.id !== before.session?.agent.id && state.adminAgents !== null) {
      store.setState({ adminAgents: null });
    }
  });
}
