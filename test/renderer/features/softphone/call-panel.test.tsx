import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { AgentState } from '@shared/session/agent-state';
import type { CallView, SoftphoneView } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi, idlePhone } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const now = Date.now();

const baseCall: CallView = {
  id: 'c1',
  direction: 'inbound',
  remoteNumber: '13912345678',
  remoteName: '王芳',
  customerId: null,
  phase: 'offering',
  remoteRinging: false,
  hold: 'none',
  muted: false,
  transfer: { kind: 'none', target: null, phase: null, talkingTo: null },
  transferNote: null,
  reconnecting: false,
  offeredAt: now,
  answeredAt: null,
  holdSince: null,
  ringDeadline: now + 20_000,
  endedAt: null,
  cause: null,
  hungUpBy: null,
  dtmfSent: '',
  remoteHold: false,
  remoteHoldSince: null,
  silence: null,
  sessionTimer: null,
};
const withCall = (call: Partial<CallView>, extra: Partial<SoftphoneView> = {}): SoftphoneView => ({
  ...idlePhone,
  call: { ...baseCall, ...call },
  ...extra,
});

function setup(overrides: Parameters<typeof createFakeApi>[0] = {}, state?: AgentState): FakeApi {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession(state, now),
    'call.answer': () => withCall({ phase: 'active', answeredAt: Date.now(), ringDeadline: null }),
    'call.hold': () => withCall({ phase: 'active', hold: 'holding', answeredAt: now }),
    'call.dtmf': ({ tones }) => withCall({ phase: 'active', answeredAt: now, dtmfSent: tones }),
    'acw.complete': () => idlePhone,
    ...overrides,
  });
  renderDesk(api);
  return api;
}

describe('call panel', () => {
  it('rings with the caller, the pop and a countdown; Alt+A answers', async () => {
    const user = userEvent.setup();
    const api = setup();
    await screen.findByRole('status', { name: '座席状态' });
    // The deadline from the moment it rings (a loaded machine renders slowly).
    act(() => api.emit('softphone.changed', withCall({ ringDeadline: Date.now() + 20_000 })));
    act(() =>
      api.emit('screenPop.ready', {
        callId: 'c1',
        pop: { number: '13912345678', customers: [], waybills: [], lastContacts: [] },
      }),
    );
    const ring = await screen.findByRole('alertdialog', { name: '来电' });
    // Masked on the ring as everywhere (the full number never reaches the screen).
    expect(within(ring).getByLabelText('号码').textContent).toBe('139****5678');
    expect(ring.textContent).toContain('王芳');
    expect(ring.textContent).toMatch(/剩余 (19|20) 秒自动转未接/);
    expect(within(ring).getByRole('region', { name: '来电客户' }).textContent).toContain(
      '未识别的号码',
    );
    await user.keyboard('{Alt>}a{/Alt}');
    expect(api.calls.filter((c) => c.name === 'call.answer')).toEqual([
      { name: 'call.answer', args: { callId: 'c1' } },
    ]);
    expect(await screen.findByRole('button', { name: /挂断/ })).toBeTruthy();
  });

  it('Alt+H on the ringing card asks main to hang up (main rejects a ringing call, ends one answered meanwhile)', async () => {
    const user = userEvent.setup();
    // Main's answer keeps it ringing here, so the button can be pressed too.
    const api = setup({ 'call.hangup': () => withCall({ ringDeadline: Date.now() + 20_000 }) });
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', withCall({ ringDeadline: Date.now() + 20_000 })));
    const ring = await screen.findByRole('alertdialog', { name: '来电' });
    await user.keyboard('{Alt>}h{/Alt}');
    await user.click(within(ring).getByRole('button', { name: /拒接/ }));
    expect(api.calls.filter((c) => c.name.startsWith('call.'))).toEqual([
      { name: 'call.hangup', args: { callId: 'c1' } },
      { name: 'call.hangup', args: { callId: 'c1' } },
    ]);
  });

  it('shows on hold only once main confirms; a failed hold is a red warning', async () => {
    const user = userEvent.setup();
    const api = setup();
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', withCall({ phase: 'active', answeredAt: now })));
    await user.click(await screen.findByRole('button', { name: /保持/ }));
    expect(screen.getByRole('status', { name: '通话' }).textContent).toBe('正在保持…');
    act(() =>
      api.emit(
        'softphone.changed',
        withCall({ phase: 'active', answeredAt: now, hold: 'hold_failed' }),
      ),
    );
    // (Other panels may have alerts of their own on screen: look for this one.)
    expect(
      screen.getAllByRole('alert').some((a) => a.textContent?.includes('保持失败：客户仍能听到您')),
    ).toBe(true);
    act(() =>
      api.emit(
        'softphone.changed',
        withCall({
          phase: 'active',
          answeredAt: now,
          hold: 'held',
          holdSince: Date.now() - 45_000,
        }),
      ),
    );
    expect(screen.getByRole('status', { name: '通话' }).textContent).toBe('保持中');
    expect(screen.getByText(/客户已等待 4\d 秒/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /恢复通话/ })).toBeTruthy();
  });

  it('sends keypad tones and shows a refused transfer’s reason', async () => {
    const user = userEvent.setup();
    const api = setup({
      'call.transfer': () => {
        throw new ContractError(
          'BAD_ARGUMENT',
          'Cannot transfer: only digits, *, # and a leading + can be dialled',
        );
      },
    });
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', withCall({ phase: 'active', answeredAt: now })));
    await user.keyboard('{Alt>}k{/Alt}');
    await user.click(await screen.findByRole('button', { name: '拨号键盘 5' }));
    expect(api.calls.filter((c) => c.name === 'call.dtmf').map((c) => c.args)).toEqual([
      { callId: 'c1', tones: '5' },
    ]);
    await user.keyboard('{Escape}');
    await user.keyboard('{Alt>}t{/Alt}');
    const dialog = await screen.findByRole('dialog', { name: '转接电话' });
    await user.type(within(dialog).getByLabelText('转接号码或分机'), 'abc{Enter}');
    expect(api.calls.filter((c) => c.name === 'call.transfer').map((c) => c.args)).toEqual([
      { callId: 'c1', target: 'abc', mode: 'consult' },
    ]);
    // The refusal is shown (in the agent's language: ui/error-text.ts), the call goes on.
    expect((await screen.findAllByRole('alert')).length).toBeGreaterThan(0);
  });

  it('Alt+D goes to the dialler; digits typed while the keypad is open are sent', async () => {
    const user = userEvent.setup();
    const api = setup();
    const dial = await screen.findByRole('textbox', { name: '拨打号码' });
    expect(dial.getAttribute('aria-keyshortcuts')).toBe('Alt+D');
    expect(dial.getAttribute('placeholder')).toBe('输入号码拨打（Alt+D）');
    await user.keyboard('{Alt>}d{/Alt}');
    expect(document.activeElement).toBe(dial);
    act(() => api.emit('softphone.changed', withCall({ phase: 'active', answeredAt: now })));
    await user.keyboard('{Alt>}k{/Alt}');
    await screen.findByRole('group', { name: '拨号键盘' });
    await user.keyboard('7#');
    expect(api.calls.filter((c) => c.name === 'call.dtmf').map((c) => c.args)).toEqual([
      { callId: 'c1', tones: '7' },
      { callId: 'c1', tones: '#' },
    ]);
  });

  it('after-call work needs a disposition before it can be submitted', async () => {
    const user = userEvent.setup();
    const api = setup({}, { status: 'after_call_work' });
    await screen.findByRole('status', { name: '座席状态' });
    act(() =>
      api.emit(
        'softphone.changed',
        withCall(
          { phase: 'ended', answeredAt: now, endedAt: now + 60_000, cause: 'remote_hangup' },
          {
            acw: {
              callId: 'c1',
              mode: 'timed',
              since: Date.now(),
              deadline: Date.now() + 30_000,
              extensionsLeft: 2,
              next: { status: 'ready' },
              defaultDisposition: 'other',
            },
          },
        ),
      ),
    );
    const acw = await screen.findByRole('region', { name: '话后整理' });
    expect(acw.textContent).toContain('对方挂断');
    await user.click(within(acw).getByRole('button', { name: /提交并结束整理/ }));
    expect(within(acw).getByRole('alert').textContent).toBe('请选择来电类型');
    expect(api.calls.some((c) => c.name === 'acw.complete')).toBe(false);
    await user.click(within(acw).getByLabelText('来电类型（必填）'));
    await user.click(await screen.findByTitle('催派'));
    await user.type(within(acw).getByLabelText('通话小结'), '客户催件');
    await user.keyboard('{Alt>}s{/Alt}');
    expect(api.calls.filter((c) => c.name === 'acw.complete').map((c) => c.args)).toEqual([
      { disposition: 'chase_delivery', notes: '客户催件', next: { status: 'ready' } },
    ]);
  });

  it('a missed call must be acknowledged, which makes the agent ready', async () => {
    const user = userEvent.setup();
    const api = setup(
      {
        'agent.setState': ({ target }) => ({
          ...signedInSession(target, now),
          stateSince: Date.now(),
        }),
      },
      { status: 'not_ready', reason: 'missed_offer' },
    );
    await user.click(await screen.findByRole('button', { name: /确认并示闲/ }));
    expect(api.calls.filter((c) => c.name === 'agent.setState').map((c) => c.args)).toEqual([
      { target: { status: 'ready' } },
    ]);
  });

  it('every call control has a keyboard shortcut (consult: Alt+C / Alt+W / Alt+X)', async () => {
    const user = userEvent.setup();
    const consulting = withCall({
      phase: 'active',
      answeredAt: now,
      hold: 'held',
      holdSince: now,
      transfer: { kind: 'consult', target: '2001', phase: 'talking', talkingTo: 'target' },
    });
    const api = setup({
      'call.consult': ({ action }) =>
        action === 'cancel'
          ? withCall({ phase: 'active', answeredAt: now, hold: 'held' })
          : consulting,
    });
    await screen.findByRole('status', { name: '座席状态' });
    act(() => api.emit('softphone.changed', consulting));
    const regions = await screen.findAllByRole('region', { name: '通话' });
    const buttons = within(regions[regions.length - 1]!).getAllByRole('button');
    expect(buttons.length).toBeGreaterThanOrEqual(8);
    for (const b of buttons) {
      expect(b.getAttribute('aria-keyshortcuts'), b.textContent ?? '').toMatch(/^Alt\+[A-Z]$/);
    }
    await user.keyboard('{Alt>}w{/Alt}');
    await user.keyboard('{Alt>}x{/Alt}');
    expect(api.calls.filter((c) => c.name === 'call.consult').map((c) => c.args)).toEqual([
      { callId: 'c1', action: 'swap' },
      { callId: 'c1', action: 'cancel' },
    ]);
  });

  it('lists recent calls: masked number (or 未知号码), customer, talk and hold time, cause, disposition, waybills', async () => {
    const user = userEvent.setup();
    const rec = {
      id: 'r1',
      sipCallId: 'x@pbx',
      direction: 'inbound' as const,
      remoteNumber: '13912345678',
      remoteNumberRaw: '+86 139 1234 5678',
      remoteName: null,
      customerId: 'cu1',
      customerName: '王芳',
      waybillNumbers: ['SF1234567890', 'YT9876543210'],
      offeredAt: Date.UTC(2026, 10, 22, 1, 0, 0),
      answeredAt: Date.UTC(2026, 10, 22, 1, 0, 5),
      endedAt: Date.UTC(2026, 10, 22, 1, 2, 5),
      endCause: 'remote_hangup',
      hungUpBy: 'remote' as const,
      holdMs: 15_000,
      holdCount: 1,
      transferTarget: null,
      transferResult: null,
      acwEndedAt: Date.UTC(2026, 10, 22, 1, 2, 35),
      disposition: 'tracking' as const,
      autoClassified: false,
      notes: null,
    };
    setup({
      'call.history': () => [
        rec,
        {
          ...rec,
          id: 'r2',
          endCause: 'normal_clearing',
          holdCount: 0,
          holdMs: 0,
          disposition: null,
          acwEndedAt: null,
          remoteNumber: '',
          remoteNumberRaw: 'anonymous',
          customerId: null,
          customerName: null,
          waybillNumbers: [],
        },
      ],
    });
    await user.click(await screen.findByRole('tab', { name: '本班次' }));
    const table = await screen.findByRole('table', { name: '我的最近通话' });
    const rows = within(table).getAllByRole('row').slice(1);
    // … and — in the script-compliance column: no script ran on it.
    expect(rows[0]!.textContent).toBe(
      '2026-11-22 09:00呼入139****5678王芳2:000:15对方挂断查件—SF1234567890、YT9876543210',
    );
    // A withheld caller reads 未知号码; a cause from older data or another system is never shown
    // raw (normal_clearing): it reads 其他原因.
    expect(rows[1]!.textContent).toBe('2026-11-22 09:00呼入未知号码—2:00—其他原因———');
  });
});
