/**
 * 下单 from the call: the button (and its shortcut) in the call area while there is a call, the
 * shell switching to the 工单 tab, the form pre-filled from the caller's customer and the order
 * tied to the call — the same path the 下单 call script takes through `openOrderForm`.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CallView, RequestArgs, RequestResult } from '@shared/contract';
import { baseHandlers, idlePhone } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';
import { CUSTOMER, FULL_PHONE, context, ordersApi, summary } from './harness';

const until = (check: () => void) => waitFor(check, { timeout: 8000 });
const now = Date.now();

const liveCall: CallView = {
  id: 'call-7',
  direction: 'inbound',
  remoteNumber: FULL_PHONE,
  remoteName: null,
  customerId: CUSTOMER,
  phase: 'active',
  remoteRinging: false,
  hold: 'none',
  muted: false,
  transfer: { kind: 'none', target: null, phase: null, talkingTo: null },
  transferNote: null,
  reconnecting: false,
  offeredAt: now,
  answeredAt: now,
  holdSince: null,
  ringDeadline: null,
  endedAt: null,
  cause: null,
  hungUpBy: null,
  dtmfSent: '',
  remoteHold: false,
  remoteHoldSince: null,
  silence: null,
  sessionTimer: null,
};

const PAST = '0190f3a2-0000-7000-8000-000000000003';
/** The customer's last order (documents: no 保价 offer), phones by reference. */
const past: RequestResult<'orders.context'>['recent'][number] = {
  summary: summary({
    id: PAST,
    number: 'DD20261130000003',
    goods: '合同文件',
    category: 'documents',
  }),
  draft: {
    sender: {
      name: '张伟',
      phone: `@order:${PAST}:sender`,
      province: '广东省',
      city: '深圳市',
      district: '南山区',
      detail: '科苑路15号',
    },
    recipient: {
      name: '李娜',
      phone: `@order:${PAST}:recipient`,
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文三路90号',
    },
    goods: { description: '合同文件', category: 'documents', pieces: 1, weightKg: 0.5, dims: null },
    service: 'standard',
    pickup: { date: '2026-11-30', slot: 'morning' },
    payment: { method: 'sender', account: null },
    declaredValueFen: null,
    insurance: { outcome: null, declineReason: null },
    remarks: null,
  },
  phones: [
    { ref: `@order:${PAST}:sender`, masked: '138****8000' },
    { ref: `@order:${PAST}:recipient`, masked: '139****5678' },
  ],
};

function setup() {
  const api = ordersApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'ready' }, now),
    // The customer's context only for a customer (a walk-in has none).
    'orders.context': ({ customerId }) =>
      customerId ? { ...context(), recent: [past] } : { ...context(), customer: null },
    'orders.list': () => [],
    'orders.register': () => ({ rows: [], takeUp: [] }),
    'orders.submit': () => summary({ number: 'DD20261202000011' }),
  });
  const store = renderDesk(api);
  return { api, store };
}

/** The tabs' part of the workspace (queries over the whole desk are slow in jsdom). */
const tabs = () => document.querySelector<HTMLElement>('[data-region="tabs"]')!;

const activeTab = () =>
  screen.getAllByRole('tab').find((t) => t.getAttribute('aria-selected') === 'true')?.textContent ??
  null;

describe('下单 from the call', () => {
  it('shows 下单 only with a call; Alt+J opens the pre-filled form on 工单, tied to the call', async () => {
    const user = userEvent.setup({ delay: null });
    const { api, store } = setup();
    await screen.findByRole('status', { name: '座席状态' });
    expect(activeTab()).toBe('查件');
    // No call: no button, and the shortcut does nothing.
    expect(screen.queryByRole('button', { name: /下单/ })).toBeNull();
    await user.keyboard('{Alt>}j{/Alt}');
    expect(store.getState().orderFormRequest).toBeNull();

    act(() => api.emit('softphone.changed', { ...idlePhone, call: liveCall }));
    const button = await screen.findByRole('button', { name: /下单/ });
    expect(button.getAttribute('aria-keyshortcuts')).toBe('Alt+J');
    await user.keyboard('{Alt>}j{/Alt}');
    await until(() => expect(activeTab()).toBe('工单'));
    // The caller hangs up: the form stays, tied to the call (and the call's clocks stop ticking).
    act(() => api.emit('softphone.changed', idlePhone));
    await until(() => expect(screen.queryByRole('button', { name: /下单/ })).toBeNull());
    const card = await within(tabs()).findByRole('region', { name: '新建工单' }, { timeout: 8000 });
    const sender = await within(card).findByRole('region', { name: '寄件人' }, { timeout: 8000 });
    await until(() =>
      expect(
        (within(sender).getByRole('textbox', { name: '姓名' }) as HTMLInputElement).value,
      ).toBe('张伟'),
    );
    expect(within(sender).getByTitle('138****8000')).toBeTruthy();
    expect(document.body.textContent).not.toContain(FULL_PHONE);
    expect(api.calls.filter((c) => c.name === 'orders.context').map((c) => c.args)).toContainEqual({
      customerId: CUSTOMER,
    });
    expect(store.getState().orderFormRequest).toMatchObject({
      customerId: CUSTOMER,
      callId: 'call-7',
    });

    // Closed; on 查件 again, the button opens a fresh one.
    await user.click(within(tabs()).getByRole('button', { name: '关闭来电工单' }));
    await until(() => expect(store.getState().orderFormRequest).toBeNull());
    await user.click(screen.getByRole('tab', { name: '查件' }));
    act(() => api.emit('softphone.changed', { ...idlePhone, call: liveCall }));
    await user.click(await screen.findByRole('button', { name: /下单/ }));
    await until(() => expect(activeTab()).toBe('工单'));
    expect(store.getState().orderFormRequest?.callId).toBe('call-7');
  }, 240_000);

  it('submits the order taken from the call tied to the call and its customer', async () => {
    const user = userEvent.setup({ delay: null });
    const { api, store } = setup();
    await screen.findByRole('status', { name: '座席状态' });
    // As the 下单 button or script asks for it (the call itself is not needed from here on).
    act(() => store.getState().openOrderForm({ customerId: CUSTOMER, callId: 'call-7' }));
    const card = await within(tabs()).findByRole('region', { name: '新建工单' }, { timeout: 8000 });
    // A repeat of the customer's last order, read back, submitted.
    await user.click(
      within(card).getByRole('button', { name: '再来一单：DD20261130000003（合同文件）' }),
    );
    await until(() =>
      expect(
        (within(card).getByRole('textbox', { name: '物品名称' }) as HTMLInputElement).value,
      ).toBe('合同文件'),
    );
    expect(within(card).getByTitle('沿用原工单号码 139****5678')).toBeTruthy();
    await user.click(within(card).getByRole('button', { name: '复述确认' }));
    await user.click(await within(card).findByRole('button', { name: '客户已确认，提交' }));
    await within(card).findByText('工单号 DD20261202000011');
    const sent = api.calls.find((c) => c.name === 'orders.submit')!
      .args as RequestArgs<'orders.submit'>;
    expect(sent.callId).toBe('call-7');
    expect(sent.customerId).toBe(CUSTOMER);
    expect(sent.draft.recipient.phone).toBe(`@order:${PAST}:recipient`);
    // Done: the call's form goes.
    await user.click(within(card).getByRole('button', { name: '完成' }));
    await until(() => expect(store.getState().orderFormRequest).toBeNull());
  }, 240_000);

  it('opens from openOrderForm (the 下单 script) for a walk-in with no customer', async () => {
    const { api, store } = setup();
    await screen.findByRole('status', { name: '座席状态' });
    act(() => store.getState().openOrderForm({ customerId: null, callId: null }));
    await until(() => expect(activeTab()).toBe('工单'));
    const card = await screen.findByRole('region', { name: '新建工单' }, { timeout: 8000 });
    const sender = await within(card).findByRole('region', { name: '寄件人' }, { timeout: 8000 });
    expect((within(sender).getByRole('textbox', { name: '姓名' }) as HTMLInputElement).value).toBe(
      '',
    );
    expect(api.calls.filter((c) => c.name === 'orders.context').map((c) => c.args)).toContainEqual({
      customerId: null,
    });
    await userEvent.click(screen.getByRole('button', { name: '关闭来电工单' }));
    await until(() => expect(store.getState().orderFormRequest).toBeNull());
    expect(screen.queryByRole('button', { name: '关闭来电工单' })).toBeNull();
  }, 240_000);
});
