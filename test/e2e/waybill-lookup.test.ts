import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import type { RunningHost } from './harness';
import { launchChromium, screenshot, startHost, signIn } from './harness';

interface Target {
  id: string;
  number: string;
  sender_name: string;
  sender_phone: string;
  sender_address: string;
}

describe('e2e: waybill lookup by number, last-4 + name and address; detail with timeline and flags', () => {
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let target: Target;
  const dialogs: string[] = [];

  const db = () => new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });

  beforeAll(async () => {
    host = await startHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(host.url);
    await signIn(page, '1003', DEMO_PASSWORD);
    await page.getByRole('status', { name: '座席状态' }).waitFor();
    // A seeded parcel that failed delivery: it carries the "awaiting sender" and storage flags.
    const d = db();
    try {
      target = d
        .prepare(
          `SELECT w.id, w.number, w.sender_name, w.sender_phone, w.sender_address FROM waybills w
           WHERE w.status = 'DELIVERY_FAILED' AND w.sender_address GLOB '*[^大]路[0-9]*号*' ORDER BY w.number LIMIT 1`,
        )
        .get() as Target;
    } finally {
      d.close();
    }
    expect(target).toBeTruthy();
  });

  afterAll(async () => {
    await browser?.close();
    await host?.stop();
  });

  const searchFor = async (text: string) => {
    const box = page.getByRole('searchbox', { name: '查件搜索' });
    await box.fill(text);
    await box.press('Enter');
  };
  const resultRow = (number: string) => page.getByRole('row').filter({ hasText: number });

  it('finds a seeded waybill by number and, the single exact hit, opens its detail with timeline and a flagged anomaly', async () => {
    await searchFor(target.number.toLowerCase());
    await resultRow(target.number).waitFor();
    await expect.poll(() => page.getByText('识别为：运单号').count()).toBe(1);
    // No click: a whole number that exists opens at once.
    const drawer = page.getByRole('dialog');
    await drawer.getByRole('region', { name: '物流轨迹' }).waitFor();
    expect(await drawer.getByText('派送未成功').count()).toBeGreaterThan(0);
    await expect
      .poll(() => drawer.getByRole('region', { name: '异常提醒' }).textContent())
      .toContain('无法派送，待寄件人答复');
    expect(await drawer.getByRole('note').textContent()).toMatch(
      /^离线数据，截至 \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/,
    );
    await screenshot(page, '10-lookup-by-number');
    await screenshot(page, '11-waybill-detail-flags');
  });

  it('reveals the sender’s phone only after a reason, and audits it', async () => {
    const drawer = page.getByRole('dialog', { name: /运单详情/ });
    const masked = `${target.sender_phone.slice(0, 3)}****${target.sender_phone.slice(-4)}`;
    expect(await drawer.getByLabel('寄件人电话').textContent()).toBe(masked);
    await drawer.getByRole('button', { name: '显示号码（寄件人）' }).click();
    await page
      .getByRole('dialog', { name: '显示完整号码' })
      .getByRole('button', { name: '已核实客户身份' })
      .click();
    await expect
      .poll(() => drawer.getByLabel('寄件人电话').textContent())
      .toBe(target.sender_phone);
    const d = db();
    try {
      expect(
        d.prepare("SELECT subject, detail FROM audit_log WHERE action = 'reveal_phone'").all(),
      ).toEqual([
        {
          subject: target.number,
          detail: JSON.stringify({ party: 'sender', reason: 'customer_verified' }),
        },
      ]);
    } finally {
      d.close();
    }
  });

  it('stores a note with markup as plain text', async () => {
    const drawer = page.getByRole('dialog', { name: /运单详情/ });
    const text = '<img src=x onerror="alert(1)"> 客户要求周六派送';
    await drawer.getByLabel('添加备注').fill(text);
    await drawer.getByRole('button', { name: '保存备注' }).click();
    // The saved note appears in the list (as text, not markup) and the box is cleared for the next one.
    await drawer.getByRole('listitem').filter({ hasText: text }).waitFor();
    await expect.poll(() => drawer.getByLabel('添加备注').inputValue()).toBe('');
    expect(await drawer.locator('img[src="x"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await screenshot(page, '12-note-saved');
    await drawer.getByRole('button', { name: '关闭' }).click();
    await drawer.waitFor({ state: 'hidden' });
  });

  it('finds the same waybill by last 4 digits + name', async () => {
    await searchFor(`${target.sender_phone.slice(-4)} ${target.sender_name}`);
    await resultRow(target.number).waitFor();
    await expect.poll(() => page.getByText('识别为：尾号+姓名/日期').count()).toBe(1);
    await screenshot(page, '13-lookup-by-last4-name');
  });

  it('finds it by an address fragment', async () => {
    const fragment = /[\u4e00-\u9fa5]{2}路\d+号/.exec(target.sender_address)![0];
    await searchFor(fragment);
    await resultRow(target.number).waitFor();
    await expect.poll(() => page.getByText('识别为：地址').count()).toBe(1);
    await screenshot(page, '14-lookup-by-address');
  });

  it('explains input it cannot search', async () => {
    await searchFor('5678');
    await page.getByText('尾号查询需同时提供姓名或日期范围').waitFor();
  });

  it('makes an unknown number a customer, and the card then shows them', async () => {
    let number = '13905620562';
    const d = db();
    try {
      const taken = d.prepare('SELECT 1 FROM phones WHERE phone = ?');
      while (taken.get(number)) number = String(Number(number) + 1);
    } finally {
      d.close();
    }
    await searchFor(number);
    const card = page.getByRole('region', { name: '来电客户' });
    await card.getByText('未识别的号码：可新建客户，或按运单号查询').waitFor();
    await card.getByRole('button', { name: '新建客户' }).click();
    const form = page.getByRole('dialog', { name: '新建客户' });
    expect(await form.getByRole('textbox', { name: '电话 1' }).inputValue()).toBe(number);
    await form.getByRole('textbox', { name: '姓名' }).fill('刘明');
    const pick = async (name: string, option: string) => {
      await form.getByRole('combobox', { name }).click();
      await form.getByRole('combobox', { name }).fill(option);
      await page.getByTitle(option, { exact: true }).last().click();
    };
    await pick('省份', '安徽省');
    await pick('城市', '安庆市');
    // A field left out is said next to it, and nothing is stored.
    await form.getByRole('button', { name: '保存' }).click();
    await expect
      .poll(async () => {
        const id = await form
          .getByRole('textbox', { name: '详细地址' })
          .getAttribute('aria-describedby');
        return id ? page.locator(`[id="${id}"]`).textContent() : null;
      })
      .toBe('请填写此项');
    await form.getByRole('textbox', { name: '详细地址' }).fill('迎江区人民路88号');
    await form.getByRole('radio', { name: 'B 类' }).check();
    await screenshot(page, '15-new-customer-form');
    await form.getByRole('button', { name: '保存' }).click();
    await form.waitFor({ state: 'hidden' });
    await card.getByText('刘明', { exact: true }).waitFor();
    expect(await card.getByText('B 类客户').count()).toBe(1);
    expect(await card.getByText('安庆市').count()).toBe(1);
    expect(await card.getByRole('status').textContent()).toContain('已新建客户 刘明');
    await screenshot(page, '16-new-customer-on-card');
    const check = db();
    try {
      expect(
        check
          .prepare(
            `SELECT c.name, c.class, c.province, c.city, c.address, p.phone FROM customers c
             JOIN phones p ON p.customer_id = c.id WHERE p.phone = ?`,
          )
          .all(number),
      ).toEqual([
        {
          name: '刘明',
          class: 'B',
          province: '安徽省',
          city: '安庆市',
          address: '安徽省安庆市迎江区人民路88号',
          phone: number,
        },
      ]);
      expect(
        check.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'create_customer'").get(),
      ).toEqual({ n: 1 });
    } finally {
      check.close();
    }
    // … and the search box finds them by 尾号 + name, typed without a space.
    await searchFor(`${number.slice(-4)}刘明`);
    await expect.poll(() => page.getByText('识别为：尾号+姓名/日期').count()).toBe(1);
  });
});
