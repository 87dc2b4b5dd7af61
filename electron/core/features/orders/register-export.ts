/**
 * The daily insurance register (保险登记表) as a file for the claims office: XLSX through exceljs
 * (header row, frozen, column widths, money as numbers with two decimals) or CSV (UTF-8 with a BOM
 * so Excel reads the Chinese, RFC 4180 quoting, and cells that would start a formula neutralised).
 * Column titles are Chinese: the register is the company's form, whatever the agent's UI language.
 * It holds no phone numbers.
 */
import type { RegisterRow } from '@shared/orders/contract';
import { categoryNames } from '@shared/orders/readback';

const outcomeNames = {
  accepted: '已保价',
  declined: '拒绝保价',
  not_applicable: '不适用',
} as const;
const reasonNames = {
  value: '声明价值达到提示标准',
  category: '物品类别',
  prior_claim: '曾有理赔',
  customer_class: '客户等级',
} as const;

interface Column {
  header: string;
  width: number;
  value: (r: RegisterRow) => string | number | null;
  money?: boolean;
}

const columns: Column[] = [
  { header: '日期', width: 12, value: (r) => r.day },
  { header: '工单号', width: 22, value: (r) => r.orderNumber },
  { header: '客户', width: 16, value: (r) => r.customer },
  { header: '物品', width: 24, value: (r) => r.goods },
  { header: '类别', width: 10, value: (r) => categoryNames[r.category] },
  {
    header: '声明价值（元）',
    width: 14,
    money: true,
    value: (r) => (r.declaredValueFen === null ? null : r.declaredValueFen / 100),
  },
  { header: '保价费（元）', width: 12, money: true, value: (r) => r.premiumFen / 100 },
  { header: '结果', width: 10, value: (r) => (r.outcome ? outcomeNames[r.outcome] : '未记录') },
  { header: '未保原因', width: 20, value: (r) => r.declineReason },
  { header: '提示原因', width: 28, value: (r) => r.reasons.map((x) => reasonNames[x]).join('、') },
  { header: '座席', width: 10, value: (r) => r.agentName },
  { header: '工号', width: 8, value: (r) => r.employeeNo },
];

export async function registerXlsx(rows: readonly RegisterRow[], day: string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'Courier Desk';
  const sheet = book.addWorksheet(`保险登记表 ${day}`, {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    width: c.width,
    ...(c.money && { style: { numFmt: '0.00' } }),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(columns.map((c) => c.value(r)));
  return Buffer.from(await book.xlsx.writeBuffer());
}

export function registerCsv(rows: readonly RegisterRow[]): Buffer {
  const cell = (v: string | number | null): string => {
    if (v === null) return '';
    if (typeof v === 'number') return v.toFixed(2);
    // A cell Excel would run as a formula (=, +, -, @, tab, CR) is kept as text.
    const text = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    columns.map((c) => cell(c.header)).join(','),
    ...rows.map((r) =>
      columns
        .map((c) => {
          const v = c.value(r);
          return c.money || typeof v !== 'number' ? cell(v) : String(v);
        })
        .join(','),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}
