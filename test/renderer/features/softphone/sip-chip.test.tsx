import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

function setup(configure: (args: { server: string }) => unknown) {
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => signedInSession(),
    'softphone.configure': (args) => configure(args) as never,
  });
  renderDesk(api);
  return api;
}

describe('softphone chip', () => {
  it('shows the registration state and follows health events from main', async () => {
    const api = setup(() => null);
    const chip = await screen.findByRole('status', { name: '软电话' });
    // No account for the signed-in agent (ADR 0011).
    expect(chip.textContent).toBe('未分配软电话账号');
    act(() =>
      api.emit('softphone.health', {
        state: 'registered',
        lastError: null,
        rttMs: 12.4,
        since: 1,
        attempts: 0,
      }),
    );
    expect(chip.textContent).toBe('软电话已注册 · 12 ms');
    act(() =>
      api.emit('softphone.health', {
        state: 'connecting',
        lastError: 'transport closed',
        rttMs: 12.4,
        since: 2,
        attempts: 1,
      }),
    );
    expect(chip.textContent).toBe('软电话连接中…');
  });

  it('sends the settings form to main and shows main’s refusal', async () => {
    const user = userEvent.setup();
    const api = setup(() => {
      throw new ContractError('BAD_ARGUMENT', 'Invalid SIP account', [
        { path: 'account', message: 'server must be a ws:// or wss:// URL' },
      ]);
    });
    await user.click(await screen.findByRole('button', { name: /软电话：/ }));
    const dialog = await screen.findByRole('dialog', { name: '软电话设置' });
    await user.type(within(dialog).getByLabelText('服务器（ws:// 或 wss://）'), 'http://pbx');
    await user.type(within(dialog).getByLabelText('SIP 地址（如 sip:1001@pbx）'), 'sip:1001@pbx');
    await user.type(within(dialog).getByLabelText('认证用户名'), '1001');
    await user.type(within(dialog).getByLabelText('密码'), 'secret');
    await user.click(within(dialog).getByRole('button', { name: '保存并注册' }));
    await waitFor(() => expect(api.calls.some((c) => c.name === 'softphone.configure')).toBe(true));
    expect(api.calls.find((c) => c.name === 'softphone.configure')?.args).toEqual({
      server: 'http://pbx',
      aor: 'sip:1001@pbx',
      authUser: '1001',
      password: 'secret',
    });
    expect(await screen.findByText('输入有误，请检查后重试')).toBeTruthy();
  });
});
