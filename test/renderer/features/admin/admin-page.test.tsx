import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type {
  AdminAgent,
  AuditEntryView,
  Handlers,
  HolidayScheduleView,
  RequestResult,
  Session,
} from '@shared/contract';
import type { AcwPolicy } from '@shared/softphone/contract';
import { ContractError } from '@shared/common/errors';
import type { Language } from '../../../../renderer/src/app/i18n';
import type { FakeApi } from '../../fake-api';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const ids = {
  a1001: '0190f5b2-7a00-7000-8000-00000000a001',
  a1002: '0190f5b2-7a00-7000-8000-00000000a002',
  l9001: '0190f5b2-7a00-7000-8000-00000000f001',
};
const LOCKED_UNTIL = Date.UTC(2026, 11, 2, 2, 15); // 10:15 in Shanghai

function leadSession(): Session {
  const s = signedInSession({ status: 'not_ready', reason: 'login' });
  return { ...s, agent: { id: ids.l9001, employeeNo: '9001', name: '李娜', role: 'lead' } };
}

function team(): AdminAgent[] {
  const base = { team: '一组', active: true, lockedUntil: null, failedAttempts: 0, createdAt: 0 };
  return [
    { ...base, id: ids.l9001, employeeNo: '9001', name: '李娜', role: 'lead' },
    {
      ...base,
      id: ids.a1001,
      employeeNo: '1001',
      name: '张伟',
      role: 'agent',
      lockedUntil: LOCKED_UNTIL,
    },
    { ...base, id: ids.a1002, employeeNo: '1002', name: '王芳', role: 'agent', failedAttempts: 2 },
  ];
}

const policy: AcwPolicy = {
  mode: 'timed',
  seconds: 60,
  maxExtensions: 2,
  extendSeconds: 30,
  defaultDisposition: 'other',
};

function auditPage(): RequestResult<'admin.auditLog'> {
  const entry = (e: Partial<AuditEntryView> & Pick<AuditEntryView, 'id'>): AuditEntryView => ({
    at: Date.UTC(2026, 11, 2, 1, 0),
    actor: { employeeNo: '1001', name: '张伟' },
    action: 'sign_in',
    subject: null,
    detail: [],
    ...e,
  });
  return {
    entries: [
      entry({
        id: 'e1',
        action: 'reveal_phone',
        subject: { kind: 'text', text: 'SF1234567890' },
        detail: [
          { key: 'party', value: 'receiver' },
          { key: 'reason', value: '客户要求回拨 138****5678' },
        ],
      }),
      entry({
        id: 'e2',
        actor: { employeeNo: '9001', name: '李娜' },
        action: 'agent_unlocked',
        subject: { kind: 'agent', employeeNo: '1001', name: '张伟' },
        detail: [
          { key: 'employeeNo', value: '1001' },
          { key: 'lockedUntil', value: LOCKED_UNTIL },
          { key: 'failedAttempts', value: 0 },
        ],
      }),
      entry({
        id: 'e3',
        actor: null,
        action: 'sign_in_failed',
        subject: { kind: 'text', text: '139****1111' },
        detail: [
          { key: 'cause', value: 'unknown_employee_no' },
          { key: 'internalThing', value: 'raw_value' },
        ],
      }),
      entry({ id: 'e4', action: null }),
      entry({
        id: 'e5',
        actor: { employeeNo: '9001', name: '李娜' },
        action: 'complaint_rules_changed',
        detail: [
          { key: 'before.uninsured.kind', value: 'per_kg' },
          { key: 'before.uninsured.fenPerKg', value: 2000 },
          { key: 'before.uninsured.capFen', value: null },
          { key: 'before.delayFreightRefund', value: 1 },
          { key: 'before.someFutureField', value: 1 },
          { key: 'after.uninsured.kind', value: 'per_kg' },
          { key: 'after.uninsured.fenPerKg', value: 3000 },
          { key: 'after.uninsured.capFen', value: 50000 },
          { key: 'after.delayFreightRefund', value: 0.5 },
          { key: 'after.someFutureField', value: 2 },
        ],
      }),
      entry({
        id: 'e6',
        actor: { employeeNo: '9001', name: '李娜' },
        action: 'acw_policy',
        detail: [
          { key: 'before.mode', value: 'timed' },
          { key: 'before.seconds', value: 30 },
          { key: 'before.defaultDisposition', value: 'other' },
          { key: 'after.mode', value: 'until_done' },
          { key: 'after.seconds', value: 45 },
          { key: 'after.defaultDisposition', value: 'tracking' },
        ],
      }),
      entry({
        id: 'e7',
        action: 'order_submit',
        detail: [
          { key: 'number', value: 'DD20261202000007' },
          { key: 'totalFen', value: 2350 },
          { key: 'insurance', value: 'accepted' },
        ],
      }),
      entry({
        id: 'e9',
        actor: null,
        action: 'sip_account_dropped',
        detail: [{ key: 'reason', value: 'no_matching_agent' }],
      }),
      entry({
        id: 'e10',
        action: 'handover_sign_off',
        detail: [{ key: 'note', value: true }],
      }),
      entry({
        id: 'e8',
        actor: { employeeNo: '9001', name: '李娜' },
        action: 'script_published',
        detail: [
          { key: 'title', value: '催派' },
          { key: 'version', value: 2 },
          { key: 'note', value: '开场语更简短' },
        ],
      }),
    ],
    total: 45,
    page: 1,
    pageSize: 20,
  };
}

/** The desk on 2026-11-22: the package covers 2004–2026, 60 working days reach into 2027. */
function holidayView(over: Partial<HolidayScheduleView> = {}): HolidayScheduleView {
  return {
    packaged: { first: 2004, last: 2026 },
    imported: [],
    lastImport: null,
    importable: { first: 2026, last: 2027 },
    uncovered: [2027],
    horizon: Date.UTC(2027, 1, 24, 1),
    ...over,
  };
}

function setup(
  overrides: Partial<Handlers> = {},
  session: Session = leadSession(),
  language: Language = 'zh-CN',
) {
  const agents = team();
  let stored = { ...policy };
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => session,
    'softphone.myAccount': () => ({ account: null, canConfigure: true, readyRequiresPhone: true }),
    'admin.agents': () => agents,
    'admin.unlockAgent': ({ agentId }) => {
      const a = agents.find((x) => x.id === agentId)!;
      a.lockedUntil = null;
      a.failedAttempts = 0;
      return a;
    },
    'admin.setAgentActive': ({ agentId, active }) => {
      const a = agents.find((x) => x.id === agentId)!;
      a.active = active;
      return a;
    },
    'admin.resetPassword': ({ agentId }) => agents.find((x) => x.id === agentId)!,
    'admin.addAgent': ({ password: _password, ...input }) => {
      const a: AdminAgent = {
        ...input,
        id: '0190f5b2-7a00-7000-8000-00000000a003',
        active: true,
        lockedUntil: null,
        failedAttempts: 0,
        createdAt: 1,
      };
      agents.push(a);
      return a;
    },
    'acw.policy': () => stored,
    'acw.setPolicy': (p) => (stored = p),
    'admin.trackingSource': () => ({ kuaidi100: null }),
    'admin.setTrackingSource': (args) => ({
      kuaidi100:
        args.kind === 'mirror' ? null : { url: args.url, customer: args.customer, keySet: true },
    }),
    'admin.auditLog': ({ page }) => ({ ...auditPage(), page }),
    'admin.holidaySchedule': () => holidayView(),
    'softphone.accounts': () => ({
      agents: [
        {
          agent: { id: ids.a1001, employeeNo: '1001', name: '张伟', role: 'agent' },
          account: null,
        },
      ],
      policy: { readyRequiresPhone: true, agentsConfigureOwn: true },
    }),
    ...overrides,
  });
  renderDesk(api, language);
  return api;
}

const argsOf = (api: FakeApi, name: string) =>
  api.calls.filter((c) => c.name === name).map((c) => c.args);

async function openAdmin(user: ReturnType<typeof userEvent.setup>, section?: string) {
  await user.click(await screen.findByRole('tab', { name: '管理', hidden: true }));
  const area = await screen.findByRole('region', { name: '值班长管理', hidden: true });
  if (section) await user.click(within(area).getByRole('tab', { name: section, hidden: true }));
  return area;
}

async function fill(user: ReturnType<typeof userEvent.setup>, field: HTMLElement, text: string) {
  await user.clear(field);
  if (text === '') return;
  await user.click(field);
  await user.paste(text);
}

/**
 * Every control in `root` has a name: its aria-label, its text or its <label>. (Checked on the DOM:
 * Testing Library's accessible-name computation asks jsdom for styles and takes minutes on a table.)
 */
function everyControlNamed(root: HTMLElement) {
  const controls = root.querySelectorAll<HTMLElement>(
    'button, input:not([type="hidden"]), textarea, [role="combobox"], [role="switch"], [role="radio"]',
  );
  expect(controls.length).toBeGreaterThan(0);
  const nameOf = (el: HTMLElement): string => {
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
    const by = el.getAttribute('aria-labelledby');
    if (by)
      return by
        .split(' ')
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    if (el.id) {
      const label = document.querySelector(`label[for="${el.id}"]`);
      if (label?.textContent?.trim()) return label.textContent.trim();
    }
    return el.closest('label')?.textContent?.trim() || el.textContent?.trim() || '';
  };
  // Not focusable or not shown (antd's hidden "more" tab button, the pager's arrows: their <li>
  // carries the name and the focus) is not a control anyone reaches.
  const reachable = [...controls].filter(
    (c) => c.getAttribute('tabindex') !== '-1' && c.style.visibility !== 'hidden',
  );
  const unnamed = reachable.filter((c) => nameOf(c) === '').map((c) => c.outerHTML.slice(0, 120));
  expect(unnamed, 'controls without a name').toEqual([]);
}

/** The button named `name` (aria-label or text) in `root`, found on the DOM (see above). */
function button(root: HTMLElement, name: string): HTMLElement {
  const found = [...root.querySelectorAll<HTMLElement>('button')].filter(
    (b) => (b.getAttribute('aria-label') ?? b.textContent?.replace(/\s+/g, '')) === name,
  );
  if (found.length !== 1) throw new Error(`${found.length} buttons named ${name}`);
  return found[0]!;
}
const findButton = (root: HTMLElement, name: string) => waitFor(() => button(root, name));
const noButton = (root: HTMLElement, name: string) =>
  expect(() => button(root, name)).toThrow(/^0 buttons/);

describe('the lead’s 管理 area', () => {
  it('is not there for an agent, only for a lead', async () => {
    setup({}, signedInSession());
    await screen.findByRole('tab', { name: '查件', hidden: true });
    expect(screen.queryByRole('tab', { name: '管理', hidden: true })).toBeNull();
  });

  it('lists the team by 工号 with role, status and lockout; never an internal id; every control named', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    setup();
    const area = await openAdmin(user);
    const table = await within(area).findByRole('table', { name: '座席账号', hidden: true });
    await waitFor(() => expect(table.textContent).toContain('张伟'));
    expect(table.textContent).toContain('已锁定至 2026-12-02 10:15');
    expect(table.textContent).toContain('连续输错 2 次');
    expect(table.textContent).toContain('值班长');
    expect(table.textContent).toContain('李娜（本人）');
    expect(document.body.innerHTML).not.toContain(ids.a1001);
    noButton(area, '停用 9001 李娜');
    everyControlNamed(area);
  });

  it('unlocks a locked-out agent after asking', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup();
    const area = await openAdmin(user);
    await user.click(await findButton(area, '解锁 1001 张伟'));
    const dialog = await screen.findByRole('dialog', { name: '解锁账号', hidden: true });
    expect(dialog.textContent).toContain('解除 1001 张伟 的登录锁定');
    await user.click(button(dialog, '确认'));
    await waitFor(() => expect(argsOf(api, 'admin.unlockAgent')).toEqual([{ agentId: ids.a1001 }]));
    expect(await screen.findByText('已解锁 1001 张伟')).toBeTruthy();
    await waitFor(() => noButton(area, '解锁 1001 张伟'));
  });

  it('adds an agent: bad 工号, name and weak passwords are said beside their fields and nothing is sent', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup();
    const area = await openAdmin(user);
    await user.click(button(area, '新增座席'));
    const dialog = await screen.findByRole('dialog', { name: '新增座席', hidden: true });
    everyControlNamed(dialog);
    const f = within(dialog);
    await fill(user, f.getByLabelText('工号'), 'ab');
    await fill(user, f.getByLabelText('姓名'), '   ');
    await fill(user, f.getByLabelText('班组'), '二组');
    await fill(user, f.getByLabelText('密码'), 'abcdefgh');
    await user.click(button(dialog, '保存'));
    expect(await f.findByText('工号须为 3–16 位字母或数字')).toBeTruthy();
    expect(await f.findByText('姓名须为 1–32 个字')).toBeTruthy();
    expect(await f.findByText('密码须同时包含字母和数字')).toBeTruthy();
    await fill(user, f.getByLabelText('工号'), '1003');
    await fill(user, f.getByLabelText('姓名'), '赵敏');
    await fill(user, f.getByLabelText('密码'), 'x1003yyyy');
    await user.click(button(dialog, '保存'));
    expect(await f.findByText('密码不能包含工号')).toBeTruthy();
    expect(argsOf(api, 'admin.addAgent')).toEqual([]);
    // The name field takes at most 32 characters.
    expect((f.getByLabelText('姓名') as HTMLInputElement).maxLength).toBe(32);

    await fill(user, f.getByLabelText('密码'), 'Welcome2026');
    await user.click(button(dialog, '保存'));
    await waitFor(() =>
      expect(argsOf(api, 'admin.addAgent')).toEqual([
        { employeeNo: '1003', name: '赵敏', role: 'agent', team: '二组', password: 'Welcome2026' },
      ]),
    );
    await waitFor(() =>
      expect(within(area).getByRole('table', { hidden: true }).textContent).toContain('赵敏'),
    );
  });

  it('shows main’s refusal of a taken 工号 beside the field, in Chinese', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    setup({
      'admin.addAgent': () => {
        throw new ContractError('BAD_ARGUMENT', 'Invalid arguments for admin.addAgent', [
          { path: 'employeeNo', message: 'employee_no_taken' },
        ]);
      },
    });
    const area = await openAdmin(user);
    await user.click(button(area, '新增座席'));
    const dialog = await screen.findByRole('dialog', { name: '新增座席', hidden: true });
    const f = within(dialog);
    await fill(user, f.getByLabelText('工号'), '1001');
    await fill(user, f.getByLabelText('姓名'), '赵敏');
    await fill(user, f.getByLabelText('班组'), '二组');
    await fill(user, f.getByLabelText('密码'), 'Welcome2026');
    await user.click(button(dialog, '保存'));
    expect(await f.findByText('该工号已存在')).toBeTruthy();
    expect(dialog.textContent).not.toMatch(/employee_no_taken|Invalid arguments/);
  });

  it('deactivates after asking; a refusal is said in the lead’s language, never main’s English', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup({
      'admin.setAgentActive': () => {
        throw new ContractError('FORBIDDEN', 'A lead cannot deactivate their own account');
      },
    });
    const area = await openAdmin(user);
    await user.click(await findButton(area, '停用 1002 王芳'));
    const dialog = await screen.findByRole('dialog', { name: '停用账号', hidden: true });
    await user.click(button(dialog, '确认'));
    await waitFor(() =>
      expect(argsOf(api, 'admin.setAgentActive')).toEqual([{ agentId: ids.a1002, active: false }]),
    );
    const alert = await within(area).findByRole('alert', { hidden: true });
    expect(alert.textContent).toContain('无权执行此操作');
    expect(document.body.textContent).not.toContain('cannot deactivate');
  });

  it('resets a password with a temporary one that follows the rules', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup();
    const area = await openAdmin(user);
    await user.click(await findButton(area, '重置 1001 张伟 的密码'));
    const dialog = await screen.findByRole('dialog', {
      name: '重置 1001 张伟 的密码',
      hidden: true,
    });
    const f = within(dialog);
    await fill(user, f.getByLabelText('临时密码'), 'short1');
    await user.click(button(dialog, '保存'));
    expect(await f.findByText('密码须为 8–128 位')).toBeTruthy();
    expect(argsOf(api, 'admin.resetPassword')).toEqual([]);
    await fill(user, f.getByLabelText('临时密码'), 'Temp2026x');
    await user.click(button(dialog, '保存'));
    await waitFor(() =>
      expect(argsOf(api, 'admin.resetPassword')).toEqual([
        { agentId: ids.a1001, password: 'Temp2026x' },
      ]),
    );
    expect(await screen.findByText('已重置 1001 张伟 的密码')).toBeTruthy();
  });

  it('edits the after-call-work rules: out-of-range numbers refused beside the field, nothing sent', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup();
    const area = await openAdmin(user, '话后整理');
    const form = await within(area).findByRole('form', { name: '话后整理规则', hidden: true });
    everyControlNamed(form);
    const seconds = within(form).getByRole('spinbutton', {
      name: '话后整理时长（秒）',
      hidden: true,
    });
    await waitFor(() => expect((seconds as HTMLInputElement).value).toBe('60'));
    await fill(user, seconds, '700');
    await user.click(button(form, '保存'));
    await waitFor(() =>
      expect(seconds.closest('.ant-form-item')?.textContent).toContain('5–600 秒'),
    );
    expect(
      seconds.closest('.ant-form-item')?.querySelector('.ant-form-item-explain-error')?.textContent,
    ).toBe('5–600 秒');
    expect(argsOf(api, 'acw.setPolicy')).toEqual([]);
    await fill(user, seconds, '90');
    await user.click(button(form, '保存'));
    await waitFor(() => expect(argsOf(api, 'acw.setPolicy')).toEqual([{ ...policy, seconds: 90 }]));
    expect(await within(area).findByText('话后整理规则已保存')).toBeTruthy();
  });

  it('opens the softphone’s per-agent SIP accounts dialog', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    setup();
    const area = await openAdmin(user, '软电话账号');
    await user.click(button(area, '管理软电话账号'));
    const dialog = await screen.findByRole('dialog', { name: '座席软电话账号', hidden: true });
    await waitFor(() => expect(dialog.textContent).toContain('1001'));
  });

  it('sets the tracking source: a stored key is required first, main’s refusal beside its field', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    let refuse = true;
    const api = setup({
      'admin.setTrackingSource': (args) => {
        if (refuse)
          throw new ContractError('BAD_ARGUMENT', 'Invalid arguments', [
            { path: 'url', message: 'url_format' },
          ]);
        return {
          kuaidi100:
            args.kind === 'mirror'
              ? null
              : { url: args.url, customer: args.customer, keySet: true },
        };
      },
    });
    const area = await openAdmin(user, '工作台设置');
    const form = await within(area).findByRole('form', { name: '物流轨迹来源', hidden: true });
    expect(await within(area).findByText('当前：仅本地镜像数据')).toBeTruthy();
    expect(
      within(area).getByRole('region', { name: '节假日与调休安排', hidden: true }).textContent,
    ).toContain('内置安排（chinese-days 软件包）：2004–2026 年');
    await user.click(within(form).getByRole('radio', { name: '快递100 实时查询', hidden: true }));
    await fill(user, await within(form).findByLabelText('接口地址'), 'http://bad');
    await fill(user, within(form).getByLabelText('客户编号（customer）'), 'C1');
    await user.click(button(form, '保存'));
    expect(await within(form).findByText('尚未保存密钥，请输入')).toBeTruthy();
    expect(argsOf(api, 'admin.setTrackingSource')).toEqual([]);
    await fill(user, within(form).getByLabelText('授权密钥（key）'), 'k-1');
    await user.click(button(form, '保存'));
    expect(
      await within(form).findByText('请输入 http:// 或 https:// 开头的有效地址（最长 500 字符）'),
    ).toBeTruthy();
    refuse = false;
    await fill(user, within(form).getByLabelText('接口地址'), 'https://poll.kuaidi100.com/q');
    await user.click(button(form, '保存'));
    expect(await within(area).findByText('轨迹来源已保存，工作台下次启动时生效')).toBeTruthy();
    expect(argsOf(api, 'admin.setTrackingSource').at(-1)).toEqual({
      kind: 'kuaidi100',
      url: 'https://poll.kuaidi100.com/q',
      customer: 'C1',
      key: 'k-1',
    });
    expect((within(form).getByLabelText('授权密钥（key）') as HTMLInputElement).value).toBe('');
  });

  it('warns of 2027 on top of the tab; imports a schedule, listing refused entries in Chinese first', async () => {
    const user = userEvent.setup();
    let refuse = true;
    const api = setup({
      'admin.importHolidaySchedule': () => {
        if (refuse)
          throw new ContractError('BAD_ARGUMENT', 'Invalid arguments', [
            { path: 'date:2027-02-30', message: 'schedule_date' },
            { path: 'entry:春节', message: 'schedule_days_count' },
            { path: 'year:2029', message: 'schedule_year_range' },
            { path: 'text', message: 'schedule_no_holidays' },
          ]);
        return holidayView({
          imported: [2027],
          uncovered: [],
          lastImport: { at: Date.UTC(2026, 10, 22, 2, 5), employeeNo: '9001', name: '李娜' },
        });
      },
    });
    const area = await openAdmin(user);
    expect((await within(area).findByRole('note')).textContent).toContain(
      '2027 年尚无国务院节假日安排',
    );
    await user.click(within(area).getByRole('tab', { name: '工作台设置', hidden: true }));
    const card = await within(area).findByRole('form', { name: '节假日与调休安排', hidden: true });
    everyControlNamed(card);
    // Nothing pasted: said at once, nothing sent.
    await user.click(button(card, '导入'));
    expect(await within(area).findByText('请先粘贴内容或选择文件')).toBeTruthy();
    expect(argsOf(api, 'admin.importHolidaySchedule')).toEqual([]);
    await user.click(within(card).getByRole('radio', { name: '国务院通知原文', hidden: true }));
    await fill(user, within(card).getByLabelText('通知年度'), '2027');
    await fill(
      user,
      within(card).getByLabelText('安排内容'),
      '一、元旦：1月1日（周五）至3日（周日）放假，共3天。',
    );
    await user.click(button(card, '导入'));
    const problems = await within(area).findByText('未导入，请修改后重试：');
    const list = problems.closest('[role="alert"]')!.textContent!;
    for (const line of [
      '2027-02-30：不是有效日期（须为 YYYY-MM-DD 的真实日期）',
      '“春节”一项：“共N天”与放假日期不符',
      '2029 年：只能导入今年或明年的安排',
      '没有任何放假日',
    ]) {
      expect(list).toContain(line);
    }
    expect(list).not.toMatch(/schedule_|date:|entry:/);
    refuse = false;
    await user.click(button(card, '导入'));
    expect(
      await within(area).findByText('已导入 2027 年的节假日安排，期限计算即刻改用新安排'),
    ).toBeTruthy();
    expect(within(area).getByText('已导入：2027 年')).toBeTruthy();
    expect(within(area).queryByText(/2027 年尚无国务院节假日安排/)).toBeNull();
    expect(argsOf(api, 'admin.importHolidaySchedule').at(-1)).toEqual({
      format: 'official_text',
      text: '一、元旦：1月1日（周五）至3日（周日）放假，共3天。',
      year: 2027,
    });
  });

  it('imports a chinese-days JSON file chosen from disk, as it is', async () => {
    const user = userEvent.setup();
    const api = setup({
      'admin.importHolidaySchedule': () => holidayView({ imported: [2027], uncovered: [] }),
    });
    const area = await openAdmin(user, '工作台设置');
    const card = await within(area).findByRole('form', { name: '节假日与调休安排', hidden: true });
    const json = '{"holidays":{"2027-01-01":"New Year\'s Day,元旦,1"},"workdays":{}}';
    await user.upload(
      within(card).getByLabelText('选择 JSON 文件'),
      new File([json], '2027.json', { type: 'application/json' }),
    );
    expect(await within(card).findByText('已读取文件 2027.json')).toBeTruthy();
    await user.click(button(card, '导入'));
    expect(await within(area).findByText('已导入：2027 年')).toBeTruthy();
    expect(argsOf(api, 'admin.importHolidaySchedule')).toEqual([
      { format: 'chinese_days_json', text: json },
    ]);
  });

  it('refuses a schedule file too large by its size, before reading it; nothing imported', async () => {
    const user = userEvent.setup();
    const api = setup();
    const area = await openAdmin(user, '工作台设置');
    const card = await within(area).findByRole('form', { name: '节假日与调休安排', hidden: true });
    const big = new File([new Uint8Array(256_000 * 4 + 1)], 'huge.json', {
      type: 'application/json',
    });
    let read = false;
    big.text = () => {
      read = true;
      return Promise.resolve('{}');
    };
    await user.upload(within(card).getByLabelText('选择 JSON 文件'), big);
    expect(await within(area).findByText('内容过长（最多 256,000 字）')).toBeTruthy();
    expect(read).toBe(false);
    expect(within(card).queryByText('已读取文件 huge.json')).toBeNull();
    expect(argsOf(api, 'admin.importHolidaySchedule')).toEqual([]);
  });

  it('shows the audit log in words: actions translated, phones as main masked them, no raw keys', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    setup();
    const area = await openAdmin(user, '审计日志');
    const table = await within(area).findByRole('table', { name: '审计日志', hidden: true });
    await waitFor(() => expect(table.textContent).toContain('查看完整号码'));
    const text = table.textContent ?? '';
    expect(text).toContain('号码方：收件人');
    expect(text).toContain('理由：客户要求回拨 138****5678');
    expect(text).toContain('解锁座席');
    expect(text).toContain('原锁定至：2026-12-02 10:15');
    expect(text).toContain('原因：工号不存在');
    expect(text).toContain('（无登录用户）');
    expect(text).toContain('其他操作');
    expect(text).not.toMatch(
      /reveal_phone|agent_unlocked|sign_in|unknown_employee_no|receiver|internalThing|raw_value/,
    );
    expect(area.textContent).toContain('共 45 条');
    everyControlNamed(area);
  });

  it("shows a setting's change field by field, before → after, in yuan, percent, seconds and words", async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    setup();
    const area = await openAdmin(user, '审计日志');
    const table = await within(area).findByRole('table', { name: '审计日志', hidden: true });
    await waitFor(() => expect(table.textContent).toContain('修改赔偿标准与投诉等级门槛'));
    const rowOf = (action: string) =>
      [...table.querySelectorAll('tr')].find((r) => r.textContent?.includes(action))!.textContent ??
      '';
    const rules = rowOf('修改赔偿标准与投诉等级门槛');
    expect(rules).toContain(
      '每公斤赔偿：20.00 元/公斤 → 30.00 元/公斤；赔偿上限：不设上限 → 500.00 元；延误退还运费比例：100% → 50%；另有 1 项设置更改',
    );
    expect(rules).not.toContain('未保价赔偿标准'); // unchanged
    expect(rowOf('修改话后整理规则')).toContain(
      '话后整理方式：限时 → 直到完成；话后整理时长：30 秒 → 45 秒；超时后默认来电类型：其他 → 查件',
    );
    expect(rowOf('DD20261202000007')).toContain(
      '单号：DD20261202000007；金额：23.50 元；保价：已保价',
    );
    expect(rowOf('发布话术')).toContain('话术：催派；版本：2；说明：开场语更简短');
    expect(rowOf('旧软电话账号已移除')).toContain('理由：没有对应的座席');
    expect(rowOf('签收交接本')).toContain('附签收意见：是');
    expect(table.textContent).not.toMatch(
      /before|after|fenPerKg|someFutureField|per_kg|until_done|tracking|accepted|no_matching_agent/,
    );
  });

  it('filters the audit log and pages through it; a reversed date range is refused, nothing asked', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    const api = setup();
    const area = await openAdmin(user, '审计日志');
    const form = await within(area).findByRole('form', { name: '审计日志', hidden: true });
    await waitFor(() => expect(argsOf(api, 'admin.auditLog')).toHaveLength(1));
    const action = within(form).getByRole('combobox', { name: '操作', hidden: true });
    await user.click(action);
    await user.click((await screen.findAllByTitle('登录失败')).at(-1)!);
    await fill(user, within(form).getByLabelText('开始日期'), '2026-12-02');
    await fill(user, within(form).getByLabelText('结束日期'), '2026-12-01');
    await user.click(button(form, '查询'));
    expect(await within(form).findByText('结束日期须晚于开始日期')).toBeTruthy();
    expect(argsOf(api, 'admin.auditLog')).toHaveLength(1);
    await fill(user, within(form).getByLabelText('结束日期'), '2026-12-02');
    await user.click(button(form, '查询'));
    await waitFor(() => expect(argsOf(api, 'admin.auditLog')).toHaveLength(2));
    expect(argsOf(api, 'admin.auditLog')[1]).toEqual({
      action: 'sign_in_failed',
      // Shanghai days: 2026-12-02 00:00 to 2026-12-03 00:00.
      from: Date.UTC(2026, 11, 1, 16),
      to: Date.UTC(2026, 11, 2, 16),
      page: 1,
      pageSize: 20,
    });
    await user.click(area.querySelector<HTMLElement>('.ant-pagination-item-2')!);
    await waitFor(() => expect(argsOf(api, 'admin.auditLog')).toHaveLength(3));
    expect(argsOf(api, 'admin.auditLog')[2]).toMatchObject({ page: 2, action: 'sign_in_failed' });
  });

  it('speaks English when the console does', async () => {
    const user = userEvent.setup({ pointerEventsCheck: 0 });
    setup({}, leadSession(), 'en');
    await user.click(await screen.findByRole('tab', { name: 'Admin', hidden: true }));
    const area = await screen.findByRole('region', {
      name: 'Shift lead administration',
      hidden: true,
    });
    await user.click(within(area).getByRole('tab', { name: 'Audit log', hidden: true }));
    const table = await within(area).findByRole('table', { name: 'Audit log', hidden: true });
    await waitFor(() => expect(table.textContent).toContain('Full number revealed'));
    expect(table.textContent).toContain('Party: Receiver; Reason: 客户要求回拨 138****5678');
    expect(table.textContent).not.toMatch(/[查看号码]/);
  });
});
