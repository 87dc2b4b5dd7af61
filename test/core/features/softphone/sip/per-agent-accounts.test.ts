import { readdirSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SipHealth } from '@shared/softphone/contract';
import { systemClock } from '../../../../../electron/core/platform/ports';
import type { TestDesk } from '../../../../helpers/desk';
import { addAgent, createTestDesk, TEST_PASSWORD } from '../../../../helpers/desk';
import type { RunningKamailio } from '../../../../sip-testbed/kamailio';
import { freeTcpPort, freeUdpPort, startKamailio } from '../../../../sip-testbed/kamailio';
import type { SippRun } from '../../../../sip-testbed/sipp';
import { startSipp } from '../../../../sip-testbed/sipp';

/** `pid` and every process it started (Kamailio's workers answer SIP, not its main process). */
function processTree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number),
  );
  return [pid, ...children.flatMap(processTree)];
}

/**
 * The SIP account is the agent's, not the desk's (ADR 0011), against real Kamailio and SIPp: the
 * desk registers the signed-in agent's own address and nobody else's, sign-out removes the binding
 * from Kamailio's location table, and an agent whose phone cannot take calls is kept out of 示闲.
 * Kamailio has no trunk here, so a call to an address nobody registered gets its 404; a call that
 * reaches the desk while the agent is not 示闲 gets the desk's 486 and is counted to that agent.
 */
// Real processes over real sockets on a loaded 2-core CI machine: a test that fails is run once
// more, and `npm test` lists every such pass-on-retry with its first failure (never hidden).
describe('per-agent SIP accounts against Kamailio + SIPp', { retry: 1 }, () => {
  const open: { desk?: TestDesk; pbx?: RunningKamailio; sipps: SippRun[] } = { sipps: [] };
  afterEach(async () => {
    for (const s of open.sipps.splice(0)) await s.stop();
    open.desk?.cleanup();
    await open.pbx?.stop();
    open.desk = undefined;
    open.pbx = undefined;
  });

  function deskWithAgents() {
    const desk = (open.desk = createTestDesk({ clock: systemClock }));
    const ids = {
      a1001: (
        desk.db.raw.prepare("SELECT id FROM agents WHERE employee_no = '1001'").get() as {
          id: string;
        }
      ).id,
      a1002: addAgent(desk.db, { employeeNo: '1002', name: '王芳', role: 'agent' }),
    };
    return { desk, ids };
  }
  const ok = async (name: string, args: unknown) => {
    const out = await open.desk!.dispatcher.dispatch(name, args);
    if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
    return out.value as never;
  };
  const refused = async (name: string, args: unknown) => {
    const out = await open.desk!.dispatcher.dispatch(name, args);
    if (out.ok) throw new Error(`${name} was accepted`);
    return out.error;
  };
  const signIn = (employeeNo: string) => ok('auth.signIn', { employeeNo, password: TEST_PASSWORD });
  const health = () => open.desk!.softphone.current();
  const until = (what: string, test: () => boolean, timeout = 15_000) =>
    vi.waitFor(
      () => {
        if (!test()) throw new Error(`not yet: ${what} ${JSON.stringify(health())}`);
      },
      { timeout, interval: 50 },
    );
  /** A customer calls `user` and must get `code` back (the desk's 486, or Kamailio's 404). */
  async function callGets(user: string, code: 404 | 486) {
    const run = await startSipp({
      scenario: 'caller-refused',
      remote: `127.0.0.1:${open.pbx!.udpPort}`,
      service: user,
      vars: { CODE: code },
      timeoutMs: 10_000,
    });
    open.sipps.push(run);
    const r = await run.done;
    expect(r.code, `call to ${user}: wanted ${code}\n${r.errors}\n${r.messages.slice(-2000)}`).toBe(
      0,
    );
  }
  const account = (user: string, password = open.pbx!.password) => ({
    server: open.pbx!.wsUrl,
    aor: `sip:${user}@127.0.0.1`,
    password,
  });

  it('two agents signing in one after the other register as their own address; sign-out unregisters', async () => {
    open.pbx = await startKamailio();
    const { desk, ids } = deskWithAgents();
    await signIn('9001');
    await ok('softphone.assignAccount', { agentId: ids.a1001, ...account('1001') });
    await ok('softphone.assignAccount', { agentId: ids.a1002, ...account('1002') });
    await ok('auth.signOut', {});

    await signIn('1001');
    await until('1001 registered', () => health().state === 'registered');
    await callGets('1001', 486);
    await callGets('1002', 404);
    await ok('auth.signOut', {});
    // Sign-out waited for the un-REGISTER: the binding is gone from Kamailio at once.
    expect(health().state).toBe('unconfigured');
    await callGets('1001', 404);

    await signIn('1002');
    await until('1002 registered', () => health().state === 'registered');
    await callGets('1002', 486);
    await callGets('1001', 404);
    await ok('auth.signOut', {});
    await callGets('1002', 404);

    // Each refused call is counted to the agent it was for, in their own shift.
    const refusedRows = desk.db.raw
      .prepare(
        `SELECT a.employee_no, c.end_cause, c.shift_id = s.id AS own_shift
           FROM calls c JOIN agents a ON a.id = c.agent_id JOIN shifts s ON s.id = c.shift_id
          WHERE s.agent_id = c.agent_id ORDER BY c.offered_at`,
      )
      .all();
    expect(refusedRows).toEqual([
      { employee_no: '1001', end_cause: 'refused_not_ready', own_shift: 1 },
      { employee_no: '1002', end_cause: 'refused_not_ready', own_shift: 1 },
    ]);
  });

  it('a lead re-assigning the signed-in agent’s account re-registers; removing it unregisters', async () => {
    open.pbx = await startKamailio();
    const { ids } = deskWithAgents();
    // A lead's own account, configured by the lead for themselves.
    await signIn('9001');
    await ok('softphone.configure', { ...account('9001'), authUser: '9001' });
    await until('9001 registered', () => health().state === 'registered');
    await callGets('9001', 486);
    await ok('softphone.assignAccount', { agentId: ids.a1001, ...account('1001') });
    // Assigning someone else's account leaves the lead's registration alone.
    expect(health().state).toBe('registered');
    await callGets('1001', 404);
    const removed = ok('softphone.removeAccount', {
      agentId: (
        open.desk!.db.raw.prepare("SELECT id FROM agents WHERE employee_no = '9001'").get() as {
          id: string;
        }
      ).id,
    });
    await removed;
    await until('unregistered', () => health().state === 'unconfigured');
    await callGets('9001', 404);
    expect(await refused('agent.setState', { target: { status: 'ready' } })).toMatchObject({
      code: 'NO_SIP_ACCOUNT',
    });
  });

  it('sign-out does not wait long for a dead PBX', async () => {
    open.pbx = await startKamailio();
    const { ids } = deskWithAgents();
    await signIn('9001');
    await ok('softphone.assignAccount', { agentId: ids.a1001, ...account('1001') });
    await ok('auth.signOut', {});
    await signIn('1001');
    await until('registered', () => health().state === 'registered');
    // Frozen, not gone: the connection stays open and the un-REGISTER gets no answer at all.
    const frozen = processTree(open.pbx.pid);
    for (const pid of frozen) process.kill(pid, 'SIGSTOP');
    try {
      const t = Date.now();
      await ok('auth.signOut', {});
      expect(Date.now() - t).toBeLessThan(3500);
      expect(open.desk!.session.current()).toBeNull();
      expect(health().state).toBe('unconfigured');
    } finally {
      for (const pid of frozen) process.kill(pid, 'SIGCONT');
    }
  });

  it('示闲 waits for a registered phone: parked in 示忙·系统故障 while unreachable, returned once registered', async () => {
    const ports = { udp: await freeUdpPort(), ws: await freeTcpPort() };
    const { desk, ids } = deskWithAgents();
    await signIn('9001');
    await ok('softphone.assignAccount', {
      agentId: ids.a1001,
      server: `ws://127.0.0.1:${ports.ws}`,
      aor: 'sip:1001@127.0.0.1',
      password: 'desk-secret',
    });
    await ok('auth.signOut', {});
    const seen: SipHealth[] = [];
    desk.subscribe((event, payload) => {
      if (event === 'softphone.health') seen.push(payload as SipHealth);
    });
    await signIn('1001');
    await until('unreachable', () => health().failure === 'unreachable');
    expect(health()).toMatchObject({ state: 'connecting', failure: 'unreachable' });
    expect(seen.at(-1)).toMatchObject({ failure: 'unreachable' });
    // The agent asks for 示闲: no call can reach them, so they are shown 示忙·系统故障 …
    expect(await ok('agent.setState', { target: { status: 'ready' } })).toMatchObject({
      state: { status: 'not_ready', reason: 'system_issue' },
    });
    // … and asking again while it is still down says why.
    expect(await refused('agent.setState', { target: { status: 'ready' } })).toMatchObject({
      code: 'PHONE_NOT_REGISTERED',
    });
    open.pbx = await startKamailio({ ports });
    desk.softphone.reconnectNow('test: the PBX is up');
    await until('registered', () => health().state === 'registered');
    await until('示闲', () => desk.session.current()?.state.status === 'ready');
    expect(health()).toMatchObject({ state: 'registered', failure: null });
    expect(desk.session.stateLog(3).map((e) => e.state)).toEqual([
      { status: 'ready' },
      { status: 'not_ready', reason: 'system_issue' },
      { status: 'not_ready', reason: 'login' },
    ]);
  });

  it('a wrong password is an auth failure and keeps the agent out of 示闲', async () => {
    open.pbx = await startKamailio();
    const { desk, ids } = deskWithAgents();
    await signIn('9001');
    await ok('softphone.assignAccount', { agentId: ids.a1001, ...account('1001', 'wrong') });
    await ok('auth.signOut', {});
    await signIn('1001');
    await until('failed', () => health().state === 'failed');
    expect(health()).toMatchObject({ state: 'failed', failure: 'auth' });
    expect(health().lastError).toMatch(/401/);
    await ok('agent.setState', { target: { status: 'ready' } });
    expect(desk.session.current()?.state).toEqual({ status: 'not_ready', reason: 'system_issue' });
    await callGets('1001', 404);
  });
});
