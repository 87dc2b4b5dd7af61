/**
 * The waybill's detail in the seat's workspace: beside the call, never over it (no mask, nothing
 * made inert or hidden), closed with Esc from inside it; a long unbroken note wraps; phone numbers
 * in tracking events, notes and the results' last event are masked on screen.
 */
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { SearchResult, WaybillDetail } from '@shared/contract';
import { recogniseWaybill } from '@shared/waybills/waybill';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const until = (check: () => void) => waitFor(check, { timeout: 5000 });
const courier = '19145988180';
const customer = '13812345678';
const landline = '0571-88123456';

const row = {
  id: 'w1',
  number: 'SF1234567890123',
  carrier: 'SF' as const,
  status: 'OUT_FOR_DELIVERY' as const,
  originCity: '深圳市',
  destCity: '杭州市',
  senderName: '王芳',
  receiverName: '李娜',
  createdAt: Date.UTC(2026, 10, 18),
  promisedAt: Date.UTC(2026, 10, 20),
  lastEventAt: Date.UTC(2026, 10, 20, 6),
  lastEventText: `【杭州市】派件员正在派件，电话：${courier}`,
};

const longNote = 'A'.repeat(2000);
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
    declaredValueFen: null,
    insured: false,
    freightFen: 2300,
  },
  events: [
    {
      at: Date.UTC(2026, 10, 20, 6),
      status: 'OUT_FOR_DELIVERY',
      rawState: '5',
      location: '杭州市',
      description: `【杭州市】派件员正在派件，电话：${courier}`,
    },
  ],
  anomalies: [],
  notes: [
    {
      id: 'n1',
      at: Date.UTC(2026, 10, 20, 7),
      agentName: '张伟',
      text: `客户改约，新号码 ${customer}，座机 ${landline}`,
    },
    { id: 'n2', at: Date.UTC(2026, 10, 20, 8), agentName: '张伟', text: longNote },
  ],
  asOf: null,
  source: 'mirror',
};

function setup() {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'ready' }),
    'search.query': ({ text }): SearchResult => ({
      kind: 'name',
      invalidReason: null,
      rows: [row],
      truncated: false,
      matchedCustomers: 1,
      recognition: text.startsWith('SF') ? recogniseWaybill(text) : null,
    }),
    'waybill.get': () => detail,
  });
  renderDesk(api);
  return api;
}

async function openDetail(user: ReturnType<typeof userEvent.setup>) {
  await user.type(await screen.findByRole('searchbox', { name: '查件搜索' }), '王芳{Enter}');
  await user.click(await screen.findByText('SF1234567890123'));
  return screen.findByRole('dialog', { name: /运单详情 SF1234567890123/ });
}

describe('the waybill detail beside the call', () => {
  it('is non-modal: no mask, in the side column, the call and state bar stay usable', async () => {
    const user = userEvent.setup();
    setup();
    const detail = await openDetail(user);
    expect(detail.getAttribute('aria-modal')).toBe('false');
    expect(document.querySelector('.ant-drawer-mask, .ant-modal-mask')).toBeNull();
    const side = screen.getByRole('complementary', { name: '话术与运单详情' });
    expect(side.contains(detail)).toBe(true);
    // The call area and the status bar are outside it, and nothing hides or freezes them.
    const call = screen.getByRole('region', { name: '通话' });
    const state = screen.getByRole('status', { name: '座席状态' });
    for (const el of [call, state]) {
      expect(detail.contains(el)).toBe(false);
      expect(el.closest('[inert], [aria-hidden="true"]')).toBeNull();
    }
    // The script panel has its place beside the detail.
    expect(within(side).getByRole('region', { name: '话术' })).toBeTruthy();
    // Focus went into the detail; Esc there closes it, and the side says what it will show.
    await until(() => expect(detail.contains(document.activeElement)).toBe(true));
    await user.keyboard('{Escape}');
    await until(() => expect(screen.queryByRole('dialog', { name: /运单详情/ })).toBeNull());
    expect(within(side).getByText('打开运单后，详情显示在这里（不遮挡通话）')).toBeTruthy();
  });

  it('closes with its close button; the search keeps working while it is open', async () => {
    const user = userEvent.setup();
    const api = setup();
    const detail = await openDetail(user);
    const box = screen.getByRole('searchbox', { name: '查件搜索' });
    await user.clear(box);
    await user.type(box, '李娜{Enter}');
    await until(() =>
      expect(api.calls.filter((c) => c.name === 'search.query').map((c) => c.args)).toEqual([
        { text: '王芳', limit: 1000 },
        { text: '李娜', limit: 1000 },
      ]),
    );
    expect(detail.isConnected).toBe(true); // still open beside the results
    await user.click(within(detail).getByRole('button', { name: '关闭' }));
    await until(() => expect(screen.queryByRole('dialog', { name: /运单详情/ })).toBeNull());
  });

  it('wraps a 2,000-character unbroken note instead of widening', async () => {
    const user = userEvent.setup();
    setup();
    const detail = await openDetail(user);
    const note = within(detail).getByText(longNote);
    expect(note.style.overflowWrap).toBe('anywhere');
  });
});

describe('phone numbers on screen', () => {
  it('are masked in the results, the tracking events and the notes', async () => {
    const user = userEvent.setup();
    setup();
    await user.type(await screen.findByRole('searchbox', { name: '查件搜索' }), '王芳{Enter}');
    const results = await screen.findByRole('region', { name: '查询结果' });
    await within(results).findByText('SF1234567890123');
    expect(results.textContent).toContain('191****8180');
    await user.click(within(results).getByText('SF1234567890123'));
    const detail = await screen.findByRole('dialog', { name: /运单详情/ });
    const timeline = within(detail).getByRole('region', { name: '物流轨迹' });
    expect(timeline.textContent).toContain('电话：191****8180');
    const notes = within(detail).getByRole('region', { name: '备注' });
    expect(notes.textContent).toContain('新号码 138****5678，座机 057****3456');
    // The waybill number itself is a run of digits, not a phone: left as it is.
    expect(detail.textContent).toContain('SF1234567890123');
    for (const full of [courier, customer, landline, '88123456']) {
      expect(document.body.textContent).not.toContain(full);
    }
  });
});
