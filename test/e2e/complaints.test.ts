import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompensationFacts } from '@shared/complaints/compensation';
import { compensate, defaultCompensationRules, yuanText } from '@shared/complaints/compensation';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import { fold, pdfText } from '../web/pdf-text';
import type { RunningHost } from './harness';
import { launchChromium, moveClock, screenshot, signIn, startHost } from './harness';
import { seedFacts } from '../helpers/complaints';

interface Target {
  number: string;
  sender_name: string;
}
interface TicketRow {
  id: string;
  number: string;
  next_clock: string | null;
  next_due_at: number | null;
  escalated_to: string | null;
}

/**
 * Issue 15's e2e: from a waybill's drawer an agent registers a 破损 complaint for an uninsured
 * parcel, sees the figure with its steps and the clocks, prints the apology letter, escalates; the
 * desk's clock is moved past the next deadline (the host's offset file, no sleeping) and the lead
 * finds the ticket in the overdue list one click from the header.
 */
describe('e2e: a 破损 complaint from a waybill, its letter, escalation and the overdue list', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let target: Target;
  let clockDir: string;

  const db = () => new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });
  const read = <T>(sql: string, ...params: unknown[]): T => {
    const d = db();
    try {
      return d.prepare(sql).get(...params) as T;
    } finally {
      d.close();
    }
  };
  const complaintRows = () => read<{ n: number }>('SELECT count(*) AS n FROM complaints').n;
  const eventRows = () => read<{ n: number }>('SELECT count(*) AS n FROM complaint_events').n;

  // The facts the agent types below, as the calculator takes them (the rules are the defaults:
  // the seeds set no `complaints.rules`, checked in beforeAll).
  const facts: CompensationFacts = { ...seedFacts, freightFen: 0 };

  const expected = compensate(facts, defaultCompensationRules);

  beforeAll(async () => {
    clockDir = mkdtempSync(join(tmpdir(), 'courier-desk-e2e-clock-'));
    host = await startHost({ clockOffsetFile: join(clockDir, 'clock-offset') });
    browser = await launchChromium();
    page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      locale: 'zh-CN',
      acceptDownloads: true,
    });
    if (process.env['E2E_DEBUG']) page.on('console', (m) => console.error('[page]', m.text()));
    await page.goto(host.url);
    await signIn(page, '1004', DEMO_PASSWORD);
    await page.getByRole('status', { name: '座席状态' }).waitFor();
    target = read<Target>(
      `SELECT number, sender_name FROM waybills WHERE length(sender_name) BETWEEN 2 AND 20
       ORDER BY number LIMIT 1`,
    );
    expect(target).toBeTruthy();
    expect(read('SELECT value FROM settings WHERE key = ?', 'complaints.rules')).toBeUndefined();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
    if (clockDir) rmSync(clockDir, { recursive: true, force: true });
  });

  const complaintForm = () => page.getByRole('dialog', { name: '登记投诉' });

  /** 查件 by number: the one exact hit opens its drawer; 登记投诉 there opens the form. */
  const openFormFromWaybill = async () => {
    const box = page.getByRole('searchbox', { name: '查件搜索' });
    await box.fill(target.number);
    await box.press('Enter');
    const drawer = page.getByRole('dialog').filter({ hasText: target.number });
    await drawer.getByRole('button', { name: '登记投诉', exact: true }).click();
    const form = complaintForm();
    await form.waitFor();
    expect(await form.getByLabel('运单号').first().inputValue()).toBe(target.number);
    expect(await form.getByLabel('客户', { exact: true }).first().inputValue()).toBe(
      target.sender_name,
    );
    return form;
  };

  it('refuses a negative weight and an amount of 10¹² 元 in the form, with the reason, and saves nothing', async () => {
    const form = await openFormFromWaybill();
    await form.getByLabel('客户诉求（原话）').first().fill('赔偿一万亿元');
    await form.getByLabel('诉求金额（元）').first().fill('1000000000000');
    await form.getByLabel('重量（公斤）').first().fill('-2');
    await form.getByLabel('情况描述').first().fill('外箱压坏');
    await form.getByRole('button', { name: '登记', exact: true }).click();
    await form.getByText('重量须大于 0 且不超过 100,000 公斤').waitFor();
    await form.getByText('金额须在 0 到 1,000,000 元之间').waitFor();
    await screenshot(page, '6x-complaints-1-bad-input-refused');
    expect(complaintRows()).toBe(0);
    expect(eventRows()).toBe(0);
    await form.getByRole('button', { name: '取消' }).click();
    await form.waitFor({ state: 'hidden' });
    expect(complaintRows()).toBe(0);
  });

  let ticket: TicketRow;

  it('registers the 破损 complaint of an uninsured parcel: the figure and its steps, the clocks', async () => {
    expect(expected.payableFen).toBe(4820); // the seed case: 2.41 kg × 20 元/kg
    const form = await openFormFromWaybill();
    await form.getByRole('combobox', { name: '投诉类型' }).click();
    await page.getByTitle('破损', { exact: true }).last().click();
    expect(await form.getByTitle('破损', { exact: true }).count()).toBe(1);
    await form.getByLabel('客户诉求（原话）').first().fill('赔偿200元');
    await form.getByLabel('诉求金额（元）').first().fill('200');
    await form.getByLabel('重量（公斤）').first().fill('2.41');
    await form.getByRole('radio', { name: '我方包装' }).check();
    expect(await form.getByRole('switch', { name: '已保价' }).isChecked()).toBe(false);
    await form.getByLabel('情况描述').first().fill('两块亚克力标牌，外箱压坏，内件断裂');
    // Beside the form: what was asked, and what the rules pay, step by step (main's preview).
    const preview = form.getByRole('region', { name: '按规定可赔' });
    await preview.getByText(`可赔 ${yuanText(expected.payableFen)}`).waitFor();
    await expect
      .poll(() => preview.locator('.ant-list-item').allTextContents())
      .toEqual(expected.steps);
    expect(await preview.textContent()).toContain(`客户要求 ${yuanText(20_000)}`);
    await screenshot(page, '6x-complaints-2-form-with-compensation');
    // The customer was soothed on the call: 安抚致歉 is recorded as its own step before 登记.
    const soothed = form.getByRole('checkbox', { name: '已安抚致歉（通话中已向客户安抚、致歉）' });
    expect(await soothed.isChecked()).toBe(false);
    await soothed.check();

    await form.getByRole('button', { name: '登记', exact: true }).click();
    await form.waitFor({ state: 'hidden' });
    expect(complaintRows()).toBe(1);
    ticket = read<TicketRow>(
      'SELECT id, number, next_clock, next_due_at, escalated_to FROM complaints',
    );
    const view = page.getByRole('dialog', { name: `投诉工单 ${ticket.number}` });
    await view.waitFor();
    expect(
      await view.locator('.ant-steps-item-finish:not(.ant-timeline-item)').allTextContents(),
    ).toEqual(['安抚致歉', '登记']);
    expect(
      read<{ s: string }>(
        `SELECT group_concat(kind || ':' || step, ' ') AS s
         FROM (SELECT kind, step FROM complaint_events ORDER BY at, rowid)`,
      ).s,
    ).toBe('step:apologize registered:register');
    const shown = view.getByRole('region', { name: '按规定可赔' });
    expect(await shown.locator('.ant-list-item').allTextContents()).toEqual(expected.steps);
    expect(await shown.textContent()).toContain(`可赔 ${yuanText(expected.payableFen)}`);
    expect(read<{ payable_fen: number }>('SELECT payable_fen FROM complaints').payable_fen).toBe(
      expected.payableFen,
    );
    // The clocks: several, none overdue yet, the next one due highlighted.
    const clocks = view.getByRole('list', { name: '处理时限' }).getByRole('listitem');
    expect(await clocks.count()).toBeGreaterThan(3);
    expect(await view.locator('li[data-state="overdue"]').count()).toBe(0);
    const next = view.locator('li[aria-current="true"]');
    expect(await next.count()).toBe(1);
    expect(await next.textContent()).toContain('下一个到期');
    await screenshot(page, '6x-complaints-3-ticket-with-clocks');
  });

  it('prints the apology letter to PDF with the customer, the waybill and the ticket number', async () => {
    const view = page.getByRole('dialog', { name: `投诉工单 ${ticket.number}` });
    const button = view.getByRole('button', { name: '生成致歉信（PDF）' });
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    const pdf = await bytesOf(download);
    expect(download.suggestedFilename()).toContain(ticket.number);
    await view.getByRole('status').filter({ hasText: download.suggestedFilename() }).waitFor();
    const letter = await pdfText(pdf);
    expect(letter.pages).toBeGreaterThan(0);
    expect(letter.text).toContain(fold(target.sender_name));
    expect(letter.text).toContain(fold(target.number));
    expect(letter.text).toContain(fold(ticket.number));
  });

  it('escalates to the complaints desk; the history says so', async () => {
    const view = page.getByRole('dialog', { name: `投诉工单 ${ticket.number}` });
    const before = eventRows();
    await view.getByRole('button', { name: '升级', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: '升级工单' });
    // Handed to the complaints desk's 1005: 1004 keeps no open item, so signs out without a
    // handover book (the handover feature asks for one while the agent owns open tickets).
    await dialog.getByLabel('接手人工号（可不填）').first().fill('1005');
    await dialog.getByLabel('升级说明').first().fill('客户情绪激动，转投诉专员跟进');
    await dialog.getByRole('button', { name: '升级', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await view.getByText('升级至投诉专员').waitFor();
    expect(eventRows()).toBe(before + 1);
    ticket = read<TicketRow>(
      'SELECT id, number, next_clock, next_due_at, escalated_to FROM complaints',
    );
    expect(ticket.escalated_to).toBe('complaints');
    expect(
      read<{ no: string }>(
        'SELECT a.employee_no AS no FROM complaints c JOIN agents a ON a.id = c.owner_id',
      ).no,
    ).toBe('1005');
    expect(ticket.next_due_at).not.toBeNull();
    expect(
      read<{ n: number }>(
        "SELECT count(*) AS n FROM audit_log WHERE action = 'complaint_escalated' AND subject = ?",
        ticket.number,
      ).n,
    ).toBe(1);
    await screenshot(page, '6x-complaints-4-escalated');
    await view.getByRole('button', { name: '关闭' }).click();
    await view.waitFor({ state: 'hidden' });
  });

  it('after the clock moves past the next deadline (no sleeping), the lead finds it overdue from the header', async () => {
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByRole('dialog', { name: '签退' }).getByRole('button', { name: '确认' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await signIn(page, '9001', DEMO_PASSWORD);
    await page.getByRole('status', { name: '座席状态' }).waitFor();

    // Before the move: nothing overdue.
    const header = page.getByRole('button', { name: /^超时投诉/ });
    await header.click();
    const list = page.getByRole('dialog', { name: '本组超时投诉' });
    await list.getByText('没有工单').waitFor();
    await list.getByRole('button', { name: '关闭' }).click();
    await list.waitFor({ state: 'hidden' });

    // Move the desk's time to one minute past the next clock's deadline.
    moveClock(host, ticket.next_due_at! - Date.now() + 60_000);
    await header.click();
    const item = list.getByRole('button', { name: `${ticket.number} ${target.sender_name}` });
    await item.waitFor();
    expect(await list.locator('[data-overdue]').first().textContent()).toContain('已超时');
    await expect.poll(() => header.getAttribute('aria-label')).toBe('超时投诉 1 件');
    await screenshot(page, '6x-complaints-5-lead-overdue-list');
    await item.click();
    const view = page.getByRole('dialog', { name: `投诉工单 ${ticket.number}` });
    await view.waitFor();
    expect(await view.locator('li[data-state="overdue"]').count()).toBeGreaterThan(0);
    await screenshot(page, '6x-complaints-6-lead-opens-overdue-ticket');
  });
});

async function bytesOf(download: Download): Promise<Uint8Array> {
  return new Uint8Array(readFileSync(await download.path()));
}
