/**
 * 新建客户 through the dispatcher (what the renderer calls) on real SQLite: stored with its phones,
 * audited, found at once by every lookup path; bad input refused with field codes and nothing
 * written; the service checks again when called from inside the core.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCalendar } from '@shared/common/calendar';
import { ContractError } from '@shared/common/errors';
import type { CustomerInput } from '@shared/waybills/customer';
import { CustomersRepo } from '../../../../electron/core/features/waybills/customers-repo';
import { createWaybillsFeature } from '../../../../electron/core/features/waybills';
import { AuditRepo } from '../../../../electron/core/platform/audit-repo';
import type { Db } from '../../../../electron/core/platform/db/database';
import { SettingsRepo } from '../../../../electron/core/platform/settings-repo';
import type { TestDesk } from '../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';

let desk: TestDesk;
beforeAll(async () => {
  desk = createTestDesk();
  await desk.session.signIn('1001', TEST_PASSWORD);
});
afterAll(() => desk.cleanup());

const valid: CustomerInput = {
  name: '刘明',
  phones: ['+86 139-0562-0562'],
  province: '安徽省',
  city: '安庆市',
  detail: '迎江区人民路88号',
  class: 'B',
  company: '',
};

const create = (args: unknown) => desk.dispatcher.dispatch('customer.create', args);
const rows = (sql: string, ...args: unknown[]) => desk.db.raw.prepare(sql).all(...args);

/** Everything a customer creation may touch, for before/after comparison. */
function snapshot(): string {
  return JSON.stringify([
    rows('SELECT * FROM customers ORDER BY rowid'),
    rows('SELECT * FROM phones ORDER BY phone, customer_id'),
    rows('SELECT * FROM audit_log ORDER BY rowid'),
    rows('SELECT rowid FROM customers_fts WHERE customers_fts MATCH \'name : "刘明明"\''),
    rows('SELECT count(*) AS n FROM customers_fts'),
  ]);
}

describe('creating a customer', () => {
  it('stores the customer with normalised phones and a full address, audits it, and every lookup finds them', async () => {
    const out = await create({ ...valid, company: '  安庆迎江贸易有限公司 ' });
    expect(out.ok).toBe(true);
    if (!out.ok) return;
    const created = out.value as {
      customer: { id: string; address: string; phonesMasked: string[]; company: string | null };
      sharedPhones: unknown[];
    };
    expect(created).toMatchObject({
      customer: {
        name: '刘明',
        class: 'B',
        province: '安徽省',
        city: '安庆市',
        address: '安徽省安庆市迎江区人民路88号',
        company: '安庆迎江贸易有限公司',
        phonesMasked: ['139****0562'],
      },
      sharedPhones: [],
    });
    const id = created.customer.id;
    expect(rows('SELECT phone FROM phones WHERE customer_id = ?', id)).toEqual([
      { phone: '13905620562' },
    ]);
    expect(rows('SELECT key_account_tier, created_at FROM customers WHERE id = ?', id)).toEqual([
      { key_account_tier: null, created_at: desk.clock.now() },
    ]);
    const audit = new AuditRepo(desk.db).recent(200).find((e) => e.action === 'create_customer');
    expect(audit).toMatchObject({
      subject: id,
      actorId: expect.any(String),
      at: desk.clock.now(),
      detail: { class: 'B', province: '安徽省', city: '安庆市', phones: 1, sharedWith: [] },
    });
    expect(JSON.stringify(audit)).not.toContain('13905620562'); // no phone number in the log

    // The screen pop for the caller's number now knows them …
    const pop = desk.waybills.screenPop('+86 13905620562');
    expect(pop.customers).toEqual([
      {
        id,
        name: '刘明',
        company: '安庆迎江贸易有限公司',
        class: 'B',
        keyAccountTier: null,
        city: '安庆市',
      },
    ]);
    // … and so does every search path: phone, 尾号 + name (glued too), name (B-tree and
    // full-text), company and address (full-text).
    const matched = (text: string) => desk.waybills.search(text, 50).matchedCustomers;
    expect(matched('139 0562 0562')).toBe(1);
    expect(matched('0562 刘明')).toBe(1);
    expect(matched('0562刘明')).toBe(1);
    expect(matched('刘明')).toBe(1);
    expect(matched('迎江贸易有限公司')).toBe(1);
    expect(matched('人民路88号')).toBe(1);
  });

  it('allows a phone another customer already has, and says who has it', async () => {
    const first = await create({ ...valid, name: '王芳', phones: ['13812340001'] });
    expect(first.ok).toBe(true);
    const firstId = first.ok ? (first.value as { customer: { id: string } }).customer.id : '';
    const second = await create({
      ...valid,
      name: '王小芳',
      phones: ['138 1234 0001', '0556-5551234'],
      class: 'C',
    });
    expect(second).toMatchObject({
      ok: true,
      value: {
        customer: { name: '王小芳', phonesMasked: ['138****0001', '055****1234'] },
        sharedPhones: [{ phoneMasked: '138****0001', customers: [{ id: firstId, name: '王芳' }] }],
      },
    });
    expect(
      desk.waybills
        .screenPop('13812340001')
        .customers.map((c) => c.name)
        .sort(),
    ).toEqual(['王小芳', '王芳']);
    expect(desk.waybills.screenPop('05565551234').customers.map((c) => c.name)).toEqual(['王小芳']);
    const secondId = second.ok ? (second.value as { customer: { id: string } }).customer.id : '';
    expect(new AuditRepo(desk.db).recent(200).find((e) => e.subject === secondId)).toMatchObject({
      action: 'create_customer',
      detail: { phones: 2, sharedWith: [firstId] },
    });
  });

  it('writes a municipality once in the address, and takes cities the province administers directly', async () => {
    const bj = await create({
      ...valid,
      province: '北京市',
      city: '北京市',
      detail: '朝阳区建国路1号',
    });
    expect(bj).toMatchObject({
      ok: true,
      value: { customer: { address: '北京市朝阳区建国路1号' } },
    });
    const xiantao = await create({
      ...valid,
      province: '湖北省',
      city: '仙桃市',
      detail: '干河街道1号',
    });
    expect(xiantao).toMatchObject({ ok: true, value: { customer: { city: '仙桃市' } } });
  });

  const bad: [string, unknown, { path: string; message: string }[]][] = [
    ['empty name', { ...valid, name: '   ' }, [{ path: 'name', message: 'required' }]],
    ['no name', { ...valid, name: undefined }, [{ path: 'name', message: 'required' }]],
    ['name of another type', { ...valid, name: 42 }, [{ path: 'name', message: 'invalid' }]],
    [
      'over-long name',
      { ...valid, name: '刘'.repeat(41) },
      [{ path: 'name', message: 'too_long' }],
    ],
    [
      'line break in the name',
      { ...valid, name: '刘\n明' },
      [{ path: 'name', message: 'bad_characters' }],
    ],
    [
      'over-long detail',
      { ...valid, detail: '路'.repeat(121) },
      [{ path: 'detail', message: 'too_long' }],
    ],
    ['empty detail', { ...valid, detail: '' }, [{ path: 'detail', message: 'required' }]],
    [
      'over-long company',
      { ...valid, company: '公'.repeat(61) },
      [{ path: 'company', message: 'too_long' }],
    ],
    ['no phone', { ...valid, phones: [] }, [{ path: 'phones', message: 'required' }]],
    [
      'four phones',
      { ...valid, phones: ['13800000001', '13800000002', '13800000003', '13800000004'] },
      [{ path: 'phones', message: 'too_many_phones' }],
    ],
    [
      'letters for a phone',
      { ...valid, phones: ['abc'] },
      [{ path: 'phones.0', message: 'phone_invalid' }],
    ],
    [
      'a digit short',
      { ...valid, phones: ['1390562056'] },
      [{ path: 'phones.0', message: 'phone_invalid' }],
    ],
    [
      'a service number',
      { ...valid, phones: ['95338'] },
      [{ path: 'phones.0', message: 'phone_invalid' }],
    ],
    [
      'an over-long phone',
      { ...valid, phones: ['1'.repeat(33)] },
      [{ path: 'phones.0', message: 'phone_invalid' }],
    ],
    [
      'the same phone twice, spelled differently',
      { ...valid, phones: ['13905620562', '+86 139 0562 0562'] },
      [{ path: 'phones.1', message: 'phone_repeated' }],
    ],
    ['an empty phone', { ...valid, phones: [' '] }, [{ path: 'phones.0', message: 'required' }]],
    ['no province', { ...valid, province: '' }, [{ path: 'province', message: 'required' }]],
    ['no city', { ...valid, city: ' ' }, [{ path: 'city', message: 'required' }]],
    [
      'several bad fields at once',
      { ...valid, name: '', phones: ['1'], city: '南京市' },
      [
        { path: 'name', message: 'required' },
        { path: 'phones.0', message: 'phone_invalid' },
        { path: 'city', message: 'unknown_city' },
      ],
    ],
    [
      'unknown province',
      { ...valid, province: '火星省' },
      [{ path: 'province', message: 'unknown_province' }],
    ],
    [
      'a city of another province',
      { ...valid, city: '杭州市' },
      [{ path: 'city', message: 'unknown_city' }],
    ],
    ['class D', { ...valid, class: 'D' }, [{ path: 'class', message: 'bad_class' }]],
    ['no class', { ...valid, class: undefined }, [{ path: 'class', message: 'required' }]],
    [
      'an extra key',
      { ...valid, keyAccountTier: 4 },
      [{ path: '(root)', message: expect.any(String) }],
    ],
    ['not an object', 'customer', [{ path: '(root)', message: expect.any(String) }]],
  ];

  it.each(bad)(
    'refuses %s with its field and code, and stores nothing',
    async (_, args, issues) => {
      const before = snapshot();
      const out = await create(args);
      expect(out).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
      if (!out.ok) expect(out.error.issues).toEqual(issues);
      expect(snapshot()).toBe(before);
    },
  );

  it('checks again in the service, for callers inside the core (the order form)', () => {
    const feature = createWaybillsFeature(
      {
        db: desk.db,
        clock: desk.clock,
        logger: desk.logger,
        newId: () => crypto.randomUUID(),
        settings: new SettingsRepo(desk.db),
        audit: new AuditRepo(desk.db),
        timeZone: 'Asia/Shanghai',
        calendar: () => ({ calendar: defaultCalendar, importedYears: [] }),
        emit: () => undefined,
      },
      { session: desk.session, trackingSource: null },
    );
    try {
      const before = snapshot();
      const refused = (input: unknown) => {
        try {
          feature.customers.create(input as CustomerInput);
        } catch (err) {
          return err;
        }
        return null;
      };
      const err = refused({ ...valid, phones: ['12'], city: '杭州市', extra: 1 });
      expect(err).toBeInstanceOf(ContractError);
      expect((err as ContractError).code).toBe('BAD_ARGUMENT');
      expect((err as ContractError).issues).toEqual(
        expect.arrayContaining([{ path: '(root)', message: expect.any(String) }]),
      );
      const fields = (input: unknown) =>
        ((refused(input) as ContractError).issues ?? []).map((i) => `${i.path}:${i.message}`);
      expect(fields({ ...valid, phones: ['12'], city: '杭州市' })).toEqual([
        'phones.0:phone_invalid',
        'city:unknown_city',
      ]);
      expect(snapshot()).toBe(before);
    } finally {
      feature.dispose();
    }
  });

  it('refuses a desk nobody is signed in to, and stores nothing', async () => {
    desk.session.signOut();
    try {
      const before = snapshot();
      expect(await create(valid)).toMatchObject({
        ok: false,
        error: { code: 'UNAUTHENTICATED' },
      });
      expect(snapshot()).toBe(before);
    } finally {
      await desk.session.signIn('1001', TEST_PASSWORD);
    }
  });

  it('reads phones through an index (EXPLAIN QUERY PLAN of the statements the repo prepares)', () => {
    const prepared: string[] = [];
    const recording = {
      prepare: (sql: string) => {
        prepared.push(sql);
        return desk.db.prepare(sql);
      },
    } as unknown as Db;
    new CustomersRepo(recording);
    const reads = prepared.filter((sql) => /^\s*SELECT/i.test(sql));
    expect(reads.length).toBeGreaterThan(0);
    for (const sql of reads) {
      const plan = (
        desk.db.raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x') as { detail: string }[]
      ).map((r) => r.detail);
      expect(plan.join(' | '), sql).toMatch(/SEARCH p USING PRIMARY KEY \(phone=\?\)/);
      expect(plan.join(' | '), sql).toMatch(/SEARCH c USING INDEX sqlite_autoindex_customers_1/);
      expect(
        plan.some((d) => /^SCAN (p|c|phones|customers)\b/.test(d)),
        sql,
      ).toBe(false);
    }
  });
});
