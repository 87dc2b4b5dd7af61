/**
 * The printable shift report's data (值班报告, issue #16): one shift's figures exactly as the agent's
 * panel computes them (`MetricsService.shiftFigures`, straight from the raw records), formatted as
 * the panel shows them (times M:SS, rates as percentages), and the time in each state from the
 * state log. A figure whose source holds nothing is null — the template prints 暂无数据, never 0.
 * Who may print it is the documents feature's decision; this only finds and reads the shift.
 */
import { ContractError } from '@shared/common/errors';
import { formatDuration } from '@shared/common/format';
import type { ShiftReportInput, ShiftReportRow } from '@shared/documents/shift-report';
import type { Figures } from '@shared/metrics/contract';
import { stateStatuses } from '@shared/metrics/sums';
import type { MetricsRepo } from './metrics-repo';
import type { MetricsService } from './metrics-service';
import { reportColumns } from './report-export';

/** The report as the documents feature fills it in (it adds who prints it and when). */
export interface ShiftReportData {
  agentId: string;
  shiftId: string;
  report: Omit<ShiftReportInput, 'printedBy' | 'printedAt'>;
}

/** Which shift: a named one, or an agent's current (or last) one. */
export type ShiftRef = { shiftId: string } | { agentId: string };

const stateNames: Record<(typeof stateStatuses)[number], string> = {
  offline: '离线',
  ready: '示闲',
  not_ready: '示忙',
  break: '小休',
  ringing: '振铃',
  in_call: '通话',
  after_call_work: '话后',
};

type Kind = (typeof reportColumns)[number]['kind'];

function printed(kind: Kind, v: number | null): string | number | null {
  if (v === null) return null;
  switch (kind) {
    case 'ms':
      return formatDuration(v);
    case 'ratio':
      return `${(v * 100).toFixed(1)}%`;
    case 'rate':
      return v.toFixed(2);
    case 'count':
      return Number.isInteger(v) ? v : v.toFixed(1);
  }
}

/** The figure rows (named as in the shift XLSX) and the time-in-state rows. */
export function shiftReportSections(f: Figures): ShiftReportInput['sections'] {
  const figures: ShiftReportRow[] = reportColumns.map((c) => ({
    // The XLSX titles carry their unit ("平均通话（秒）"); printed as M:SS here.
    label: c.kind === 'ms' ? c.title.replace('（秒）', '') : c.title,
    value: printed(c.kind, f[c.key]),
  }));
  const states: ShiftReportRow[] = stateStatuses.map((s) => ({
    label: stateNames[s],
    value: formatDuration(f.stateMs[s]),
  }));
  return [
    { title: '班次指标', rows: figures },
    { title: '各状态时长', rows: states },
  ];
}

export function shiftReportData(
  deps: { metrics: MetricsService; repo: MetricsRepo; timeZone: string },
  ref: ShiftRef,
): ShiftReportData {
  const shift = 'shiftId' in ref ? deps.repo.shift(ref.shiftId) : deps.repo.lastShift(ref.agentId);
  if (!shift) throw new ContractError('NOT_FOUND', 'No such shift');
  const agent = deps.repo.agent(shift.agent_id);
  if (!agent) throw new ContractError('NOT_FOUND', 'No such agent');
  const s = deps.metrics.shiftFigures(agent.id, shift.id);
  return {
    agentId: agent.id,
    shiftId: shift.id,
    report: {
      subject: { kind: 'agent', employeeNo: agent.employee_no, name: agent.name },
      from: s.window.from,
      to: s.open ? null : s.window.to,
      timeZone: deps.timeZone,
      sections: shiftReportSections(s.figures),
      // The handover book's items are not passed to the report yet.
      handover: null,
    },
  };
}
