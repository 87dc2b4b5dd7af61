import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Handlers, RequestResult, Session } from '@shared/contract';
import type { SipAccountView } from '@shared/softphone/contract';
import { ContractError } from '@shared/common/errors';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

type Accounts = RequestResult<'softphone.accounts'>;

const ids = {
  a1001: '0190f5b2-7a00-7000-8000-00000000a001',
  a1002: '0190f5b2-7a00-7000-8000-00000000a002',
  l9001: '0190f5b2-7a00-7000-8000-00000000f001',
};

function leadSession(): Session {
  const s = signedInSession({ status: 'not_ready', reason: 'login' });
  return { ...s, agent: { id: ids.l9001, employeeNo: '9001', name: '李娜', role: 'lead' } };
}

function accounts(): Accounts {
  return {
    agents: [
      {
        agent: { id: ids.a1001, employeeNo: '1001', name: '张伟', role: 'agent' },
        account: {
          server: 'wss://pbx.example.cn/ws',
          aor: 'sip:1001@pbx.example.cn',
          authUser: '1001',
          displayName: '张伟',
          updatedAt: Date.UTC(2026, 11, 1, 1, 30),
          updatedBy: { employeeNo: '9001', name: '李娜' },
        },
      },
      {
        agent: { id: ids.a1002, employeeNo: '1002', name: '王芳', role: 'agent' },
        account: null,
      },
      {
        agent: { id: ids.l9001, employeeNo: '9001', name: '李娜', role: 'lead' },
        account: null,
      },
    ],
    policy: { readyRequiresPhone: true, agentsConfigureOwn: true },
  };
}

const health = {
  state: 'connecting' as const,
  lastError: null,
  rttMs: null,
  since: 1,
  attempts: 0,
  failure: null,
};
/** The signed-in agent's own account, as `softphone.myAccount` answers by default. */
let mine: SipAccountView | null = null;

function setup(overrides: Partial<Handlers> = {}, session: Session = leadSession()) {
  const list = accounts();
  mine = null;
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => session,
    'softphone.myAccount': () => ({ account: mine, canConfigure: true, readyRequiresPhone: true }),
    'softphone.accounts': () => list,
    'softphone.assignAccount': (args) => {
      const entry = list.agents.find((a) => a.agent.id === args.agentId)!;
      entry.account = {
        server: args.server,
        aor: args.aor,
        authUser: args.authUser ?? '',
        displayName: args.displayName ?? null,
        updatedAt: Date.now(),
        updatedBy: { employeeNo: '9001', name: '李娜' },
      };
      return entry;
    },
    'softphone.removeAccount': (args) => {
      const entry = list.agents.find((a) => a.agent.id === args.agentId)!;
      entry.account = null;
      return entry;
    },
    'softphone.setAccountPolicy': (patch) => (list.policy = { ...list.policy, ...patch }),
    ...overrides,
  });
  renderDesk(api);
  return api;
}

async function openAccounts(user: ReturnType<typeof userEvent.setup>) {
  await user.click(await screen.findByRole('button', { name: /^软电话：/, hidden: true }));
  const settings = await screen.findByRole('dialog', { name: '软电话设置', hidden: true });
  await user.click(within(settings).getByRole('button', { name: '座席软电话账号…', hidden: true }));
  return screen.findByRole('dialog', { name: '座席软电话账号', hidden: true });
}

/**
 * Every control in `root` has an accessible name. (Role queries here pass `hidden: true` and the
 * user skips pointer-events checks: with antd's styles jsdom needs seconds per style computation.)
 */
function everyControlNamed(root: HTMLElement) {
  for (const role of ['button', 'textbox', 'switch', 'checkbox', 'combobox', 'spinbutton']) {
    // hidden: true spares jsdom a style computation per element; what is checked is the name.
    expect(
      within(root).queryAllByRole(role, { name: '', hidden: true }),
      `${role} without a name`,
    ).toEqual([]);
  }
}

/** Types `text` into a field at once (antd re-renders the nested dialogs on every key in jsdom). */
async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  await user.click(field);
  await user.paste(text);
}

const argsOf = (api: FakeApi, name: string) =>
  api.calls.filter((c) => c.name === name).map((c) => c.args);

describe('the lead’s SIP account dialog', () => {
  it('lists agents by 工号 and name with their address, never an internal id, every control named', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    setup();
    const dialog = await openAccounts(user);
    const rows = await within(dialog).findAllByRole('row', { hidden: true });
    const text = rows.map((r) => r.textContent).join('\n');
    expect(text).toContain('1001');
    expect(text).toContain('张伟');
    expect(text).toContain('sip:1001@pbx.example.cn');
    expect(text).toContain('未分配');
    expect(document.body.textContent).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(document.body.innerHTML).not.toContain(ids.a1001);
    everyControlNamed(dialog);
    expect(
      within(dialog).getByRole('switch', { name: '未注册软电话的座席不能示闲', hidden: true }),
    ).toBeTruthy();
    expect(
      within(dialog).getByRole('switch', { name: '座席可自行设置本人账号', hidden: true }),
    ).toBeTruthy();
  });

  it('assigns an account: the auth user comes from the SIP address unless typed', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup();
    const dialog = await openAccounts(user);
    await user.click(
      within(dialog).getByRole('button', { name: '设置 1002 王芳 的软电话账号', hidden: true }),
    );
    const form = await screen.findByRole('dialog', {
      name: '设置软电话账号：1002 王芳',
      hidden: true,
    });
    everyControlNamed(form);
    await fill(
      user,
      within(form).getByLabelText('服务器（ws:// 或 wss://）'),
      'wss://pbx.example.cn/ws',
    );
    await fill(
      user,
      within(form).getByLabelText('SIP 地址（如 sip:1001@pbx）'),
      'sip:1002@pbx.example.cn',
    );
    const authUser = within(form).getByLabelText('认证用户名') as HTMLInputElement;
    await waitFor(() => expect(authUser.placeholder).toBe('1002'));
    await fill(user, within(form).getByLabelText('密码'), 'p-1002');
    await user.click(within(form).getByRole('button', { name: '保存', hidden: true }));
    await waitFor(() => expect(argsOf(api, 'softphone.assignAccount')).toHaveLength(1));
    expect(argsOf(api, 'softphone.assignAccount')[0]).toEqual({
      agentId: ids.a1002,
      server: 'wss://pbx.example.cn/ws',
      aor: 'sip:1002@pbx.example.cn',
      authUser: '1002',
      password: 'p-1002',
    });
    await waitFor(() =>
      expect(
        within(dialog)
          .getAllByRole('row', { hidden: true })
          .map((r) => r.textContent)
          .join(),
      ).toContain('sip:1002@pbx.example.cn'),
    );
  });

  it('changes an account without retyping its password, and removes one after asking', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup();
    const dialog = await openAccounts(user);
    await user.click(
      within(dialog).getByRole('button', { name: '设置 1001 张伟 的软电话账号', hidden: true }),
    );
    const form = await screen.findByRole('dialog', {
      name: '设置软电话账号：1001 张伟',
      hidden: true,
    });
    const server = within(form).getByLabelText('服务器（ws:// 或 wss://）') as HTMLInputElement;
    expect(server.value).toBe('wss://pbx.example.cn/ws');
    await fill(user, server, 'wss://pbx2.example.cn/ws');
    await user.click(within(form).getByRole('button', { name: '保存', hidden: true }));
    await waitFor(() => expect(argsOf(api, 'softphone.assignAccount')).toHaveLength(1));
    expect(argsOf(api, 'softphone.assignAccount')[0]).toEqual({
      agentId: ids.a1001,
      server: 'wss://pbx2.example.cn/ws',
      aor: 'sip:1001@pbx.example.cn',
      authUser: '1001',
      displayName: '张伟',
    });

    await user.click(
      within(dialog).getByRole('button', { name: '移除 1001 张伟 的软电话账号', hidden: true }),
    );
    const confirm = await screen.findByRole('dialog', { name: '移除软电话账号', hidden: true });
    expect(confirm.textContent).toContain('1001 张伟');
    await user.click(within(confirm).getByRole('button', { name: '移除', hidden: true }));
    await waitFor(() =>
      expect(argsOf(api, 'softphone.removeAccount')).toEqual([{ agentId: ids.a1001 }]),
    );
  });

  it('switches the desk’s rules and shows main’s refusal inside the dialog', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup({
      'softphone.assignAccount': () => {
        throw new ContractError('BAD_ARGUMENT', 'Invalid SIP account', [
          // As main says it (accounts/sip-accounts.ts): the English for logs, the code for the UI.
          { path: 'aor', message: 'aor is already assigned to agent 1001', code: 'taken' },
        ]);
      },
    });
    const dialog = await openAccounts(user);
    await user.click(
      within(dialog).getByRole('switch', { name: '未注册软电话的座席不能示闲', hidden: true }),
    );
    await waitFor(() =>
      expect(argsOf(api, 'softphone.setAccountPolicy')).toEqual([{ readyRequiresPhone: false }]),
    );
    await user.click(
      within(dialog).getByRole('button', { name: '设置 1002 王芳 的软电话账号', hidden: true }),
    );
    const form = await screen.findByRole('dialog', {
      name: '设置软电话账号：1002 王芳',
      hidden: true,
    });
    await fill(user, within(form).getByLabelText('服务器（ws:// 或 wss://）'), 'ws://pbx');
    await fill(user, within(form).getByLabelText('SIP 地址（如 sip:1001@pbx）'), 'sip:1001@pbx');
    await fill(user, within(form).getByLabelText('密码'), 'x');
    await user.click(within(form).getByRole('button', { name: '保存', hidden: true }));
    const alert = await within(form).findByRole('alert', { hidden: true });
    expect(alert.textContent).toContain('输入有误，请检查后重试');
    expect(alert.textContent).toContain('已被其他座席使用');
    expect(alert.textContent).not.toContain('already assigned');
  });

  it('the agent’s own settings: the auth user comes from the SIP address; a known account is prefilled', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup(
      { 'softphone.configure': () => health },
      signedInSession({ status: 'not_ready', reason: 'login' }),
    );
    await user.click(await screen.findByRole('button', { name: /^软电话：/, hidden: true }));
    let settings = await screen.findByRole('dialog', { name: '软电话设置', hidden: true });
    const field = (label: string) => within(settings).getByLabelText(label) as HTMLInputElement;
    await fill(user, field('服务器（ws:// 或 wss://）'), 'ws://pbx:8080');
    await fill(user, field('SIP 地址（如 sip:1001@pbx）'), 'sip:1003@pbx');
    await waitFor(() => expect(field('认证用户名').placeholder).toBe('1003'));
    await fill(user, field('密码'), 'own');
    await user.click(within(settings).getByRole('button', { name: '保存并注册', hidden: true }));
    await waitFor(() =>
      expect(argsOf(api, 'softphone.configure')).toEqual([
        { server: 'ws://pbx:8080', aor: 'sip:1003@pbx', authUser: '1003', password: 'own' },
      ]),
    );
    // Opened again with an account on record: everything but the password is filled in.
    mine = {
      server: 'ws://pbx:8080',
      aor: 'sip:1003@pbx',
      authUser: '1003',
      displayName: null,
      updatedAt: 1,
      updatedBy: { employeeNo: '1001', name: '张伟' },
    };
    await user.click(await screen.findByRole('button', { name: /^软电话：/, hidden: true }));
    settings = await screen.findByRole('dialog', { name: '软电话设置', hidden: true });
    await waitFor(() => expect(field('SIP 地址（如 sip:1001@pbx）').value).toBe('sip:1003@pbx'));
    expect(field('服务器（ws:// 或 wss://）').value).toBe('ws://pbx:8080');
    expect(field('认证用户名').value).toBe('1003');
    expect(field('密码').value).toBe('');
    everyControlNamed(settings);
  });

  it('an agent sees no account list; with self-service off, their account is read-only', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    setup(
      {
        'softphone.myAccount': () => ({
          account: {
            server: 'wss://pbx.example.cn/ws',
            aor: 'sip:1001@pbx.example.cn',
            authUser: '1001',
            displayName: null,
            updatedAt: 1,
            updatedBy: { employeeNo: '9001', name: '李娜' },
          },
          canConfigure: false,
          readyRequiresPhone: true,
        }),
      },
      signedInSession({ status: 'not_ready', reason: 'login' }),
    );
    await user.click(await screen.findByRole('button', { name: /^软电话：/, hidden: true }));
    const settings = await screen.findByRole('dialog', { name: '软电话设置', hidden: true });
    expect(await within(settings).findByText('sip:1001@pbx.example.cn')).toBeTruthy();
    expect(within(settings).getByText('软电话账号由值班长分配')).toBeTruthy();
    expect(within(settings).queryByRole('button', { name: '保存并注册', hidden: true })).toBeNull();
    expect(
      within(settings).queryByRole('button', { name: '座席软电话账号…', hidden: true }),
    ).toBeNull();
    expect(within(settings).queryByLabelText('密码')).toBeNull();
    everyControlNamed(settings);
  });
});
