import { afterEach, beforeEach, describe, it } from 'vitest';
import { refusesAll as refusesAllUnchanged } from '../helpers/refusals';
import type { TestDesk } from '../helpers/desk';
import { addAgent, createTestDesk, TEST_PASSWORD } from '../helpers/desk';

/**
 * The per-agent SIP account requests (ADR 0011) with arguments of the wrong shape, sent through the
 * dispatcher by a signed-in lead, i.e. where a well-formed request would change something: each is
 * refused with BAD_ARGUMENT before any handler runs, so no event goes out and the accounts, the
 * audit log, the settings, the session and the softphone's health are as they were.
 */
describe('per-agent SIP account requests with bad arguments', () => {
  let desk: TestDesk;
  let agentId: string;
  const events: string[] = [];
  const server = 'ws://127.0.0.1:9';

  const ok = async (name: string, args: unknown) => {
    const out = await desk.dispatcher.dispatch(name, args);
    if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
    return out.value;
  };
  const everything = () => ({
    session: desk.session.current(),
    health: desk.softphone.current(),
    tables: Object.fromEntries(
      ['agent_sip_accounts', 'audit_log', 'settings', 'agents', 'shifts', 'agent_state_log'].map(
        (t) => [t, desk.db.raw.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()],
      ),
    ),
  });

  async function refusesAll(name: string, shapes: unknown[]) {
    await refusesAllUnchanged({ desk, events, everything }, name, shapes);
  }

  beforeEach(async () => {
    desk = createTestDesk();
    agentId = addAgent(desk.db, { employeeNo: '1002', name: '王芳', role: 'agent' });
    await ok('auth.signIn', { employeeNo: '9001', password: TEST_PASSWORD });
    // One account already there, so a remove or a change that got through would show.
    await ok('softphone.assignAccount', { agentId, server, aor: 'sip:1002@pbx', password: 'p' });
    desk.subscribe((event) => events.push(event));
  });
  afterEach(() => {
    desk.cleanup();
    events.length = 0;
  });

  const long = 'x'.repeat(65);

  it('softphone.accounts (takes no arguments)', async () => {
    await refusesAll('softphone.accounts', [{ agentId }, { withPasswords: true }, 'all', [1]]);
  });

  it('softphone.myAccount (takes no arguments)', async () => {
    await refusesAll('softphone.myAccount', [{ agentId }, { password: true }, 7]);
  });

  it('softphone.assignAccount', async () => {
    const valid = { agentId, server, aor: 'sip:1002@pbx', password: 'q' };
    await refusesAll('softphone.assignAccount', [
      {},
      { server, aor: 'sip:1002@pbx', password: 'q' },
      { agentId },
      { ...valid, agentId: '' },
      { ...valid, agentId: long },
      { ...valid, agentId: 42 },
      { ...valid, agentId: [agentId] },
      { ...valid, server: 'x'.repeat(201) },
      { ...valid, aor: 'x'.repeat(201) },
      { ...valid, authUser: 'x'.repeat(65) },
      { ...valid, password: 'x'.repeat(129) },
      { ...valid, displayName: 'x'.repeat(65) },
      { ...valid, server: 5 },
      { ...valid, aor: null },
      { ...valid, password: 1234 },
      { ...valid, displayName: false },
      { ...valid, passwordSealed: 'v1:a:b:c' },
      { ...valid, updatedBy: 'someone' },
      { ...valid, role: 'lead' },
      'sip:1002@pbx',
      [valid],
    ]);
  });

  it('softphone.removeAccount', async () => {
    await refusesAll('softphone.removeAccount', [
      {},
      { agentId: '' },
      { agentId: long },
      { agentId: 7 },
      { agentId: null },
      { agentId, all: true },
      { employeeNo: '1002' },
      agentId,
    ]);
  });

  it('softphone.setAccountPolicy', async () => {
    await refusesAll('softphone.setAccountPolicy', [
      { readyRequiresPhone: 'no' },
      { readyRequiresPhone: 0 },
      { agentsConfigureOwn: null },
      { readyRequiresPhone: false, extra: 1 },
      JSON.parse('{"__proto__": {"readyRequiresPhone": false}}'),
      'off',
      [false],
    ]);
  });
});
