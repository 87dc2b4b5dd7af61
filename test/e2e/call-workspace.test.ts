import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { maskPhone } from '@shared/common/format';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import type { RunningKamailio } from '../sip-testbed/kamailio';
import { freeUdpPort, startKamailio } from '../sip-testbed/kamailio';
import type { SippRun } from '../sip-testbed/sipp';
import { startSipp } from '../sip-testbed/sipp';
import type { RunningHost } from './harness';
import {
  launchChromium,
  putSettings,
  registerSoftphone,
  screenshot,
  seededCustomer,
  signedInPage,
  startHost,
  withDeskDb,
} from './harness';

/**
 * The seat during a call (issue 12), with real programs: Kamailio, SIPp as a seeded customer,
 * the browser host, Chromium. The caller's card lists their recent parcels on ring, and one key
 * opens one; 小休 picked during the call (本通话后) shows in the status bar and is applied when
 * after-call work ends — not refused with "Cannot choose → break while in_call". With the lead's
 * timed ACW of 12 s, ACW left alone warns in its last 10 s and files the call as 自动归类.
 */
describe('e2e: the call workspace — the pop’s parcels, "after this call"', () => {
  let pbx: RunningKamailio;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let customer: { id: string; phone: string; name: string };
  let dataDir: string;
  const sipps: SippRun[] = [];
  /** The lead's ACW policy for this desk (acw.setPolicy has no screen yet: written before start). */
  const acwPolicy = {
    mode: 'timed',
    seconds: 12,
    maxExtensions: 1,
    extendSeconds: 5,
    defaultDisposition: 'other',
  };

  const db = () => new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });
  const status = () => page.getByRole('status', { name: '座席状态' }).textContent();
  const picked = () => page.getByRole('status', { name: '本通话后' });

  beforeAll(async () => {
    const trunkPort = await freeUdpPort();
    pbx = await startKamailio({ trunk: `127.0.0.1:${trunkPort}` });
    dataDir = mkdtempSync(join(tmpdir(), 'courier-desk-e2e-'));
    host = await startHost({ dataDir });
    await host.stop();
    customer = withDeskDb(dataDir, (w) => {
      putSettings(w, { 'acw.policy': acwPolicy });
      // A seeded customer alone on a mobile number, with several parcels.
      return seededCustomer(
        w,
        '(SELECT COUNT(*) FROM waybills w WHERE w.sender_customer_id = c.id) >= 2',
      );
    });
    host = await startHost({ dataDir });
    browser = await launchChromium();
    page = await signedInPage(browser, host, { employeeNo: '1002', password: DEMO_PASSWORD });
    // The agent's own softphone account, as in softphone.test.ts.
    await registerSoftphone(page, pbx, '1002');
  });

  afterAll(async () => {
    for (const s of sipps) await s.stop();
    await browser?.close();
    await host?.stop();
    await pbx?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('rings with the caller’s recent parcels — status and flags in Chinese — and Alt+1 opens one', async () => {
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
    const run = await startSipp({
      scenario: 'caller',
      remote: `127.0.0.1:${pbx.udpPort}`,
      service: '1002',
      vars: { CALLER: customer.phone, HANGUP_MS: 60_000 },
    });
    sipps.push(run);
    const ring = page.getByRole('alertdialog', { name: '来电' });
    await ring.waitFor({ timeout: 15_000 });
    const pop = ring.getByRole('region', { name: '来电客户' });
    await vi.waitFor(async () => expect(await pop.textContent()).toContain('最近包裹'));
    const first = pop.locator('button[aria-keyshortcuts="Alt+1"]');
    await first.waitFor();
    const name = (await first.getAttribute('aria-label')) ?? '';
    const m = /^打开运单 (\S+) Alt\+1$/.exec(name);
    expect(m, name).not.toBeNull();
    const number = m![1]!;
    expect(await first.textContent()).toContain('Alt+1');
    const d = db();
    try {
      const owner = d
        .prepare(
          'SELECT sender_customer_id AS s, receiver_customer_id AS r FROM waybills WHERE number = ?',
        )
        .get(number) as { s: string | null; r: string | null };
      expect([owner.s, owner.r]).toContain(customer.id);
    } finally {
      d.close();
    }
    const popText = (await pop.textContent()) ?? '';
    // Statuses and flags in the agent's language: no internal identifiers.
    expect(popText).not.toMatch(/\b[A-Z]{2,}_[A-Z_]+\b|\b(stalled|delayed|lost|awaiting_sender)\b/);
    // The caller's number is masked on the card.
    expect(popText).toContain(maskPhone(customer.phone));
    expect(popText).not.toContain(customer.phone);
    await screenshot(page, '40-ring-pop-parcels');

    await page.keyboard.press('Alt+1');
    await vi.waitFor(
      async () =>
        expect(await page.getByRole('dialog').filter({ hasText: number }).count()).toBeGreaterThan(
          0,
        ),
      { timeout: 10_000 },
    );
    await page.keyboard.press('Escape');
  });

  it('小休 picked during the call waits for the call and its ACW, shown and then applied', async () => {
    await page.keyboard.press('Alt+a');
    await vi.waitFor(async () => expect(await status()).toBe('通话中'));
    await page.keyboard.press('F4');
    await page.getByRole('dialog', { name: '选择小休原因' }).waitFor();
    await page.keyboard.press('1');
    await vi.waitFor(async () =>
      expect(await picked().textContent()).toContain('本通话后：小休 · 用餐'),
    );
    expect(await status()).toBe('通话中');
    // No refusal on screen.
    expect(await page.getByText('当前状态下不能执行该操作').count()).toBe(0);
    await screenshot(page, '41-after-this-call-picked');

    await page.keyboard.press('Alt+h');
    const acw = page.getByRole('region', { name: '话后整理' });
    await acw.waitFor();
    await vi.waitFor(async () => expect(await status()).toBe('话后整理'));
    expect(await acw.textContent()).toContain(maskPhone(customer.phone));
    // The ACW form's next state is the pick.
    expect(await acw.locator('.ant-select').filter({ hasText: '小休 · 用餐' }).count()).toBe(1);
    await acw.getByLabel('来电类型（必填）').click();
    await page.getByTitle('查件').click();
    await screenshot(page, '42-acw-with-pick');
    await page.keyboard.press('Alt+s');
    await vi.waitFor(async () => expect(await status()).toBe('小休 · 用餐'));
    expect(await picked().count()).toBe(0);

    const d = db();
    try {
      const states = d
        .prepare(
          'SELECT status, reason FROM agent_state_log ORDER BY started_at DESC, rowid DESC LIMIT 3',
        )
        .all();
      expect(states).toEqual([
        { status: 'break', reason: 'meal' },
        { status: 'after_call_work', reason: null },
        { status: 'in_call', reason: null },
      ]);
      expect(
        d.prepare('SELECT after_call_status FROM shifts WHERE ended_at IS NULL').get(),
      ).toEqual({ after_call_status: null });
      expect(
        d
          .prepare(
            'SELECT disposition, acw_auto FROM calls WHERE remote_number = ? ORDER BY offered_at DESC LIMIT 1',
          )
          .get(customer.phone),
      ).toEqual({ disposition: 'tracking', acw_auto: 0 });
    } finally {
      d.close();
    }
  });

  it('ACW left alone warns in its last 10 s with the extend key, then files the call as 自动归类', async () => {
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
    const run = await startSipp({
      scenario: 'caller',
      remote: `127.0.0.1:${pbx.udpPort}`,
      service: '1002',
      vars: { CALLER: customer.phone, HANGUP_MS: 60_000 },
    });
    sipps.push(run);
    await page.getByRole('alertdialog', { name: '来电' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Alt+a');
    await vi.waitFor(async () => expect(await status()).toBe('通话中'));
    await page.keyboard.press('Alt+h');
    const acw = page.getByRole('region', { name: '话后整理' });
    await acw.waitFor();
    const warning = acw.getByRole('alert');
    await warning.waitFor({ timeout: 8_000 });
    expect(await warning.textContent()).toMatch(
      /^\d+ 秒后将自动归类为“其他”并结束整理。需要更多时间请按 Alt\+E 延长$/,
    );
    await screenshot(page, '43-acw-timeout-warning');
    // Nobody touches it: the desk files it, and the agent goes on to 示闲.
    await vi.waitFor(async () => expect(await status()).toBe('示闲'), { timeout: 15_000 });
    await page.getByRole('tab', { name: '本班次' }).click();
    const table = page.getByRole('table', { name: '我的最近通话' });
    const row = table.getByRole('row').filter({ hasText: '自动归类' });
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('其他');
    expect(await table.textContent()).not.toContain(customer.phone);
    await screenshot(page, '44-history-auto-classified');
    const d = db();
    try {
      expect(
        d
          .prepare(
            'SELECT disposition, acw_auto FROM calls WHERE remote_number = ? ORDER BY offered_at DESC LIMIT 2',
          )
          .all(customer.phone),
      ).toEqual([
        { disposition: 'other', acw_auto: 1 },
        { disposition: 'tracking', acw_auto: 0 },
      ]);
    } finally {
      d.close();
    }
  });
});
