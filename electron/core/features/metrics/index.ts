/**
 * The metrics feature (public entry, issue #16): per-agent figures kept exact by per-agent-day
 * sums, the team view, chart series, the PBX queue_log import and the shift/team reports. The
 * handover book stores `shiftSnapshot(agentId, shiftId)` with each handover.
 */
import { localDate } from '@shared/common/calendar';
import { ContractError } from '@shared/common/errors';
import type { Figures, MetricHandlers } from '@shared/metrics/contract';
import type { Core, Feature } from '../../platform/feature';
import type { DeskSessionService } from '../session';
import { MetricsRepo } from './metrics-repo';
import type { ComplaintsCount } from './metrics-service';
import { MetricsService } from './metrics-service';
import { QueueImports } from './queue-import';
import { shiftReportFile, teamReportFile } from './report-export';
import type { ShiftRef, ShiftReportData } from './shift-report-data';
import { shiftReportData } from './shift-report-data';

export { MetricsService } from './metrics-service';
export type { ComplaintsCount } from './metrics-service';
export type { ShiftRef, ShiftReportData } from './shift-report-data';

export interface MetricsFeatureDeps {
  session: DeskSessionService;
  /** The complaints domain's `registeredCount` (absent: complaints registered is "no data"). */
  complaintsRegistered?: ComplaintsCount | null;
}

/** What the handover book stores with a handover: the shift's figures as plain JSON. */
export interface ShiftSnapshot {
  agentId: string;
  shiftId: string;
  from: number;
  to: number;
  open: boolean;
  takenAt: number;
  figures: Figures;
}

export interface MetricsFeature extends Feature<MetricHandlers> {
  metrics: MetricsService;
  shiftSnapshot(agentId: string, shiftId: string): ShiftSnapshot;
  /** The printable shift report's data (NOT_FOUND: no such shift; the caller decides who may). */
  shiftReportData(ref: ShiftRef): ShiftReportData;
  /** Unfinished queue_log imports held in memory (bounded; see queue-import.ts). */
  queueImportsPending(): number;
}

const xlsxMime = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function createMetricsFeature(core: Core, deps: MetricsFeatureDeps): MetricsFeature {
  const repo = new MetricsRepo(core.db);
  const metrics = new MetricsService({
    db: core.db,
    repo,
    session: deps.session,
    settings: core.settings,
    clock: core.clock,
    logger: core.logger,
    timeZone: core.timeZone,
    complaintsRegistered: deps.complaintsRegistered ?? null,
  });
  const queueImports = new QueueImports({
    db: core.db,
    repo,
    audit: core.audit,
    session: deps.session,
    clock: core.clock,
    newId: core.newId,
    onImported: (calls) => core.emit('metrics.queueImported', { calls }),
  });
  const file = (fileName: string, format: 'xlsx' | 'csv', data: Buffer) => ({
    fileName: `${fileName}.${format}`,
    mime: format === 'xlsx' ? xlsxMime : 'text/csv;charset=utf-8',
    base64: data.toString('base64'),
  });
  const audit = (action: 'metrics_export', subject: string, detail: Record<string, string>) => {
    const session = deps.session.requireSession();
    core.audit.append({
      id: core.newId(),
      at: core.clock.now(),
      actorId: session.agent.id,
      action,
      subject,
      detail,
    });
  };

  const exportReport: MetricHandlers['metrics.export'] = async (a) => {
    if (a.report === 'team') {
      const view = metrics.team(a.fromDay, a.toDay);
      const data = await teamReportFile(view, a.format);
      audit('metrics_export', `${a.fromDay}..${a.toDay}`, { report: 'team', format: a.format });
      return file(`全组报表-${a.fromDay}-${a.toDay}`, a.format, data);
    }
    const panel = metrics.panel(a.agentId);
    if (!panel.shift) throw new ContractError('NOT_FOUND', 'This agent has no shift yet');
    const day = (t: number) => localDate(t, core.timeZone);
    const time = (t: number) =>
      new Date(t).toLocaleString('zh-CN', { timeZone: core.timeZone, hour12: false });
    const data = await shiftReportFile(
      {
        agentName: panel.agent.name,
        employeeNo: panel.agent.employeeNo,
        from: time(panel.shift.window.from),
        to: panel.shift.open
          ? `${time(panel.shift.window.to)}（进行中）`
          : time(panel.shift.window.to),
        shift: panel.shift.figures,
        teamToday: panel.teamToday,
      },
      a.format,
    );
    audit('metrics_export', panel.shift.id, { report: 'shift', format: a.format });
    return file(
      `班次报表-${panel.agent.employeeNo}-${day(panel.shift.window.from)}`,
      a.format,
      data,
    );
  };

  const handlers: MetricHandlers = {
    'metrics.panel': ({ agentId }) => metrics.panel(agentId),
    'metrics.team': ({ fromDay, toDay }) => metrics.team(fromDay, toDay),
    'metrics.series': ({ agentId, day }) => metrics.series(agentId, day),
    'metrics.queueLogBegin': ({ fileName, size }) => queueImports.begin(fileName, size),
    'metrics.queueLogChunk': ({ importId, index, text }) =>
      queueImports.chunk(importId, index, text),
    'metrics.queueLogFinish': ({ importId, chunks }) => queueImports.finish(importId, chunks),
    'metrics.queueLogAbort': ({ importId }) => queueImports.abort(importId),
    'metrics.export': exportReport,
  };
  return {
    handlers,
    metrics,
    shiftSnapshot(agentId, shiftId) {
      const s = metrics.shiftFigures(agentId, shiftId);
      return {
        agentId,
        shiftId,
        from: s.window.from,
        to: s.window.to,
        open: s.open,
        takenAt: core.clock.now(),
        figures: s.figures,
      };
    },
    shiftReportData: (ref) => shiftReportData({ metrics, repo, timeZone: core.timeZone }, ref),
    queueImportsPending: () => queueImports.pendingCount,
    dispose: () => queueImports.dispose(),
  };
}
