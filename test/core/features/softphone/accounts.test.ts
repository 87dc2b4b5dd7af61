import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestDesk } from '../../../helpers/desk';
import { addAgent, createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { allowReadyWithoutPhone } from '../../../helpers/phone-policy';

/**
 * Per-agent SIP accounts (ADR 0011) through the contract, with no PBX: who may assign them, what is
 * stored (the password sealed, never listed), what is audited, and what is refused with nothing
 * stored. Registration against Kamailio is in sip/per-agent-accounts.test.ts.
 */
describe('per-agent SIP accounts', () => {
  let desk: TestDesk;
  let ids: { agent: string; lead: string; other: string };
  // Nothing listens there: accounts assigned in these tests never register.
  const server = 'ws://127.0.0.1:9';

  const dispatch = (name: string, args: unknown) => desk.dispatcher.dispatch(name, args);
  const ok = async (name: string, args: unknown) => {
    const out = await dispatch(name, args);
    if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
    return out.value as never;
  };
  const refused = async (name: string, args: unknown) => {
    const out = await dispatch(name, args);
    if (out.ok) throw new Error(`${name} ${JSON.stringify(args)} was accepted`);
    return out.error;
  };
  const signIn = (employeeNo: string) => ok('auth.signIn', { employeeNo, password: TEST_PASSWORD });
  const signOut = () => ok('auth.signOut', {});
  /** Everything an account request could change. */
  const stored = () =>
    JSON.stringify(
      ['agent_sip_accounts', 'audit_log', 'settings'].map((t) =>
        desk.db.raw.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      ),
    );
  const rows = () =>
    desk.db.raw.prepare('SELECT * FROM agent_sip_accounts ORDER BY aor').all() as Record<
      string,
      unknown
    >[];
  const audits = (action: string) =>
    (
      desk.db.raw
        .prepare('SELECT actor_id, subject, detail FROM audit_log WHERE action = ? ORDER BY at, id')
        .all(action) as { actor_id: string | null; subject: string; detail: string }[]
    ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  const idOf = (employeeNo: string) =>
    (
      desk.db.raw.prepare('SELECT id FROM agents WHERE employee_no = ?').get(employeeNo) as {
        id: string;
      }
    ).id;

  beforeEach(() => {
    desk = createTestDesk();
    ids = {
      agent: idOf('1001'),
      lead: idOf('9001'),
      other: addAgent(desk.db, { employeeNo: '1002', name: '王芳', role: 'agent' }),
    };
  });
  afterEach(() => desk.cleanup());

  it('a lead assigns an agent’s account: sealed password, auth user from the address, audited, listed without secrets', async () => {
    await signIn('9001');
    const entry = await ok('softphone.assignAccount', {
      agentId: ids.agent,
      server,
      aor: 'sip:1001@pbx.example.cn',
      password: 'agent-1001-secret',
      displayName: '张伟',
    });
    expect(entry).toEqual({
      agent: { id: ids.agent, employeeNo: '1001', name: '张伟', role: 'agent' },
      account: {
        server,
        aor: 'sip:1001@pbx.example.cn',
        authUser: '1001',
        displayName: '张伟',
        updatedAt: desk.clock.now(),
        updatedBy: { employeeNo: '9001', name: '李娜' },
      },
    });
    const [row] = rows();
    expect(row).toMatchObject({
      agent_id: ids.agent,
      server,
      aor: 'sip:1001@pbx.example.cn',
      auth_user: '1001',
      display_name: '张伟',
      updated_by: ids.lead,
      password_sealed: expect.stringMatching(/^v1:/),
    });
    expect(JSON.stringify(rows())).not.toContain('agent-1001-secret');
    expect(audits('sip_account_assigned')).toEqual([
      {
        actor_id: ids.lead,
        subject: ids.agent,
        detail: {
          server,
          aor: 'sip:1001@pbx.example.cn',
          authUser: '1001',
          displayName: '张伟',
          passwordChanged: true,
          by: 'lead',
        },
      },
    ]);
    expect(stored()).not.toContain('agent-1001-secret');

    const list = (await ok('softphone.accounts', {})) as {
      agents: { agent: { employeeNo: string }; account: unknown }[];
      policy: unknown;
    };
    expect(list.policy).toEqual({ readyRequiresPhone: true, agentsConfigureOwn: true });
    expect(list.agents.map((a) => [a.agent.employeeNo, a.account !== null])).toEqual([
      ['1001', true],
      ['1002', false],
      ['9001', false],
    ]);
    expect(JSON.stringify(list)).not.toMatch(/secret|password|v1:/i);
  });

  it('a change without a password keeps the sealed one; removing deletes the row; both audited', async () => {
    await signIn('9001');
    const base = { agentId: ids.agent, server, aor: 'sip:1001@pbx', authUser: '1001' };
    await ok('softphone.assignAccount', { ...base, password: 'first' });
    const sealed = rows()[0]!['password_sealed'];
    desk.clock.advance(1000);
    await ok('softphone.assignAccount', { ...base, server: 'wss://pbx.example.cn/ws' });
    expect(rows()[0]).toMatchObject({
      server: 'wss://pbx.example.cn/ws',
      password_sealed: sealed,
      updated_at: desk.clock.now(),
    });
    // Its own millisecond: audits are ordered by time, and ids within one ms are random.
    desk.clock.advance(1000);
    await ok('softphone.assignAccount', { ...base, password: 'second' });
    expect(rows()[0]!['password_sealed']).not.toBe(sealed);
    expect(audits('sip_account_assigned').map((a) => a.detail['passwordChanged'])).toEqual([
      true,
      false,
      true,
    ]);
    // An agent without an account needs a password.
    const before = stored();
    const e = await refused('softphone.assignAccount', {
      agentId: ids.other,
      server,
      aor: 'sip:1002@pbx',
    });
    expect(e).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'password' }] });
    expect(stored()).toBe(before);

    const removed = await ok('softphone.removeAccount', { agentId: ids.agent });
    expect(removed).toMatchObject({ agent: { employeeNo: '1001' }, account: null });
    expect(rows()).toEqual([]);
    expect(audits('sip_account_removed')).toEqual([
      { actor_id: ids.lead, subject: ids.agent, detail: { aor: 'sip:1001@pbx' } },
    ]);
    // Nothing left to remove.
    expect(await refused('softphone.removeAccount', { agentId: ids.agent })).toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses every lead-only request to an agent (their own account too), storing nothing', async () => {
    await signIn('9001');
    await ok('softphone.assignAccount', {
      agentId: ids.other,
      server,
      aor: 'sip:1002@pbx',
      password: 'p',
    });
    await signOut();
    await signIn('1001');
    const before = stored();
    for (const [name, args] of [
      ['softphone.accounts', {}],
      [
        'softphone.assignAccount',
        { agentId: ids.agent, server, aor: 'sip:1001@pbx', password: 'p' },
      ],
      [
        'softphone.assignAccount',
        { agentId: ids.other, server, aor: 'sip:1002@pbx', password: 'p' },
      ],
      ['softphone.removeAccount', { agentId: ids.other }],
      ['softphone.removeAccount', { agentId: ids.agent }],
      ['softphone.setAccountPolicy', { readyRequiresPhone: false }],
      ['softphone.setAccountPolicy', { agentsConfigureOwn: true }],
    ] as const) {
      expect(await refused(name, args), `${name} ${JSON.stringify(args)}`).toMatchObject({
        code: 'FORBIDDEN',
      });
    }
    expect(stored()).toBe(before);
    await signOut();
    const signedOut = stored();
    expect(await refused('softphone.accounts', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refused('softphone.myAccount', {})).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(
      await refused('softphone.assignAccount', {
        agentId: ids.agent,
        server,
        aor: 'sip:1001@pbx',
        password: 'p',
      }),
    ).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(stored()).toBe(signedOut);
  });

  it('refuses a nonexistent agent, odd SIP addresses, 200-character fields and a taken address, storing nothing', async () => {
    await signIn('9001');
    await ok('softphone.assignAccount', {
      agentId: ids.other,
      server,
      aor: 'sip:1002@pbx',
      password: 'p',
    });
    const before = stored();
    const valid = { agentId: ids.agent, server, aor: 'sip:1001@pbx', password: 'p' };
    expect(
      await refused('softphone.assignAccount', {
        ...valid,
        agentId: '00000000-0000-7000-8000-999999999999',
      }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    expect(
      await refused('softphone.removeAccount', { agentId: '00000000-0000-7000-8000-999999999999' }),
    ).toMatchObject({ code: 'NOT_FOUND' });
    const x200 = 'x'.repeat(200);
    for (const patch of [
      { aor: 'sip:@pbx' },
      { aor: 'sip:10 01@pbx' },
      { aor: 'sip:张伟@pbx' },
      { aor: 'sip:1001@@pbx' },
      { aor: 'sip:1001;user=phone@pbx' },
      { aor: 'sip:1001%40evil@pbx' },
      { aor: 'sip:<script>@pbx' },
      { aor: 'sip:1001@pbx>;tag=x' },
      { aor: 'sip:1001@pbx?Route=%3Csip:evil%3E' },
      { aor: 'sip:1001@pbx\r\nVia: evil' },
      { aor: 'tel:+8610123' },
      { aor: `sip:${'1'.repeat(65)}@pbx` },
      { aor: `sip:1001@${x200}` },
      { aor: `sip:${x200}@pbx` },
      { server: `ws://${x200}` },
      { server: 'http://pbx' },
      { server: 'ws://pbx ws' },
      { authUser: x200 },
      { authUser: 'a b' },
      { authUser: '' },
      { displayName: x200 },
      { displayName: '张伟"\r\nVia: evil' },
      { password: '' },
      { password: x200 },
      // Taken by agent 1002 (also spelt with another case).
      { aor: 'sip:1002@pbx' },
      { aor: 'sip:1002@PBX' },
    ]) {
      const e = await refused('softphone.assignAccount', { ...valid, ...patch });
      expect(e.code, JSON.stringify(patch)).toBe('BAD_ARGUMENT');
      expect(e.message.length, JSON.stringify(patch)).toBeGreaterThan(5);
    }
    // An address whose user part cannot be an auth user needs one given explicitly.
    expect(
      await refused('softphone.assignAccount', { ...valid, aor: 'sip:1001~x@pbx' }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'authUser' }] });
    expect(stored()).toBe(before);
  });

  it('an agent configures their own account (and only theirs) unless the lead turned that off', async () => {
    await signIn('1001');
    expect(await ok('softphone.myAccount', {})).toEqual({
      account: null,
      canConfigure: true,
      readyRequiresPhone: true,
    });
    await ok('softphone.configure', {
      server,
      aor: 'sip:1001@pbx',
      authUser: '1001',
      password: 'mine',
    });
    expect(rows()).toMatchObject([
      { agent_id: ids.agent, aor: 'sip:1001@pbx', updated_by: ids.agent },
    ]);
    expect(audits('sip_account_assigned')).toMatchObject([
      { actor_id: ids.agent, subject: ids.agent, detail: { by: 'self', passwordChanged: true } },
    ]);
    expect(await ok('softphone.myAccount', {})).toMatchObject({
      account: { aor: 'sip:1001@pbx', authUser: '1001', server },
      canConfigure: true,
    });
    expect(JSON.stringify(await ok('softphone.myAccount', {}))).not.toContain('mine');
    await signOut();

    await signIn('9001');
    expect(await ok('softphone.setAccountPolicy', { agentsConfigureOwn: false })).toEqual({
      readyRequiresPhone: true,
      agentsConfigureOwn: false,
    });
    expect(audits('sip_account_policy_changed')).toMatchObject([
      {
        actor_id: ids.lead,
        detail: { readyRequiresPhone: true, agentsConfigureOwn: false },
      },
    ]);
    // A lead may still configure their own.
    await ok('softphone.configure', {
      server,
      aor: 'sip:9001@pbx',
      authUser: '9001',
      password: 'l',
    });
    await signOut();

    await signIn('1001');
    expect(await ok('softphone.myAccount', {})).toMatchObject({ canConfigure: false });
    const before = stored();
    expect(
      await refused('softphone.configure', {
        server,
        aor: 'sip:1001@pbx',
        authUser: '1001',
        password: 'changed',
      }),
    ).toMatchObject({ code: 'FORBIDDEN' });
    expect(stored()).toBe(before);
  });

  it('an agent with no account cannot go 示闲 (clear code, nothing logged); the lead can turn the rule off', async () => {
    await signIn('1001');
    const log = () => desk.db.raw.prepare('SELECT count(*) AS n FROM agent_state_log').get();
    const before = log();
    expect(await refused('agent.setState', { target: { status: 'ready' } })).toMatchObject({
      code: 'NO_SIP_ACCOUNT',
    });
    expect(desk.session.current()?.state).toEqual({ status: 'not_ready', reason: 'login' });
    expect(log()).toEqual(before);
    // Other states are still the agent's to choose.
    await ok('agent.setState', { target: { status: 'break', reason: 'meal' } });
    allowReadyWithoutPhone(desk);
    await ok('agent.setState', { target: { status: 'ready' } });
    expect(desk.session.current()?.state).toEqual({ status: 'ready' });
  });
});
