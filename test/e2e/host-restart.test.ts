import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import { launchChromium, screenshot } from './harness';

/**
 * The browser host stops and starts again under an open console (same port, same data folder):
 * while it is down the console shows one banner and its live indicators stale; when it is back the
 * console reconnects by itself with the token it holds and, the shift having ended with the
 * restart, asks the agent to sign in again, saying why. A host restarted with --new-token, or a
 * forged token, is refused with its own page.
 */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolvePort(port));
    });
  });
}

/** `node dist/web/server.cjs` on a fixed port, so an open page finds it again after a restart. */
async function startHostOn(port: number, dataDir: string, extra: string[] = []) {
  const server = resolve('dist/web/server.cjs');
  if (!existsSync(server)) throw new Error('dist/ is missing: run `npm run build` first');
  const child = spawn(
    process.execPath,
    [server, '--port', String(port), '--data-dir', dataDir, ...extra],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start:\n${stderr}`)), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`host exited with ${code}:\n${stderr}`));
    });
  });
  return { url, child };
}

async function stopHost(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

describe('e2e: the browser host restarts under an open console', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'courier-desk-restart-'));
  let port: number;
  let child: ChildProcess | undefined;
  let url: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    port = await freePort();
    ({ url, child } = await startHostOn(port, dataDir));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN' });
  });
  afterAll(async () => {
    await browser?.close();
    await stopHost(child);
    rmSync(dataDir, { recursive: true, force: true });
  });

  const status = () => page.getByRole('status', { name: '座席状态' });
  const timer = () => page.locator('[aria-label="当前状态时长"]');

  it('while the host is down: one banner, the state, its timer and the SIP chip greyed and stopped', async () => {
    await page.goto(url);
    await page.getByLabel('工号').fill('1004');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => status().textContent()).toBe('示忙 · 刚登录');
    await page.keyboard.press('F2');
    await expect.poll(() => status().textContent()).toBe('示闲');

    await stopHost(child);
    const banner = page.getByRole('alert');
    await banner.filter({ hasText: '与工作台服务的连接已断开' }).waitFor({ timeout: 15_000 });
    expect(await banner.count()).toBe(1);
    expect(await page.getByText('未连接', { exact: true }).isVisible()).toBe(true);
    // The last known state is shown greyed and inert (so it is out of reach and out of the
    // accessibility tree: the only state assistive tech hears is "未连接").
    const stale = page.locator('[data-stale][inert]');
    expect(await stale.count()).toBeGreaterThanOrEqual(3);
    expect(await stale.first().evaluate((e) => getComputedStyle(e).filter)).toBe('grayscale(1)');
    expect(await stale.locator('[role="status"][aria-label="座席状态"]').textContent()).toBe(
      '示闲',
    );
    expect(await stale.locator('[role="status"][aria-label="软电话"]').count()).toBe(1);
    const frozen = await timer().textContent();
    await page.waitForTimeout(2200);
    expect(await timer().textContent()).toBe(frozen);
    // The refused request does not add a second warning.
    await page.keyboard.press('F3');
    await page.waitForTimeout(300);
    expect(await page.getByRole('alert').count()).toBe(1);
    await screenshot(page, '60-host-down-stale');
  });

  it('after the restart: reconnects by itself and asks to sign in again, saying why', async () => {
    ({ child } = await startHostOn(port, dataDir));
    const notice = page.getByRole('alert').filter({ hasText: '工作台服务已重启' });
    await notice.waitFor({ timeout: 30_000 });
    expect(await notice.textContent()).toContain('工作台服务已重启，本班次已结束，请重新登录');
    expect(await page.getByText('未连接', { exact: true }).count()).toBe(0);
    await screenshot(page, '61-host-restarted-sign-in-again');
    // The same token (kept in the data folder) still works: signing in opens a new shift.
    await page.getByLabel('工号').fill('1004');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await expect.poll(() => status().textContent()).toBe('示忙 · 刚登录');
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('a forged token is refused with its own page, not "reconnecting"', async () => {
    const forged = await browser.newPage();
    await forged.goto(`http://127.0.0.1:${port}/?token=${'A'.repeat(32)}`);
    await forged.getByText('访问令牌已失效，工作台服务拒绝连接').waitFor({ timeout: 15_000 });
    expect(await forged.textContent('body')).toContain('请打开服务启动时打印的新地址');
    expect(await forged.getByText(/正在自动重连/).count()).toBe(0);
    await screenshot(forged, '62-forged-token-refused');
    await forged.close();
  });

  it('a restart with --new-token: the open console says its token was refused', async () => {
    await stopHost(child);
    ({ child } = await startHostOn(port, dataDir, ['--new-token']));
    await page.getByText('访问令牌已失效，工作台服务拒绝连接').waitFor({ timeout: 30_000 });
    await screenshot(page, '63-new-token-refused');
  });
});
