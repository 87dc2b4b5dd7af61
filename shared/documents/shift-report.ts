/**
 * The printable shift report (值班报告, issue #16): a skeleton that prints what it is given. The
 * metrics feature computes the figures and passes them in formatted; a figure whose source is not
 * built or has no data is `null` and prints as "暂无数据" — never as 0, never invented here.
 */
import type { Letterhead } from './html';
import { dateTimeZh, escapeHtml, letterheadHtml, page } from './html';

/** Printed where a figure's source has no data (or does not exist yet). */
export const NO_DATA = '暂无数据';

export interface ShiftReportRow {
  /** The figure's name, e.g. "接通率". */
  label: string;
  /** As it should be printed ("92.5%", "3分12秒", 41); null: no data. */
  value: string | number | null;
  /** Its one-line definition or a remark (printed small under the value). */
  note?: string;
}

export interface ShiftReportSection {
  title: string;
  rows: readonly ShiftReportRow[];
}

export interface ShiftReportInput {
  /** Whose report: one agent, or the team for a lead's report. */
  subject: { kind: 'agent'; employeeNo: string; name: string } | { kind: 'team'; team: string };
  /** The span covered; `to` null: the shift is still open. */
  from: number;
  to: number | null;
  timeZone: string;
  sections: readonly ShiftReportSection[];
  /** Open items handed over (text per line), or null when the handover book has none to give. */
  handover: readonly string[] | null;
  /** Who prints it and when. */
  printedBy: { employeeNo: string; name: string };
  printedAt: number;
}

function isMissing(v: ShiftReportRow['value']): v is null {
  return v === null || v === '' || (typeof v === 'number' && !Number.isFinite(v));
}

function rowHtml(r: ShiftReportRow): string {
  const note = r.note ? `<div class="muted">${escapeHtml(r.note)}</div>` : '';
  const value = isMissing(r.value)
    ? `<td class="none">${NO_DATA}${note}</td>`
    : `<td>${escapeHtml(String(r.value))}${note}</td>`;
  return `<tr><th scope="row">${escapeHtml(r.label)}</th>${value}</tr>`;
}

export function shiftReportHtml(d: ShiftReportInput, letterhead: Letterhead): string {
  const who =
    d.subject.kind === 'agent'
      ? `座席：${escapeHtml(d.subject.name)}（工号 ${escapeHtml(d.subject.employeeNo)}）`
      : `班组：${escapeHtml(d.subject.team)}`;
  const span = `${dateTimeZh(d.from, d.timeZone)} 至 ${d.to === null ? '（班次进行中）' : dateTimeZh(d.to, d.timeZone)}`;
  const sections =
    d.sections.length > 0
      ? d.sections
          .map(
            (s) => `<h2>${escapeHtml(s.title)}</h2>
<table><tbody>${s.rows.length > 0 ? s.rows.map(rowHtml).join('') : `<tr><td class="none">${NO_DATA}</td></tr>`}</tbody></table>`,
          )
          .join('\n')
      : `<h2>班次指标</h2><table><tbody><tr><td class="none">${NO_DATA}</td></tr></tbody></table>`;
  const handover =
    d.handover === null || d.handover.length === 0
      ? `<p class="plain none">${NO_DATA}</p>`
      : `<ol class="steps">${d.handover.map((h) => `<li>${escapeHtml(h)}</li>`).join('')}</ol>`;
  const body = `${letterheadHtml(letterhead)}
<h1>值班报告</h1>
<div class="ref">${who}<br>时段：${span}</div>
${sections}
<h2>交接事项</h2>
${handover}
<div class="signature">
  <div>打印人：${escapeHtml(d.printedBy.name)}（工号 ${escapeHtml(d.printedBy.employeeNo)}）</div>
  <div>打印时间：${dateTimeZh(d.printedAt, d.timeZone)}</div>
</div>`;
  return page('值班报告', body);
}
