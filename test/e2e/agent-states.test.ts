import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import type { RunningHost } from './harness';
import { launchChromium, screenshot, startHost } from './harness';

describe('e2e: sign in, walk the agent states, sign out (browser host + Chromium)', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 800 }, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  it('refuses a page opened without the token, and says the token is what is missing', async () => {
    const noToken = await browser.newPage();
    await noToken.goto(host.url.replace(/\?token=.*/, ''));
    await noToken.getByText('访问地址缺少访问令牌').waitFor({ timeout: 15_000 });
    expect(await noToken.textContent('body')).toContain('请打开工作台服务启动时打印的完整地址');
    await screenshot(noToken, '00-no-token-refused');
    await noToken.close();
  });

  it('walks 示闲 → 示忙(事务处理) → 小休(用餐) → 示闲 and signs out, all persisted', async () => {
    await page.goto(host.url);
    // The one-time token leaves the address bar once the page holds it.
    await expect.poll(() => page.url()).not.toContain('token=');
    await page.getByLabel('工号').fill('1001');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await screenshot(page, '01-sign-in');
    await page.getByRole('button', { name: '登录' }).click();

    const status = page.getByRole('status', { name: '座席状态' });
    await expect.poll(() => status.textContent()).toBe('示忙 · 刚登录');
    await screenshot(page, '02-signed-in-not-ready');

    await page.getByRole('button', { name: /示闲/ }).click();
    await expect.poll(() => status.textContent()).toBe('示闲');

    await page.keyboard.press('F3');
    const dialog = page.getByRole('dialog', { name: '选择示忙原因' });
    await dialog.waitFor();
    await screenshot(page, '03-not-ready-reasons');
    await dialog.getByRole('button', { name: /事务处理/ }).click();
    await expect.poll(() => status.textContent()).toBe('示忙 · 事务处理');

    await page.keyboard.press('F4');
    await page.getByRole('dialog', { name: '选择小休原因' }).waitFor();
    await page.keyboard.press('1'); // 用餐
    await expect.poll(() => status.textContent()).toBe('小休 · 用餐');
    await screenshot(page, '04-break-meal');

    await page.keyboard.press('F2');
    await expect.poll(() => status.textContent()).toBe('示闲');
    await page.getByRole('tab', { name: '本班次' }).click();
    await expect.poll(() => page.getByRole('columnheader', { name: '状态' }).count()).toBe(1);
    await screenshot(page, '05-ready-with-state-log');

    await page.getByRole('button', { name: '签退' }).click();
    await page.getByRole('dialog', { name: '签退' }).getByRole('button', { name: '确认' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    await screenshot(page, '06-signed-out');

    // What main persisted (read while the host runs: WAL lets a reader in).
    const db = new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT l.status, l.reason, l.ended_at IS NOT NULL AS closed FROM agent_state_log l
           JOIN agents a ON a.id = l.agent_id WHERE a.employee_no = '1001' ORDER BY l.started_at, l.rowid`,
        )
        .all();
      expect(rows).toEqual([
        { status: 'not_ready', reason: 'login', closed: 1 },
        { status: 'ready', reason: null, closed: 1 },
        { status: 'not_ready', reason: 'paperwork', closed: 1 },
        { status: 'break', reason: 'meal', closed: 1 },
        { status: 'ready', reason: null, closed: 1 },
        { status: 'offline', reason: null, closed: 1 },
      ]);
      expect(db.prepare('SELECT end_reason FROM shifts').all()).toEqual([
        { end_reason: 'sign_out' },
      ]);
    } finally {
      db.close();
    }
  });

  it('switches the whole console to English', async () => {
    await page.getByLabel('工号').fill('1002');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('combobox', { name: '语言' }).click();
    await page.getByText('English', { exact: true }).click();
    await expect
      .poll(() => page.getByRole('status', { name: 'Agent state' }).textContent())
      .toBe('Not ready · Just signed in');
    await screenshot(page, '07-english');
  });
});
