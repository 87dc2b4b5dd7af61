import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import type { RunningHost } from './harness';
import { launchChromium, screenshot, startHost, signIn as signInAs } from './harness';

/**
 * Issue #12, "the lead's administration": an agent who typed a wrong password too often is locked
 * out; the shift lead unlocks them in the 管理 area, and they can sign in again at once.
 */
describe('e2e: the lead unlocks a locked-out agent (browser host + Chromium)', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    host = await startHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'zh-CN' });
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const signIn = (employeeNo: string, password: string) => signInAs(page, employeeNo, password);
  const signOut = async () => {
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByRole('dialog', { name: '签退' }).getByRole('button', { name: '确认' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
  };
  const lockedUntil = () => {
    const db = new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });
    try {
      return db.prepare("SELECT locked_until FROM agents WHERE employee_no = '1001'").pluck().get();
    } finally {
      db.close();
    }
  };

  it('locks 1001 out after repeated wrong passwords, the lead unlocks them, 1001 signs in', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.url()).not.toContain('token=');

    for (let i = 0; i < 5; i++) {
      await signIn('1001', `wrong-${i}`);
      await page.getByRole('alert').waitFor();
      await expect.poll(() => page.getByLabel('密码').inputValue()).toBe('');
    }
    await expect.poll(lockedUntil).not.toBeNull();
    // The right password no longer helps: the account is locked.
    await signIn('1001', DEMO_PASSWORD);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('锁定');
    await screenshot(page, 'admin-01-agent-locked-out');

    await signIn('9001', DEMO_PASSWORD);
    await page.getByRole('tab', { name: '管理', exact: true }).click();
    const area = page.getByRole('region', { name: '值班长管理' });
    const agents = area.getByRole('table', { name: '座席账号' });
    await agents.getByRole('row', { name: /1001/ }).waitFor();
    expect(await agents.getByRole('row', { name: /1001/ }).textContent()).toContain('已锁定至');
    // Nothing in the area is wider than the window at 1280×720.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      1280,
    );
    await screenshot(page, 'admin-02-lead-sees-lockout');

    await area.getByRole('button', { name: /^解锁 1001 / }).click();
    const confirm = page.getByRole('dialog', { name: '解锁账号' });
    await confirm.getByRole('button', { name: '确认' }).click();
    await area.getByText(/^已解锁 1001 /).waitFor();
    await expect.poll(lockedUntil).toBeNull();
    expect(await agents.getByRole('row', { name: /1001/ }).textContent()).not.toContain('已锁定至');
    await screenshot(page, 'admin-03-unlocked');

    // The audit log names it in words.
    await area.getByRole('tab', { name: '审计日志' }).click();
    const audit = area.getByRole('table', { name: '审计日志' });
    await audit.getByText('解锁座席').first().waitFor();
    await screenshot(page, 'admin-04-audit-log');

    await signOut();
    await signIn('1001', DEMO_PASSWORD);
    const status = page.getByRole('status', { name: '座席状态' });
    await expect.poll(() => status.textContent()).toBe('示忙 · 刚登录');
    // An agent has no 管理 area.
    expect(await page.getByRole('tab', { name: '管理', exact: true }).count()).toBe(0);

    const db = new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });
    try {
      const rows = db
        .prepare(
          `SELECT lead.employee_no AS lead, a.employee_no AS agent, l.detail
           FROM audit_log l JOIN agents lead ON lead.id = l.actor_id JOIN agents a ON a.id = l.subject
           WHERE l.action = 'agent_unlocked'`,
        )
        .all() as { lead: string; agent: string; detail: string }[];
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ lead: '9001', agent: '1001' });
      expect(JSON.parse(rows[0]!.detail)).toMatchObject({ employeeNo: '1001' });
    } finally {
      db.close();
    }
  });
});
