import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { localDate } from '@shared/common/calendar';
import type { RequestArgs, RequestName } from '@shared/contract';
import type { OrderDraftInput } from '@shared/orders/order';
import { systemClock } from '../../../../electron/core/platform/ports';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, addAgent, createTestDesk } from '../../../helpers/desk';
import type { OrderServer } from '../../../helpers/order-server';
import { startOrderServer } from '../../../helpers/order-server';
import { HttpOrderSink } from '../../../../electron/core/features/orders';
import shipped from '../../../../resources/rates/standard.json';

/**
 * Orders through the contract, on a real SQLite desk, delivered over HTTP to a local stand-in of
 * the order system that fails on demand. Every check counts what the server stored.
 */
describe('orders', () => {
  let desk: TestDesk;
  let server: OrderServer | null = null;
  afterEach(async () => {
    desk?.cleanup();
    await server?.stop();
    server = null;
  });

  const today = () => localDate(Date.now(), 'Asia/Shanghai');
  const call = async <N extends RequestName>(name: N, args: RequestArgs<N>) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
    return outcome.value as never;
  };
  const refused = async (name: RequestName, args: unknown) => {
    const outcome = await desk.dispatcher.dispatch(name, args);
    if (outcome.ok) throw new Error(`${name} was accepted`);
    return outcome.error;
  };
  const count = (table: string) =>
    (desk.db.raw.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  function order(patch: (o: OrderDraftInput) => void = () => undefined): OrderDraftInput {
    const o: OrderDraftInput = {
      sender: {
        name: '张伟',
        phone: '13800138000',
        province: '广东省',
        city: '深圳市',
        district: '南山区',
        detail: '科苑路15号',
      },
      recipient: {
        name: '李娜',
        phone: '0571-87654321',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路90号',
      },
      goods: { description: '笔记本电脑', category: 'electronics', pieces: 1, weightKg: 2 },
      service: 'standard',
      pickup: { date: today(), slot: 'afternoon' },
      payment: { method: 'sender' },
      declaredValueFen: 300_000,
      insurance: { outcome: 'accepted' },
      remarks: null,
    };
    patch(o);
    return o;
  }

  async function open(sink: 'server' | 'none' = 'server', signIn = '1001') {
    if (sink === 'server') server = await startOrderServer();
    desk = createTestDesk({
      clock: systemClock,
      orderSink: server
        ? new HttpOrderSink({ url: server.url, token: 't0k', timeoutSeconds: 1 })
        : null,
      orderBackoff: { initialMs: 50, maxMs: 200 },
    });
    await desk.session.signIn(signIn, TEST_PASSWORD);
  }
  const submit = (o = order(), extra: { customerId?: string | null } = {}) =>
    call('orders.submit', {
      draft: o,
      customerId: extra.customerId ?? null,
      callId: null,
      confirmed: true,
    });
  const delivered = () =>
    vi.waitFor(
      () => {
        const n = desk.db.raw
          .prepare("SELECT COUNT(*) AS n FROM orders WHERE delivery = 'queued'")
          .get() as { n: number };
        if (n.n > 0) throw new Error(`${n.n} still queued`);
      },
      { timeout: 10_000, interval: 20 },
    );

  it('fragile electronics worth 3,000 元, insured: stored, numbered, delivered once with its premium', async () => {
    await open();
    const s = (await submit()) as { number: string; totalFen: number; premiumFen: number };
    expect(s).toMatchObject({ totalFen: 1800 + 800 + 3000, premiumFen: 3000 });
    expect(s.number).toMatch(new RegExp(`^W${today().replaceAll('-', '')}-1001-001$`));
    await delivered();
    expect(server!.stored.size).toBe(1);
    const [stored] = [...server!.stored.values()];
    expect(stored!.headers.authorization).toBe('Bearer t0k');
    expect(stored!.body).toMatchObject({
      orderNumber: s.number,
      version: 1,
      agent: { employeeNo: '1001', name: '张伟' },
      quote: { totalFen: 5600, premiumFen: 3000, zone: 'national', chargeableKg: 2 },
      order: { sender: { phone: '13800138000' }, insurance: { outcome: 'accepted' } },
    });
    const [row] = (await call('orders.list', { day: today(), scope: 'mine' })) as {
      delivery: string;
      remoteRef: string;
    }[];
    expect(row).toMatchObject({ delivery: 'delivered', remoteRef: 'OS-1' });
    expect(count("audit_log WHERE action = 'order_submit'")).toBe(1);
  });

  it('refuses incomplete or forbidden orders with each field’s issue, and stores nothing', async () => {
    await open('none');
    const audits = count('audit_log');
    const cases: [string, OrderDraftInput, string[]][] = [
      [
        'no recipient phone',
        order((o) => void (o.recipient.phone = '')),
        ['recipient.phone:required'],
      ],
      [
        '现金 as goods',
        order((o) => {
          o.goods = { description: '现金', category: 'other', pieces: 1, weightKg: 1 };
          o.declaredValueFen = null;
          o.insurance = { outcome: null };
        }),
        ['goods.description:prohibited'],
      ],
      [
        'negative weight',
        order((o) => void (o.goods.weightKg = -1)),
        ['goods.weightKg:weight_invalid'],
      ],
      [
        '10,000 kg',
        order((o) => void (o.goods.weightKg = 10_000)),
        ['goods.weightKg:weight_invalid'],
      ],
      [
        '保价 not answered',
        order((o) => void (o.insurance = { outcome: null })),
        ['insurance.outcome:insurance_outcome_missing'],
      ],
    ];
    for (const [what, draft, issues] of cases) {
      const e = await refused('orders.submit', {
        draft,
        customerId: null,
        callId: null,
        confirmed: true,
      });
      expect(e.code, what).toBe('BAD_ARGUMENT');
      expect(
        (e.issues ?? []).map((d) => `${d.path}:${d.message}`),
        what,
      ).toEqual(issues);
    }
    // Not read back and confirmed; the wrong shape; an unknown customer or call.
    expect(
      (
        await refused('orders.submit', {
          draft: order(),
          customerId: null,
          callId: null,
          confirmed: false,
        })
      ).code,
    ).toBe('BAD_ARGUMENT');
    expect(
      (
        await refused('orders.submit', {
          draft: { ...order(), extra: 1 },
          customerId: null,
          callId: null,
          confirmed: true,
        })
      ).code,
    ).toBe('BAD_ARGUMENT');
    expect(
      (
        await refused('orders.submit', {
          draft: order(),
          customerId: 'nobody',
          callId: null,
          confirmed: true,
        })
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (
        await refused('orders.submit', {
          draft: order(),
          customerId: null,
          callId: 'nocall',
          confirmed: true,
        })
      ).code,
    ).toBe('NOT_FOUND');
    // Every other request with arguments of the wrong shape.
    const bad: [RequestName, unknown][] = [
      ['orders.context', { customerId: 5 }],
      ['orders.context', {}],
      ['orders.list', { day: '2026-13', scope: 'mine' }],
      ['orders.list', { day: today(), scope: 'everyone' }],
      ['orders.register', { day: today() }],
      ['orders.registerExport', { day: today(), scope: 'mine', format: 'pdf' }],
      ['orders.amend', { orderId: 'x', draft: order(), reason: '  ', confirmed: true }],
      ['orders.amend', { orderId: 'x', draft: order(), reason: '改'.repeat(201), confirmed: true }],
      ['orders.retryDelivery', { now: true }],
      ['orders.rateTable', { id: 'other' }],
    ];
    for (const [name, args] of bad) {
      expect((await refused(name, args)).code, `${name} ${JSON.stringify(args)}`).toBe(
        'BAD_ARGUMENT',
      );
    }
    expect(count('orders')).toBe(0);
    expect(count('audit_log')).toBe(audits);
  });

  it('the order system failing: 500s, no answer, a lost reply — each order reaches it exactly once', async () => {
    await open();
    server!.faults.push('error500', 'hang', 'storeThenDrop', 'error500');
    const a = (await submit()) as { id: string };
    const b = (await submit(order((o) => void (o.recipient.name = '王芳')))) as { id: string };
    await delivered();
    expect(server!.requests.map((r) => r.fault)).toEqual([
      'error500',
      'hang',
      'storeThenDrop',
      'error500',
      'ok',
      'ok',
    ]);
    // Two orders, each stored once under its own key, though the server saw six requests.
    expect([...server!.stored.keys()].sort()).toEqual([`${a.id}:1`, `${b.id}:1`].sort());
    const rows = desk.db.raw
      .prepare('SELECT id, delivery, attempts, remote_ref FROM orders ORDER BY created_at')
      .all() as { delivery: string; attempts: number; remote_ref: string }[];
    expect(rows.every((r) => r.delivery === 'delivered' && r.remote_ref)).toBe(true);
    expect(rows.reduce((n, r) => n + r.attempts, 0)).toBe(6);
  });

  it('refused by the order system (422): shown with its reason, not retried', async () => {
    await open();
    server!.faults.push('refuse422');
    const a = (await submit()) as { id: string };
    await delivered();
    const [row] = (await call('orders.list', { day: today(), scope: 'mine' })) as {
      delivery: string;
      lastError: string;
    }[];
    expect(row).toMatchObject({ delivery: 'refused', lastError: '收件地址不在服务范围' });
    expect(server!.requests).toHaveLength(1);
    expect(server!.stored.has(`${a.id}:1`)).toBe(false);
  });

  it('taken while the order system is down: delivered when it comes back (same port)', async () => {
    const probe = await startOrderServer();
    const url = probe.url;
    const port = Number(new URL(url).port);
    await probe.stop();
    desk = createTestDesk({
      clock: systemClock,
      orderSink: new HttpOrderSink({ url, timeoutSeconds: 1 }),
      orderBackoff: { initialMs: 50, maxMs: 100 },
    });
    await desk.session.signIn('1001', TEST_PASSWORD);
    await submit();
    await submit();
    await vi.waitFor(
      () => {
        const r = desk.db.raw.prepare('SELECT MIN(attempts) AS n FROM orders').get() as {
          n: number;
        };
        if (r.n < 2) throw new Error('not retried yet');
      },
      { timeout: 5000, interval: 20 },
    );
    expect(count("orders WHERE delivery = 'queued'")).toBe(2);
    server = await startOrderServer(port);
    await delivered();
    expect(server.stored.size).toBe(2);
  });

  it('an amendment is a new version with its reason: delivered again under a new key', async () => {
    await open();
    const a = (await submit()) as { id: string };
    await delivered();
    const amended = (await call('orders.amend', {
      orderId: a.id,
      draft: order((o) => void (o.recipient.detail = '文三路100号')),
      reason: '客户更正门牌号',
      confirmed: true,
    })) as { version: number; amended: boolean };
    expect(amended).toMatchObject({ version: 2, amended: true });
    await delivered();
    expect([...server!.stored.keys()].sort()).toEqual([`${a.id}:1`, `${a.id}:2`].sort());
    expect(server!.stored.get(`${a.id}:2`)!.body).toMatchObject({
      version: 2,
      amendment: { reason: '客户更正门牌号' },
      order: { recipient: { detail: '文三路100号' } },
    });
    expect(count('order_amendments')).toBe(1);
    // Another agent may not amend it; a bad amendment changes nothing.
    await desk.session.signOut();
    desk.db.raw
      .prepare(
        `INSERT INTO agents (id, employee_no, name, role, team, password_hash, disabled, created_at)
         SELECT '00000000-0000-7000-8000-999999999999', '1002', '赵敏', 'agent', team, password_hash, 0, 0
         FROM agents WHERE employee_no = '1001'`,
      )
      .run();
    await desk.session.signIn('1002', TEST_PASSWORD);
    const e = await refused('orders.amend', {
      orderId: a.id,
      draft: order(),
      reason: '试试',
      confirmed: true,
    });
    expect(e.code).toBe('FORBIDDEN');
    expect(count('order_amendments')).toBe(1);
  });

  it('the team’s orders and register are for leads; agents get FORBIDDEN', async () => {
    await open('none');
    await submit();
    for (const name of ['orders.list', 'orders.register', 'orders.registerExport'] as const) {
      const args = {
        day: today(),
        scope: 'team',
        ...(name === 'orders.registerExport' && { format: 'csv' }),
      };
      expect((await refused(name, args)).code, name).toBe('FORBIDDEN');
    }
    await desk.session.signOut();
    await desk.session.signIn('9001', TEST_PASSWORD);
    expect(await call('orders.list', { day: today(), scope: 'team' })).toHaveLength(1);
  });

  it('pre-fills from the customer with phones by reference (masked), resolved on submit', async () => {
    await open();
    const created = (await call('customer.create', {
      name: '陈晨',
      phones: ['13912345678'],
      province: '广东省',
      city: '深圳市',
      detail: '南山区科苑路15号',
      class: 'A',
    })) as { customer: { id: string } };
    const customerId = created.customer.id;
    const ctx = (await call('orders.context', { customerId })) as {
      customerClass: string;
      customer: { phones: { ref: string; masked: string }[] };
    };
    expect(ctx.customerClass).toBe('A');
    expect(ctx.customer.phones).toEqual([
      { ref: `@customer:${customerId}:0`, masked: '139****5678' },
    ]);
    expect(JSON.stringify(ctx)).not.toContain('13912345678');
    const s = (await submit(
      order((o) => void (o.sender.phone = `@customer:${customerId}:0`)),
      { customerId },
    )) as { id: string };
    await delivered();
    expect(server!.stored.get(`${s.id}:1`)!.body).toMatchObject({
      customerId,
      order: { sender: { phone: '13912345678' } },
    });
    // The past order comes back as a repeat draft, phones as references again.
    const again = (await call('orders.context', { customerId })) as {
      recent: { draft: { sender: { phone: string } } }[];
    };
    expect(again.recent[0]!.draft.sender.phone).toBe(`@order:${s.id}:sender`);
    expect(JSON.stringify(again)).not.toContain('13912345678');
    // A reference to nothing is refused at the field.
    const e = await refused('orders.submit', {
      draft: order((o) => void (o.sender.phone = `@customer:${customerId}:5`)),
      customerId,
      callId: null,
      confirmed: true,
    });
    expect(e).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'sender.phone', message: 'phone_invalid' }],
    });
  });

  it('a past order by id: phones by reference with their masked form; own orders, a lead any', async () => {
    await open();
    const a = (await submit()) as { id: string; number: string };
    await delivered();
    const past = (await call('orders.draft', { orderId: a.id })) as {
      summary: { number: string };
      draft: { sender: { phone: string }; recipient: { phone: string }; pickup: { date: string } };
      phones: { ref: string; masked: string }[];
    };
    expect(past.summary.number).toBe(a.number);
    expect(past.draft.sender.phone).toBe(`@order:${a.id}:sender`);
    expect(past.draft.recipient.phone).toBe(`@order:${a.id}:recipient`);
    expect(past.phones).toEqual([
      { ref: `@order:${a.id}:sender`, masked: '138****8000' },
      { ref: `@order:${a.id}:recipient`, masked: '057****4321' },
    ]);
    // No number in clear, in any form it was typed.
    expect(JSON.stringify(past)).not.toMatch(/13800138000|87654321/);
    // Bad and unknown ids; another agent's order.
    expect((await refused('orders.draft', { orderId: '' })).code).toBe('BAD_ARGUMENT');
    expect((await refused('orders.draft', { orderId: 'nope' })).code).toBe('NOT_FOUND');
    await desk.session.signOut();
    addAgent(desk.db, { employeeNo: '1002', name: '赵敏', role: 'agent' });
    await desk.session.signIn('1002', TEST_PASSWORD);
    expect((await refused('orders.draft', { orderId: a.id })).code).toBe('FORBIDDEN');
    // A lead amends it from the draft as given (references): the numbers go out resolved.
    await desk.session.signOut();
    await desk.session.signIn('9001', TEST_PASSWORD);
    const asLead = (await call('orders.draft', { orderId: a.id })) as { draft: OrderDraftInput };
    await call('orders.amend', {
      orderId: a.id,
      draft: { ...asLead.draft, remarks: '下午四点后取件' },
      reason: '客户改取件时间',
      confirmed: true,
    });
    await delivered();
    expect(server!.stored.get(`${a.id}:2`)!.body).toMatchObject({
      order: {
        sender: { phone: '13800138000' },
        recipient: { phone: '0571-87654321' },
        remarks: '下午四点后取件',
      },
    });
  });

  it('a lead loads a new rate table: checked, stored, audited, quoted with; agents FORBIDDEN', async () => {
    await open('none');
    const events: string[] = [];
    desk.subscribe((event) => events.push(event));
    const table = structuredClone(shipped) as typeof shipped;
    table.id = 'standard-2027-01';
    table.name = '标准价目表（2027年1月）';
    table.services.standard.zones.national!.firstFen = 2000;
    const text = JSON.stringify(table);
    const stored = () =>
      desk.db.raw.prepare("SELECT value FROM settings WHERE key = 'orders.rateTable'").get();
    // An agent may not.
    expect((await refused('orders.loadRateTable', { text })).code).toBe('FORBIDDEN');
    await desk.session.signOut();
    await desk.session.signIn('9001', TEST_PASSWORD);
    // Bad files: each problem named by its path and code; nothing stored, nothing audited.
    const problems = async (bad: string) => {
      const e = await refused('orders.loadRateTable', { text: bad });
      expect(e.code).toBe('BAD_ARGUMENT');
      return e.issues;
    };
    expect(await problems('{"id": ')).toEqual([{ path: '', message: 'not_json' }]);
    const badProvince = structuredClone(table);
    badProvince.remoteProvinces = ['新疆'];
    expect(await problems(JSON.stringify(badProvince))).toEqual([
      { path: 'remoteProvinces.0', message: 'unknown_province' },
    ]);
    const negative = structuredClone(table);
    negative.services.economy.zones.national!.additionalFen = -100;
    expect(await problems(JSON.stringify(negative))).toEqual([
      { path: 'services.economy.zones.national.additionalFen', message: 'too_small' },
    ]);
    expect((await refused('orders.loadRateTable', { text: '' })).code).toBe('BAD_ARGUMENT');
    expect(stored()).toBeUndefined();
    expect(count("audit_log WHERE action = 'rate_table_loaded'")).toBe(0);
    expect(((await call('orders.rateTable', {})) as { id: string }).id).toBe('standard-2026-12');
    // A good one: used from now on, by the core's check and by the form.
    expect(((await call('orders.loadRateTable', { text })) as { id: string }).id).toBe(
      'standard-2027-01',
    );
    expect(((await call('orders.rateTable', {})) as { id: string }).id).toBe('standard-2027-01');
    expect(events).toContain('orders.rateTableChanged');
    expect(count("audit_log WHERE action = 'rate_table_loaded'")).toBe(1);
    const s = (await submit()) as { totalFen: number };
    // 深圳 → 杭州 standard, 2 kg: 20.00 first + 8.00 additional + 30.00 premium.
    expect(s.totalFen).toBe(2000 + 800 + 3000);
  });

  it('the daily insurance register: rows, take-up, XLSX read back and CSV', async () => {
    await open('none');
    await submit(); // offered, insured
    await submit(
      order((o) => void (o.insurance = { outcome: 'declined', declineReason: '客户觉得贵' })),
    ); // offered, declined
    await submit(
      order((o) => {
        o.goods = { description: '合同', category: 'documents', pieces: 1, weightKg: 0.3 };
        o.declaredValueFen = null;
        o.insurance = { outcome: null };
      }),
    ); // not offered: not in the register
    await submit(
      order((o) => {
        o.goods = { description: '衣服', category: 'clothing', pieces: 1, weightKg: 0.5 };
        o.declaredValueFen = 10_000;
        o.insurance = { outcome: 'accepted' };
      }),
    ); // not offered (100 元 of clothes) but insured at the customer's wish: in the register only
    const reg = (await call('orders.register', { day: today(), scope: 'mine' })) as {
      rows: { outcome: string; premiumFen: number }[];
      takeUp: unknown[];
    };
    expect(reg.rows.map((r) => r.outcome)).toEqual(['accepted', 'declined', 'accepted']);
    // Take-up as the metrics count it: insured among the orders the offer applied to.
    expect(reg.takeUp).toEqual([{ agentName: '张伟', employeeNo: '1001', offered: 2, insured: 1 }]);

    const x = (await call('orders.registerExport', {
      day: today(),
      scope: 'mine',
      format: 'xlsx',
    })) as {
      fileName: string;
      base64: string;
    };
    expect(x.fileName).toBe(`保险登记表-${today()}.xlsx`);
    const book = new ExcelJS.Workbook();
    const bytes = Buffer.from(x.base64, 'base64');
    await book.xlsx.load(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    );
    const sheet = book.worksheets[0]!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '日期',
      '工单号',
      '客户',
      '物品',
      '类别',
      '声明价值（元）',
      '保价费（元）',
      '结果',
      '未保原因',
      '提示原因',
      '座席',
      '工号',
    ]);
    expect(sheet.getRow(1).font?.bold).toBe(true);
    const first = sheet.getRow(2);
    expect(first.getCell(6).value).toBe(3000);
    expect(first.getCell(7).value).toBe(30);
    expect(first.getCell(7).numFmt).toBe('0.00');
    expect(first.getCell(8).value).toBe('已保价');
    expect(sheet.getRow(3).getCell(9).value).toBe('客户觉得贵');
    expect(sheet.rowCount).toBe(4); // the header and three orders

    const c = (await call('orders.registerExport', {
      day: today(),
      scope: 'mine',
      format: 'csv',
    })) as {
      base64: string;
    };
    const csv = Buffer.from(c.base64, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFF日期,工单号')).toBe(true);
    expect(csv).toContain(',3000.00,30.00,已保价,');
    expect(csv).not.toContain('13800138000');
    expect(count("audit_log WHERE action = 'register_export'")).toBe(2);
  });
});
