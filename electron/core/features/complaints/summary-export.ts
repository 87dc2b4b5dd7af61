/**
 * The monthly complaint summary (服务事故月报, due by the 3rd) as XLSX through exceljs, formatted
 * like the orders register (bold frozen header, column widths, money with two decimals). Its own
 * small formatter: the register's helpers are private to the orders feature and typed to its rows.
 * Titles are Chinese: the summary is the company's form, whatever the agent's UI language.
 */
import { complaintTypeNames, severityNames } from '@shared/complaints/compensation';
import type { ComplaintType, Severity } from '@shared/complaints/compensation';
import type { ComplaintCause, MonthlySummary } from '@shared/complaints/contract';

export const causeNames: Record<ComplaintCause, string> = {
  unknown: '待查',
  company: '公司内部原因',
  third_party: '第三方原因',
  customer: '客户原因',
};

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export async function summaryXlsx(s: MonthlySummary): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Courier Desk';
  const sheet = book.addWorksheet(`投诉月报 ${s.month}`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = [
    { header: '项目', width: 24 },
    { header: '分类', width: 26 },
    { header: '数量/金额', width: 14 },
  ];
  sheet.getRow(1).font = { bold: true };
  sheet.addRow(['月份', '', s.month]);
  sheet.addRow(['登记件数', '', s.registered]);
  sheet.addRow(['结案件数', '', s.closed]);
  for (const r of s.byType)
    sheet.addRow(['按类型', complaintTypeNames[r.key as ComplaintType], r.count]);
  for (const r of s.bySeverity) sheet.addRow(['按等级', severityNames[r.key as Severity], r.count]);
  for (const r of s.byCause) sheet.addRow(['按原因', causeNames[r.key as ComplaintCause], r.count]);
  const paid = sheet.addRow(['已付赔偿（元）', '', s.paidFen / 100]);
  paid.getCell(3).numFmt = '0.00';
  const avg = sheet.addRow([
    '平均结案时长（天）',
    '',
    s.averageCloseMs === null ? null : s.averageCloseMs / 86_400_000,
  ]);
  avg.getCell(3).numFmt = '0.0';
  return Buffer.from(await book.xlsx.writeBuffer());
}
