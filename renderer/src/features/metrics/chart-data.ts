/**
 * The four charts of the metrics panel, as data: each chart's ECharts option and the same numbers
 * as a table (the text alternative screen readers and tests read). Pure: the component only
 * hands `option` to ECharts.
 */
import type { Series } from '@shared/metrics/contract';
import { stateStatuses } from '@shared/metrics/sums';

export interface ChartSpec {
  id: 'callsPerHour' | 'ahtTrend' | 'statesByHour' | 'takeUpTrend';
  title: string;
  /** What ECharts draws (series data: numbers, or null for "no data"). */
  option: {
    tooltip: { trigger: 'axis' };
    legend?: { data: string[]; top: number; right: number };
    grid: { left: number; right: number; top: number; bottom: number };
    xAxis: { type: 'category'; name: string; data: string[] };
    yAxis: { type: 'value'; name: string; max?: number };
    series: {
      type: 'bar' | 'line';
      name: string;
      stack?: string;
      data: (number | null)[];
    }[];
  };
  table: { columns: string[]; rows: string[][] };
}

export interface ChartTexts {
  title(id: ChartSpec['id']): string;
  hour: string;
  day: string;
  calls: string;
  ahtSeconds: string;
  takeUp: string;
  stateMinutes(status: (typeof stateStatuses)[number]): string;
  minutes: string;
  noData: string;
}

const round1 = (x: number) => Math.round(x * 10) / 10;

export function chartSpecs(series: Series, t: ChartTexts): ChartSpec[] {
  const grid = { left: 48, right: 16, top: 36, bottom: 32 };
  const hours = series.hours.map((h) => `${String(h.hour).padStart(2, '0')}:00`);
  const days = series.days.map((d) => d.day.slice(5));
  const cell = (v: number | null, fmt: (x: number) => string = String) =>
    v === null ? t.noData : fmt(v);

  const calls = series.hours.map((h) => h.calls);
  const aht = series.days.map((d) => (d.ahtMs === null ? null : round1(d.ahtMs / 1000)));
  const takeUp = series.days.map((d) =>
    d.insuranceTakeUp === null ? null : round1(d.insuranceTakeUp * 100),
  );
  // Every state that has time in the day (the rest would be flat zero bands).
  const states = stateStatuses.filter((s) => series.hours.some((h) => h.stateMs[s] > 0));
  const minutes = (ms: number) => round1(ms / 60_000);

  return [
    {
      id: 'callsPerHour',
      title: t.title('callsPerHour'),
      option: {
        tooltip: { trigger: 'axis' },
        grid,
        xAxis: { type: 'category', name: t.hour, data: hours },
        yAxis: { type: 'value', name: t.calls },
        series: [{ type: 'bar', name: t.calls, data: calls }],
      },
      table: { columns: [t.hour, t.calls], rows: hours.map((h, i) => [h, String(calls[i])]) },
    },
    {
      id: 'ahtTrend',
      title: t.title('ahtTrend'),
      option: {
        tooltip: { trigger: 'axis' },
        grid,
        xAxis: { type: 'category', name: t.day, data: days },
        yAxis: { type: 'value', name: t.ahtSeconds },
        series: [{ type: 'line', name: t.ahtSeconds, data: aht }],
      },
      table: {
        columns: [t.day, t.ahtSeconds],
        rows: series.days.map((d, i) => [d.day, cell(aht[i]!)]),
      },
    },
    {
      id: 'statesByHour',
      title: t.title('statesByHour'),
      option: {
        tooltip: { trigger: 'axis' },
        // Above the plot, right of the axis name: never over the hours.
        legend: { data: states.map((s) => t.stateMinutes(s)), top: 4, right: 8 },
        grid: { ...grid, top: 56 },
        xAxis: { type: 'category', name: t.hour, data: hours },
        yAxis: { type: 'value', name: t.minutes, max: 60 },
        series: states.map((s) => ({
          type: 'bar' as const,
          name: t.stateMinutes(s),
          stack: 'states',
          data: series.hours.map((h) => minutes(h.stateMs[s])),
        })),
      },
      table: {
        columns: [t.hour, ...states.map((s) => t.stateMinutes(s))],
        rows: series.hours.map((h, i) => [
          hours[i]!,
          ...states.map((s) => String(minutes(h.stateMs[s]))),
        ]),
      },
    },
    {
      id: 'takeUpTrend',
      title: t.title('takeUpTrend'),
      option: {
        tooltip: { trigger: 'axis' },
        grid,
        xAxis: { type: 'category', name: t.day, data: days },
        yAxis: { type: 'value', name: `${t.takeUp} %`, max: 100 },
        series: [{ type: 'line', name: t.takeUp, data: takeUp }],
      },
      table: {
        columns: [t.day, t.takeUp],
        rows: series.days.map((d, i) => [d.day, cell(takeUp[i]!, (x) => `${x}%`)]),
      },
    },
  ];
}
