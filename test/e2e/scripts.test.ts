import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { localDate } from '@shared/common/calendar';
import type { ScriptDoc } from '@shared/scripts/model';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import type { RunningKamailio } from '../sip-testbed/kamailio';
import { freeUdpPort, startKamailio } from '../sip-testbed/kamailio';
import type { SippRun } from '../sip-testbed/sipp';
import { startSipp } from '../sip-testbed/sipp';
import type { RunningHost } from './harness';
import {
  chooseOption,
  launchChromium,
  putSettings,
  registerSoftphone,
  screenshot,
  signIn,
  signedInPage,
  startHost,
  withDeskDb,
} from './harness';

const HOUR = 3_600_000;
/** Our own seeded caller: a customer alone on this number, with a parcel 滞留 for three days. */
const caller = { id: 'e2e-scripts-c1', name: '周晓梅', phone: '13355550123' };
const waybillNo = 'SF7700112233445';

/**
 * Guided call scripts (issue 13) with real programs: Kamailio, SIPp as the seeded customer, the
 * browser host, Chromium. The 催派 script starts on answer with the caller and the parcel filled
 * in; the agent holds (hold etiquette confirmed on the real hold), captures a call-back time,
 * completes the checkpoints and hangs up; the call record keeps the version and results. The lead
 * publishes v2 of the greeting with a note; the next call runs v2, the first still says v1. Bad
 * script documents and an agent's publish, sent over the browser host's socket, change nothing.
 */
describe('e2e: call scripts — compliance per call, versions pinned per call', () => {
  let pbx: RunningKamailio;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let dataDir: string;
  const sipps: SippRun[] = [];
  const callIds: string[] = [];

  const db = () => new Database(join(host.dataDir, 'desk.sqlite'), { readonly: true });
  const read = <T>(sql: string, ...args: unknown[]): T => {
    const d = db();
    try {
      return d.prepare(sql).all(...args) as T;
    } finally {
      d.close();
    }
  };
  const status = () => page.getByRole('status', { name: '座席状态' }).textContent();
  const panel = () => page.getByRole('region', { name: '话术' });
  const scriptText = () => page.getByTestId('script-text').textContent();
  /** The open compliance items (the met ones follow them as ✓ tags, not list items). */
  const openItems = () =>
    page.getByRole('list', { name: '未完成的合规项' }).getByRole('listitem').allTextContents();

  /** Sends requests over a fresh socket of the browser host, as any client of the contract. */
  const overSocket = (requests: { name: string; args: unknown }[]) =>
    page.evaluate(
      async ({ token, requests }) => {
        const ws = new WebSocket(`ws://${location.host}/api?token=${token}`);
        await new Promise((r, j) => {
          ws.onopen = r;
          ws.onerror = j;
        });
        const replies: unknown[] = [];
        for (const [i, r] of requests.entries()) {
          replies.push(
            await new Promise((resolve) => {
              const onMessage = (e: MessageEvent<string>) => {
                const m = JSON.parse(e.data) as { id?: number; outcome?: unknown };
                if (m.id !== i + 1) return;
                ws.removeEventListener('message', onMessage);
                resolve(m.outcome);
              };
              ws.addEventListener('message', onMessage);
              ws.send(JSON.stringify({ id: i + 1, name: r.name, args: r.args }));
            }),
          );
        }
        ws.close();
        return replies as { ok: boolean; value?: unknown; error?: { code: string } }[];
      },
      { token: new URL(host.url).searchParams.get('token')!, requests },
    );

  async function ring(): Promise<void> {
    const run = await startSipp({
      scenario: 'caller',
      remote: `127.0.0.1:${pbx.udpPort}`,
      service: '1002',
      vars: { CALLER: caller.phone, HANGUP_MS: 120_000 },
    });
    sipps.push(run);
    await page.getByRole('alertdialog', { name: '来电' }).waitFor({ timeout: 15_000 });
    await page.keyboard.press('Alt+a');
    await vi.waitFor(async () => expect(await status()).toBe('通话中'));
    const [latest] = read<{ id: string }[]>(
      'SELECT id FROM calls WHERE remote_number = ? ORDER BY offered_at DESC LIMIT 1',
      caller.phone,
    );
    callIds.push(latest!.id);
  }

  /** Hangs up, closes the script (a reason only while items are open) and files the call. */
  async function hangUpAndFile(reason?: string): Promise<void> {
    await page.keyboard.press('Alt+h');
    const acw = page.getByRole('region', { name: '话后整理' });
    await acw.waitFor();
    if (reason) await panel().getByLabel('未完成合规项的原因').fill(reason);
    await panel().getByRole('button', { name: '结束话术' }).click();
    await panel().getByText('本通话的话术已结束').waitFor();
    await chooseOption(page, acw.getByLabel('来电类型（必填）'), '催派');
    await page.keyboard.press('Alt+s');
    await vi.waitFor(async () => expect(await status()).not.toBe('话后整理'), { timeout: 10_000 });
  }

  async function signOut(): Promise<void> {
    await page.getByRole('button', { name: '签退' }).click();
    await page.getByRole('dialog', { name: '签退' }).getByRole('button', { name: '确认' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
  }

  beforeAll(async () => {
    const trunkPort = await freeUdpPort();
    pbx = await startKamailio({ trunk: `127.0.0.1:${trunkPort}` });
    dataDir = mkdtempSync(join(tmpdir(), 'courier-desk-e2e-'));
    // The first start seeds the demo desk; our caller and the parcel are added while it is down.
    host = await startHost({ dataDir });
    await host.stop();
    withDeskDb(dataDir, (w) => {
      // After-call work until the agent files the call (the script is closed first, unhurried).
      putSettings(w, {
        'acw.policy': {
          mode: 'until_done',
          seconds: 30,
          maxExtensions: 1,
          extendSeconds: 30,
          defaultDisposition: 'other',
        },
      });
      expect(w.prepare('SELECT 1 FROM phones WHERE phone = ?').get(caller.phone)).toBeUndefined();
      const now = Date.now();
      w.prepare(
        `INSERT INTO customers (id, name, class, province, city, address, created_at)
         VALUES (?, ?, 'B', '江苏省', '南京市', '鼓楼区中山路 8 号', ?)`,
      ).run(caller.id, caller.name, now - 400 * 24 * HOUR);
      w.prepare('INSERT INTO phones (phone, customer_id) VALUES (?, ?)').run(
        caller.phone,
        caller.id,
      );
      // In transit, no tracking event for 72 h: flagged 滞留 (stalled after 48 h).
      w.prepare(
        `INSERT INTO waybills (id, number, carrier, sender_customer_id, sender_name, sender_phone,
           sender_address, receiver_name, receiver_phone, receiver_address, origin_city, dest_city,
           service_type, item_description, weight_g, insured, freight_fen, status, created_at,
           last_event_at)
         VALUES ('e2e-scripts-w1', ?, 'SF', ?, ?, ?, '南京', '陈立', '13700000000', '成都',
           '南京市', '成都市', '标快', '衣物', 800, 0, 1500, 'IN_TRANSIT', ?, ?)`,
      ).run(waybillNo, caller.id, caller.name, caller.phone, now - 96 * HOUR, now - 72 * HOUR);
    });
    host = await startHost({ dataDir });
    browser = await launchChromium();
    page = await signedInPage(browser, host, { employeeNo: '1002', password: DEMO_PASSWORD });
    await registerSoftphone(page, pbx, '1002');
  });

  afterAll(async () => {
    for (const s of sipps) await s.stop();
    await browser?.close();
    await host?.stop();
    await pbx?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('starts 催派 on answer with the caller and the 滞留 parcel; hold etiquette on the real hold; checkpoints met; the record keeps v1', async () => {
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
    await ring();
    await panel().getByText('催派 · 第 1 版').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('script-context').textContent()).toBe(
      `客户：${caller.name} · 运单：${waybillNo}`,
    );
    expect(await scriptText()).toBe('您好，速递客服中心，工号1002，很高兴为您服务。');
    await screenshot(page, '4x-scripts-1-started-on-answer');

    // Greeting, recording notice; the parcel is confirmed by its number.
    await page.keyboard.press('Alt+y');
    await vi.waitFor(async () => expect(await scriptText()).toContain('录音'));
    await page.keyboard.press('Alt+y');
    await vi.waitFor(async () => expect(await scriptText()).toContain(waybillNo));
    await page.keyboard.press('Alt+n');
    await vi.waitFor(async () => expect(await scriptText()).toContain('核实'));
    await page.keyboard.press('Alt+y');
    // The branch on the parcel's 滞留 flag: the apology with the status.
    await vi.waitFor(async () => expect(await scriptText()).toContain('已超出正常时效'));
    expect(await scriptText()).toContain(waybillNo);
    await page.keyboard.press('Alt+n');
    await vi.waitFor(async () => expect(await scriptText()).toContain('请您稍等'));

    // The real hold (re-INVITE through Kamailio to SIPp): hold etiquette shows and becomes due.
    await page.keyboard.press('Alt+o');
    const etiquette = panel().getByRole('region', { name: '等待礼仪' });
    await etiquette.getByText('等待礼仪（通话保持中）').waitFor({ timeout: 10_000 });
    await vi.waitFor(async () => expect(await openItems()).toContain('等待礼仪'));
    await page.keyboard.press('Alt+i');
    await vi.waitFor(async () => expect(await etiquette.getByText('已说').count()).toBe(2));
    await screenshot(page, '4x-scripts-2-hold-etiquette');
    await page.keyboard.press('Alt+o');
    await etiquette.getByText('等待礼仪（保持已结束）').waitFor({ timeout: 10_000 });
    await page.keyboard.press('Alt+i');
    await vi.waitFor(async () => expect(await openItems()).not.toContain('等待礼仪'));
    await page.keyboard.press('Alt+y');

    // A bad call-back time is refused in Chinese; then a good one is captured.
    const box = panel().getByRole('textbox', { name: '回电时间' });
    await box.fill('明天下午');
    await box.press('Enter');
    await panel().getByText('请输入日期和时间，如 2026-12-03 15:00').waitFor();
    const when = `${localDate(Date.now() + 24 * HOUR, 'Asia/Shanghai')} 15:00`;
    await box.fill(when);
    await box.press('Enter');
    await vi.waitFor(async () => expect(await scriptText()).toContain(`会在 ${when} 前回电`));
    await page.keyboard.press('Alt+y');
    // "Anything else?" — no (a branch on the captured choice), then the closing phrase.
    await panel().getByRole('button', { name: '选择：没有了' }).click();
    await vi.waitFor(async () => expect(await scriptText()).toContain('感谢您的来电'));
    await page.keyboard.press('Alt+y');
    await panel().getByText('话术结束，建议小结：催派').waitFor();
    expect(await openItems()).toEqual(['合规项已全部完成']);
    await screenshot(page, '4x-scripts-3-all-checkpoints-met');

    await hangUpAndFile();
    const [record] = read<{ script_key: string; script_version: number; captured: string }[]>(
      'SELECT script_key, script_version, captured FROM call_scripts WHERE call_id = ?',
      callIds[0],
    );
    expect(record).toMatchObject({ script_key: 'chase_delivery', script_version: 1 });
    expect(JSON.parse(record!.captured)).toEqual({ callback_at: when, more: '没有了' });
    expect(
      read('SELECT item, required, outcome FROM call_checkpoints WHERE call_id = ? ORDER BY item', [
        callIds[0],
      ]),
    ).toEqual([
      { item: 'callback_promise', required: 1, outcome: 'met' },
      { item: 'closing', required: 1, outcome: 'met' },
      { item: 'greeting', required: 1, outcome: 'met' },
      { item: 'hold_etiquette', required: 1, outcome: 'met' },
      { item: 'identity', required: 1, outcome: 'met' },
      { item: 'recording_notice', required: 1, outcome: 'met' },
    ]);

    // The call history shows it, in words.
    await page.getByRole('tab', { name: '本班次' }).click();
    const table = page.getByRole('table', { name: '我的最近通话' });
    const row = table.getByRole('row').filter({ hasText: '催派（第 1 版）' });
    await row.first().waitFor({ timeout: 10_000 });
    expect(await row.first().textContent()).toContain('已完成 6');
    await row.first().getByRole('button', { name: /展开/ }).click();
    const details = table.getByRole('region', { name: '话术合规' });
    await details.waitFor();
    expect(await details.textContent()).toContain('已完成等待礼仪');
    expect(await table.textContent()).not.toMatch(/chase_delivery|hold_etiquette|callback_promise/);
    await screenshot(page, '4x-scripts-4-history-compliance');
  });

  it('the lead publishes v2 of the greeting with a note; bad documents and an agent’s publish change nothing', async () => {
    // The agent may not publish (FORBIDDEN through the dispatcher over the socket).
    const versions = () => read<{ n: number }[]>('SELECT count(*) AS n FROM script_versions')[0]!.n;
    const before = versions();
    const [agentPublish, agentVersions] = await overSocket([
      {
        name: 'scripts.publish',
        args: { key: 'chase_delivery', doc: { key: 'chase_delivery' }, note: '改', basedOn: 1 },
      },
      {
        name: 'scripts.versions',
        args: { key: 'chase_delivery' },
      },
    ]);
    // Wrong shape first: refused by the contract before any handler runs.
    expect(agentPublish).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    expect(agentVersions).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(versions()).toBe(before);

    await signOut();
    await signIn(page, '9001', DEMO_PASSWORD);
    await page.getByRole('status', { name: '座席状态' }).waitFor();
    await page.getByRole('tab', { name: '话术管理' }).click();
    const editor = page.getByRole('region', { name: '话术编辑（值班长）' });
    await chooseOption(page, editor.getByRole('combobox', { name: '话术' }), '催派');
    await editor.getByText('校验通过，可以发布').waitFor();
    await editor.getByRole('button', { name: '编辑 开场问候' }).click();
    const greet = editor.getByRole('textbox', { name: '话术内容' });
    await greet.fill('{customer.name}您好，{company}，工号{agent.no}，请问有什么可以帮您？');
    await editor.getByText('校验通过，可以发布').waitFor();
    await editor.getByRole('textbox', { name: '发布说明' }).fill('开场语称呼客户姓名');
    await screenshot(page, '4x-scripts-5-lead-edits-greeting');
    await editor.getByRole('button', { name: '发布为新版本' }).click();
    await editor.getByText('已发布第 2 版').waitFor();
    await screenshot(page, '4x-scripts-6-published-v2');
    expect(versions()).toBe(before + 1);
    const audit = read<{ detail: string }[]>(
      "SELECT detail FROM audit_log WHERE action = 'script_published' AND subject = 'chase_delivery'",
    );
    expect(audit.map((a) => JSON.parse(a.detail) as unknown)).toEqual([
      { title: '催派', version: 2, note: '开场语称呼客户姓名', basedOn: 1 },
    ]);

    // Bad documents over the socket, as the lead: each refused, nothing stored.
    const [v2] = (
      (await overSocket([{ name: 'scripts.versions', args: { key: 'chase_delivery' } }]))[0] as {
        value: { versions: { doc: ScriptDoc }[] };
      }
    ).value.versions;
    const base = v2!.doc;
    const withStep = (id: string, change: object): ScriptDoc => ({
      ...base,
      steps: base.steps.map((s) => (s.id === id ? ({ ...s, ...change } as typeof s) : s)),
    });
    const publish = (doc: unknown, note = '测试') => ({
      name: 'scripts.publish',
      args: { key: 'chase_delivery', doc, note, basedOn: 2 },
    });
    const rows = () =>
      read<unknown[]>('SELECT * FROM script_versions').length +
      read<unknown[]>("SELECT * FROM audit_log WHERE action LIKE 'script%'").length;
    const rowsBefore = rows();
    const replies = await overSocket([
      publish(withStep('cd_problem', { next: 'cd_problem' })), // a cycle with no way out
      publish(withStep('cd_problem', { text: '您好 {customer.shoeSize}' })), // unknown variable
      publish(withStep('cd_problem', { text: '长'.repeat(301) })), // over-long text
      publish({ ...base, steps: 'none' }), // wrong JSON shape
      publish(base, ''), // no note
    ]);
    for (const r of replies)
      expect(r).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    const messages = replies.map(
      (r) => (r.error as { issues?: { message: string }[] }).issues?.map((i) => i.message) ?? [],
    );
    expect(messages[0]).toContain('no_way_out');
    expect(messages[1]).toContain('unknown_variable: customer.shoeSize');
    expect(messages[2]).toContain('too_long: text:300');
    expect(rows()).toBe(rowsBefore);

    await signOut();
    await signIn(page, '1002', DEMO_PASSWORD);
    await page.getByRole('status', { name: '座席状态' }).waitFor();
    // An agent's well-formed publish: FORBIDDEN, nothing stored.
    const [forbidden] = await overSocket([publish(base, '坐席不能发布')]);
    expect(forbidden).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(rows()).toBe(rowsBefore);
  });

  it('the next call runs v2 with the caller’s name; the first call’s record still says v1', async () => {
    await vi.waitFor(
      async () =>
        expect(await page.getByRole('status', { name: '软电话' }).textContent()).toMatch(
          /^软电话已注册/,
        ),
      { timeout: 15_000 },
    );
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
    await ring();
    await panel().getByText('催派 · 第 2 版').waitFor({ timeout: 10_000 });
    expect(await scriptText()).toBe(
      `${caller.name}您好，速递客服中心，工号1002，请问有什么可以帮您？`,
    );
    await screenshot(page, '4x-scripts-7-next-call-runs-v2');
    await page.keyboard.press('Alt+y');
    await hangUpAndFile('客户已挂断');
    expect(
      read('SELECT call_id, script_version, open_reason FROM call_scripts ORDER BY started_at'),
    ).toEqual([
      { call_id: callIds[0], script_version: 1, open_reason: null },
      { call_id: callIds[1], script_version: 2, open_reason: '客户已挂断' },
    ]);
    await page.getByRole('tab', { name: '本班次' }).click();
    const table = page.getByRole('table', { name: '我的最近通话' });
    await table.getByRole('row').filter({ hasText: '催派（第 2 版）' }).first().waitFor();
    expect(await table.getByRole('row').filter({ hasText: '催派（第 1 版）' }).count()).toBe(1);
    await screenshot(page, '4x-scripts-8-history-v1-and-v2');
  });
});
