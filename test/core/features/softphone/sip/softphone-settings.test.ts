import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDesk } from '../../../../../electron/core/desk';
import type { Desk } from '../../../../../electron/core/desk';
import type { TestDesk } from '../../../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../../../helpers/desk';
import type { RunningKamailio } from '../../../../sip-testbed/kamailio';
import { startKamailio } from '../../../../sip-testbed/kamailio';

describe('softphone settings through the contract', () => {
  const open: { desk?: TestDesk; again?: Desk; pbx?: RunningKamailio } = {};
  afterEach(async () => {
    open.again?.dispose();
    open.desk?.cleanup();
    await open.pbx?.stop();
    Object.keys(open).forEach((k) => delete open[k as keyof typeof open]);
  });

  const until = (get: () => string, want: string) =>
    vi.waitFor(() => expect(get()).toBe(want), { timeout: 15_000, interval: 50 });

  it('refuses a bad account clearly and stores nothing', async () => {
    const desk = (open.desk = createTestDesk());
    await desk.session.signIn('1001', TEST_PASSWORD);
    const out = await desk.dispatcher.dispatch('softphone.configure', {
      server: 'http://x',
      aor: 'nope',
      authUser: '1001',
      password: 'p',
    });
    expect(out).toMatchObject({
      ok: false,
      error: {
        code: 'BAD_ARGUMENT',
        issues: [
          { message: expect.stringMatching(/ws:\/\//) },
          { message: expect.stringMatching(/SIP URI/) },
        ],
      },
    });
    const shape = await desk.dispatcher.dispatch('softphone.configure', {
      server: 'ws://127.0.0.1:1',
      password: 'p',
    });
    expect(shape).toMatchObject({ ok: false, error: { code: 'BAD_ARGUMENT' } });
    // Nothing stored, for the agent (ADR 0011) or desk-wide.
    expect(desk.db.raw.prepare('SELECT count(*) AS n FROM agent_sip_accounts').get()).toEqual({
      n: 0,
    });
    expect(
      desk.db.raw.prepare("SELECT count(*) AS n FROM settings WHERE key = 'sip.account'").get(),
    ).toEqual({ n: 0 });
    expect(await desk.dispatcher.dispatch('softphone.health', {})).toMatchObject({
      ok: true,
      value: { state: 'unconfigured' },
    });
  });

  it('saves the agent’s account with the password sealed, registers, announces health, and registers again at sign-in after a restart', async () => {
    open.pbx = await startKamailio();
    const desk = (open.desk = createTestDesk());
    const health: string[] = [];
    desk.subscribe((event, payload) => {
      if (event === 'softphone.health') health.push((payload as { state: string }).state);
    });
    await desk.session.signIn('1001', TEST_PASSWORD);
    const out = await desk.dispatcher.dispatch('softphone.configure', {
      server: open.pbx.wsUrl,
      aor: 'sip:1001@127.0.0.1',
      authUser: '1001',
      password: open.pbx.password,
    });
    expect(out.ok).toBe(true);
    await until(() => desk.softphone.current().state, 'registered');
    expect(health).toContain('registered');
    // Stored for the signed-in agent (ADR 0011), not for the desk.
    const stored = desk.db.raw
      .prepare(
        `SELECT a.employee_no, s.* FROM agent_sip_accounts s JOIN agents a ON a.id = s.agent_id`,
      )
      .all() as Record<string, unknown>[];
    expect(JSON.stringify(stored)).not.toContain(open.pbx.password);
    expect(stored).toMatchObject([
      {
        employee_no: '1001',
        server: open.pbx.wsUrl,
        aor: 'sip:1001@127.0.0.1',
        auth_user: '1001',
        password_sealed: expect.stringMatching(/^v1:/),
      },
    ]);
    expect(
      desk.db.raw.prepare("SELECT count(*) AS n FROM settings WHERE key = 'sip.account'").get(),
    ).toEqual({ n: 0 });

    await desk.softphone.dispose();
    open.again = createDesk({
      dataDir: desk.dataDir,
      host: 'web',
      appVersion: 't',
      clock: desk.clock,
      logger: desk.logger,
    });
    // Nobody is signed in after a restart, so nobody is registered …
    expect(open.again.softphone.current().state).toBe('unconfigured');
    // … until the agent signs in: their account, its password unsealed again, registers.
    await open.again.session.signIn('1001', TEST_PASSWORD);
    await until(() => open.again!.softphone.current().state, 'registered');
  });
});
