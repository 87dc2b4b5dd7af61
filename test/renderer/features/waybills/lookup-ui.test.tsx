import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Handlers, SearchResult, WaybillDetail } from '@shared/contract';
import { recogniseWaybill } from '@shared/waybills/waybill';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const row = {
  id: 'w1',
  number: 'SF1234567890123',
  carrier: 'SF' as const,
  status: 'DELIVERY_FAILED' as const,
  originCity: '深圳市',
  destCity: '杭州市',
  senderName: '王芳',
  receiverName: '李娜',
  createdAt: Date.UTC(2026, 10, 18),
  promisedAt: Date.UTC(2026, 10, 20),
  lastEventAt: Date.UTC(2026, 10, 20, 6),
  lastEventText: '【杭州市】派件未成功：电话无人接听',
};

const detail: WaybillDetail = {
  waybill: {
    ...row,
    senderPhoneMasked: '138****5678',
    receiverPhoneMasked: '139****0000',
    senderAddress: '广东省深圳市南山区科技路1号',
    receiverAddress: '浙江省杭州市西湖区文化路12号',
    serviceType: '标准快递',
    itemDescription: '手机',
    weightG: 800,
    declaredValueFen: 350000,
    insured: true,
    freightFen: 2300,
  },
  events: [
    {
      at: Date.UTC(2026, 10, 20, 6),
      status: 'DELIVERY_FAILED',
      rawState: '2',
      location: '杭州市',
      description: '【杭州市】派件未成功：电话无人接听',
    },
  ],
  anomalies: [
    {
      kind: 'awaiting_sender',
      since: Date.UTC(2026, 10, 20, 6),
      deadline: Date.now() + 2 * 3_600_000,
      remainingMs: 2 * 3_600_000,
      expired: false,
      estimated: false,
      reportBy: Date.now() + 86_400_000 * 20,
      reportWindowClosed: false,
    },
  ],
  notes: [],
  asOf: Date.UTC(2026, 10, 22, 0, 0),
  source: 'mirror',
};

function setup(overrides: Partial<Handlers> = {}) {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'not_ready', reason: 'login' }),
    'agent.stateLog': () => [],
    'search.query': ({ text }): SearchResult =>
      text.startsWith('5678')
        ? {
            kind: 'invalid',
            invalidReason: 'last4_needs_more',
            rows: [],
            truncated: false,
            matchedCustomers: 0,
            recognition: null,
          }
        : {
            kind: 'waybill',
            invalidReason: null,
            rows: [row],
            truncated: false,
            matchedCustomers: 0,
            recognition: recogniseWaybill(text),
          },
    'waybill.get': () => detail,
    'waybill.revealPhone': ({ party }) => ({
      phone: party === 'sender' ? '13812345678' : '13900000000',
    }),
    'waybill.addNote': ({ text }) => ({ id: 'n1', at: Date.now(), agentName: '张伟', text }),
    ...overrides,
  });
  renderDesk(api);
  return api;
}

describe('lookup UI', () => {
  it('says how the text was read, lists results, and opens the detail with flags and offline notice', async () => {
    const user = userEvent.setup();
    setup();
    await user.type(
      await screen.findByRole('searchbox', { name: '查件搜索' }),
      'sf1234567890123{Enter}',
    );
    expect(await screen.findByText('识别为：运单号')).toBeTruthy();
    expect(screen.getByText(/顺丰速运（高）/)).toBeTruthy();
    await user.click(await screen.findByText('SF1234567890123'));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByText('无法派送，待寄件人答复')).toBeTruthy();
    expect(within(drawer).getByText(/剩余 (1小时59分钟|2小时0分钟)/)).toBeTruthy();
    expect(within(drawer).getByRole('note').textContent).toBe('离线数据，截至 2026-11-22 08:00');
    expect(within(drawer).getByText('¥3500.00')).toBeTruthy();
  });

  it('explains why a last-4 search alone is not enough', async () => {
    const user = userEvent.setup();
    setup();
    await user.type(await screen.findByRole('searchbox', { name: '查件搜索' }), '5678{Enter}');
    expect(
      await screen.findByText('尾号查询需同时提供姓名或日期范围，例如“5678 王芳”'),
    ).toBeTruthy();
  });

  it('reveals a phone only after a reason is chosen, and sends that reason', async () => {
    const user = userEvent.setup();
    const api = setup();
    await user.type(
      await screen.findByRole('searchbox', { name: '查件搜索' }),
      'SF1234567890123{Enter}',
    );
    await user.click(await screen.findByText('SF1234567890123'));
    const drawer = await screen.findByRole('dialog');
    expect(within(drawer).getByLabelText('寄件人电话').textContent).toBe('138****5678');
    await user.click(within(drawer).getByRole('button', { name: '显示号码（寄件人）' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: '显示完整号码' })).getByRole('button', {
        name: '投诉处理',
      }),
    );
    await waitFor(() =>
      expect(within(drawer).getByLabelText('寄件人电话').textContent).toBe('13812345678'),
    );
    expect(api.calls.find((c) => c.name === 'waybill.revealPhone')?.args).toEqual({
      waybillId: 'w1',
      party: 'sender',
      reason: 'complaint',
    });
  });

  it('saves a note and renders markup as text', async () => {
    const user = userEvent.setup();
    setup();
    await user.type(
      await screen.findByRole('searchbox', { name: '查件搜索' }),
      'SF1234567890123{Enter}',
    );
    await user.click(await screen.findByText('SF1234567890123'));
    const drawer = await screen.findByRole('dialog');
    const save = within(drawer).getByRole('button', { name: '保存备注' }) as HTMLButtonElement;
    expect(save.disabled).toBe(true); // nothing to save yet
    await user.type(within(drawer).getByLabelText('添加备注'), '<b>周六</b>派送');
    await user.click(save);
    expect(await within(drawer).findByText('<b>周六</b>派送')).toBeTruthy();
    expect(drawer.querySelector('b')).toBeNull();
  });

  it('shows main’s refusal when a waybill is unknown', async () => {
    const user = userEvent.setup();
    const { ContractError } = await import('@shared/common/errors');
    setup({
      'waybill.get': () => {
        throw new ContractError('NOT_FOUND', 'No waybill SF1234567890123 on this desk');
      },
    });
    await user.type(
      await screen.findByRole('searchbox', { name: '查件搜索' }),
      'SF1234567890123{Enter}',
    );
    await user.click(await screen.findByText('SF1234567890123'));
    expect(await screen.findByText('未找到')).toBeTruthy();
  });
});

describe('lookup shortcut', () => {
  it('Ctrl+K puts the cursor in the search box, as its placeholder says', async () => {
    const user = userEvent.setup();
    setup();
    const box = await screen.findByRole('searchbox', { name: '查件搜索' });
    expect(box.getAttribute('placeholder')).toBe(
      '运单号 / 手机号 / 尾号+姓名 / 姓名 / 地址（Ctrl+K）',
    );
    expect(document.activeElement).not.toBe(box);
    await user.keyboard('{Control>}k{/Control}');
    expect(document.activeElement).toBe(box);
  });
});

describe('phone search shows the caller card', () => {
  it('shows class, key-account tier and last contacts for a phone number', async () => {
    const user = userEvent.setup();
    const api = setup({
      'call.dial': () => ({ ...idlePhone }),
      'search.query': () => ({
        kind: 'phone',
        invalidReason: null,
        rows: [row],
        truncated: false,
        matchedCustomers: 1,
        recognition: null,
      }),
      'screenPop.lookup': ({ number }) => ({
        number,
        customers: [
          {
            id: 'c1',
            name: '王芳',
            company: '杭州鼎盛贸易有限公司',
            class: 'A',
            keyAccountTier: 3,
            city: '杭州市',
          },
        ],
        waybills: [],
        lastContacts: [
          {
            at: Date.UTC(2026, 10, 21, 2),
            direction: 'inbound',
            disposition: 'complaint',
            agentName: '李娜',
            answered: true,
            outcome: 'answered',
          },
        ],
      }),
    });
    await user.type(
      await screen.findByRole('searchbox', { name: '查件搜索' }),
      '138 1234 5678{Enter}',
    );
    const card = await screen.findByRole('region', { name: '来电客户' });
    expect(within(card).getByText('A 类客户')).toBeTruthy();
    expect(within(card).getByText('大客户 3 级')).toBeTruthy();
    expect(within(card).getByText(/2026-11-21 10:00 · 呼入 · 已接 · 投诉 · 李娜/)).toBeTruthy();
    // No call-back button while the softphone is not registered …
    expect(within(card).queryByRole('button', { name: /回拨/ })).toBeNull();
    act(() =>
      api.emit('softphone.health', {
        state: 'registered',
        lastError: null,
        rttMs: 3,
        since: 1,
        attempts: 0,
      }),
    );
    // … then click-to-dial the number on the card.
    await user.click(within(card).getByRole('button', { name: '回拨 138****5678' }));
    expect(api.calls.filter((c) => c.name === 'call.dial').map((c) => c.args)).toEqual([
      { number: '13812345678' },
    ]);
  });
});
