/**
 * The complaint letters (issue #15; the courier's manual: "事故未调查清楚之前写致歉信，事故基本调查清楚
 * 写商洽函"): the apology letter (致歉信), sent while the incident is being investigated, and the
 * negotiation letter (协商函, the manual's 商洽函), which puts the assessed compensation and how it
 * was reached to the customer for their agreement. Data in (the complaints feature's ticket), an
 * A4 HTML page out; every value escaped; money from fen.
 */
import type { ComplaintType } from '../complaints/compensation';
import { complaintTypeNames } from '../complaints/compensation';
import type { Letterhead } from './html';
import { dateZh, escapeHtml, letterheadHtml, page, signerText, yuanFromFen } from './html';

export const letterKinds = ['apology', 'negotiation'] as const;
export type LetterKind = (typeof letterKinds)[number];

export const letterTitles: Record<LetterKind, string> = {
  apology: '致歉信',
  negotiation: '协商函',
};

/** What a letter says about its ticket (the complaints feature's `letterData`). */
export interface LetterInput {
  ticketNumber: string;
  customerName: string;
  waybillNumbers: readonly string[];
  type: ComplaintType;
  receivedAt: number;
  incidentAt: number;
  /** The customer's request in their own words. */
  requestText: string;
  requestedFen: number | null;
  /** What the desk's rules assess (0 when an exclusion applies). */
  payableFen: number;
  /** How the figure was reached, in Chinese, step by step. */
  steps: readonly string[];
  /** The agent handling it (首问). */
  agent: { employeeNo: string; name: string };
  timeZone: string;
}

export interface LetterContext {
  letterhead: Letterhead;
  /** When the letter is printed (its date). */
  printedAt: number;
}

/** The ideographic space (U+3000) between fields on a line. */
const SP = '\u3000';

const waybillsText = (numbers: readonly string[]) =>
  numbers.length > 0 ? `运单号 ${numbers.map(escapeHtml).join('、')} 的快件` : '您的快件';

function salutation(name: string): string {
  const n = name.trim();
  return `<p class="salutation">尊敬的${escapeHtml(n === '' ? '客户' : n)}：</p>\n<p>您好！</p>`;
}

function signature(d: LetterInput, c: LetterContext): string {
  return `<div class="signature">
  <div>${escapeHtml(signerText(c.letterhead))}</div>
  <div>经办人：${escapeHtml(d.agent.name)}（工号 ${escapeHtml(d.agent.employeeNo)}）</div>
  <div>${dateZh(c.printedAt, d.timeZone)}</div>
</div>`;
}

function requestHtml(d: LetterInput): string {
  const amount =
    d.requestedFen !== null ? `，诉求金额 ${yuanFromFen(d.requestedFen)}` : '，未提出具体金额';
  return `<div class="quote">${escapeHtml(d.requestText.trim() || '（未记录）')}</div>
<p class="plain">（以上为您的诉求原话${amount}。）</p>`;
}

function head(kind: LetterKind, d: LetterInput, c: LetterContext): string {
  return `${letterheadHtml(c.letterhead)}
<h1>${letterTitles[kind]}</h1>
<div class="ref">投诉编号：${escapeHtml(d.ticketNumber)}${SP}日期：${dateZh(c.printedAt, d.timeZone)}</div>`;
}

/** 致歉信: the incident is being investigated; apologise, restate the request, say what comes next. */
export function apologyLetterHtml(d: LetterInput, c: LetterContext): string {
  const typeName = complaintTypeNames[d.type];
  const hotline = c.letterhead.hotline
    ? `请拨打客服热线 ${escapeHtml(c.letterhead.hotline)} 并告知投诉编号`
    : '请与经办人联系并告知投诉编号';
  const body = `${head('apology', d, c)}
${salutation(d.customerName)}
<p>${dateZh(d.receivedAt, d.timeZone)}，您就${waybillsText(d.waybillNumbers)}出现的“${escapeHtml(typeName)}”问题向我司反映。对于此事给您带来的不便与困扰，我们深表歉意！</p>
<p>您反映的情况我们已于受理当日登记（投诉编号 ${escapeHtml(d.ticketNumber)}），并已启动调查。您的诉求如下：</p>
${requestHtml(d)}
<p>我们将尽快查明事实，并在调查清楚后以书面形式（协商函）向您说明处理意见。调查期间如您有新的情况或凭证（如照片、包装、发票等），${hotline}，我们将一并核实。</p>
<p>再次向您致以诚挚的歉意，感谢您对我们工作的理解与支持。</p>
<p>此致</p>
<p class="closing">敬礼！</p>
${signature(d, c)}`;
  return page(`${letterTitles.apology} ${d.ticketNumber}`, body);
}

/**
 * 协商函: the investigation is basically complete; the assessed compensation with every step of
 * how it was reached, and a reply slip for the customer's agreement.
 */
export function negotiationLetterHtml(d: LetterInput, c: LetterContext): string {
  const typeName = complaintTypeNames[d.type];
  const steps =
    d.steps.length > 0
      ? `<ol class="steps">${d.steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>`
      : '<p class="plain">（暂无计算过程记录）</p>';
  const body = `${head('negotiation', d, c)}
${salutation(d.customerName)}
<p>关于您于${dateZh(d.receivedAt, d.timeZone)}反映的${waybillsText(d.waybillNumbers)}“${escapeHtml(typeName)}”一事（事故发生日期：${dateZh(d.incidentAt, d.timeZone)}，投诉编号 ${escapeHtml(d.ticketNumber)}），我司已进行调查核实。对于给您造成的损失和不便，我们再次表示歉意。现将处理意见函告如下：</p>
<p class="plain">一、您的诉求</p>
${requestHtml(d)}
<p class="plain">二、核定赔偿金额：<strong>${yuanFromFen(d.payableFen)}</strong></p>
<p>依据双方运输合同的约定及相关规定，核定过程如下：</p>
${steps}
<p class="plain">三、后续办理</p>
<p>如您同意上述处理意见，请在下方回执签字确认后交回我司，我司将在收到确认后按约定办理赔付手续。如您有不同意见，请与经办人联系，我们将与您进一步协商。</p>
<p>感谢您的理解与支持！</p>
<p>此致</p>
<p class="closing">敬礼！</p>
${signature(d, c)}
<div class="reply">
  <p><strong>回执</strong>（投诉编号 ${escapeHtml(d.ticketNumber)}）</p>
  <p>本人已阅知上述处理意见，核定赔偿金额 ${yuanFromFen(d.payableFen)}。</p>
  <p>□ 同意${SP}${SP}□ 不同意，意见：______________________________</p>
  <p>客户签字：________________${SP}${SP}日期：______年____月____日</p>
</div>`;
  return page(`${letterTitles.negotiation} ${d.ticketNumber}`, body);
}

export function letterHtml(kind: LetterKind, d: LetterInput, c: LetterContext): string {
  return kind === 'apology' ? apologyLetterHtml(d, c) : negotiationLetterHtml(d, c);
}
