import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AgentState } from '@shared/session/agent-state';
import { nextAgentState } from '@shared/session/agent-state';
import type { Handlers, Session, StateLogEntry } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

/** A tiny in-memory "main": one agent, the real shared state machine, no persistence. */
function fakeMain(): { api: FakeApi; current(): Session | null } {
  let session: Session | null = null;
  const log: StateLogEntry[] = [];
  let n = 0;
  const enter = (state: AgentState) => {
    const now = Date.now();
    if (log[0]) log[0] = { ...log[0], endedAt: now };
    log.unshift({ id: String(++n), state, startedAt: now, endedAt: null });
    session = { ...session!, state, stateSince: now };
  };
  const handlers: Partial<Handlers> = {
    ...baseHandlers,
    'auth.session': () => session,
    'auth.signIn': ({ employeeNo, password }) => {
      if (employeeNo !== '1001' || password !== 'right')
        throw new ContractError('INVALID_CREDENTIALS', 'Wrong 工号 or password');
      session = signedInSession({ status: 'offline' });
      enter(nextAgentState({ status: 'offline' }, { kind: 'sign_in' }));
      return session!;
    },
    'auth.signOut': () => {
      session = null;
      return null;
    },
    'agent.setState': ({ target }) => {
      if (!session) throw new ContractError('UNAUTHENTICATED', 'No agent');
      enter(nextAgentState(session.state, { kind: 'choose', target }));
      return session;
    },
    'agent.stateLog': ({ limit }) => log.slice(0, limit),
  };
  return { api: createFakeApi(handlers), current: () => session };
}

async function signIn(user: ReturnType<typeof userEvent.setup>, password = 'right') {
  await user.type(await screen.findByLabelText('工号'), '1001');
  await user.type(screen.getByLabelText('密码'), password);
  await user.click(screen.getByRole('button', { name: '登录' }));
}

describe('desk UI (against a contract-checked fake api)', () => {
  let main: ReturnType<typeof fakeMain>;
  let user: ReturnType<typeof userEvent.setup>;
  beforeEach(() => {
    main = fakeMain();
    user = userEvent.setup();
  });

  it('refuses an empty sign-in form without calling main', async () => {
    renderDesk(main.api);
    await user.click(await screen.findByRole('button', { name: '登录' }));
    expect(await screen.findByText('请输入工号')).toBeTruthy();
    expect(screen.getByText('请输入密码')).toBeTruthy();
    expect(main.api.calls.map((c) => c.name)).not.toContain('auth.signIn');
  });

  it('shows a clear error for a wrong password and clears the password field', async () => {
    renderDesk(main.api);
    await signIn(user, 'wrong');
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('工号或密码错误')).toBeTruthy();
    expect((screen.getByLabelText('密码') as HTMLInputElement).value).toBe('');
    expect(main.current()).toBeNull();
  });

  it('signs in to 示忙·刚登录, then changes state with the keyboard (F2, F3+digit, F4)', async () => {
    renderDesk(main.api);
    await signIn(user);
    const status = await screen.findByRole('status', { name: '座席状态' });
    expect(status.textContent).toBe('示忙 · 刚登录');

    await user.keyboard('{F2}');
    await waitFor(() => expect(status.textContent).toBe('示闲'));

    await user.keyboard('{F3}');
    const dialog = await screen.findByRole('dialog', { name: '选择示忙原因' });
    expect(within(dialog).getByRole('button', { name: /事务处理/ })).toBeTruthy();
    await user.keyboard('1');
    await waitFor(() => expect(status.textContent).toBe('示忙 · 事务处理'));

    await user.keyboard('{F4}');
    const breakDialog = await screen.findByRole('dialog', { name: '选择小休原因' });
    await user.click(within(breakDialog).getByRole('button', { name: /用餐/ }));
    await waitFor(() => expect(status.textContent).toBe('小休 · 用餐'));

    expect(main.api.calls.filter((c) => c.name === 'agent.setState').map((c) => c.args)).toEqual([
      { target: { status: 'ready' } },
      { target: { status: 'not_ready', reason: 'paperwork' } },
      { target: { status: 'break', reason: 'meal' } },
    ]);
    await user.click(screen.getByRole('tab', { name: '本班次' }));
    const table = (await screen.findByRole('columnheader', { name: '状态' })).closest('table')!;
    expect(within(table).getAllByRole('row')).toHaveLength(5); // header + 4 states
  });

  it('shows main’s refusal of an illegal transition and keeps the state', async () => {
    renderDesk(main.api);
    await signIn(user);
    await user.keyboard('{F2}');
    const status = await screen.findByRole('status', { name: '座席状态' });
    await waitFor(() => expect(status.textContent).toBe('示闲'));
    // The button is disabled while ready; the shortcut still reaches main, which refuses.
    expect((screen.getByRole('button', { name: /示闲/ }) as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{F2}');
    expect(await screen.findByText('当前状态下不能执行该操作')).toBeTruthy();
    expect(status.textContent).toBe('示闲');
  });

  it('follows session changes announced by main (another tab signed out)', async () => {
    renderDesk(main.api);
    await signIn(user);
    await screen.findByRole('status', { name: '座席状态' });
    act(() => main.api.emit('session.changed', null));
    expect(await screen.findByRole('button', { name: '登录' })).toBeTruthy();
  });

  it('gives every control an accessible name and every state control a shortcut', async () => {
    renderDesk(main.api);
    await signIn(user);
    await screen.findByRole('status', { name: '座席状态' });
    for (const button of screen.getAllByRole('button')) {
      expect(
        button.textContent?.trim() || button.getAttribute('aria-label'),
        button.outerHTML,
      ).toBeTruthy();
    }
    expect(screen.getByRole('combobox', { name: '语言' })).toBeTruthy();
    expect(screen.getByRole('button', { name: /示闲/ }).getAttribute('aria-keyshortcuts')).toBe(
      'F2',
    );
    expect(screen.getByRole('button', { name: /示忙/ }).getAttribute('aria-keyshortcuts')).toBe(
      'F3',
    );
    expect(screen.getByRole('button', { name: /小休/ }).getAttribute('aria-keyshortcuts')).toBe(
      'F4',
    );
  });

  it('speaks English when asked', async () => {
    renderDesk(main.api, 'en');
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByLabelText('Employee no.')).toBeTruthy();
  });

  it('signs out after confirmation', async () => {
    renderDesk(main.api);
    await signIn(user);
    await user.click(await screen.findByRole('button', { name: '签退' }));
    const dialog = await screen.findByRole('dialog', { name: '签退' });
    await user.click(within(dialog).getByRole('button', { name: /确\s*认/ }));
    expect(await screen.findByRole('button', { name: '登录' })).toBeTruthy();
    expect(main.current()).toBeNull();
  });
});
