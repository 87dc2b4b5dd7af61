/**
 * Errors in the agent's language: main's refusals are said from their code and structured
 * details, never with main's English message; form errors sit next to their field.
 */
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import type { Handlers } from '@shared/contract';
import type { Language } from '../../../renderer/src/app/i18n';
import { baseHandlers, createFakeApi } from '../fake-api';
import { renderDesk, signedInSession } from '../fixtures';

const until = (check: () => void) => waitFor(check, { timeout: 5000 });

/** The text of the field's own error line (antd ties it to the input with aria-describedby). */
function fieldError(input: HTMLElement): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean);
  return ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
}

function signInWith(signIn: Handlers['auth.signIn'], language: Language = 'zh-CN') {
  const api = createFakeApi({ ...baseHandlers, 'auth.session': () => null, 'auth.signIn': signIn });
  const store = renderDesk(api, language);
  return { api, store };
}

async function submitSignIn(
  user: ReturnType<typeof userEvent.setup>,
  employeeNo: string,
  labels = { no: '工号', password: '密码', submit: '登录' },
) {
  await user.type(await screen.findByLabelText(labels.no), employeeNo);
  await user.type(screen.getByLabelText(labels.password), 'secret1');
  await user.click(screen.getByRole('button', { name: labels.submit }));
}

describe('sign-in refusals', () => {
  it('says the lockout’s minutes in Chinese as in English, without main’s message', async () => {
    const locked = () => {
      throw new ContractError(
        'ACCOUNT_LOCKED',
        'Account locked after repeated failures; try again in 15 min or ask your shift lead',
        undefined,
        { minutes: 15 },
      );
    };
    const user = userEvent.setup();
    signInWith(locked);
    await submitSignIn(user, '1001');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain(
      '连续登录失败次数过多，账号已锁定，请 15 分钟后再试或联系值班长',
    );
    expect(alert.textContent).not.toMatch(/Account|locked|min\b/);
  });

  it('in English too', async () => {
    const user = userEvent.setup();
    signInWith(() => {
      throw new ContractError('ACCOUNT_LOCKED', 'whatever main says', undefined, { minutes: 15 });
    }, 'en');
    await submitSignIn(user, '1001', {
      no: 'Employee no.',
      password: 'Password',
      submit: 'Sign in',
    });
    expect((await screen.findByRole('alert')).textContent).toContain('Try again in 15 min');
    expect(document.body.textContent).not.toContain('whatever main says');
  });

  it('says wrong credentials in Chinese (not “Wrong 工号 or password”)', async () => {
    const user = userEvent.setup();
    signInWith(() => {
      throw new ContractError('INVALID_CREDENTIALS', 'Wrong 工号 or password');
    });
    await submitSignIn(user, '1001');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('工号或密码错误');
    expect(document.body.textContent).not.toContain('Wrong');
  });

  it('puts a malformed 工号 next to its field, and sends nothing', async () => {
    const user = userEvent.setup();
    const { api } = signInWith(() => signedInSession());
    await submitSignIn(user, '1@');
    const input = screen.getByLabelText('工号');
    await until(() => expect(fieldError(input)).toContain('工号须为 3–16 位字母或数字'));
    expect(api.calls.filter((c) => c.name === 'auth.signIn')).toEqual([]);
  });

  it('puts main’s field issue next to the field, not in an alert with its English text', async () => {
    const user = userEvent.setup();
    signInWith(() => {
      throw new ContractError('BAD_ARGUMENT', 'Invalid arguments for auth.signIn', [
        { path: 'employeeNo', message: '工号 must be 3–16 letters or digits' },
      ]);
    });
    await submitSignIn(user, 'abc');
    const input = screen.getByLabelText('工号');
    await until(() => expect(fieldError(input)).toContain('工号须为 3–16 位字母或数字'));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.body.textContent).not.toContain('must be');
  });
});

describe('the error alert in the workspace', () => {
  function workspace() {
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession({ status: 'after_call_work' }),
    });
    const store = renderDesk(api);
    return { api, store };
  }

  it('says an illegal transition with the state that forbids it, never the internal text', async () => {
    const { store } = workspace();
    await screen.findByRole('status', { name: '座席状态' });
    act(() =>
      store.setState({
        error: {
          code: 'ILLEGAL_TRANSITION',
          message: 'Cannot choose → ready while after_call_work',
        },
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('当前状态下不能执行该操作');
    expect(alert.textContent).toContain('当前状态为「话后整理」');
    expect(alert.textContent).not.toMatch(/Cannot|after_call_work|ready/);
    await userEvent.setup().click(within(alert).getByRole('button', { name: '关闭' }));
    await until(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('names the refused fields in the agent’s language', async () => {
    const { store } = workspace();
    await screen.findByRole('status', { name: '座席状态' });
    act(() =>
      store.setState({
        error: {
          code: 'BAD_ARGUMENT',
          message: 'Invalid SIP account: aor must be a SIP URI like sip:1001@pbx',
          issues: [
            { path: 'aor', message: 'aor must be a SIP URI like sip:1001@pbx' },
            { path: 'mystery.0', message: 'bad' },
          ],
        },
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('输入有误，请检查后重试');
    expect(alert.textContent).toContain('SIP 地址须形如 sip:1001@pbx；输入内容填写有误');
    expect(alert.textContent).not.toMatch(/Invalid|must be|aor|mystery/);
  });
});

describe('the SIP settings form', () => {
  async function submitAccount(configure: Handlers['softphone.configure']) {
    const api = createFakeApi({
      ...baseHandlers,
      'auth.session': () => signedInSession(),
      'softphone.configure': configure,
    });
    renderDesk(api);
    const user = userEvent.setup();
    await user.click(await screen.findByRole('button', { name: /软电话：/ }));
    const dialog = await screen.findByRole('dialog', { name: '软电话设置' });
    await user.type(within(dialog).getByLabelText('服务器（ws:// 或 wss://）'), 'ws://pbx');
    await user.type(within(dialog).getByLabelText('SIP 地址（如 sip:1001@pbx）'), 'sip:1001@pbx');
    await user.type(within(dialog).getByLabelText('密码'), 'secret');
    await user.click(within(dialog).getByRole('button', { name: '保存并注册' }));
    return dialog;
  }

  it('shows each refused field next to it, with what it must look like or why', async () => {
    const dialog = await submitAccount(() => {
      throw new ContractError('BAD_ARGUMENT', 'Invalid SIP account: …', [
        { path: 'server', message: 'server must be a ws:// or wss:// URL' },
        { path: 'aor', message: 'aor is already assigned to another agent', code: 'taken' },
      ]);
    });
    const server = within(dialog).getByLabelText('服务器（ws:// 或 wss://）');
    const aor = within(dialog).getByLabelText('SIP 地址（如 sip:1001@pbx）');
    await until(() =>
      expect(fieldError(server)).toContain('服务器须为 ws:// 或 wss:// 开头的地址'),
    );
    expect(fieldError(aor)).toContain('SIP 地址已被其他座席使用');
    // Every issue found its field: no alert repeats them, and no English anywhere.
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(document.body.textContent).not.toMatch(/Invalid SIP account|must be|assigned/);
  });

  it('says a refusal that is not about a field inside the dialog, translated', async () => {
    const dialog = await submitAccount(() => {
      throw new ContractError('FORBIDDEN', 'SIP accounts are assigned by a shift lead');
    });
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('无权执行此操作');
    expect(document.body.textContent).not.toContain('assigned by a shift lead');
  });
});
