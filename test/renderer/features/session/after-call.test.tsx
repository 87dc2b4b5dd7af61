import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentState } from '@shared/session/agent-state';
import { checkAfterCallChoice, checkChosenTarget, inCallFlow } from '@shared/session/agent-state';
import type { Handlers, Session } from '@shared/contract';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

/**
 * "After this call" in the status bar (issue 12): during a call F2/F3/F4 (and sign-out) pick the
 * state for when the call and its after-call work end; the pick shows, Alt+Z cancels it.
 */
function fakeMain(state: AgentState): { api: FakeApi; session(): Session } {
  let session: Session = signedInSession(state);
  const handlers: Partial<Handlers> = {
    ...baseHandlers,
    'auth.session': () => session,
    'agent.setState': ({ target }) => {
      // Main's rules, the shared ones: a pick during a call waits for the call.
      const pick = inCallFlow(session.state)
        ? checkAfterCallChoice(session.state, checkChosenTarget(target))
        : null;
      session = pick ? { ...session, afterCall: pick } : { ...session, state: target };
      return session;
    },
    'agent.cancelAfterCall': () => {
      const { afterCall: _gone, ...rest } = session;
      session = rest;
      return session;
    },
    'auth.signOut': () => {
      if (!inCallFlow(session.state)) return null;
      session = { ...session, afterCall: { status: 'offline' } };
      return session;
    },
  };
  return { api: createFakeApi(handlers), session: () => session };
}

const bar = () => screen.getByRole('region', { name: '座席状态' });
const picked = () => screen.queryByRole('status', { name: '本通话后' });
const requests = (api: FakeApi, name: string) =>
  api.calls.filter((c) => c.name === name).map((c) => c.args);

describe('status bar: the state picked for after the call', () => {
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    user = userEvent.setup();
  });

  it('F4 during a call keeps 小休 for after it, shows it, and Alt+Z cancels it', async () => {
    const main = fakeMain({ status: 'in_call' });
    renderDesk(main.api);
    const status = await screen.findByRole('status', { name: '座席状态' });
    // The state buttons say what they do during a call.
    expect(within(bar()).getByRole('button', { name: '本通话后小休' })).toBeTruthy();
    expect(within(bar()).getByRole('button', { name: '本通话后示闲' })).toBeTruthy();
    await user.keyboard('{F4}');
    await screen.findByRole('dialog', { name: '选择小休原因' });
    await user.keyboard('1');
    await waitFor(() => expect(picked()?.textContent).toContain('本通话后：小休 · 用餐'));
    expect(status.textContent).toBe('通话中');
    expect(requests(main.api, 'agent.setState')).toEqual([
      { target: { status: 'break', reason: 'meal' } },
    ]);
    const cancel = within(picked()!).getByRole('button', {
      name: '取消“本通话后：小休 · 用餐”',
    });
    expect(cancel.getAttribute('aria-keyshortcuts')).toBe('Alt+Z');
    expect(cancel.textContent).toContain('Alt+Z');
    await user.keyboard('{Alt>}z{/Alt}');
    await waitFor(() => expect(picked()).toBeNull());
    expect(requests(main.api, 'agent.cancelAfterCall')).toEqual([{}]);
    // Nothing picked: Alt+Z does nothing.
    await user.keyboard('{Alt>}z{/Alt}');
    expect(requests(main.api, 'agent.cancelAfterCall')).toHaveLength(1);
  });

  it('a later pick replaces the earlier one; the cancel button works too', async () => {
    const main = fakeMain({ status: 'after_call_work' });
    renderDesk(main.api);
    await screen.findByRole('status', { name: '座席状态' });
    await user.keyboard('{F3}');
    await screen.findByRole('dialog', { name: '选择示忙原因' });
    await user.keyboard('1');
    await waitFor(() => expect(picked()?.textContent).toContain('本通话后：示忙 · 事务处理'));
    await user.keyboard('{F2}');
    await waitFor(() => expect(picked()?.textContent).toContain('本通话后：示闲'));
    // 示闲 is already picked: its button is off.
    expect(
      (within(bar()).getByRole('button', { name: '本通话后示闲' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await user.click(within(picked()!).getByRole('button', { name: /^取消/ }));
    await waitFor(() => expect(picked()).toBeNull());
  });

  it('sign-out during a call is confirmed as “after this call” and keeps the console signed in', async () => {
    const main = fakeMain({ status: 'in_call' });
    renderDesk(main.api);
    await screen.findByRole('status', { name: '座席状态' });
    await user.click(within(bar()).getByRole('button', { name: '本通话后签退' }));
    const dialog = await screen.findByRole('dialog', { name: '签退' });
    expect(dialog.textContent).toContain('当前通话及话后整理结束后自动签退');
    await user.click(within(dialog).getByRole('button', { name: /确\s*认/ }));
    await waitFor(() => expect(picked()?.textContent).toContain('本通话后：签退'));
    expect(screen.getByRole('status', { name: '座席状态' }).textContent).toBe('通话中');
    expect(
      (within(bar()).getByRole('button', { name: '本通话后签退' }) as HTMLButtonElement).disabled,
    ).toBe(true);
  });

  it('follows main: the pick disappears when main applies it after the call', async () => {
    const main = fakeMain({ status: 'after_call_work' });
    renderDesk(main.api);
    await screen.findByRole('status', { name: '座席状态' });
    act(() =>
      main.api.emit('session.changed', {
        ...signedInSession({ status: 'after_call_work' }),
        afterCall: { status: 'break', reason: 'training' },
      }),
    );
    expect((await screen.findByRole('status', { name: '本通话后' })).textContent).toContain(
      '小休 · 培训',
    );
    act(() =>
      main.api.emit('session.changed', signedInSession({ status: 'break', reason: 'training' })),
    );
    expect(picked()).toBeNull();
    expect(screen.getByRole('status', { name: '座席状态' }).textContent).toBe('小休 · 培训');
  });

  it('a pick main refuses shows its error in the agent’s language and changes nothing', async () => {
    const main = fakeMain({ status: 'in_call' });
    const refusing = createFakeApi({
      ...baseHandlers,
      'auth.session': () => main.session(),
      'agent.setState': ({ target }) => {
        // Main refuses (here: the shared check on a reason it does not know).
        checkChosenTarget({ ...target, reason: 'nap' } as never);
        return main.session();
      },
    });
    renderDesk(refusing);
    await screen.findByRole('status', { name: '座席状态' });
    await user.keyboard('{F4}');
    await screen.findByRole('dialog', { name: '选择小休原因' });
    await user.keyboard('2');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).not.toMatch(/Unknown|reason|nap/);
    expect(picked()).toBeNull();
  });

  it('speaks English', async () => {
    const main = fakeMain({ status: 'in_call' });
    renderDesk(main.api, 'en');
    await screen.findByRole('status', { name: 'Agent state' });
    act(() =>
      main.api.emit('session.changed', {
        ...signedInSession({ status: 'in_call' }),
        afterCall: { status: 'not_ready', reason: 'coaching' },
      }),
    );
    const shown = await screen.findByRole('status', { name: 'After this call' });
    expect(shown.textContent).toContain('After this call: Not ready · Coaching');
    expect(
      within(shown).getByRole('button', { name: 'Cancel “after this call: Not ready · Coaching”' }),
    ).toBeTruthy();
  });
});
