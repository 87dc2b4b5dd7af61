import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import type { RunningKamailio } from '../sip-testbed/kamailio';
import { freeUdpPort, startKamailio } from '../sip-testbed/kamailio';
import type { SippRun } from '../sip-testbed/sipp';
import { startSipp } from '../sip-testbed/sipp';
import type { RunningHost } from './harness';
import { launchChromium, registerSoftphone, startHost } from './harness';

/**
 * The workspace as a seat uses it, at the three screen sizes agents have: nothing wider than the
 * window on any main screen, and during a call with a waybill's detail open the call controls and
 * the status bar stay visible and uncovered. Each screen is saved (test/e2e/artifacts/layout/, or
 * docs/screenshots/ with `LAYOUT_SHOTS=before|after`). Checks are soft, so every screen is
 * saved and every failure is listed.
 */
const sizes = [
  { width: 1280, height: 720 },
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
type Size = (typeof sizes)[number];
// A run saves its screens beside the other e2e artifacts (not committed); `LAYOUT_SHOTS=after`
// (or `before`) writes the committed ones in docs/screenshots/ instead.
const phase = process.env['LAYOUT_SHOTS'] ?? 'run';
const shotsDir = resolve(
  process.env['LAYOUT_SHOTS'] ? 'docs/screenshots' : 'test/e2e/artifacts/layout',
);
/** docs/ keeps the smallest and the largest size; 1366×768 is checked, not saved. */
const saved = (s: Size) => s.width !== 1366;

interface Overflow {
  scrollWidth: number;
  innerWidth: number;
  /** Elements wider than the window or reaching past its right edge (a CSS path each). */
  wide: string[];
}

/** What of the page is wider than the window (hidden elements and the off-screen do not count). */
function measureOverflow(page: Page): Promise<Overflow> {
  return page.evaluate(() => {
    const innerWidth = window.innerWidth;
    const path = (el: Element) => {
      const parts: string[] = [];
      for (let e: Element | null = el; e && parts.length < 4; e = e.parentElement) {
        const cls = typeof e.className === 'string' ? e.className.split(' ')[0] : '';
        parts.unshift(`${e.tagName.toLowerCase()}${cls ? `.${cls}` : ''}`);
      }
      return parts.join(' > ');
    };
    const wide: string[] = [];
    for (const el of Array.from(document.body.querySelectorAll('*'))) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      if (r.width > innerWidth + 1) wide.push(`${path(el)} (${Math.round(r.width)} px wide)`);
    }
    // The workspace's columns clip sideways (overflow-x hidden): what is wider than its column
    // would be cut off, not scrolled to, so it counts as too wide too.
    for (const region of Array.from(document.querySelectorAll<HTMLElement>('[data-region]'))) {
      region.scrollLeft = 0;
      if (region.scrollWidth > region.clientWidth + 1) {
        wide.push(
          `[data-region=${region.dataset['region']}] content ${region.scrollWidth} px in ${region.clientWidth} px`,
        );
      }
    }
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth, wide };
  });
}

/** Whether the element's centre is itself (or inside it) on top: nothing covers or dims it. */
function uncovered(page: Page, selector: string): Promise<{ ok: boolean; top: string }> {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return { ok: false, top: 'not found' };
    const r = el.getBoundingClientRect();
    const inView =
      r.width > 0 && r.height > 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth;
    const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    const ok = inView && top !== null && (el === top || el.contains(top));
    const cls = top && typeof top.className === 'string' ? top.className.split(' ')[0] : '';
    return { ok, top: top ? `${top.tagName.toLowerCase()}.${cls}` : 'nothing' };
  }, selector);
}

describe('e2e: the workspace at 1280×720, 1366×768 and 1920×1080', () => {
  let pbx: RunningKamailio;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let customer: { phone: string; name: string; waybill: string };
  const sipps: SippRun[] = [];

  beforeAll(async () => {
    mkdirSync(shotsDir, { recursive: true });
    pbx = await startKamailio({ trunk: `127.0.0.1:${await freeUdpPort()}` });
    host = await startHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: sizes[0], locale: 'zh-CN' });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    const d = new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });
    try {
      // A seeded customer who sent several parcels (a list of results), on a mobile number.
      customer = d
        .prepare(
          `SELECT p.phone, c.name,
             (SELECT w.number FROM waybills w WHERE w.sender_customer_id = c.id ORDER BY w.number LIMIT 1) AS waybill
           FROM phones p JOIN customers c ON c.id = p.customer_id
           WHERE p.phone GLOB '1[3-9][0-9]*' AND length(p.phone) = 11
             AND (SELECT COUNT(*) FROM phones q WHERE q.phone = p.phone) = 1
             AND (SELECT COUNT(*) FROM waybills w WHERE w.sender_customer_id = c.id) >= 3
           ORDER BY p.phone LIMIT 1`,
        )
        .get() as typeof customer;
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

  /** At each size: overflow checked, the picture saved. */
  async function atEverySize(screen: string, extra?: (size: Size) => Promise<void>) {
    for (const size of sizes) {
      await page.setViewportSize(size);
      await page.waitForTimeout(250); // antd re-measures on resize
      const o = await measureOverflow(page);
      expect
        .soft(o.scrollWidth, `${screen} at ${size.width}×${size.height}: page scroll width`)
        .toBeLessThanOrEqual(o.innerWidth);
      expect
        .soft(o.wide.slice(0, 5), `${screen} at ${size.width}×${size.height}: elements too wide`)
        .toEqual([]);
      await extra?.(size);
      if (saved(size)) {
        await page.screenshot({
          path: join(shotsDir, `${phase}-${screen}-${size.width}x${size.height}.png`),
        });
      }
    }
    await page.setViewportSize(sizes[0]);
  }

  const status = () => page.getByRole('status', { name: '座席状态' }).textContent();

  it('sign-in', async () => {
    await page.goto(host.url);
    await page.getByLabel('工号').waitFor();
    await atEverySize('sign-in');
    await page.getByLabel('工号').fill('1002');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('status', { name: '座席状态' }).waitFor();
  });

  it('lookup with results', async () => {
    const box = page.getByRole('searchbox', { name: '查件搜索' });
    await box.fill(`${customer.phone.slice(-4)} ${customer.name}`);
    await box.press('Enter');
    await page.getByRole('row').filter({ hasText: customer.waybill }).waitFor();
    // A single hit may open its detail: close it, this screen is the list.
    const detail = page.getByRole('dialog', { name: /运单详情/ });
    if (await detail.isVisible()) {
      await detail.getByRole('button', { name: '关闭' }).click();
      await detail.waitFor({ state: 'hidden' });
    }
    await atEverySize('lookup');
  });

  it('waybill detail open, with a 2,000-character unbroken note', async () => {
    await page.getByRole('row').filter({ hasText: customer.waybill }).click();
    const detail = page.getByRole('dialog', { name: /运单详情/ });
    await detail.getByRole('region', { name: '物流轨迹' }).waitFor();
    const note = `备注${'A'.repeat(1998)}`;
    await detail.getByLabel('添加备注').fill(note);
    await detail.getByRole('button', { name: '保存备注' }).click();
    await detail.getByRole('listitem').filter({ hasText: note }).waitFor();
    await atEverySize('detail');
  });

  it('during a call with the detail open: the call controls stay visible and uncovered', async () => {
    // Set up the softphone with the detail closed (a modal detail would be in the way of that).
    const detail = page.getByRole('dialog', { name: /运单详情/ });
    await detail.getByRole('button', { name: '关闭' }).click();
    await detail.waitFor({ state: 'hidden' });
    await registerSoftphone(page, pbx, '1002');
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
    const run = await startSipp({
      scenario: 'caller',
      remote: `127.0.0.1:${pbx.udpPort}`,
      service: '1002',
      vars: { CALLER: customer.phone, HANGUP_MS: 120_000 },
    });
    sipps.push(run);
    await page.getByRole('alertdialog', { name: '来电' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Alt+a');
    await vi.waitFor(async () => expect(await status()).toBe('通话中'), { timeout: 15_000 });
    await page.getByRole('row').filter({ hasText: customer.waybill }).click();
    await detail.getByRole('region', { name: '物流轨迹' }).waitFor();
    await atEverySize('in-call-detail', async (size) => {
      if (size.width !== 1280) return;
      for (const [what, selector] of [
        ['hang-up button', 'button[aria-keyshortcuts="Alt+H"]'],
        ['hold button', 'button[aria-keyshortcuts="Alt+O"]'],
        ['agent state', '[role="status"][aria-label="座席状态"]'],
      ] as const) {
        const r = await uncovered(page, selector);
        expect.soft(r.ok, `${what} covered by ${r.top} at 1280×720`).toBe(true);
      }
    });
    await page.keyboard.press('Alt+h');
    await page.getByRole('region', { name: '话后整理' }).waitFor();
  });

  it('shift tab', async () => {
    const detail = page.getByRole('dialog', { name: /运单详情/ });
    if (await detail.isVisible()) {
      await detail.getByRole('button', { name: '关闭' }).click();
      await detail.waitFor({ state: 'hidden' });
    }
    await page.getByRole('tab', { name: '本班次' }).click();
    await page.getByRole('table', { name: '我的最近通话' }).waitFor();
    await atEverySize('shift');
  });
});
