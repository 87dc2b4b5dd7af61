import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDate } from '@shared/common/calendar';
import { formatDuration } from '@shared/common/format';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import type { RunningKamailio } from '../sip-testbed/kamailio';
import { freeUdpPort, startKamailio } from '../sip-testbed/kamailio';
import type { SippRun } from '../sip-testbed/sipp';
import { startSipp } from '../sip-testbed/sipp';
import type { RunningHost } from './harness';
import {
  chooseOption,
  launchChromium,
  moveClock,
  putSettings,
  registerSoftphone,
  screenshot,
  seededCustomer,
  signIn,
  signedInPage,
  startHost,
  withDeskDb,
} from './harness';

const TZ = 'Asia/Shanghai';
/** Agent A works the shift, B (same team, 华东一组) takes it over, C gets an item from the lead. */
const A = '1003';
const B = '1004';
const C = '1005';
const LEAD = '9001';
const promised = '查询理赔进度后回复客户';
/** Promised after the handover was written: it must not be lost at the shift change (首问). */
const promisedLate = '补寄发票后回电确认';
const freeItem = '工单系统下午两次卡顿，已报 IT';
/**
 * Longer than this file takes: a run that starts closer than this to the desk's midnight
 * (Asia/Shanghai, 16:00 UTC) has the desk's clock moved just past it first, so the whole run — A's
 * calls and the 今日 check at the end — falls within one desk day.
 */
const RUN_BUDGET_MS = 20 * 60_000;

/** A's calls as the test reads them straight from `calls` (and the agent's own holds). */
interface RawCall {
  direction: string;
  answered_at: number | null;
  ended_at: number | null;
  acw_ended_at: number | null;
  end_cause: string | null;
  hold_ms: number;
}

/** Calls answered and AHT ((talk + hold + ACW) ÷ handled), counted by hand from raw rows. */
function expected(rows: RawCall[]) {
  const inbound = rows.filter(
    (r) => r.direction === 'inbound' && r.end_cause !== 'refused_not_ready',
  );
  const handled = rows.filter((r) => r.end_cause !== 'refused_not_ready' && r.answered_at !== null);
  const handling = handled.map((r) => {
    const talk = r.ended_at === null ? 0 : Math.max(0, r.ended_at - r.answered_at! - r.hold_ms);
    const acw = r.acw_ended_at === null || r.ended_at === null ? 0 : r.acw_ended_at - r.ended_at;
    return talk + r.hold_ms + Math.max(0, acw);
  });
  return {
    offered: inbound.length,
    answered: inbound.filter((r) => r.answered_at !== null).length,
    handled: handled.length,
    ahtMs: handling.length ? handling.reduce((a, b) => a + b, 0) / handling.length : null,
  };
}

async function workbookOf(download: Download): Promise<ExcelJS.Worksheet> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
  return book.worksheets[0]!;
}

/**
 * The handover loop and the metrics panel (issue 16) with real programs: Kamailio, SIPp callers,
 * the browser host (one desk database: the next shift on the same seat), Chromium. A answers and
 * files calls, promises a call-back, is refused sign-out, writes the handover, promises one more
 * call-back, is refused again and adds it to the book from the new-items section; B accepts the
 * call-backs (they become B's) and queries the free item; the lead comments, reassigns, signs off.
 * A's figures on screen and in the XLSX equal what this test counts from the raw call rows.
 * Bad requests over the host's socket change nothing.
 */
describe('e2e: the handover book and the metrics panel', () => {
  let pbx: RunningKamailio;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  let caller: { phone: string };
  let agentA: { id: string; name: string };
  let shiftA: { id: string; started_at: number };
  let handoverId: string;
  const sipps: SippRun[] = [];
  /** How far the desk's clock is ahead of this process's (see RUN_BUDGET_MS). */
  let deskOffset = 0;
  const deskNow = () => Date.now() + deskOffset;

  const read = <T>(sql: string, ...args: unknown[]): T => {
    const d = new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });
    try {
      return d.prepare(sql).all(...args) as T;
    } finally {
      d.close();
    }
  };
  const count = (table: string) =>
    read<{ n: number }[]>(`SELECT count(*) AS n FROM ${table}`)[0]!.n;
  const agentOf = (no: string) =>
    read<{ id: string; name: string }[]>(
      'SELECT id, name FROM agents WHERE employee_no = ?',
      no,
    )[0]!;
  const callsOf = (agentId: string, from: number, to: number) =>
    read<RawCall[]>(
      `SELECT c.direction, c.answered_at, c.ended_at, c.acw_ended_at, c.end_cause,
         COALESCE((SELECT SUM(h.ended_at - h.started_at) FROM call_hold_segments h
           WHERE h.call_id = c.id AND h.side = 'agent' AND h.ended_at IS NOT NULL), 0) AS hold_ms
       FROM calls c WHERE c.agent_id = ? AND c.offered_at >= ? AND c.offered_at < ?`,
      agentId,
      from,
      to,
    );
  const status = () => page.getByRole('status', { name: '座席状态' }).textContent();
  const detail = () => page.getByRole('region', { name: '交接本' });
  const itemOf = (title: string) =>
    detail().getByRole('listitem').filter({ hasText: title }).first();

  /** One request over a fresh socket of the browser host, as any client of the contract. */
  const request = (name: string, args: unknown) =>
    page.evaluate(
      async ({ token, name, args }) => {
        const ws = new WebSocket(`ws://${location.host}/api?token=${token}`);
        await new Promise((r, j) => {
          ws.onopen = r;
          ws.onerror = j;
        });
        const outcome = await new Promise((resolve) => {
          ws.addEventListener('message', (e: MessageEvent<string>) => {
            const m = JSON.parse(e.data) as { id?: number; outcome?: unknown };
            if (m.id === 1) resolve(m.outcome);
          });
          ws.send(JSON.stringify({ id: 1, name, args }));
        });
        ws.close();
        return outcome as { ok: boolean; error?: { code: string } };
      },
      { token: new URL(host.url).searchParams.get('token')!, name, args },
    );

  async function signOutAs(): Promise<void> {
    // A click on 签退 right after the previous step can be lost (the header re-renders as the
    // figures and the toast settle); click again until the confirmation is open, then confirm.
    const dialog = page.getByRole('dialog', { name: '签退' });
    await vi.waitFor(
      async () => {
        if (!(await dialog.isVisible())) {
          await page.getByRole('button', { name: '签退' }).first().click();
        }
        await dialog.waitFor({ timeout: 2_000 });
      },
      { timeout: 30_000, interval: 250 },
    );
    await dialog.getByRole('button', { name: '确认' }).click();
  }

  async function switchTo(no: string): Promise<void> {
    await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 30_000 });
    await signIn(page, no, DEMO_PASSWORD);
    await page.getByRole('status', { name: '座席状态' }).waitFor({ timeout: 30_000 });
  }

  /** A call from the seeded customer: answered with Alt+A, hung up, filed as 查件 (ACW). */
  async function answerAndFile(promise?: string): Promise<void> {
    const run = await startSipp({
      scenario: 'caller',
      remote: `127.0.0.1:${pbx.udpPort}`,
      service: A,
      vars: { CALLER: caller.phone, HANGUP_MS: 120_000 },
    });
    sipps.push(run);
    await page.getByRole('alertdialog', { name: '来电' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Alt+a');
    await vi.waitFor(async () => expect(await status()).toBe('通话中'), { timeout: 30_000 });
    if (promise) {
      await page.keyboard.press('Alt+g');
      const form = page.getByRole('dialog', { name: '承诺回电' });
      await form.getByLabel('回电事由').fill(promise);
      await form.getByRole('radio', { name: '1小时后' }).check();
      await form.getByRole('button', { name: /保\s*存/ }).click();
      await form.waitFor({ state: 'hidden', timeout: 30_000 });
    }
    // Hang up with Alt+H. Right after the call-back dialog closes the press was once lost in CI
    // (the call stayed up, no 话后整理): press again while the call is still up.
    const acw = page.getByRole('region', { name: '话后整理' });
    await vi.waitFor(
      async () => {
        if (!(await acw.isVisible()) && (await status()) === '通话中') {
          await page.keyboard.press('Alt+h');
        }
        await acw.waitFor({ timeout: 8_000 });
      },
      { timeout: 30_000, interval: 250 },
    );
    await chooseOption(page, acw.getByLabel('来电类型（必填）'), '查件');
    // File with Alt+S; pressed again while still in 话后整理 (as with Alt+H above).
    await vi.waitFor(
      async () => {
        if ((await status()) === '话后整理') await page.keyboard.press('Alt+s');
        await vi.waitFor(async () => expect(await status()).not.toBe('话后整理'), {
          timeout: 8_000,
        });
      },
      { timeout: 30_000, interval: 250 },
    );
  }

  beforeAll(async () => {
    const trunkPort = await freeUdpPort();
    pbx = await startKamailio({ trunk: `127.0.0.1:${trunkPort}` });
    dataDir = mkdtempSync(join(tmpdir(), 'courier-desk-e2e-'));
    host = await startHost({ dataDir });
    await host.stop();
    withDeskDb(dataDir, (w) => {
      // After-call work until the agent files the call.
      putSettings(w, {
        'acw.policy': {
          mode: 'until_done',
          seconds: 30,
          maxExtensions: 1,
          extendSeconds: 30,
          defaultDisposition: 'other',
        },
      });
      const teams = w
        .prepare('SELECT DISTINCT team FROM agents WHERE employee_no IN (?, ?, ?, ?)')
        .all(A, B, C, LEAD);
      expect(teams).toHaveLength(1); // one team: B takes A's handover, C may get an item
      caller = seededCustomer(w);
    });
    host = await startHost({ dataDir, clockOffsetFile: join(dataDir, 'clock-offset') });
    const toMidnight =
      Date.parse(`${localDate(Date.now(), TZ)}T00:00:00+08:00`) + 86_400_000 - Date.now();
    if (toMidnight < RUN_BUDGET_MS) {
      // (At most ~21 min ahead: the page's "1小时后" call-backs stay in the desk's future.)
      deskOffset = toMidnight + 60_000;
      moveClock(host, deskOffset);
    }
    agentA = agentOf(A);
    browser = await launchChromium();
    page = await signedInPage(browser, host, { employeeNo: A, password: DEMO_PASSWORD });
    await registerSoftphone(page, pbx, A, 30_000);
  }, 180_000);

  afterAll(async () => {
    for (const s of sipps) await s.stop();
    await browser?.close();
    await host?.stop();
    await pbx?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('A answers and files real calls, promises a call-back; the shift figures and the shift XLSX equal the raw rows', async () => {
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'), { timeout: 30_000 });
    await answerAndFile(promised);
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'), { timeout: 30_000 });
    await answerAndFile();
    shiftA = read<{ id: string; started_at: number }[]>(
      'SELECT id, started_at FROM shifts WHERE agent_id = ? AND ended_at IS NULL',
      agentA.id,
    )[0]!;
    const cbs = read<{ owner_id: string; reason: string; due_at: number }[]>(
      'SELECT owner_id, reason, due_at FROM callbacks WHERE closed_at IS NULL AND created_by = ?',
      agentA.id,
    );
    expect(cbs).toHaveLength(1);
    expect(cbs[0]).toMatchObject({ owner_id: agentA.id, reason: promised });
    expect(cbs[0]!.due_at).toBeGreaterThan(deskNow());

    // A call-back due in the past, typed in the form: refused in Chinese, nothing stored.
    const callbacksBefore = count('callbacks');
    await page.keyboard.press('Alt+g');
    const form = page.getByRole('dialog', { name: '承诺回电' });
    await form.getByLabel('回电事由').fill('过去的时间');
    await form.getByRole('radio', { name: '指定时间' }).check();
    const at = form.getByRole('textbox', { name: '回电时间' });
    await at.click();
    await at.fill('2020-01-02 10:00');
    await at.press('Enter');
    await form.getByRole('button', { name: /保\s*存/ }).click();
    await form.getByText('回电时间至少在一分钟之后').waitFor({ timeout: 30_000 });
    expect(count('callbacks')).toBe(callbacksBefore);
    await form.getByRole('button', { name: /取\s*消/ }).click();
    await form.waitFor({ state: 'hidden' });

    // My figures for this shift, beside what the test counts from the raw rows.
    const truth = expected(callsOf(agentA.id, shiftA.started_at, deskNow() + 1));
    expect(truth).toMatchObject({ offered: 2, answered: 2, handled: 2 });
    await page.getByRole('tab', { name: '指标' }).click();
    const mine = page.getByRole('table', { name: '我的指标' });
    await mine.waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: '刷新' }).click();
    const shiftCell = (name: string) =>
      mine
        .locator('tbody tr')
        .filter({ has: page.getByText(name, { exact: true }) })
        .locator('td')
        .nth(2);
    await vi.waitFor(
      async () => expect(await shiftCell('接听量').textContent()).toBe(String(truth.answered)),
      { timeout: 30_000 },
    );
    expect(await shiftCell('呼入量').textContent()).toBe(String(truth.offered));
    expect(await shiftCell('处理量').textContent()).toBe(String(truth.handled));
    expect(await shiftCell('平均处理时长').textContent()).toBe(formatDuration(truth.ahtMs!));
    await screenshot(page, '7x-handover-1-shift-figures');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出班次报表（Excel）' }).click(),
    ]);
    const sheet = await workbookOf(download);
    const figure = (title: string) => {
      for (let r = 3; r <= sheet.rowCount; r++) {
        if (sheet.getRow(r).getCell(1).value === title) return sheet.getRow(r).getCell(2).value;
      }
      throw new Error(`no row ${title}`);
    };
    expect(figure('接听量')).toBe(truth.answered);
    expect(figure('处理量')).toBe(truth.handled);
    expect(figure('平均处理时长（秒）')).toBeCloseTo(truth.ahtMs! / 1000, 6);
  });

  it('A’s sign-out is refused; the form lists the call-back (colour and words); A writes the handover and signs out', async () => {
    await signOutAs();
    const form = page.getByRole('region', { name: '业务交接本' });
    await form.waitFor({ timeout: 30_000 });
    expect(await status()).not.toBe('离线');
    expect(read('SELECT ended_at FROM shifts WHERE id = ?', shiftA.id)).toEqual([
      { ended_at: null },
    ]);
    const cb = form.getByRole('listitem').filter({ hasText: promised });
    await cb.waitFor({ timeout: 30_000 });
    expect(await cb.textContent()).toContain('回电');
    expect(await cb.textContent()).toMatch(/\d{2}-\d{2} \d{2}:\d{2} 前须回电/);
    // The urgency in words and in colour (due within the hour: red, 紧急).
    const tag = cb.locator('.ant-tag').filter({ hasText: '紧急' });
    expect(await tag.getAttribute('class')).toContain('ant-tag-red');
    expect(await form.textContent()).not.toMatch(/callback|callback_due|\bred\b/);

    await form.getByRole('textbox', { name: '事项内容' }).fill(freeItem);
    await form.getByRole('button', { name: '增加事项' }).click();
    await form.getByRole('listitem').filter({ hasText: freeItem }).waitFor();
    await form.getByRole('textbox', { name: '交接说明' }).fill('两通查件已归档；回电请按时拨打。');
    await screenshot(page, '7x-handover-2-form');
    const before = count('handover_items');
    await form.getByRole('button', { name: '提交交接本' }).click();
    const done = page.getByRole('alert').filter({ hasText: '交接本已提交，现在可以签退' });
    await done.waitFor({ timeout: 30_000 });
    expect(count('handover_items')).toBe(before + 2);
    const handovers = read<{ id: string }[]>(
      'SELECT id FROM handovers WHERE shift_id = ?',
      shiftA.id,
    );
    expect(handovers).toHaveLength(1);
    handoverId = handovers[0]!.id;
    await screenshot(page, '7x-handover-3-submitted');

    // One more call-back promised after the handover was written: the sign-out is refused again,
    // the 交接 tab lists what is new since the handover, A adds it to the book and signs out.
    await page.keyboard.press('Alt+g');
    const more = page.getByRole('dialog', { name: '承诺回电' });
    await more.getByLabel('回电事由').fill(promisedLate);
    const number = more.getByRole('textbox', { name: '回电号码' });
    if ((await number.count()) > 0) await number.fill(caller.phone);
    await more.getByRole('radio', { name: '1小时后' }).check();
    await more.getByRole('button', { name: /保\s*存/ }).click();
    await more.waitFor({ state: 'hidden', timeout: 30_000 });
    // The "可以签退" prompt goes at once and the new item shows instead; signing out anyway is
    // refused and keeps it on screen.
    const fresh = page.getByRole('region', { name: '交接后新增事项（1）' });
    await fresh.waitFor({ timeout: 30_000 });
    await done.waitFor({ state: 'hidden', timeout: 30_000 });
    await signOutAs();
    await fresh.waitFor({ timeout: 30_000 });
    expect(await status()).not.toBe('离线');
    expect(read('SELECT ended_at FROM shifts WHERE id = ?', shiftA.id)).toEqual([
      { ended_at: null },
    ]);
    await fresh.getByRole('listitem').filter({ hasText: promisedLate }).waitFor();
    expect(await fresh.getByRole('listitem').count()).toBe(1);
    expect(await fresh.textContent()).not.toMatch(/callback|callback_due|\bred\b/);
    await screenshot(page, '7x-handover-3b-new-since-handover');
    await fresh.getByRole('button', { name: '记入交接本（1 项）' }).click();
    const allIn = page
      .getByRole('alert')
      .filter({ hasText: '所有未完成事项均已记入交接本，现在可以签退' });
    await allIn.waitFor({ timeout: 30_000 });
    expect(
      read(
        `SELECT i.title, i.position FROM handover_items i JOIN handovers h ON h.id = i.handover_id
         WHERE h.shift_id = ? AND i.kind = 'callback' ORDER BY i.position`,
        shiftA.id,
      ),
    ).toEqual([
      { title: promised, position: 0 },
      { title: promisedLate, position: 2 },
    ]);
    await allIn.getByRole('button', { name: '签退' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor({ timeout: 30_000 });
    expect(read('SELECT end_reason FROM shifts WHERE id = ?', shiftA.id)).toEqual([
      { end_reason: 'sign_out' },
    ]);
  });

  it('B sees the handover, accepts the call-back (now B’s) and queries the free item', async () => {
    await switchTo(B);
    const agentB = agentOf(B);
    const awaiting = page.getByRole('region', { name: '待我确认的交接' });
    await awaiting.waitFor({ timeout: 30_000 });
    await awaiting.getByRole('button', { name: new RegExp(`^查看 ${agentA.name} `) }).click();
    await itemOf(promised).waitFor({ timeout: 30_000 });
    await screenshot(page, '7x-handover-4-awaiting-b');
    await detail()
      .getByRole('button', { name: `接收 ${promised}` })
      .click();
    await itemOf(promised).getByText('首问责任已转交').waitFor({ timeout: 30_000 });
    await detail()
      .getByRole('button', { name: `接收 ${promisedLate}` })
      .click();
    await itemOf(promisedLate).getByText('首问责任已转交').waitFor({ timeout: 30_000 });
    expect(
      read<{ owner_id: string }[]>(
        'SELECT owner_id FROM callbacks WHERE created_by = ? AND closed_at IS NULL',
        agentA.id,
      ),
    ).toEqual([{ owner_id: agentB.id }, { owner_id: agentB.id }]);

    // A query needs a comment.
    await detail()
      .getByRole('button', { name: `存疑 ${freeItem}` })
      .click();
    await detail()
      .getByRole('button', { name: `存疑 ${freeItem}` })
      .click();
    await detail().getByText('存疑时请写明疑问').waitFor();
    await detail()
      .getByRole('textbox', { name: `存疑说明 ${freeItem}` })
      .fill('IT 工单号是多少？');
    await detail()
      .getByRole('button', { name: `存疑 ${freeItem}` })
      .click();
    await itemOf(freeItem).getByText('IT 工单号是多少？').waitFor({ timeout: 30_000 });
    expect(
      read('SELECT ack FROM handover_items WHERE handover_id = ? ORDER BY ack', handoverId),
    ).toEqual([{ ack: 'accepted' }, { ack: 'accepted' }, { ack: 'queried' }]);
    await screenshot(page, '7x-handover-5-acknowledged');

    // The call-back is B's open item now: B's own sign-out needs a handover too.
    await signOutAs();
    const form = page.getByRole('region', { name: '业务交接本' });
    await form.getByRole('listitem').filter({ hasText: promised }).waitFor({ timeout: 30_000 });
    await form
      .getByRole('textbox', { name: '交接说明' })
      .fill('接收的回电仍未拨打，请下一班跟进。');
    await form.getByRole('button', { name: '提交交接本' }).click();
    const done = page.getByRole('alert').filter({ hasText: '交接本已提交，现在可以签退' });
    await done.getByRole('button', { name: '签退' }).click({ timeout: 30_000 });
  });

  it('the lead comments, reassigns, signs off; someone else’s item, a second sign-off and edits of a signed handover are refused', async () => {
    await switchTo(LEAD);
    const agentC = agentOf(C);
    await page.getByRole('tab', { name: /^交接/ }).click();
    const review = page.getByRole('region', { name: '值班长审阅' });
    await review.getByRole('button', { name: new RegExp(`^查看 ${agentA.name} `) }).click();
    await itemOf(freeItem).waitFor({ timeout: 30_000 });
    await detail()
      .getByRole('textbox', { name: `批注 ${promised}` })
      .fill('今晚必须回电');
    await itemOf(promised).getByRole('button', { name: '保存批注' }).click();
    await itemOf(promised).getByText('值班长批注：今晚必须回电').waitFor({ timeout: 30_000 });
    await detail()
      .getByRole('combobox', { name: `改派给 ${freeItem}` })
      .click();
    await page.getByTitle(`${agentC.name}（${C}）`).click();
    await itemOf(freeItem).getByText(`改派给 ${agentC.name}`).waitFor({ timeout: 30_000 });
    await screenshot(page, '7x-handover-6-lead-review');

    const [free] = read<{ id: string; assignee_id: string }[]>(
      'SELECT id, assignee_id FROM handover_items WHERE handover_id = ? AND kind != ?',
      handoverId,
      'callback',
    );
    expect(free!.assignee_id).toBe(agentC.id);
    const snapshot = () => ({
      items: read('SELECT * FROM handover_items WHERE handover_id = ? ORDER BY id', handoverId),
      handover: read('SELECT * FROM handovers WHERE id = ?', handoverId),
      rows: count('handover_items') + count('handovers') + count('audit_log'),
    });
    // The lead acknowledging C's item: someone else's.
    let before = snapshot();
    expect(
      await request('handover.acknowledge', {
        itemId: free!.id,
        decision: 'accept',
        comment: null,
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(snapshot()).toEqual(before);

    // Not yet: C has to acknowledge the reassigned item first (refused, nothing changed).
    await detail()
      .getByRole('button', { name: /签\s*收/ })
      .click();
    await detail()
      .getByRole('alert')
      .filter({ hasText: '当前状态下不能执行该操作' })
      .waitFor({ timeout: 30_000 });
    expect(snapshot()).toEqual(before);
    await signOutAs();

    await switchTo(C);
    await page.getByRole('tab', { name: /^交接/ }).click();
    await page
      .getByRole('region', { name: '待我确认的交接' })
      .getByRole('button', { name: new RegExp(`^查看 ${agentA.name} `) })
      .click();
    await detail()
      .getByRole('button', { name: `接收 ${freeItem}` })
      .click();
    await itemOf(freeItem).getByText('已接收').waitFor({ timeout: 30_000 });
    // The call-back is B's: C sees no button for it.
    expect(
      await detail()
        .getByRole('button', { name: `接收 ${promised}` })
        .count(),
    ).toBe(0);
    await signOutAs();

    await switchTo(LEAD);
    await page.getByRole('tab', { name: /^交接/ }).click();
    await page
      .getByRole('region', { name: '值班长审阅' })
      .getByRole('button', { name: new RegExp(`^查看 ${agentA.name} `) })
      .click();
    await itemOf(freeItem).getByText('已接收').waitFor({ timeout: 30_000 });
    await detail()
      .getByRole('button', { name: /签\s*收/ })
      .click();
    await detail().getByText('已签收的交接本只读；如需更正，请提交更正记录。').waitFor({
      timeout: 30_000,
    });
    expect(
      await detail()
        .getByRole('textbox', { name: `批注 ${promised}` })
        .count(),
    ).toBe(0);
    await screenshot(page, '7x-handover-7-signed');

    before = snapshot();
    const refusals = [
      await request('handover.signOff', { id: handoverId, note: null }),
      await request('handover.comment', { itemId: free!.id, comment: '再改一下' }),
      await request('handover.reassign', { itemId: free!.id, agentId: agentOf(B).id }),
    ];
    for (const r of refusals)
      expect(r).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(snapshot()).toEqual(before);
    await signOutAs();

    // Its author may not edit it either (a correction is a new entry).
    await switchTo(A);
    before = snapshot();
    expect(
      await request('handover.addItem', {
        handoverId,
        item: { kind: 'other', text: '补一条', urgency: 'blue', major: false },
      }),
    ).toMatchObject({ ok: false, error: { code: 'ILLEGAL_TRANSITION' } });
    expect(snapshot()).toEqual(before);
  }, 240_000);

  it('A’s panel today and the team XLSX equal the raw rows', async () => {
    // 今日 is the desk's day (its clock, not this process's), the day A's shift started in.
    const day = localDate(deskNow(), TZ);
    expect(localDate(shiftA.started_at, TZ), 'the run stayed within one desk day').toBe(day);
    const from = Date.parse(`${day}T00:00:00+08:00`);
    const truth = expected(callsOf(agentA.id, from, from + 86_400_000));
    expect(truth.answered).toBeGreaterThanOrEqual(2);
    await page.getByRole('tab', { name: '指标' }).click();
    const mine = page.getByRole('table', { name: '我的指标' });
    await mine.waitFor({ timeout: 30_000 });
    const todayCell = (name: string) =>
      mine
        .locator('tbody tr')
        .filter({ has: page.getByText(name, { exact: true }) })
        .locator('td')
        .nth(1);
    await vi.waitFor(
      async () => expect(await todayCell('接听量').textContent()).toBe(String(truth.answered)),
      { timeout: 30_000 },
    );
    expect(await todayCell('呼入量').textContent()).toBe(String(truth.offered));
    expect(await todayCell('平均处理时长').textContent()).toBe(formatDuration(truth.ahtMs!));
    await screenshot(page, '7x-handover-8-my-figures-today');
    await signOutAs();

    await switchTo(LEAD);
    await page.getByRole('tab', { name: '指标' }).click();
    const team = page.getByRole('table', { name: '全组指标' });
    await team.waitFor({ timeout: 30_000 });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '导出全组报表（Excel）' }).click(),
    ]);
    const sheet = await workbookOf(download);
    const header = sheet.getRow(2).values as unknown[];
    const col = (title: string) => header.indexOf(title);
    let row: ExcelJS.Row | undefined;
    sheet.eachRow((r) => {
      if (r.getCell(2).value === A) row = r;
    });
    expect(row, 'A in the team report').toBeDefined();
    expect(row!.getCell(col('接听量')).value).toBe(truth.answered);
    expect(row!.getCell(col('呼入量')).value).toBe(truth.offered);
    expect(row!.getCell(col('平均处理时长（秒）')).value).toBeCloseTo(truth.ahtMs! / 1000, 6);
    await screenshot(page, '7x-handover-9-team-view');
  });
});
