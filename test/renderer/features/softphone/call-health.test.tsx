import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { CallView, SoftphoneView } from '@shared/contract';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { createTestI18n, renderDesk, signedInSession } from '../../fixtures';

/** The live-call panel's side of dead calls and the customer's hold (ADR 0012). */
const now = Date.now();

const talking: CallView = {
  id: 'c1',
  direction: 'inbound',
  remoteNumber: '13912345678',
  remoteName: '王芳',
  customerId: null,
  phase: 'active',
  remoteRinging: false,
  hold: 'none',
  muted: false,
  transfer: { kind: 'none', target: null, phase: null, talkingTo: null },
  transferNote: null,
  reconnecting: false,
  offeredAt: now - 60_000,
  answeredAt: now - 55_000,
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
const phone = (call: Partial<CallView>): SoftphoneView => ({
  ...idlePhone,
  call: { ...talking, ...call },
});

async function setup(language: 'zh-CN' | 'en' = 'zh-CN'): Promise<FakeApi> {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession({ status: 'in_call' }, now),
    'call.keep': () => phone({}),
    'call.hold': () => phone({ hold: 'holding', remoteHold: true, remoteHoldSince: now }),
  });
  renderDesk(api, language);
  await screen.findByRole('status', { name: language === 'en' ? 'Agent state' : '座席状态' });
  return api;
}

describe('the customer’s hold in the live-call panel', () => {
  it('shows 客户端已保持 with its timer, apart from the agent’s hold and its controls', async () => {
    const user = userEvent.setup();
    const api = await setup();
    act(() =>
      api.emit(
        'softphone.changed',
        phone({ remoteHold: true, remoteHoldSince: Date.now() - 12_000 }),
      ),
    );
    const banner = await screen.findByRole('status', { name: '客户端已保持' });
    expect(banner.textContent).toMatch(/^客户端已保持 0:1[23]$/);
    expect(within(banner).getByLabelText('客户端保持时长').textContent).toMatch(/^0:1[23]$/);
    // The agent's own state is untouched: still 通话中, the hold button still offers 保持.
    expect(screen.getByRole('status', { name: '通话' }).textContent).toBe('通话中');
    expect(screen.queryByText('保持中')).toBeNull();
    expect(screen.queryByLabelText('保持时长')).toBeNull();
    const hold = screen.getByRole('button', { name: /^保持/ });
    expect(hold.getAttribute('aria-keyshortcuts')).toBe('Alt+O');
    expect(hold.hasAttribute('disabled')).toBe(false);
    await user.click(hold);
    expect(api.calls.filter((c) => c.name === 'call.hold')).toEqual([
      { name: 'call.hold', args: { callId: 'c1' } },
    ]);
    // The customer takes the call back: the banner goes.
    act(() => api.emit('softphone.changed', phone({})));
    expect(screen.queryByRole('status', { name: '客户端已保持' })).toBeNull();
  });

  it('the timer counts on screen', async () => {
    const api = await setup();
    act(() =>
      api.emit(
        'softphone.changed',
        phone({ remoteHold: true, remoteHoldSince: Date.now() - 1_000 }),
      ),
    );
    const time = () => screen.getByLabelText('客户端保持时长').textContent;
    expect(time()).toMatch(/^0:0[12]$/);
    await screen.findByText('0:03', {}, { timeout: 4000 });
  });

  it('is named in English too', async () => {
    const api = await setup('en');
    act(() =>
      api.emit('softphone.changed', phone({ remoteHold: true, remoteHoldSince: Date.now() })),
    );
    const banner = await screen.findByRole('status', { name: 'Customer put you on hold' });
    expect(within(banner).getByLabelText('Customer hold time').textContent).toBe('0:00');
  });
});

describe('the silence warning (对方可能已挂断)', () => {
  it('warns with the silence so far and the time left; the keep button and Alt+L keep the call', async () => {
    const user = userEvent.setup();
    const api = await setup();
    act(() => api.emit('softphone.changed', phone({})));
    // No warning, no keep button: Alt+L does nothing.
    await user.keyboard('{Alt>}l{/Alt}');
    expect(screen.queryByRole('alert', { name: '对方可能已挂断' })).toBeNull();
    expect(api.calls.some((c) => c.name === 'call.keep')).toBe(false);

    const t = Date.now();
    act(() =>
      api.emit('softphone.changed', phone({ silence: { since: t - 20_000, endsAt: t + 15_000 } })),
    );
    const alert = await screen.findByRole('alert', { name: '对方可能已挂断' });
    expect(alert.textContent).toMatch(/已 (19|20|21) 秒未收到对方声音，(14|15|16) 秒后自动挂断。/);
    const keep = within(alert).getByRole('button', { name: /^继续通话/ });
    expect(keep.getAttribute('aria-keyshortcuts')).toBe('Alt+L');
    expect(keep.textContent).toContain('Alt+L');
    // Every control of the live call has its shortcut.
    const regions = screen.getAllByRole('region', { name: '通话' });
    for (const b of within(regions[regions.length - 1]!).getAllByRole('button')) {
      expect(b.getAttribute('aria-keyshortcuts'), b.textContent ?? '').toMatch(/^Alt\+[A-Z]$/);
    }
    // Alt+L keeps it; main's answer has no warning any more, so it goes.
    await user.keyboard('{Alt>}l{/Alt}');
    await waitFor(() => expect(screen.queryByRole('alert', { name: '对方可能已挂断' })).toBeNull());
    // Warned again later: the button keeps it too.
    act(() => api.emit('softphone.changed', phone({ silence: { since: t, endsAt: t + 15_000 } })));
    await user.click(await screen.findByRole('button', { name: /^继续通话/ }));
    expect(api.calls.filter((c) => c.name === 'call.keep').map((c) => c.args)).toEqual([
      { callId: 'c1' },
      { callId: 'c1' },
    ]);
    expect(screen.queryByRole('alert', { name: '对方可能已挂断' })).toBeNull();
  });

  it('is named in English too', async () => {
    const user = userEvent.setup();
    const api = await setup('en');
    const t = Date.now();
    act(() =>
      api.emit('softphone.changed', phone({ silence: { since: t - 20_000, endsAt: t + 10_000 } })),
    );
    const alert = await screen.findByRole('alert', { name: 'The caller may have hung up' });
    expect(alert.textContent).toMatch(
      /No audio from the caller for (19|20|21) s; hanging up in (9|10|11) s\./,
    );
    await user.click(within(alert).getByRole('button', { name: /^Keep call/ }));
    expect(api.calls.filter((c) => c.name === 'call.keep')).toHaveLength(1);
  });
});

describe('the end causes of dead calls', () => {
  it.each([
    ['zh-CN', 'media_timeout', '无声超时（对方可能已挂断）'],
    ['zh-CN', 'session_expired', '会话超时（对方无响应）'],
    ['zh-CN', 'interval_too_small', '会话间隔过短（422）'],
    ['en', 'media_timeout', 'Silent too long (caller likely gone)'],
    ['en', 'session_expired', 'Session expired (no refresh)'],
    ['en', 'interval_too_small', 'Session interval too small (422)'],
  ] as const)('%s names %s', (language, cause, text) => {
    expect(createTestI18n(language).t(`softphone:call.causes.${cause}`)).toBe(text);
  });
});
