/**
 * How a figure reads on screen: rates as percentages, times as M:SS, counts as numbers (a team
 * average keeps one decimal) — and null as "no data", never 0.
 */
import { formatDuration } from '@shared/common/format';
import type { FigureKey, Figures, Targets } from '@shared/metrics/contract';
import { targetDirection } from '@shared/metrics/contract';

export const figureKeys: readonly FigureKey[] = [
  'offered',
  'answered',
  'missed',
  'abandonedRinging',
  'refused',
  'handled',
  'averageTalkMs',
  'averageHoldMs',
  'averageAcwMs',
  'ahtMs',
  'answerRate',
  'callsPerWorkingHour',
  'occupancy',
  'adherence',
  'fcr',
  'withinStandard',
  'ordersTaken',
  'orderAccuracy',
  'insuranceOfferRate',
  'insuranceTakeUp',
  'complaintsRegistered',
  'scriptCompliance',
];

const durations = new Set<FigureKey>(['averageTalkMs', 'averageHoldMs', 'averageAcwMs', 'ahtMs']);
const ratios = new Set<FigureKey>([
  'answerRate',
  'occupancy',
  'adherence',
  'fcr',
  'withinStandard',
  'orderAccuracy',
  'insuranceOfferRate',
  'insuranceTakeUp',
  'scriptCompliance',
]);

export const percent = (r: number) => `${(r * 100).toFixed(1)}%`;

/** One figure as text; `noData` is the UI language's "no data". */
export function figureText(key: FigureKey, v: number | null, noData: string): string {
  if (v === null) return noData;
  if (durations.has(key)) return formatDuration(v);
  if (ratios.has(key)) return percent(v);
  if (key === 'callsPerWorkingHour') return v.toFixed(2);
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

export function figureValue(f: Figures, key: FigureKey): number | null {
  return f[key];
}

/** The target of a figure as text ("≥ 95.0%"), or null when it has none. */
export function targetText(
  key: FigureKey,
  targets: Targets,
  t: (k: 'mine.atLeast' | 'mine.atMost', o: { value: string }) => string,
): string | null {
  if (!(key in targets)) return null;
  const k = key as keyof Targets;
  const value = figureText(key, targets[k], '');
  return t(targetDirection[k] === 'min' ? 'mine.atLeast' : 'mine.atMost', { value });
}
