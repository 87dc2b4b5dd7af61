/**
 * End-to-end harness: the real browser host as a child process (exactly what `npm run start:web`
 * runs) and Debian's Chromium driven by playwright-core. Both are stopped by PID in teardown.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { writeClockOffset } from '../../electron/web/offset-clock';

export const chromiumPath = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
export const artifactsDir = resolve('test/e2e/artifacts');

export interface RunningHost {
  url: string;
  dataDir: string;
  /** With `startHost({ clockOffsetFile })`: the file `moveClock` writes. */
  clockOffsetFile?: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts `node dist/web/server.cjs`; with `dataDir` it reuses that folder and leaves it in place;
 * with `clockOffsetFile` the host runs on the test clock (`--clock-offset-file`, see `moveClock`).
 */
export async function startHost(
  options: { dataDir?: string; clockOffsetFile?: string } = {},
): Promise<RunningHost> {
  const server = resolve('dist/web/server.cjs');
  if (!existsSync(server) || !existsSync(resolve('dist/renderer/index.html'))) {
    throw new Error('dist/ is missing: run `npm run build` before the e2e tests (npm test does)');
  }
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'courier-desk-e2e-'));
  const clockArgs = options.clockOffsetFile ? ['--clock-offset-file', options.clockOffsetFile] : [];
  const child = spawn(
    process.execPath,
    [server, '--port', '0', '--data-dir', dataDir, ...clockArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    let out = '';
    const timer = setTimeout(
      () => reject(new Error(`browser host did not start in 60 s:\n${stderr}`)),
      60_000,
    );
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolveUrl(m[0]);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`browser host exited with ${code}:\n${stderr}`));
    });
  });
  return {
    url,
    dataDir,
    ...(options.clockOffsetFile !== undefined && { clockOffsetFile: options.clockOffsetFile }),
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `Chromium not found at ${chromiumPath}. Install it with \`apt-get install chromium\` (npm test does this when run as root), or set CHROMIUM_PATH.`,
    );
  }
  // playwright-core gives every launch a fresh, empty --user-data-dir of its own.
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    // The flags from docs/DESIGN.md §2: no sandbox as root, and no background traffic off the machine.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--allow-loopback-in-peer-connection',
      // The ringer must sound without a click first (main decides when it rings).
      '--autoplay-policy=no-user-gesture-required',
    ],
  });
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = join(artifactsDir, `${name}.png`);
  // Let drawers and modals finish sliding in, so the picture shows what the agent sees.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity),
  );
  await page.waitForTimeout(350); // antd's CSS-class transitions are not all Web Animations
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Fills the sign-in form and submits it (the page shows the sign-in form). */
export async function signIn(page: Page, employeeNo: string, password: string): Promise<void> {
  await page.getByLabel('工号').fill(employeeNo);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录' }).click();
}

/**
 * A new zh-CN console page on the host, signed in as `employeeNo` and showing the agent's state
 * (`E2E_DEBUG=1` echoes the page's console).
 */
export async function signedInPage(
  browser: Browser,
  host: Pick<RunningHost, 'url'>,
  agent: { employeeNo: string; password: string },
  viewport = { width: 1440, height: 900 },
): Promise<Page> {
  const page = await browser.newPage({ viewport, locale: 'zh-CN' });
  if (process.env['E2E_DEBUG']) page.on('console', (m) => console.error('[page]', m.text()));
  await page.goto(host.url);
  await signIn(page, agent.employeeNo, agent.password);
  await page.getByRole('status', { name: '座席状态' }).waitFor();
  return page;
}

/**
 * Moves the host's time forward by `ms` (never back), without sleeping: the host re-reads its
 * offset file on every clock reading, so the next request already runs at the new time. The page's
 * own clock is not moved (the complaints views show main's `overdue`/`state` fields).
 */
export function moveClock(host: Pick<RunningHost, 'clockOffsetFile'>, ms: number): void {
  const file = host.clockOffsetFile;
  if (file === undefined) throw new Error('moveClock: start the host with { clockOffsetFile }');
  const now = existsSync(file) ? Number(readFileSync(file, 'utf8').trim() || '0') : 0;
  writeClockOffset(file, now + ms);
}

/**
 * Registers the page's softphone as `ext` at the test PBX through the 软电话设置 dialog and waits
 * until the chip says it is registered.
 */
export async function registerSoftphone(
  page: Page,
  pbx: { wsUrl: string; password: string },
  ext: string,
  timeout = 15_000,
): Promise<void> {
  await page.getByRole('button', { name: /^软电话：/ }).click();
  const dialog = page.getByRole('dialog', { name: '软电话设置' });
  await dialog.getByLabel('服务器（ws:// 或 wss://）').fill(pbx.wsUrl);
  await dialog.getByLabel('SIP 地址（如 sip:1001@pbx）').fill(`sip:${ext}@127.0.0.1`);
  await dialog.getByLabel('认证用户名').fill(ext);
  await dialog.getByLabel('密码').fill(pbx.password);
  await dialog.getByRole('button', { name: '保存并注册' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page
    .getByRole('status', { name: '软电话' })
    .filter({ hasText: /^软电话已注册/ })
    .waitFor({ timeout });
}

/**
 * Opens a stopped desk's database for writing (settings a lead would make, extra test data),
 * runs `write` in it and closes it. The host must not be running on `dataDir`.
 */
export function withDeskDb<T>(dataDir: string, write: (db: Database.Database) => T): T {
  const db = new Database(join(dataDir, 'desk.sqlite'));
  try {
    return write(db);
  } finally {
    db.close();
  }
}

/** Writes desk settings (JSON values) into an open desk database, replacing earlier values. */
export function putSettings(db: Database.Database, settings: Record<string, unknown>): void {
  const put = db.prepare(
    `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)
     ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
  );
  for (const [key, value] of Object.entries(settings)) put.run(key, JSON.stringify(value));
}

/**
 * The first seeded customer (by phone) alone on an 11-digit mobile number; `where` adds conditions
 * on `c` (the customer) and `p` (the phone).
 */
export function seededCustomer(
  db: Database.Database,
  where = '1 = 1',
): { id: string; phone: string; name: string } {
  const row = db
    .prepare(
      `SELECT c.id, p.phone, c.name FROM phones p JOIN customers c ON c.id = p.customer_id
       WHERE p.phone GLOB '1[3-9][0-9]*' AND length(p.phone) = 11
         AND (SELECT COUNT(*) FROM phones q WHERE q.phone = p.phone) = 1 AND (${where})
       ORDER BY p.phone LIMIT 1`,
    )
    .get() as { id: string; phone: string; name: string } | undefined;
  if (!row) throw new Error(`no seeded customer matches: ${where}`);
  return row;
}

/**
 * Opens the select whose input is `opener` and picks the option titled `title`, then waits until
 * the select shows it. The option is looked for only in the dropdown this select controls (its
 * `aria-controls` list), never elsewhere: under load the dropdown renders late, and the same title
 * may be on screen meanwhile (another select showing it as its value) — clicking that one once
 * left the call type empty and the after-call work stuck in CI. Tries again until `timeout`.
 */
export async function chooseOption(
  page: Page,
  opener: Locator,
  title: string,
  timeout = 15_000,
): Promise<void> {
  const select = opener.locator(
    'xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ant-select ")][1]',
  );
  const shown = select.getByTitle(title, { exact: true });
  const until = Date.now() + timeout;
  for (;;) {
    if ((await shown.count()) > 0) return;
    try {
      if ((await opener.getAttribute('aria-expanded')) !== 'true') await opener.click();
      const list = await opener.getAttribute('aria-controls');
      if (list) {
        const dropdown = page
          .locator('.ant-select-dropdown')
          .filter({ has: page.locator(`[id="${list}"]`) });
        await dropdown.getByTitle(title, { exact: true }).click({ timeout: 2_000 });
        await shown.waitFor({ timeout: 2_000 });
        return;
      }
    } catch (e) {
      if (Date.now() > until)
        throw new Error(`chooseOption: could not choose “${title}”`, { cause: e });
    }
    if (Date.now() > until)
      throw new Error(`chooseOption: the dropdown for “${title}” never opened`);
    await page.waitForTimeout(100);
  }
}
