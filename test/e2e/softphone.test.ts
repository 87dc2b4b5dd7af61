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
import { launchChromium, screenshot, startHost, signedInPage } from './harness';

/**
 * The whole softphone path with real programs: Kamailio, SIPp as the customer, the browser host
 * running sip.js in its main process, and Chromium's RTCPeerConnection (fake devices) as the media
 * side. The customer's number is a seeded customer, so the screen pop must name them before answer.
 */
describe('e2e: a customer calls, the agent answers, holds, sends DTMF, hangs up, dispositions', () => {
  let pbx: RunningKamailio;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let customer: { phone: string; name: string; waybill: string };
  let trunkPort: number;
  const sipps: SippRun[] = [];

  const db = () => new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });

  beforeAll(async () => {
    trunkPort = await freeUdpPort();
    pbx = await startKamailio({ trunk: `127.0.0.1:${trunkPort}` });
    host = await startHost();
    browser = await launchChromium();
    page = await signedInPage(browser, host, { employeeNo: '1002', password: DEMO_PASSWORD });
    const d = db();
    try {
      // A seeded customer with waybills, reachable on a mobile number.
      customer = d
        .prepare(
          `SELECT p.phone, c.name,
             (SELECT w.number FROM waybills w WHERE w.sender_customer_id = c.id ORDER BY w.number LIMIT 1) AS waybill
           FROM phones p JOIN customers c ON c.id = p.customer_id
           WHERE p.phone GLOB '1[3-9][0-9]*' AND length(p.phone) = 11
             AND (SELECT COUNT(*) FROM phones q WHERE q.phone = p.phone) = 1
             AND EXISTS (SELECT 1 FROM waybills w WHERE w.sender_customer_id = c.id)
           ORDER BY p.phone LIMIT 1`,
        )
        .get() as { phone: string; name: string; waybill: string };
    } finally {
      d.close();
    }
    expect(customer).toBeTruthy();
  });

  afterAll(async () => {
    for (const s of sipps) await s.stop();
    await browser?.close();
    await host?.stop();
    await pbx?.stop();
  });

  const status = () => page.getByRole('status', { name: '座席状态' }).textContent();
  const callState = () => page.getByRole('status', { name: '通话' }).textContent();
  /** Lowest self-test peak (0–1) that counts as the microphone heard. */
  const PEAK_MIN = 0.5;

  it('registers from the settings dialog and shows the health chip', async () => {
    await page.getByRole('button', { name: /^软电话：/ }).click();
    const dialog = page.getByRole('dialog', { name: '软电话设置' });
    await dialog.getByLabel('服务器（ws:// 或 wss://）').fill(pbx.wsUrl);
    await dialog.getByLabel('SIP 地址（如 sip:1001@pbx）').fill('sip:1002@127.0.0.1');
    await dialog.getByLabel('认证用户名').fill('1002');
    await dialog.getByLabel('密码').fill(pbx.password);
    // Devices come from Chromium's fake devices; the self-test hears the fake microphone.
    await vi.waitFor(async () => expect(await dialog.getByLabel('麦克风').count()).toBe(1));
    await dialog.getByRole('button', { name: '设备自检' }).click();
    const selfTest = dialog.getByRole('status', { name: '设备自检' });
    const peak = await vi.waitFor(
      async () => {
        const text = await selfTest.textContent();
        const m = /^麦克风峰值 ([\d.]+)，扬声器 正常$/.exec(text ?? '');
        expect(m, `self-test result: ${text}`).not.toBeNull();
        return Number(m![1]);
      },
      { timeout: 15_000 },
    );
    // The fake microphone really was heard: Chromium's fake capture device plays a loud beep
    // several times a second, which the 1.5 s self-test catches. A muted, ended or silent track
    // reads 0, and background noise would stay far below this.
    expect(peak).toBeGreaterThanOrEqual(PEAK_MIN);
    await screenshot(page, '20-sip-settings-devices');
    await dialog.getByRole('button', { name: '保存并注册' }).click();
    const chip = () => page.getByRole('status', { name: '软电话' }).textContent();
    const registered = /^软电话已注册 · \d+ ms$/;
    await vi.waitFor(async () => expect(await chip()).toMatch(registered), { timeout: 15_000 });
  });

  it('rings with the customer’s pop before answer, then answer, hold, resume, DTMF, hang up', async () => {
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
    // Masked on the ring, as everywhere; the full number never reaches the page.
    expect(await ring.getByLabel('号码').textContent()).toBe(maskPhone(customer.phone));
    expect(await page.content()).not.toContain(customer.phone);
    // The screen pop is on screen while it still rings.
    const pop = ring.getByRole('region', { name: '来电客户' });
    await vi.waitFor(async () => expect(await pop.textContent()).toContain(customer.name));
    await vi.waitFor(async () => expect(await status()).toBe('振铃'));
    await screenshot(page, '21-incoming-call-with-pop');

    await ring.getByRole('button', { name: /接听/ }).click();
    await vi.waitFor(async () => expect(await callState()).toBe('通话中'));
    await vi.waitFor(async () => expect(await status()).toBe('通话中'));
    await screenshot(page, '22-in-call');

    await page.keyboard.press('Alt+o');
    await vi.waitFor(async () => expect(await callState()).toBe('保持中'));
    await screenshot(page, '23-on-hold');
    await page.keyboard.press('Alt+o');
    await vi.waitFor(async () => expect(await callState()).toBe('通话中'));

    await page.keyboard.press('Alt+k');
    const keypad = page.getByRole('dialog', { name: '发送按键（DTMF）' });
    await keypad.getByRole('button', { name: '拨号键盘 1' }).click();
    await keypad.getByRole('button', { name: '拨号键盘 #' }).click();
    await vi.waitFor(() => expect(run.logLines().filter((l) => /DTMF/.test(l))).toHaveLength(2), {
      timeout: 5_000,
    });
    await page.keyboard.press('Escape');
    await page.waitForTimeout(1200); // a little talk time, so durations are visible

    await page.getByRole('button', { name: /挂断/ }).click();
    const result = await run.done;
    expect(result.code).toBe(0);
    const log = result.log.join('\n');
    expect(log).toContain('REINVITE hold 200');
    expect(log).toContain('REINVITE sendrecv 200');
    expect(log).toMatch(/DTMF 1[\s\S]*DTMF #/);
    expect(log).toContain('AGENT HUNG UP');

    const acw = page.getByRole('region', { name: '话后整理' });
    await acw.waitFor();
    await vi.waitFor(async () => expect(await status()).toBe('话后整理'));
    await acw.getByLabel('来电类型（必填）').click();
    await page.getByTitle('查件').click();
    await acw.getByLabel('通话小结').fill('查询快件，已告知预计送达时间');
    await screenshot(page, '24-after-call-work');
    await acw.getByRole('button', { name: /提交并结束整理/ }).click();
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
  });

  it('lists the call in the shift’s history with its durations, as persisted', async () => {
    await page.getByRole('tab', { name: '本班次' }).click();
    const table = page.getByRole('table', { name: '我的最近通话' });
    // Numbers are masked in the history too; the unmasked one never reaches the screen.
    const row = table.getByRole('row').filter({ hasText: maskPhone(customer.phone) });
    await row.waitFor();
    expect(await table.textContent()).not.toContain(customer.phone);
    expect(await row.textContent()).toContain('查件');
    expect(await row.textContent()).toContain('座席挂断');
    await screenshot(page, '25-call-history');
    const d = db();
    try {
      const rec = d
        .prepare(
          `SELECT c.*, (SELECT COUNT(*) FROM call_hold_segments h WHERE h.call_id = c.id) AS holds,
             (SELECT MIN(h.ended_at - h.started_at) FROM call_hold_segments h WHERE h.call_id = c.id) AS hold_ms
           FROM calls c WHERE c.remote_number = ? AND c.end_cause IS NOT NULL ORDER BY offered_at DESC LIMIT 1`,
        )
        .get(customer.phone) as Record<string, number | string | null>;
      expect(rec).toMatchObject({
        direction: 'inbound',
        end_cause: 'agent_hangup',
        hung_up_by: 'agent',
        disposition: 'tracking',
        notes: '查询快件，已告知预计送达时间',
        holds: 1,
      });
      expect(Number(rec['hold_ms'])).toBeGreaterThan(0);
      expect(Number(rec['ended_at']) - Number(rec['answered_at'])).toBeGreaterThanOrEqual(1200);
      expect(Number(rec['acw_ended_at'])).toBeGreaterThanOrEqual(Number(rec['ended_at']));
      const row2 = await row.textContent();
      const talk = /(\d{2}:\d{2}(:\d{2})?)/.exec(row2 ?? '');
      expect(talk).toBeTruthy();
    } finally {
      d.close();
    }
  });

  it('click-to-dial from a waybill: the number stays masked, the call goes out through the trunk', async () => {
    const callee = await startSipp({ scenario: 'callee', port: trunkPort });
    sipps.push(callee);
    await page.getByRole('tab', { name: '查件' }).click();
    const box = page.getByRole('searchbox', { name: '查件搜索' });
    await box.fill(customer.waybill);
    await box.press('Enter');
    // A single exact hit opens its detail by itself.
    const drawer = page.getByRole('dialog', { name: /运单详情/ });
    await drawer.waitFor();
    await drawer.getByRole('button', { name: '呼叫寄件人' }).click();
    await vi.waitFor(async () => expect(await callState()).toBe('通话中'), { timeout: 15_000 });
    const shown = await page.getByRole('region', { name: '通话' }).getByLabel('号码').textContent();
    expect(shown).toMatch(/^\d{3}\*{4}\d{4}$/);
    await screenshot(page, '26-click-to-dial');
    await page.keyboard.press('Alt+h');
    expect((await callee.done).log.join('\n')).toContain('AGENT HUNG UP');
    await page.getByRole('region', { name: '话后整理' }).waitFor();
  });
});
