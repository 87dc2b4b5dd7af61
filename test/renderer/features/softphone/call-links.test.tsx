import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CallView, SoftphoneView } from '@shared/softphone/contract';
import type { ScreenPop } from '@shared/waybills/contract';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const now = Date.now();
const call: CallView = {
  id: 'c1',
  direction: 'inbound',
  remoteNumber: '13912345678',
  remoteName: null,
  customerId: null,
  phase: 'active',
  remoteRinging: false,
  hold: 'none',
  muted: false,
  transfer: { kind: 'none', target: null, phase: null, talkingTo: null },
  transferNote: null,
  reconnecting: false,
  offeredAt: now - 10_000,
  answeredAt: now - 5_000,
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
const phoneWith = (c: Partial<CallView>): SoftphoneView => ({
  ...idlePhone,
  call: { ...call, ...c },
});
const customer = (id: string, name: string) => ({
  id,
  name,
  company: null,
  class: 'B' as const,
  keyAccountTier: null,
  city: '杭州市',
});
const pop: ScreenPop = {
  number: '13912345678',
  customers: [customer('cu1', '王芳'), customer('cu2', '王磊')],
  waybills: [],
  lastContacts: [
    {
      at: Date.UTC(2026, 10, 21, 2),
      direction: 'inbound',
      disposition: null,
      agentName: null,
      answered: false,
      outcome: 'abandoned',
    },
    {
      at: Date.UTC(2026, 10, 21, 3),
      direction: 'inbound',
      disposition: null,
      agentName: null,
      answered: false,
      outcome: 'refused',
    },
  ],
};

describe('calls tied to their customer', () => {
  it('asks which of the customers on the number is calling, and ties the call to the one picked', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession(undefined, now),
      'call.linkCustomer': ({ customerId }) => phoneWith({ customerId }),
    });
    renderDesk(api);
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', phoneWith({})));
    act(() => api.emit('screenPop.ready', { callId: 'c1', pop }));
    const card = await screen.findByRole('region', { name: '来电客户' });
    // A caller who gave up and one refused while not ready no longer both read 未接.
    expect(card.textContent).toContain('客户放弃');
    expect(card.textContent).toContain('示忙拒接');
    await user.click(within(card).getByRole('button', { name: '确认来电客户是 王磊' }));
    expect(api.calls.filter((c) => c.name === 'call.linkCustomer')).toEqual([
      { name: 'call.linkCustomer', args: { callId: 'c1', customerId: 'cu2' } },
    ]);
    expect(await within(card).findByText('已关联本通电话')).toBeTruthy();
    expect(within(card).queryByRole('button', { name: '确认来电客户是 王磊' })).toBeNull();
    expect(within(card).getByRole('button', { name: '确认来电客户是 王芳' })).toBeTruthy();
  });

  it('tells the agent a ringing caller gave up, with the masked number and its own call-back', async () => {
    const user = userEvent.setup();
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession(undefined, now),
      'call.dial': () => idlePhone,
      'softphone.health': () => ({ ...baseHandlers['softphone.health'](), state: 'registered' }),
    });
    renderDesk(api);
    await screen.findByRole('status', { name: '座席状态' });
    act(() =>
      api.emit(
        'softphone.changed',
        phoneWith({
          phase: 'ended',
          answeredAt: null,
          endedAt: now,
          cause: 'remote_cancel',
          hungUpBy: 'remote',
        }),
      ),
    );
    const notice = await screen.findByRole('status', { name: '' });
    expect(notice.textContent).toContain('来电客户已挂断');
    expect(notice.textContent).toContain('139****5678');
    expect(notice.textContent).not.toContain('13912345678');
    await user.click(within(notice).getByRole('button', { name: '回拨 139****5678' }));
    expect(api.calls.filter((c) => c.name === 'call.dial')).toEqual([
      { name: 'call.dial', args: { number: '13912345678' } },
    ]);
  });
});
