/**
 * The shift report and the team report as files: XLSX through exceljs (bold frozen header, column
 * widths, rates as percentages, times in seconds) or CSV (UTF-8 with a BOM for Excel, RFC 4180
 * quoting, a cell that would start a formula kept as text). Titles are Chinese — the company's
 * form. A figure without data is written 无数据, never 0. No phone numbers.
 */
import type { Figures, FigureKey, TeamView } from '@shared/metrics/contract';

type Kind = 'count' | 'ms' | 'ratio' | 'rate';

export const reportColumns: readonly { key: FigureKey; title: string; kind: Kind }[] = [
  { key: 'offered', title: '呼入量', kind: 'count' },
  { key: 'answered', title: '接听量', kind: 'count' },
  { key: 'missed', title: '振铃未接', kind: 'count' },
  { key: 'abandonedRinging', title: '振铃中放弃', kind: 'count' },
  { key: 'refused', title: '非示闲拒接', kind: 'count' },
  { key: 'handled', title: '处理量', kind: 'count' },
  { key: 'averageTalkMs', title: '平均通话（秒）', kind: 'ms' },
  { key: 'averageHoldMs', title: '平均保持（秒）', kind: 'ms' },
  { key: 'averageAcwMs', title: '平均话后（秒）', kind: 'ms' },
  { key: 'ahtMs', title: '平均处理时长（秒）', kind: 'ms' },
  { key: 'answerRate', title: '接听率', kind: 'ratio' },
  { key: 'callsPerWorkingHour', title: '每工作小时处理量', kind: 'rate' },
  { key: 'occupancy', title: '实际工作率', kind: 'ratio' },
  { key: 'adherence', title: '排班遵从率', kind: 'ratio' },
  { key: 'fcr', title: '首次解决率（近似）', kind: 'ratio' },
  { key: 'withinStandard', title: '3分钟内处理率', kind: 'ratio' },
  { key: 'ordersTaken', title: '工单量', kind: 'count' },
  { key: 'orderAccuracy', title: '工单准确率', kind: 'ratio' },
  { key: 'insuranceOfferRate', title: '保价提示率', kind: 'ratio' },
  { key: 'insuranceTakeUp', title: '保价率', kind: 'ratio' },
  { key: 'complaintsRegistered', title: '投诉登记量', kind: 'count' },
  { key: 'scriptCompliance', title: '话术合规率', kind: 'ratio' },
];

const NO_DATA = '无数据';
const formats: Record<Kind, string> = { count: '0.##', ms: '0.0', ratio: '0.0%', rate: '0.00' };

type Cell = string | number | null;

function value(f: Figures, key: FigureKey, kind: Kind): Cell {
  const v = f[key];
  if (v === null) return NO_DATA;
  return kind === 'ms' ? v / 1000 : v;
}

export interface ShiftReport {
  agentName: string;
  employeeNo: string;
  from: string;
  to: string;
  shift: Figures;
  teamToday: Figures;
}

/** The team report's rows: one per agent, then the team average. */
function teamTable(view: TeamView): { header: string[]; kinds: (Kind | 'text')[]; rows: Cell[][] } {
  return {
    header: ['座席', '工号', ...reportColumns.map((c) => c.title)],
    kinds: ['text', 'text', ...reportColumns.map((c) => c.kind)],
    rows: [
      ...view.rows.map((r) => [
        r.agent.name,
        r.agent.employeeNo,
        ...reportColumns.map((c) => value(r.figures, c.key, c.kind)),
      ]),
      ['全组平均', '', ...reportColumns.map((c) => value(view.team, c.key, c.kind))],
    ],
  };
}

/** The shift report: one row per figure, the shift beside the team's average today. */
function shiftTable(r: ShiftReport): {
  header: string[];
  kinds: (Kind | 'text')[][];
  rows: Cell[][];
} {
  return {
    header: ['指标', '本班次', '全组今日平均'],
    kinds: reportColumns.map((c) => ['text', c.kind, c.kind]),
    rows: reportColumns.map((c) => [
      c.title,
      value(r.shift, c.key, c.kind),
      value(r.teamToday, c.key, c.kind),
    ]),
  };
}

async function workbook(
  sheetName: string,
  title: string,
  header: string[],
  rows: Cell[][],
  kindAt: (row: number, col: number) => Kind | 'text',
  widths: number[],
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Courier Desk';
  const sheet = book.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.addRow([title]).font = { bold: true, size: 13 };
  const head = sheet.addRow(header);
  head.font = { bold: true };
  rows.forEach((cells, i) => {
    const row = sheet.addRow(cells);
    cells.forEach((c, j) => {
      const kind = kindAt(i, j);
      if (typeof c === 'number' && kind !== 'text') row.getCell(j + 1).numFmt = formats[kind];
    });
  });
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = w));
  return Buffer.from(await book.xlsx.writeBuffer());
}

function csv(title: string, header: string[], rows: Cell[][]): Buffer {
  const text = (c: Cell): string => {
    if (c === null) return '';
    if (typeof c === 'number') return String(Math.round(c * 10_000) / 10_000);
    const safe = /^[=+\-@\t\r]/.test(c) ? `'${c}` : c;
    return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
  };
  const lines = [[title], header, ...rows].map((r) => r.map(text).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function shiftReportFile(r: ShiftReport, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const t = shiftTable(r);
  const title = `班次报表 ${r.agentName}（${r.employeeNo}） ${r.from} – ${r.to}`;
  if (format === 'csv') return csv(title, t.header, t.rows);
  return workbook('班次报表', title, t.header, t.rows, (i, j) => t.kinds[i]![j]!, [22, 14, 16]);
}

export async function teamReportFile(view: TeamView, format: 'xlsx' | 'csv'): Promise<Buffer> {
  const t = teamTable(view);
  const title = `全组报表 ${view.fromDay} 至 ${view.toDay}`;
  if (format === 'csv') return csv(title, t.header, t.rows);
  return workbook('全组报表', title, t.header, t.rows, (_i, j) => t.kinds[j]!, [
    12,
    8,
    ...reportColumns.map(() => 12),
  ]);
}
