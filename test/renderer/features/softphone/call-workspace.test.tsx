import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AgentState } from '@shared/session/agent-state';
import { dispositions, endCauses } from '@shared/softphone/call-state';
import type { CallRecord, CallView, Handlers, Session, SoftphoneView } from '@shared/contract';
import { languages } from '../../../../renderer/src/app/i18n';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { createTestI18n, renderDesk, signedInSession } from '../../fixtures';

/**
 * The seat during and after a call (issue 12): after-call work warns before it files the default
 * call type (自动归类) and follows the pick for after the call; the missed-call banner names the
 * number and calls it back; history marks auto-classified calls and never shows a raw cause.
 */
const call = (extra: Partial<CallView> = {}): CallView => ({
  id: 'c1',
  direction: 'inbound',
  remoteNumber: '13912345678',
  remoteName: null,
  customerId: null,
  phase: 'ended',
  remoteRinging: false,
  hold: 'none',
  muted: false,
  transfer: { kind: 'none', target: null, phase: null, talkingTo: null },
  transferNote: null,
  reconnecting: false,
  offeredAt: Date.now() - 90_000,
  answeredAt: Date.now() - 80_000,
  holdSince: null,
  ringDeadline: null,
  endedAt: Date.now() - 20_000,
  cause: 'remote_hangup',
  hungUpBy: 'remote',
  dtmfSent: '',
  remoteHold: false,
  remoteHoldSince: null,
  silence: null,
  sessionTimer: null,
  ...extra,
});

const inAcw = (msLeft: number, extensionsLeft = 1): SoftphoneView => ({
  ...idlePhone,
  call: call(),
  acw: {
    callId: 'c1',
    mode: 'timed',
    since: Date.now() - 20_000,
    deadline: Date.now() + msLeft,
    extensionsLeft,
    next: { status: 'ready' },
    defaultDisposition: 'other',
  },
});

const record = (extra: Partial<CallRecord> = {}): CallRecord => ({
  id: 'r1',
  sipCallId: 'x@pbx',
  direction: 'inbound',
  remoteNumber: '13912345678',
  remoteNumberRaw: null,
  remoteName: null,
  customerId: null,
  customerName: null,
  waybillNumbers: [],
  offeredAt: Date.UTC(2026, 10, 22, 1, 0, 0),
  answeredAt: Date.UTC(2026, 10, 22, 1, 0, 5),
  endedAt: Date.UTC(2026, 10, 22, 1, 2, 5),
  endCause: 'remote_hangup',
  hungUpBy: 'remote',
  holdMs: 0,
  holdCount: 0,
  transferTarget: null,
  transferResult: null,
  acwEndedAt: Date.UTC(2026, 10, 22, 1, 2, 35),
  disposition: 'other',
  autoClassified: true,
  notes: null,
  ...extra,
});

function setup(
  state: AgentState,
  overrides: Partial<Handlers> = {},
  session: Partial<Session> = {},
  language: 'zh-CN' | 'en' = 'zh-CN',
): FakeApi {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => ({ ...signedInSession(state), ...session }),
    'acw.extend': () => inAcw(40_000, 0),
    'acw.complete': () => idlePhone,
    ...overrides,
  });
  renderDesk(api, language);
  return api;
}

const sent = (api: FakeApi, name: string) =>
  api.calls.filter((c) => c.name === name).map((c) => c.args);

describe('after-call work that times out', () => {
  it('warns in the last 10 s with the extend key, and Alt+E extends', async () => {
    const user = userEvent.setup();
    const api = setup({ status: 'after_call_work' });
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', inAcw(25_000)));
    const acw = await screen.findByRole('region', { name: '话后整理' });
    expect(within(acw).queryByRole('alert')).toBeNull();
    act(() => api.emit('softphone.changed', inAcw(8_000)));
    const warning = await within(acw).findByRole('alert');
    expect(warning.textContent).toMatch(
      /^[7-9] 秒后将自动归类为“其他”并结束整理。需要更多时间请按 Alt\+E 延长$/,
    );
    await user.keyboard('{Alt>}e{/Alt}');
    expect(sent(api, 'acw.extend')).toEqual([{}]);
    // Extended: 40 s left, no warning.
    await waitFor(() => expect(within(acw).queryByRole('alert')).toBeNull());
    // No extension left: the warning says so, without a key.
    act(() => api.emit('softphone.changed', inAcw(5_000, 0)));
    expect((await within(acw).findByRole('alert')).textContent).toMatch(
      /^[4-6] 秒后将自动归类为“其他”并结束整理（已无延长次数）$/,
    );
    // The countdown and the warning say the same number of seconds.
    const seconds = /^(\d+)/.exec((await within(acw).findByRole('alert')).textContent ?? '')![1];
    expect(acw.textContent).toContain(`剩余 0:0${seconds}`);
    // The caller's number is masked on the ACW card too.
    expect(acw.textContent).toContain('139****5678');
    expect(acw.textContent).not.toContain('13912345678');
  });

  it('in English too', async () => {
    const api = setup({ status: 'after_call_work' }, {}, {}, 'en');
    await screen.findByRole('status', { name: 'Agent state' });
    act(() => api.emit('softphone.changed', inAcw(6_000)));
    const acw = await screen.findByRole('region', { name: 'After-call work' });
    expect((await within(acw).findByRole('alert')).textContent).toMatch(
      /^In [5-7] s this call is filed as “Other” and wrap-up ends\. Press Alt\+E for more time$/,
    );
  });

  it('shows and submits the state picked for after the call; picking here asks main to keep it', async () => {
    const user = userEvent.setup();
    const api = setup(
      { status: 'after_call_work' },
      {
        'agent.setState': ({ target }) => ({
          ...signedInSession({ status: 'after_call_work' }),
          afterCall: target as Session['afterCall'] & object,
        }),
      },
      { afterCall: { status: 'break', reason: 'meal' } },
    );
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', inAcw(25_000)));
    const acw = await screen.findByRole('region', { name: '话后整理' });
    const next = within(acw).getByLabelText('整理后状态');
    expect(next.closest('.ant-select')?.textContent).toContain('小休 · 用餐');
    await user.click(next);
    await user.click(await screen.findByTitle('示忙 · 客户回访'));
    expect(sent(api, 'agent.setState')).toEqual([
      { target: { status: 'not_ready', reason: 'callback' } },
    ]);
    await waitFor(() =>
      expect(screen.getByRole('status', { name: '本通话后' }).textContent).toContain(
        '示忙 · 客户回访',
      ),
    );
    await user.click(within(acw).getByLabelText('来电类型（必填）'));
    await user.click(await screen.findByTitle('查件'));
    await user.keyboard('{Alt>}s{/Alt}');
    expect(sent(api, 'acw.complete')).toEqual([
      { disposition: 'tracking', next: { status: 'not_ready', reason: 'callback' } },
    ]);
  });
});

describe('the missed-call banner', () => {
  const registered = {
    'softphone.health': () => ({
      state: 'registered' as const,
      lastError: null,
      rttMs: 20,
      since: 0,
      attempts: 1,
    }),
    'call.dial': () => ({ ...idlePhone, call: call({ direction: 'outbound', phase: 'dialing' }) }),
  };

  it('names the missed number, masked, and calls it back with its own 回拨 (Alt+B)', async () => {
    const user = userEvent.setup();
    const api = setup(
      { status: 'not_ready', reason: 'missed_offer' },
      {
        ...registered,
        'softphone.state': () => ({
          ...idlePhone,
          call: call({ cause: 'ring_timeout', answeredAt: null, hungUpBy: 'system' }),
        }),
      },
    );
    const banner = (await screen.findByText('有一个未接来电')).closest('[role="status"]')!;
    expect(banner.textContent).toContain('139****5678 的来电未接听');
    expect(document.body.textContent).not.toContain('13912345678');
    const callBack = within(banner as HTMLElement).getByRole('button', {
      name: '回拨 139****5678',
    });
    expect(callBack.getAttribute('aria-keyshortcuts')).toBe('Alt+B');
    await user.keyboard('{Alt>}b{/Alt}');
    expect(sent(api, 'call.dial')).toEqual([{ number: '13912345678' }]);
  });

  it('finds the number in history when the phone has moved on, and cannot call back while unregistered', async () => {
    const user = userEvent.setup();
    const api = setup(
      { status: 'not_ready', reason: 'missed_offer' },
      {
        'call.history': () => [
          record({
            remoteNumber: '13800001111',
            endCause: 'ring_timeout',
            answeredAt: null,
            disposition: null,
            autoClassified: false,
          }),
        ],
      },
    );
    const banner = (await screen.findByText('有一个未接来电')).closest('[role="status"]')!;
    await waitFor(() => expect(banner.textContent).toContain('138****1111'));
    const callBack = within(banner as HTMLElement).getByRole('button', {
      name: '回拨 138****1111',
    }) as HTMLButtonElement;
    expect(callBack.disabled).toBe(true);
    await user.keyboard('{Alt>}b{/Alt}');
    expect(sent(api, 'call.dial')).toEqual([]);
  });
});

describe('我的最近通话', () => {
  it('marks auto-classified calls and reads unknown causes and call types in the agent’s language', async () => {
    const user = userEvent.setup();
    setup(
      { status: 'ready' },
      {
        'call.history': () => [
          record(),
          record({ id: 'r2', endCause: 'normal_clearing', autoClassified: false }),
        ],
      },
    );
    await user.click(await screen.findByRole('tab', { name: '本班次' }));
    const table = await screen.findByRole('table', { name: '我的最近通话' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows[0]!.textContent).toContain('其他自动归类');
    expect(rows[1]!.textContent).toContain('其他原因');
    expect(rows[1]!.textContent).not.toContain('自动归类');
    expect(table.textContent).not.toContain('normal_clearing');
  });

  it('has text in both languages for every end cause and call type, none the bare key', () => {
    for (const language of languages) {
      const i18n = createTestI18n(language);
      const t = i18n.getFixedT(language, 'softphone');
      for (const c of endCauses) {
        const key = `call.causes.${c}`;
        expect(i18n.exists(`softphone:${key}`, { lng: language, fallbackLng: false }), key).toBe(
          true,
        );
        expect(t(key), key).not.toBe(c);
      }
      for (const d of dispositions) {
        const key = `dispositions.${d}`;
        expect(i18n.exists(`softphone:${key}`, { lng: language, fallbackLng: false }), key).toBe(
          true,
        );
        expect(t(key), key).not.toBe(d);
      }
      for (const key of ['call.causeOther', 'dispositions.unknown', 'call.autoClassified']) {
        expect(i18n.exists(`softphone:${key}`, { lng: language, fallbackLng: false }), key).toBe(
          true,
        );
      }
    }
  });
});
