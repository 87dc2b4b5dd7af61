import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import { createDesk } from '../../../../electron/core/desk';
import { AuditRepo } from '../../../../electron/core/platform/audit-repo';
import type { TestDesk } from '../../../helpers/desk';
import { addAgent, createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { allowReadyWithoutPhone } from '../../../helpers/phone-policy';

async function refused(p: Promise<unknown> | (() => unknown)): Promise<ContractError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    if (err instanceof ContractError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

function counts(desk: TestDesk) {
  return desk.db.raw
    .prepare(
      `SELECT (SELECT count(*) FROM shifts) AS shifts, (SELECT count(*) FROM agent_state_log) AS states,
              (SELECT group_concat(failed_attempts) FROM agents) AS failures`,
    )
    .get();
}

describe('DeskSessionService', () => {
  let desk: TestDesk;
  let events: (Session | null)[];
  beforeEach(() => {
    desk = createTestDesk({ lockout: { maxFailedAttempts: 3, lockoutMs: 10 * 60_000 } });
    // The agent states on their own: no softphone needed for 示闲 here (ADR 0011).
    allowReadyWithoutPhone(desk);
    events = [];
    desk.subscribe((event, payload) => {
      if (event === 'session.changed') events.push(payload as Session | null);
    });
  });
  afterEach(() => desk.cleanup());

  it('signs in, opens a shift in 示忙(刚登录), and announces it', async () => {
    const session = await desk.session.signIn('1001', TEST_PASSWORD);
    expect(session.agent).toMatchObject({ employeeNo: '1001', name: '张伟', role: 'agent' });
    expect(session.state).toEqual({ status: 'not_ready', reason: 'login' });
    expect(session.stateSince).toBe(desk.clock.now());
    expect(events).toEqual([session]);
    const shift = desk.db.raw.prepare('SELECT * FROM shifts').get() as Record<string, unknown>;
    expect(shift).toMatchObject({
      id: session.shift.id,
      started_at: desk.clock.now(),
      ended_at: null,
    });
    // Other features audit at start too (e.g. scripts shipped with the desk): find ours.
    const audit = new AuditRepo(desk.db).recent(100);
    expect(audit.find((e) => e.action === 'sign_in')).toMatchObject({
      action: 'sign_in',
      subject: session.shift.id,
    });
  });

  it('persists every state change with its time, and closes the log on sign-out', async () => {
    await desk.session.signIn('1001', TEST_PASSWORD);
    const t0 = desk.clock.now();
    desk.clock.advance(5_000);
    desk.session.chooseState({ status: 'ready' });
    desk.clock.advance(60_000);
    desk.session.chooseState({ status: 'not_ready', reason: 'paperwork' });
    desk.clock.advance(30_000);
    desk.session.chooseState({ status: 'break', reason: 'meal' });
    desk.clock.advance(1_800_000);
    desk.session.chooseState({ status: 'ready' });
    desk.clock.advance(10_000);
    desk.session.signOut();

    const rows = desk.db.raw
      .prepare(
        'SELECT status, reason, started_at - ? AS s, ended_at - ? AS e FROM agent_state_log ORDER BY started_at, rowid',
      )
      .all(t0, t0);
    expect(rows).toEqual([
      { status: 'not_ready', reason: 'login', s: 0, e: 5_000 },
      { status: 'ready', reason: null, s: 5_000, e: 65_000 },
      { status: 'not_ready', reason: 'paperwork', s: 65_000, e: 95_000 },
      { status: 'break', reason: 'meal', s: 95_000, e: 1_895_000 },
      { status: 'ready', reason: null, s: 1_895_000, e: 1_905_000 },
      { status: 'offline', reason: null, s: 1_905_000, e: 1_905_000 },
    ]);
    expect(desk.db.raw.prepare('SELECT end_reason, ended_at - ? AS e FROM shifts').get(t0)).toEqual(
      { end_reason: 'sign_out', e: 1_905_000 },
    );
    expect(desk.session.current()).toBeNull();
    expect(events.at(-1)).toBeNull();
  });

  it('returns the shift state log newest first', async () => {
    await desk.session.signIn('1001', TEST_PASSWORD);
    desk.clock.advance(1000);
    desk.session.chooseState({ status: 'ready' });
    const log = desk.session.stateLog(10);
    expect(log.map((e) => e.state.status)).toEqual(['ready', 'not_ready']);
    expect(log[0]?.endedAt).toBeNull();
    expect(desk.session.stateLog(1)).toHaveLength(1);
  });

  it('refuses an illegal transition and changes nothing', async () => {
    await desk.session.signIn('1001', TEST_PASSWORD);
    desk.session.chooseState({ status: 'ready' });
    const before = counts(desk);
    const eventsBefore = events.length;
    const err = await refused(() => desk.session.chooseState({ status: 'ready' }));
    expect(err.code).toBe('ILLEGAL_TRANSITION');
    const err2 = await refused(() => desk.session.apply({ kind: 'answer' }));
    expect(err2.code).toBe('ILLEGAL_TRANSITION');
    expect(counts(desk)).toEqual(before);
    expect(events.length).toBe(eventsBefore);
    expect(desk.session.current()?.state).toEqual({ status: 'ready' });
  });

  it('refuses state changes and sign-out when nobody is signed in', async () => {
    expect((await refused(() => desk.session.chooseState({ status: 'ready' }))).code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await refused(() => desk.session.signOut())).code).toBe('UNAUTHENTICATED');
    expect((await refused(() => desk.session.stateLog(10))).code).toBe('UNAUTHENTICATED');
  });

  it('will not sign out in the middle of a call', async () => {
    await desk.session.signIn('1001', TEST_PASSWORD);
    desk.session.chooseState({ status: 'ready' });
    desk.session.apply({ kind: 'offer' });
    desk.session.apply({ kind: 'answer' });
    expect((await refused(() => desk.session.signOut())).code).toBe('ILLEGAL_TRANSITION');
    expect(desk.session.current()?.state.status).toBe('in_call');
  });

  it('gives the same answer for an unknown 工号 and a wrong password, and never stores the password', async () => {
    const unknown = await refused(desk.session.signIn('4040', TEST_PASSWORD));
    const wrong = await refused(desk.session.signIn('1001', 'wrong-password'));
    expect(unknown.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.message).toBe(wrong.message);
    const dump =
      JSON.stringify(desk.db.raw.prepare('SELECT * FROM agents').all()) +
      JSON.stringify(desk.db.raw.prepare('SELECT * FROM audit_log').all());
    expect(dump).not.toContain('wrong-password');
    expect(dump).not.toContain(TEST_PASSWORD);
    expect(
      desk.db.raw.prepare("SELECT password_hash FROM agents WHERE employee_no = '1001'").get(),
    ).toEqual({
      password_hash: expect.stringMatching(/^scrypt\$32768\$8\$1\$/),
    });
    expect(desk.db.raw.prepare('SELECT count(*) AS n FROM shifts').get()).toEqual({ n: 0 });
  });

  it('locks the account after repeated failures, even against the right password, until the lock expires', async () => {
    for (let i = 0; i < 2; i++)
      expect((await refused(desk.session.signIn('1001', 'nope'))).code).toBe('INVALID_CREDENTIALS');
    const locked = await refused(desk.session.signIn('1001', 'nope'));
    expect(locked.code).toBe('ACCOUNT_LOCKED');
    expect(locked.message).toMatch(/10 min/);
    expect((await refused(desk.session.signIn('1001', TEST_PASSWORD))).code).toBe('ACCOUNT_LOCKED');
    expect(new AuditRepo(desk.db).recent(100).map((e) => e.action)).toContain('account_locked');
    desk.clock.advance(10 * 60_000 + 1);
    const session = await desk.session.signIn('1001', TEST_PASSWORD);
    expect(session.agent.employeeNo).toBe('1001');
    expect(
      desk.db.raw
        .prepare("SELECT failed_attempts, locked_until FROM agents WHERE employee_no = '1001'")
        .get(),
    ).toEqual({
      failed_attempts: 0,
      locked_until: null,
    });
  });

  it('refuses disabled accounts and a second agent on an occupied desk', async () => {
    addAgent(desk.db, { employeeNo: '1002', name: '王芳', role: 'agent', disabled: true });
    expect((await refused(desk.session.signIn('1002', TEST_PASSWORD))).code).toBe(
      'ACCOUNT_DISABLED',
    );
    await desk.session.signIn('1001', TEST_PASSWORD);
    const busy = await refused(desk.session.signIn('9001', TEST_PASSWORD));
    expect(busy.code).toBe('ALREADY_SIGNED_IN');
    expect(desk.session.current()?.agent.employeeNo).toBe('1001');
  });

  it('closes a shift left open by a killed process at its last recorded state', async () => {
    await desk.session.signIn('1001', TEST_PASSWORD);
    desk.clock.advance(5_000);
    desk.session.chooseState({ status: 'ready' });
    const lastChange = desk.clock.now();
    desk.clock.advance(3_600_000);
    // Simulate a crash: the database is closed without signing out, then the desk starts again.
    desk.db.close();
    const reopened = createDesk({
      dataDir: desk.dataDir,
      host: 'web',
      appVersion: 't',
      clock: desk.clock,
      logger: desk.logger,
    });
    try {
      expect(reopened.session.current()).toBeNull();
      expect(reopened.db.raw.prepare('SELECT end_reason, ended_at FROM shifts').get()).toEqual({
        end_reason: 'recovered_after_restart',
        ended_at: lastChange,
      });
      expect(
        reopened.db.raw
          .prepare('SELECT count(*) AS n FROM agent_state_log WHERE ended_at IS NULL')
          .get(),
      ).toEqual({ n: 0 });
      expect(desk.logger.entries.some((e) => e.message.includes('left open'))).toBe(true);
      // And the agent can start again.
      await reopened.session.signIn('1001', TEST_PASSWORD);
    } finally {
      reopened.dispose();
    }
  });
});
