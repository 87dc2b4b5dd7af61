/**
 * Metrics (指标): my panel, the chart series, the lead's team view, reports and the queue_log
 * import. Figures come from main as they are — null stays "no data" on screen.
 */
import type { DeskApi, RequestArgs } from '@shared/contract';
import type { Panel, QueueImport, Series, TeamView } from '@shared/metrics/contract';
import type { DeskStore, SliceCreator } from '../../app/store';
import type { UiError } from '../../ui/errors';
import { toUiError } from '../../ui/errors';

export interface MetricsSlice {
  metricsPanel: Panel | null;
  metricsSeries: Series | null;
  metricsTeam: TeamView | null;
  loadMetricsPanel(): Promise<void>;
  loadMetricsSeries(day: string): Promise<void>;
  loadMetricsTeam(fromDay: string, toDay: string): Promise<void>;
  /** A report as a file (null when main refused: the error is shown). */
  exportMetrics(
    args: RequestArgs<'metrics.export'>,
  ): Promise<{ fileName: string; mime: string; base64: string } | null>;
  importQueueLog(fileName: string, text: string): Promise<QueueImport | UiError>;
}

export const createMetricsSlice =
  (api: DeskApi): SliceCreator<MetricsSlice> =>
  (set, get) => ({
    metricsPanel: null,
    metricsSeries: null,
    metricsTeam: null,
    async loadMetricsPanel() {
      if (!get().session) return;
      try {
        set({ metricsPanel: await api.request('metrics.panel', { agentId: null }) });
      } catch (err) {
        set({ error: toUiError(err) });
      }
    },
    async loadMetricsSeries(day) {
      if (!get().session) return;
      try {
        set({ metricsSeries: await api.request('metrics.series', { agentId: null, day }) });
      } catch (err) {
        set({ error: toUiError(err) });
      }
    },
    async loadMetricsTeam(fromDay, toDay) {
      try {
        set({ metricsTeam: await api.request('metrics.team', { fromDay, toDay }) });
      } catch (err) {
        set({ error: toUiError(err) });
      }
    },
    async exportMetrics(args) {
      try {
        return await api.request('metrics.export', args);
      } catch (err) {
        set({ error: toUiError(err) });
        return null;
      }
    },
    async importQueueLog(fileName, text) {
      try {
        const r = await api.request('metrics.importQueueLog', { fileName, text });
        const team = get().metricsTeam;
        if (team) await get().loadMetricsTeam(team.fromDay, team.toDay);
        return r;
      } catch (err) {
        return toUiError(err);
      }
    },
  });

export function connectMetrics(api: DeskApi, store: DeskStore): void {
  api.on('metrics.queueImported', () => {
    if (store.getState().metricsPanel) void store.getState().loadMetricsPanel();
  });
  // Signed out: nothing of the last agent's figures stays.
  store.subscribe((state, before) => {
    if (!state.session && before.session) {
      store.setState({ metricsPanel: null, metricsSeries: null, metricsTeam: null });
    }
  });
}
