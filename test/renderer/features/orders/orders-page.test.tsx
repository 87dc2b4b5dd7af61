/**
 * 工单: the day's orders with their delivery status, live through `orders.changed`; 立即重发; the
 * insurance register with its take-up rate and its export as a download; a lead's team view.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OrderSummary, RegisterRow } from '@shared/orders/contract';
import type { OrderDraft } from '@shared/orders/order';
import type { Handlers } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import { OrdersPage } from '../../../../renderer/src/features/orders';
import type { Language } from '../../../../renderer/src/app/i18n';
import { signedInSession } from '../../fixtures';
import { errorOf, ordersApi, renderOrders, summary, table } from './harness';
import { rateTableSchema } from '@shared/orders/rates';

const until = (check: () => void) => waitFor(check, { timeout: 8000 });

const row: RegisterRow = {
  day: '2026-12-02',
  orderNumber: 'DD20261202000001',
  customer: '张伟',
  goods: '笔记本电脑',
  category: 'electronics',
  declaredValueFen: 300000,
  premiumFen: 3000,
  outcome: 'accepted',
  declineReason: null,
  reasons: ['value', 'category'],
  agentName: '张伟',
  employeeNo: '1001',
};

/** The order o1's id as a reference names it (ids are UUIDv7). */
const O1 = '0190f3a2-0000-7000-8000-0000000000a1';

/** The draft of o1 as main gives it (phones by reference): an amendment starts from it. */
const o1Draft: OrderDraft = {
  sender: {
    name: '张伟',
    phone: `@order:${O1}:sender`,
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    detail: '科苑路15号',
  },
  recipient: {
    name: '李娜',
    phone: `@order:${O1}:recipient`,
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路90号',
  },
  goods: { description: '笔记本电脑', category: 'electronics', pieces: 1, weightKg: 2, dims: null },
  service: 'standard',
  pickup: { date: '2026-12-02', slot: 'afternoon' },
  payment: { method: 'sender', account: null },
  declaredValueFen: 300000,
  insurance: { outcome: 'accepted', declineReason: null },
  remarks: null,
};

function setup(
  language: Language = 'zh-CN',
  role: 'agent' | 'lead' = 'agent',
  pastOrder: Handlers['orders.draft'] = ({ orderId }) => ({
    summary: summary({ id: orderId }),
    draft: o1Draft,
    phones: [
      { ref: `@order:${O1}:sender`, masked: '138****8000' },
      { ref: `@order:${O1}:recipient`, masked: '139****5678' },
    ],
  }),
  loadRateTable: Handlers['orders.loadRateTable'] = ({ text }) =>
    rateTableSchema.parse(JSON.parse(text)),
) {
  let orders: OrderSummary[] = [
    summary(),
    summary({
      id: 'o2',
      number: 'DD20261202000002',
      goods: '合同文件',
      category: 'documents',
      insurance: null,
      premiumFen: 0,
      declaredValueFen: null,
      totalFen: 1800,
      delivery: 'refused',
      attempts: 1,
      lastError: '收件地址不在服务范围',
    }),
  ];
  const api = ordersApi({
    'orders.list': () => orders,
    'orders.register': () => ({
      rows: [row],
      takeUp: [{ agentName: '张伟', employeeNo: '1001', offered: 2, insured: 1 }],
    }),
    'orders.retryDelivery': () => ({ queued: 0 }),
    'orders.draft': pastOrder,
    'orders.loadRateTable': loadRateTable,
    'orders.amend': ({ orderId }) =>
      summary({ id: orderId, version: 2, amended: true, recipientName: '李娜' }),
    'orders.registerExport': ({ format }) => ({
      fileName: `保险登记表-2026-12-02.${format}`,
      mime: format === 'csv' ? 'text/csv' : 'application/vnd.ms-excel',
      base64: btoa('a,b\n1,2\n'),
    }),
  });
  const store = renderOrders(api, <OrdersPage />, language);
  const session = signedInSession();
  store.setState({ session: { ...session, agent: { ...session.agent, role } } });
  return {
    api,
    store,
    setOrders: (next: OrderSummary[]) => {
      orders = next;
    },
  };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the day of orders', () => {
  it('shows each delivery status and follows orders.changed', async () => {
    const user = userEvent.setup({ delay: null });
    const { api, setOrders } = setup();
    const list = await screen.findByRole(
      'region',
      { name: '今日工单（2026-12-02）' },
      { timeout: 8000 },
    );
    const first = await within(list).findByRole('row', { name: /DD20261202000001/ });
    expect(within(first).getByText('待发送')).toBeTruthy();
    expect(within(first).getByText('41.00 元')).toBeTruthy();
    expect(within(first).getByText('保价')).toBeTruthy();
    const second = within(list).getByRole('row', { name: /DD20261202000002/ });
    expect(within(second).getByText('被拒')).toBeTruthy();
    expect(within(second).getByText('原因：收件地址不在服务范围')).toBeTruthy();
    // Any of the day's orders can be amended or repeated (its draft is read from main).
    expect(within(first).getByRole('button', { name: '修改工单 DD20261202000001' })).toHaveProperty(
      'disabled',
      false,
    );
    expect(within(first).getByRole('button', { name: '再来一单 DD20261202000001' })).toBeTruthy();
    expect(api.calls.find((c) => c.name === 'orders.list')?.args).toEqual({
      day: '2026-12-02',
      scope: 'mine',
    });
    // No team view for an agent.
    expect(screen.queryByRole('radio', { name: '全组' })).toBeNull();
    // Nor the rate table (a lead's).
    expect(screen.queryByRole('region', { name: '价目表' })).toBeNull();

    setOrders([summary({ delivery: 'delivered', attempts: 1 })]);
    api.emit('orders.changed', { orderId: 'o1', delivery: 'delivered' });
    await until(() =>
      expect(
        within(within(list).getByRole('row', { name: /DD20261202000001/ })).getByText('已送达'),
      ).toBeTruthy(),
    );
    expect(within(list).queryByRole('row', { name: /DD20261202000002/ })).toBeNull();

    await user.click(within(list).getByRole('button', { name: '立即重发' }));
    await within(list).findByText('已重新发送，待发送 0 单');
    expect(api.calls.some((c) => c.name === 'orders.retryDelivery')).toBe(true);
  }, 120_000);

  it('amends a past order read from main, phones masked, with the reason required', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = setup();
    const list = await screen.findByRole(
      'region',
      { name: '今日工单（2026-12-02）' },
      { timeout: 8000 },
    );
    const amend = await within(list).findByRole('button', { name: '修改工单 DD20261202000001' });
    expect(amend).toHaveProperty('disabled', false);
    await user.click(amend);
    const dialog = await screen.findByRole('dialog', { name: '修改工单 DD20261202000001' });
    const recipient = await within(dialog).findByRole(
      'region',
      { name: '收件人' },
      { timeout: 8000 },
    );
    const detail = within(recipient).getByRole('textbox', { name: '详细地址' });
    expect((detail as HTMLInputElement).value).toBe('文三路90号');
    await user.clear(detail);
    await user.click(detail);
    await user.paste('文三路100号');
    // The number stays in main: the form shows it masked.
    expect(within(recipient).getByTitle('沿用原工单号码 139****5678')).toBeTruthy();
    expect(document.body.textContent).not.toContain('13912345678');
    await user.click(within(dialog).getByRole('button', { name: '复述确认' }));
    await within(dialog).findByText(
      /收件人：李娜，电话尾号5678，地址：浙江省杭州市西湖区文三路100号/,
    );
    await user.click(within(dialog).getByRole('button', { name: '客户已确认，提交' }));
    const reason = within(dialog).getByRole('textbox', { name: '修改原因' });
    await until(() => expect(errorOf(reason)).toBe('请填写修改原因'));
    expect(api.calls.some((c) => c.name === 'orders.amend')).toBe(false);
    await user.click(reason);
    await user.paste('客户更正收件地址');
    await user.click(within(dialog).getByRole('button', { name: '客户已确认，提交' }));
    await within(dialog).findByText('工单已修改');
    const args = api.calls.find((c) => c.name === 'orders.amend')!.args as {
      orderId: string;
      reason: string;
      confirmed: boolean;
      draft: OrderDraft;
    };
    expect(args.orderId).toBe('o1');
    expect(args.reason).toBe('客户更正收件地址');
    expect(args.confirmed).toBe(true);
    expect(args.draft.recipient.detail).toBe('文三路100号');
    expect(args.draft.recipient.phone).toBe(`@order:${O1}:recipient`);
    expect(api.calls.find((c) => c.name === 'orders.draft')?.args).toEqual({ orderId: 'o1' });
  }, 120_000);

  it("shows main's refusal of a past order and opens no form", async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = setup('zh-CN', 'agent', () => {
      throw new ContractError('FORBIDDEN', 'not yours');
    });
    const list = await screen.findByRole(
      'region',
      { name: '今日工单（2026-12-02）' },
      { timeout: 8000 },
    );
    await user.click(
      await within(list).findByRole('button', { name: '再来一单 DD20261202000001' }),
    );
    await screen.findByText('无权执行此操作');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(api.calls.filter((c) => c.name === 'orders.draft')).toHaveLength(1);
  }, 120_000);

  it('shows the insurance register with the take-up rate and downloads its export', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = setup();
    const created: Blob[] = [];
    const createObjectURL = vi.fn((b: Blob) => {
      created.push(b);
      return 'blob:register';
    });
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const downloads: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      downloads.push({ name: this.download, href: this.href });
    });
    const register = await screen.findByRole(
      'region',
      { name: '今日保价登记表（2026-12-02）' },
      { timeout: 8000 },
    );
    const line = await within(register).findByRole('row', { name: /DD20261202000001/ });
    expect(within(line).getByText('3000.00 元')).toBeTruthy();
    expect(within(line).getByText('30.00 元')).toBeTruthy();
    expect(within(register).getByRole('group', { name: '保价率' }).textContent).toBe(
      '保价率：张伟（1001）：1 / 2 单，50.0%',
    );
    await user.click(within(register).getByRole('button', { name: '导出 XLSX' }));
    await until(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toEqual({ name: '保险登记表-2026-12-02.xlsx', href: 'blob:register' });
    expect(await created[0]!.text()).toBe('a,b\n1,2\n');
    expect(api.calls.find((c) => c.name === 'orders.registerExport')?.args).toEqual({
      day: '2026-12-02',
      scope: 'mine',
      format: 'xlsx',
    });
    await user.click(within(register).getByRole('button', { name: '导出 CSV' }));
    await until(() => expect(downloads).toHaveLength(2));
    expect(downloads[1]!.name).toBe('保险登记表-2026-12-02.csv');
  }, 120_000);

  it("gives a lead the team's orders, in English", async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = setup('en', 'lead');
    const list = await screen.findByRole(
      'region',
      { name: "Today's orders (2026-12-02)" },
      { timeout: 8000 },
    );
    await within(list).findByText('Refused');
    expect(within(list).getByText('Queued')).toBeTruthy();
    await user.click(screen.getByText('Team'));
    await until(() =>
      expect(api.calls.filter((c) => c.name === 'orders.list').at(-1)?.args).toEqual({
        day: '2026-12-02',
        scope: 'team',
      }),
    );
    await until(() => expect(within(list).getAllByText('Agent').length).toBeGreaterThan(0));
    expect(screen.getByRole('region', { name: 'Insurance register (2026-12-02)' })).toBeTruthy();
    expect(screen.getByText('Take-up rate:', { exact: false })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Rate table' })).toBeTruthy();
  }, 120_000);

  it('lets a lead load a rate table: a bad file named problem by problem, nothing sent; a good one used', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = setup('zh-CN', 'lead');
    const card = await screen.findByRole('region', { name: '价目表' }, { timeout: 8000 });
    await within(card).findByText('当前报价所用：标准价目表（2026年12月）');
    const input = within(card).getByLabelText('载入新价目表（JSON 文件）');
    const file = (text: string) => new File([text], 'rates.json', { type: 'application/json' });
    await user.upload(input, file('{"id": '));
    await within(card).findByText('文件不是有效的 JSON（请检查括号、引号和逗号）');
    const bad = structuredClone(table);
    bad.remoteProvinces = ['新疆'];
    (bad.services.economy.zones.national as { additionalFen: number }).additionalFen = -100;
    await user.upload(input, file(JSON.stringify(bad)));
    const alert = await within(card).findByRole('alert');
    expect(within(alert).getByText('未载入，请修改文件后重试：')).toBeTruthy();
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      '“remoteProvinces.0”：“新疆”不是省级行政区的全称（如“浙江省”“广西壮族自治区”）',
      '“services.economy.zones.national.additionalFen”太小，至少为 0',
    ]);
    expect(api.calls.some((c) => c.name === 'orders.loadRateTable')).toBe(false);
    const good = structuredClone(table);
    good.id = 'standard-2027-01';
    good.name = '标准价目表（2027年1月）';
    await user.upload(input, file(JSON.stringify(good)));
    await within(card).findByText('已载入“标准价目表（2027年1月）”，新工单按此报价');
    await within(card).findByText('当前报价所用：标准价目表（2027年1月）');
    expect(api.calls.filter((c) => c.name === 'orders.loadRateTable')).toHaveLength(1);
  }, 120_000);

  it('refuses a rate-table file too large by its size, before reading it; nothing sent', async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = setup('zh-CN', 'lead');
    const card = await screen.findByRole('region', { name: '价目表' }, { timeout: 8000 });
    await within(card).findByText('当前报价所用：标准价目表（2026年12月）');
    const big = new File([new Uint8Array(200_000 * 4 + 1)], 'rates.json', {
      type: 'application/json',
    });
    let read = false;
    big.text = () => {
      read = true;
      return Promise.resolve('{}');
    };
    await user.upload(within(card).getByLabelText('载入新价目表（JSON 文件）'), big);
    await within(card).findByText('文件太大（最多 200000 个字符）');
    expect(read).toBe(false);
    expect(api.calls.some((c) => c.name === 'orders.loadRateTable')).toBe(false);
    await within(card).findByText('当前报价所用：标准价目表（2026年12月）');
  }, 120_000);

  it("shows main's refusal of a rate table (an agent's desk has no card)", async () => {
    const user = userEvent.setup({ delay: null });
    const { api } = setup('zh-CN', 'lead', undefined, () => {
      throw new ContractError('FORBIDDEN', 'leads only');
    });
    const card = await screen.findByRole('region', { name: '价目表' }, { timeout: 8000 });
    await user.upload(
      within(card).getByLabelText('载入新价目表（JSON 文件）'),
      new File([JSON.stringify(table)], 'rates.json', { type: 'application/json' }),
    );
    await within(card).findByText('无权执行此操作');
    expect(api.calls.filter((c) => c.name === 'orders.loadRateTable')).toHaveLength(1);
  }, 120_000);
});
