/**
 * Metrics (指标): my panel, the chart series, the lead's team view, reports and the queue_log
 * import. Figures come from main as they are — null stays "no data" on screen.
 */
import type { DeskApi, RequestArgs } from '@shared/contract';
import type { Panel, QueueImport, Series, TeamView } from '@shared/metrics/contract';
import { maxQueueLogBytes } from '@shared/metrics/contract';
import { splitByJsonBytes } from '@shared/metrics/queue-log';
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
  /**
   * Imports a queue_log file in chunks: refused by its size before a byte is read (over
   * `maxQueueLogBytes`, or empty); read in slices (a streaming UTF-8 decode, so a character cut
   * between slices arrives whole) and sent in chunks under the host's message limit;
   * `onProgress(bytesRead, size)` after each slice. A failure drops the import in main.
   */
  importQueueLog(
    file: Blob & { name: string },
    onProgress?: (read: number, size: number) => void,
  ): Promise<QueueImport | UiError>;
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
    async importQueueLog(file, onProgress) {
      if (file.size > maxQueueLogBytes || file.size === 0) {
        return {
          code: 'BAD_ARGUMENT',
          message: 'Queue log too large or empty',
          issues: [{ path: 'size', message: file.size === 0 ? 'empty' : 'too_long' }],
        };
      }
      let importId: string | null = null;
      try {
        const begun = await api.request('metrics.queueLogBegin', {
          fileName: file.name.trim().slice(0, 200) || 'queue_log',
          size: file.size,
        });
        importId = begun.importId;
        const decoder = new TextDecoder('utf-8');
        let index = 0;
        for (let at = 0; at < file.size; at += begun.sliceBytes) {
          const end = Math.min(file.size, at + begun.sliceBytes);
          const bytes = await file.slice(at, end).arrayBuffer();
          const text = decoder.decode(bytes, { stream: end < file.size });
          for (const piece of splitByJsonBytes(text, begun.chunkBytes)) {
            await api.request('metrics.queueLogChunk', { importId, index, text: piece });
            index++;
          }
          onProgress?.(end, file.size);
        }
        const finishing = importId;
        importId = null; // main drops it at finish, written or refused
        const r = await api.request('metrics.queueLogFinish', {
          importId: finishing,
          chunks: index,
        });
        const team = get().metricsTeam;
        if (team) await get().loadMetricsTeam(team.fromDay, team.toDay);
        return r;
      } catch (err) {
        // Main drops a refused import itself; a failed read or a lost reply is dropped here.
        if (importId !== null) {
          api.request('metrics.queueLogAbort', { importId }).catch(() => undefined);
        }
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
