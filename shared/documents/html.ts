/**
 * The printed page's building blocks: escaping (every value from a ticket or a customer is text,
 * never markup), money from fen, dates in the desk's time zone, and the A4 page every document is
 * printed on. Pure: data in, an HTML string out; printing is the platform's (PdfPrinter).
 */
import { localParts } from '../common/calendar';

const entities: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text as HTML text or attribute value: `<script>` stays visible as "<script>", never runs. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => entities[c]!);
}

/** 482000 → "4,820.00 元"; money is integer fen throughout (DOMAIN §5). */
export function yuanFromFen(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}${yuan}.${String(abs % 100).padStart(2, '0')} 元`;
}

/** "2026年11月22日" in the desk's time zone. */
export function dateZh(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}年${p.month}月${p.day}日`;
}

/** "2026年11月22日 09:05". */
export function dateTimeZh(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${dateZh(ms, timeZone)} ${two(p.hour)}:${two(p.minute)}`;
}

/** The sender of every document: the courier's name and contacts (setting `documents.letterhead`). */
export interface Letterhead {
  /** The company, e.g. "某某快递有限公司"; empty: the documents are signed by the service desk alone. */
  company: string;
  /** The signing department (default 客户服务部). */
  department: string;
  hotline: string;
  address: string;
}

export const defaultLetterhead: Letterhead = {
  company: '',
  department: '客户服务部',
  hotline: '',
  address: '',
};

/** The letterhead as one escaped block (what is set of it). */
export function letterheadHtml(h: Letterhead): string {
  const contacts = [
    h.hotline && `客服热线：${escapeHtml(h.hotline)}`,
    h.address && `地址：${escapeHtml(h.address)}`,
  ].filter(Boolean);
  return `<header class="letterhead">
  <div class="company">${escapeHtml(h.company)}${h.company ? ' ' : ''}${escapeHtml(h.department)}</div>
  ${contacts.length > 0 ? `<div class="contacts">${contacts.join('\u3000')}</div>` : ''}
</header>`;
}

/** Who signs: the company's department. */
export function signerText(h: Letterhead): string {
  return `${h.company}${h.company ? ' ' : ''}${h.department}`;
}

const css = `
@page { size: A4; margin: 22mm 20mm 20mm 20mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; color: #111; font: 12pt/1.8 "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "Songti SC", serif; }
.letterhead { border-bottom: 2px solid #b71c1c; padding-bottom: 6pt; margin-bottom: 18pt; }
.letterhead .company { font: bold 15pt/1.4 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; color: #b71c1c; }
.letterhead .contacts { font-size: 9.5pt; color: #444; }
h1 { text-align: center; font: bold 20pt/1.4 "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; letter-spacing: 0.3em; margin: 0 0 6pt; }
.ref { text-align: right; font-size: 10pt; color: #444; margin-bottom: 14pt; }
p { margin: 0 0 8pt; text-indent: 2em; }
p.salutation, p.closing, p.plain { text-indent: 0; }
.quote { background: #f5f5f5; border-left: 3px solid #999; padding: 4pt 8pt; margin: 0 0 8pt 2em; white-space: pre-wrap; }
ol.steps { margin: 0 0 8pt 2em; padding-left: 1.5em; }
.signature { margin-top: 28pt; text-align: right; }
.signature div { margin-bottom: 2pt; }
table { width: 100%; border-collapse: collapse; margin: 0 0 12pt; font-size: 10.5pt; }
th, td { border: 1px solid #999; padding: 4pt 6pt; text-align: left; vertical-align: top; }
th { background: #eeeeee; width: 34%; }
td.none { color: #777; }
h2 { font: bold 13pt/1.4 "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 14pt 0 6pt; }
.reply { margin-top: 24pt; border: 1px dashed #666; padding: 8pt 10pt; }
.reply p { text-indent: 0; }
.muted { color: #666; font-size: 9.5pt; }
`;

/**
 * A whole document: zh-CN, UTF-8, A4, and a policy that lets nothing but inline styles in — no
 * script, no remote font or image — whatever a value held.
 */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(title)}</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
}
