import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AdminAgent, RequestName, RequestResult } from '@shared/contract';
import { adminRequests } from '@shared/contract';
import { createDesk } from '../../../../electron/core/desk';
import { AuditRepo } from '../../../../electron/core/platform/audit-repo';
import type { TestDesk } from '../../../helpers/desk';
import { addAgent, createTestDesk, TEST_PASSWORD } from '../../../helpers/desk';
import { SCHEDULE_2027 } from '../../../shared/admin/holiday-schedules';

/**
 * The lead's administration (issue #12) through the contract's dispatcher over real SQLite: who may
 * use it (leads; agents get FORBIDDEN), what each change stores and audits, and what is refused
 * with nothing changed.
 */
describe('admin: the lead administers the team, the tracking source and reads the audit log', () => {
  let desk: TestDesk;
  let ids: { agent: string; lead: string };

  const dispatch = (name: string, args: unknown) => desk.dispatcher.dispatch(name, args);
  const ok = async <N extends RequestName>(name: N, args: unknown): Promise<RequestResult<N>> => {
    const out = await dispatch(name, args);
    if (!out.ok) throw new Error(`${name}: ${out.error.code} ${out.error.message}`);
    return out.value as RequestResult<N>;
  };
  const refused = async (name: string, args: unknown) => {
    const out = await dispatch(name, args);
    if (out.ok) throw new Error(`${name} ${JSON.stringify(args)} was accepted`);
    return out.error;
  };
  const signIn = (employeeNo: string, password = TEST_PASSWORD) =>
    dispatch('auth.signIn', { employeeNo, password });
  const signInOk = async (employeeNo: string, password = TEST_PASSWORD) => {
    const out = await signIn(employeeNo, password);
    if (!out.ok) throw new Error(`sign-in ${employeeNo}: ${out.error.code}`);
  };
  const signOut = () => ok('auth.signOut', {});
  /** Everything an admin request could change. */
  const stored = () =>
    JSON.stringify(
      ['agents', 'audit_log', 'settings'].map((t) =>
        desk.db.raw.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all(),
      ),
    );
  const audits = (action: string) =>
    (
      desk.db.raw
        .prepare('SELECT actor_id, subject, detail FROM audit_log WHERE action = ? ORDER BY at, id')
        .all(action) as { actor_id: string | null; subject: string | null; detail: string }[]
    ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as Record<string, unknown> }));
  const idOf = (employeeNo: string) =>
    (
      desk.db.raw.prepare('SELECT id FROM agents WHERE employee_no = ?').get(employeeNo) as {
        id: string;
      }
    ).id;
  const find = (list: AdminAgent[], employeeNo: string) =>
    list.find((a) => a.employeeNo === employeeNo);

  /** Valid arguments for every admin request (what an agent tries and is refused). */
  const validArgs = (): Record<keyof typeof adminRequests, unknown> => ({
    'admin.agents': {},
    'admin.addAgent': {
      employeeNo: '1002',
      name: '王芳',
      role: 'agent',
      team: '一组',
      password: 'Welcome2026',
    },
    'admin.setAgentActive': { agentId: ids.agent, active: false },
    'admin.resetPassword': { agentId: ids.agent, password: 'Welcome2026' },
    'admin.unlockAgent': { agentId: ids.agent },
    'admin.trackingSource': {},
    'admin.setTrackingSource': {
      kind: 'kuaidi100',
      url: 'https://poll.kuaidi100.com/poll/query.do',
      customer: 'C1',
      key: 'k',
    },
    'admin.holidaySchedule': {},
    'admin.importHolidaySchedule': {
      format: 'chinese_days_json',
      text: JSON.stringify(SCHEDULE_2027),
    },
    'admin.auditLog': {},
  });

  beforeEach(() => {
    desk = createTestDesk();
    ids = { agent: idOf('1001'), lead: idOf('9001') };
  });
  afterEach(() => desk.cleanup());

  it('refuses every admin request to nobody (UNAUTHENTICATED) and to an agent (FORBIDDEN), changing nothing', async () => {
    // A locked-out 1001 makes the unlock a change that would happen if it were allowed.
    desk.db.raw
      .prepare('UPDATE agents SET locked_until = ?, failed_attempts = 0 WHERE id = ?')
      .run(desk.clock.now() + 60_000, ids.agent);
    const names = Object.keys(validArgs()).sort();
    expect(names).toEqual(Object.keys(adminRequests).sort());
    const before = stored();
    for (const [name, args] of Object.entries(validArgs())) {
      expect((await refused(name, args)).code, name).toBe('UNAUTHENTICATED');
    }
    expect(stored()).toBe(before);
    addAgent(desk.db, { employeeNo: '1003', name: '赵敏', role: 'agent' });
    await signInOk('1003');
    const signedIn = stored();
    for (const [name, args] of Object.entries(validArgs())) {
      expect((await refused(name, args)).code, name).toBe('FORBIDDEN');
    }
    expect(stored()).toBe(signedIn);
  });

  it('lists the team for a lead: role, team, active, lockout — never a password hash', async () => {
    await signInOk('9001');
    const list = await ok('admin.agents', {});
    expect(list.map((a) => a.employeeNo).sort()).toEqual(['1001', '9001']);
    expect(find(list, '1001')).toMatchObject({
      name: '张伟',
      role: 'agent',
      team: '测试组',
      active: true,
      lockedUntil: null,
      failedAttempts: 0,
    });
    expect(JSON.stringify(list)).not.toContain('scrypt');
  });

  it('adds an agent who can then sign in, audited with who added them', async () => {
    await signInOk('9001');
    const added = await ok('admin.addAgent', {
      employeeNo: ' A1002 ',
      name: ' 王芳 ',
      role: 'agent',
      team: '二组',
      password: 'Welcome2026',
    });
    expect(added).toMatchObject({ employeeNo: 'A1002', name: '王芳', team: '二组', active: true });
    expect(audits('agent_created')).toEqual([
      {
        actor_id: ids.lead,
        subject: added.id,
        detail: { employeeNo: 'A1002', name: '王芳', role: 'agent', team: '二组' },
      },
    ]);
    expect(JSON.stringify(audits('agent_created'))).not.toContain('Welcome2026');
    await signOut();
    await signInOk('A1002', 'Welcome2026');
    expect(desk.session.current()?.agent.name).toBe('王芳');
  });

  it('refuses bad new agents with field-level codes and changes nothing', async () => {
    await signInOk('9001');
    const good = {
      employeeNo: '1002',
      name: '王芳',
      role: 'agent',
      team: '一组',
      password: 'Welcome2026',
    };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ name: '王'.repeat(33) }, 'name', 'name_length'],
      [{ name: '   ' }, 'name', 'name_length'],
      [{ team: 'x'.repeat(33) }, 'team', 'team_length'],
      [{ employeeNo: 'ab' }, 'employeeNo', 'employee_no_format'],
      [{ employeeNo: '10-02' }, 'employeeNo', 'employee_no_format'],
      [{ employeeNo: '1'.repeat(17) }, 'employeeNo', 'employee_no_format'],
      [{ employeeNo: '1001' }, 'employeeNo', 'employee_no_taken'],
      [{ employeeNo: 'ABC9' }, 'employeeNo', 'employee_no_format'],
      [{ password: 'short1' }, 'password', 'password_length'],
      [{ password: 'onlyletters' }, 'password', 'password_letters_digits'],
      [{ password: '12345678' }, 'password', 'password_letters_digits'],
      [{ password: 'pw1002abcd' }, 'password', 'password_contains_employee_no'],
      [{ password: 'a1'.repeat(65) }, 'password', 'password_length'],
      [{ role: 'admin' }, 'role', ''],
    ];
    // 'ABC9' is fine as a format: only the row below makes it taken (case-insensitively).
    cases[7] = [{ employeeNo: 'abc9' }, 'employeeNo', 'employee_no_taken'];
    addAgent(desk.db, { employeeNo: 'ABC9', name: '钱多', role: 'agent' });
    const before = stored();
    for (const [patch, path, code] of cases) {
      const error = await refused('admin.addAgent', { ...good, ...patch });
      expect(error.code, JSON.stringify(patch)).toBe('BAD_ARGUMENT');
      const issue = error.issues?.find((i) => i.path === path);
      expect(issue, JSON.stringify(patch)).toBeDefined();
      if (code) expect(issue?.message, JSON.stringify(patch)).toBe(code);
    }
    expect(stored()).toBe(before);
  });

  it('deactivates (sign-in refused) and reactivates an agent, audited; a lead cannot deactivate themselves', async () => {
    await signInOk('9001');
    const off = await ok('admin.setAgentActive', { agentId: ids.agent, active: false });
    expect(off.active).toBe(false);
    const before = stored();
    expect((await refused('admin.setAgentActive', { agentId: ids.lead, active: false })).code).toBe(
      'FORBIDDEN',
    );
    // Already deactivated: nothing to do, nothing audited twice.
    await ok('admin.setAgentActive', { agentId: ids.agent, active: false });
    expect(stored()).toBe(before);
    await signOut();
    expect(
      (await refused('auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD })).code,
    ).toBe('ACCOUNT_DISABLED');
    await signInOk('9001');
    expect((await ok('admin.setAgentActive', { agentId: ids.agent, active: true })).active).toBe(
      true,
    );
    await signOut();
    await signInOk('1001');
    expect(audits('agent_deactivated')).toEqual([
      { actor_id: ids.lead, subject: ids.agent, detail: { employeeNo: '1001' } },
    ]);
    expect(audits('agent_reactivated')).toHaveLength(1);
  });

  it('resets a password: the old one stops working, the new one works, a lockout goes with it', async () => {
    for (let i = 0; i < 5; i++) await signIn('1001', 'wrong-password');
    await signInOk('9001');
    expect(find(await ok('admin.agents', {}), '1001')?.lockedUntil).toBeGreaterThan(
      desk.clock.now(),
    );
    await ok('admin.resetPassword', { agentId: ids.agent, password: 'Temp2026x' });
    expect(audits('agent_password_reset')).toEqual([
      { actor_id: ids.lead, subject: ids.agent, detail: { employeeNo: '1001', unlocked: true } },
    ]);
    expect(JSON.stringify(audits('agent_password_reset'))).not.toContain('Temp2026x');
    await signOut();
    expect(
      (await refused('auth.signIn', { employeeNo: '1001', password: TEST_PASSWORD })).code,
    ).toBe('INVALID_CREDENTIALS');
    await signInOk('1001', 'Temp2026x');
  });

  it('refuses weak or over-long reset passwords and unknown agents, changing nothing', async () => {
    await signInOk('9001');
    const before = stored();
    for (const [password, code] of [
      ['abc1', 'password_length'],
      ['abcdefghij', 'password_letters_digits'],
      ['x1001yyyyy', 'password_contains_employee_no'],
      ['a1'.repeat(65), 'password_length'],
    ] as const) {
      const error = await refused('admin.resetPassword', { agentId: ids.agent, password });
      expect(error.code, password).toBe('BAD_ARGUMENT');
      expect(
        error.issues?.map((i) => i.message),
        password,
      ).toContain(code);
    }
    const unknown = '01900000-0000-7000-8000-000000000999';
    for (const [name, args] of [
      ['admin.resetPassword', { agentId: unknown, password: 'Welcome2026' }],
      ['admin.setAgentActive', { agentId: unknown, active: false }],
      ['admin.unlockAgent', { agentId: unknown }],
      ['admin.auditLog', { agentId: unknown }],
    ] as const) {
      expect((await refused(name, args)).code, name).toBe('NOT_FOUND');
    }
    for (const [name, args] of [
      ['admin.resetPassword', { agentId: '', password: 'Welcome2026' }],
      ['admin.setAgentActive', { agentId: 'x'.repeat(65), active: false }],
      ['admin.setAgentActive', { agentId: ids.agent, active: 'no' }],
      ['admin.unlockAgent', {}],
      ['admin.unlockAgent', { agentId: ids.agent, extra: 1 }],
    ] as const) {
      expect((await refused(name, args)).code, name).toBe('BAD_ARGUMENT');
    }
    expect(stored()).toBe(before);
  });

  it('unlocks a locked-out agent, who can then sign in; audited with the lockout lifted', async () => {
    for (let i = 0; i < 5; i++) await signIn('1001', 'wrong-password');
    expect((await signIn('1001')).ok).toBe(false);
    const lockedUntil = (
      desk.db.raw.prepare('SELECT locked_until FROM agents WHERE id = ?').get(ids.agent) as {
        locked_until: number;
      }
    ).locked_until;
    await signInOk('9001');
    const unlocked = await ok('admin.unlockAgent', { agentId: ids.agent });
    expect(unlocked).toMatchObject({ lockedUntil: null, failedAttempts: 0 });
    expect(audits('agent_unlocked')).toEqual([
      {
        actor_id: ids.lead,
        subject: ids.agent,
        detail: { employeeNo: '1001', lockedUntil, failedAttempts: 0 },
      },
    ]);
    // Nothing left to unlock: refused, nothing changed.
    const before = stored();
    expect((await refused('admin.unlockAgent', { agentId: ids.agent })).code).toBe(
      'ILLEGAL_TRANSITION',
    );
    expect(stored()).toBe(before);
    await signOut();
    await signInOk('1001');
  });

  it('sets the Kuaidi100 tracking source (key never shown or audited), used by the next start of the desk', async () => {
    await signInOk('9001');
    expect(await ok('admin.trackingSource', {})).toEqual({ kuaidi100: null });
    const before = stored();
    const url = 'https://poll.kuaidi100.com/poll/query.do';
    for (const [args, path, code] of [
      [{ kind: 'kuaidi100', url, customer: 'C1' }, 'key', 'key_required'],
      [{ kind: 'kuaidi100', url: 'ftp://x.cn/q', customer: 'C1', key: 'k' }, 'url', 'url_format'],
      [{ kind: 'kuaidi100', url: 'not a url', customer: 'C1', key: 'k' }, 'url', 'url_format'],
      [{ kind: 'kuaidi100', url, customer: ' ', key: 'k' }, 'customer', 'customer_length'],
      [
        { kind: 'kuaidi100', url, customer: 'C'.repeat(101), key: 'k' },
        'customer',
        'customer_length',
      ],
      [{ kind: 'kuaidi100', url, customer: 'C1', key: 'k'.repeat(201) }, 'key', 'key_length'],
      [{ kind: 'carrier-pigeon' }, 'kind', ''],
    ] as const) {
      const error = await refused('admin.setTrackingSource', args);
      expect(error.code, JSON.stringify(args)).toBe('BAD_ARGUMENT');
      const issue = error.issues?.find((i) => i.path === path);
      expect(issue, JSON.stringify(args)).toBeDefined();
      if (code) expect(issue?.message).toBe(code);
    }
    expect(stored()).toBe(before);

    const view = await ok('admin.setTrackingSource', {
      kind: 'kuaidi100',
      url,
      customer: 'C1',
      key: 'secret-key-1',
    });
    expect(view).toEqual({ kuaidi100: { url, customer: 'C1', keySet: true } });
    // Changing the customer keeps the stored key.
    desk.clock.advance(1000);
    await ok('admin.setTrackingSource', { kind: 'kuaidi100', url, customer: 'C2' });
    expect(
      JSON.parse(
        desk.db.raw
          .prepare("SELECT value FROM settings WHERE key = 'tracking.kuaidi100'")
          .pluck()
          .get() as string,
      ),
    ).toEqual({ url, customer: 'C2', key: 'secret-key-1' });
    const changes = audits('tracking_source_changed');
    expect(changes.map((c) => c.detail)).toEqual([
      { source: 'kuaidi100', url, customer: 'C1', keyChanged: true },
      { source: 'kuaidi100', url, customer: 'C2', keyChanged: false },
    ]);
    expect(JSON.stringify(changes)).not.toContain('secret-key-1');
    expect(JSON.stringify(await ok('admin.trackingSource', {}))).not.toContain('secret-key-1');

    // The waybills feature reads the setting at start: a desk opened on this data has a live source.
    expect(desk.tracking.isLive(desk.clock.now())).toBe(false);
    await signOut();
    desk.dispose();
    const reopened = createDesk({
      dataDir: desk.dataDir,
      host: 'web',
      appVersion: 't',
      clock: desk.clock,
      logger: desk.logger,
    });
    try {
      expect(reopened.tracking.isLive(desk.clock.now())).toBe(true);
      await reopened.session.signIn('9001', TEST_PASSWORD);
      const off = await reopened.dispatcher.dispatch('admin.setTrackingSource', { kind: 'mirror' });
      expect(off).toEqual({ ok: true, value: { kuaidi100: null } });
      expect(
        reopened.db.raw
          .prepare("SELECT count(*) FROM settings WHERE key = 'tracking.kuaidi100'")
          .pluck()
          .get(),
      ).toBe(0);
    } finally {
      reopened.dispose();
      // cleanup() disposes again: give it a desk whose dispose is harmless.
      desk = { ...desk, dispose: () => undefined, cleanup: desk.cleanup } as TestDesk;
    }
  });

  describe('the audit log', () => {
    const at = (h: number) => Date.UTC(2026, 10, 22, h, 0, 0);
    beforeEach(() => {
      const audit = new AuditRepo(desk.db);
      let n = 0;
      const add = (
        hour: number,
        actorId: string | null,
        action: string,
        subject: string | null,
        detail: Record<string, unknown> | null,
      ) =>
        audit.append({
          id: `01900000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
          at: at(hour),
          actorId,
          action,
          subject,
          detail,
        });
      add(0, ids.agent, 'reveal_phone', 'SF1234567890', {
        party: 'receiver',
        reason: '客户要求回拨 13812345678',
      });
      add(0, null, 'sign_in_failed', '13900001111', { cause: 'unknown_employee_no' });
      add(0, ids.lead, 'agent_unlocked', ids.agent, { employeeNo: '1001', failedAttempts: 0 });
      add(0, ids.agent, 'create_customer', '01900000-0000-7000-8000-00000000beef', {
        phones: 1,
        senderPhone: '021-66668888',
        sharedWith: ['x'],
      });
      add(0, ids.agent, 'future_feature_did_something', 'key_account', {
        customerId: '01900000-0000-7000-8000-00000000beef',
      });
    });

    it('names actors and agent subjects, masks phone numbers, hides internal ids and unknown actions', async () => {
      await signInOk('9001');
      const page = await ok('admin.auditLog', { from: at(0), to: at(1) });
      expect(page.total).toBe(5);
      const byAction = (a: string | null) => page.entries.filter((e) => e.action === a);
      expect(byAction('reveal_phone')[0]).toMatchObject({
        actor: { employeeNo: '1001', name: '张伟' },
        subject: { kind: 'text', text: 'SF1234567890' },
        detail: [
          { key: 'party', value: 'receiver' },
          { key: 'reason', value: '客户要求回拨 138****5678' },
        ],
      });
      expect(byAction('sign_in_failed')[0]).toMatchObject({
        actor: null,
        subject: { kind: 'text', text: '139****1111' },
      });
      expect(byAction('agent_unlocked')[0]?.subject).toEqual({
        kind: 'agent',
        employeeNo: '1001',
        name: '张伟',
      });
      expect(byAction('create_customer')[0]).toMatchObject({
        subject: null,
        detail: [
          { key: 'phones', value: 1 },
          { key: 'senderPhone', value: '021****8888' },
        ],
      });
      expect(byAction(null)).toMatchObject([{ subject: null }]);
      expect(JSON.stringify(page)).not.toMatch(
        /13812345678|13900001111|66668888|beef|future_feature|key_account/,
      );
    });

    it('keeps internal keys off screen: a setting, a script or a rate table is no subject; a setting change arrives as before/after values', async () => {
      const audit = new AuditRepo(desk.db);
      let n = 100;
      const add = (action: string, subject: string | null, detail: Record<string, unknown>) =>
        audit.append({
          id: `01900000-0000-7000-8000-${String(++n).padStart(12, '0')}`,
          at: at(2),
          actorId: ids.lead,
          action,
          subject,
          detail,
        });
      add('script_published', 'chase_delivery', { title: '催派', version: 2, note: '更简短' });
      add('rate_table_loaded', 'std-2026', { tableName: '2026 标准价', previousTable: 'std-2025' });
      add('complaint_rules_changed', 'complaints.rules', {
        before: JSON.stringify({ uninsured: { kind: 'per_kg', fenPerKg: 2000, capFen: null } }),
        after: JSON.stringify({ uninsured: { kind: 'per_kg', fenPerKg: 3000, capFen: 50000 } }),
      });
      add('acw_policy', null, {
        before: { mode: 'timed', seconds: 30 },
        after: { mode: 'until_done', seconds: 30, tags: ['x'] },
      });
      add('letterhead_changed', 'documents.letterhead', {
        before: '{"hotline":"021-66668888"}',
        after: 'not json',
      });
      await signInOk('9001');
      const page = await ok('admin.auditLog', { from: at(2), to: at(3) });
      const byAction = (a: string) => page.entries.find((e) => e.action === a);
      for (const e of page.entries) expect(e.subject).toBeNull();
      expect(byAction('script_published')?.detail).toEqual([
        { key: 'title', value: '催派' },
        { key: 'version', value: 2 },
        { key: 'note', value: '更简短' },
      ]);
      expect(byAction('complaint_rules_changed')?.detail).toEqual([
        { key: 'before.uninsured.kind', value: 'per_kg' },
        { key: 'before.uninsured.fenPerKg', value: 2000 },
        { key: 'before.uninsured.capFen', value: null },
        { key: 'after.uninsured.kind', value: 'per_kg' },
        { key: 'after.uninsured.fenPerKg', value: 3000 },
        { key: 'after.uninsured.capFen', value: 50000 },
      ]);
      expect(byAction('acw_policy')?.detail).toEqual([
        { key: 'before.mode', value: 'timed' },
        { key: 'before.seconds', value: 30 },
        { key: 'after.mode', value: 'until_done' },
        { key: 'after.seconds', value: 30 },
      ]);
      // The company hotline is shown whole (no customer's number); what is not an object is shown
      // as it was stored.
      expect(byAction('letterhead_changed')?.detail).toEqual([
        { key: 'before.hotline', value: '021-66668888' },
        { key: 'after', value: 'not json' },
      ]);
      expect(JSON.stringify(page)).not.toMatch(
        /chase_delivery|std-2026|complaints\.rules|documents\./,
      );
    });

    it('filters by agent, action and date range, newest first, one page at a time', async () => {
      await signInOk('9001'); // writes a sign_in row at the test clock's time (01:00)
      const count = (where = '1', ...params: unknown[]) =>
        desk.db.raw
          .prepare(`SELECT count(*) FROM audit_log WHERE ${where}`)
          .pluck()
          .get(...params);
      const all = await ok('admin.auditLog', {});
      expect(all.total).toBe(count());
      expect(all.entries.map((e) => e.at)).toEqual(
        [...all.entries.map((e) => e.at)].sort((a, b) => b - a),
      );
      const mine = await ok('admin.auditLog', { agentId: ids.agent });
      expect(mine.total).toBe(3);
      expect(mine.entries.every((e) => e.actor?.employeeNo === '1001')).toBe(true);
      const reveals = await ok('admin.auditLog', { action: 'reveal_phone' });
      expect(reveals.entries.map((e) => e.action)).toEqual(['reveal_phone']);
      const before1 = await ok('admin.auditLog', { to: at(1) });
      expect(before1.total).toBe(5);
      const from1 = await ok('admin.auditLog', { from: at(1) });
      expect(from1.total).toBe(count('at >= ?', at(1)));
      expect(from1.entries.map((e) => e.action)).toContain('sign_in');
      expect(from1.entries.every((e) => e.at >= at(1))).toBe(true);
      const p1 = await ok('admin.auditLog', { to: at(1), page: 1, pageSize: 4 });
      const p2 = await ok('admin.auditLog', { to: at(1), page: 2, pageSize: 4 });
      expect(p1.entries).toHaveLength(4);
      expect(p2.entries).toHaveLength(1);
      expect(new Set([...p1.entries, ...p2.entries].map((e) => e.id)).size).toBe(5);
      expect(p2).toMatchObject({ total: 5, page: 2, pageSize: 4 });
    });

    it('refuses bad filters clearly', async () => {
      await signInOk('9001');
      for (const args of [
        { from: at(2), to: at(1) },
        { from: at(1), to: at(1) },
        { pageSize: 101 },
        { page: 0 },
        { action: 'drop_table' },
        { from: -1 },
        { agentId: 'x'.repeat(65) },
        { search: 'x' },
      ]) {
        expect((await refused('admin.auditLog', args)).code, JSON.stringify(args)).toBe(
          'BAD_ARGUMENT',
        );
      }
      const range = await refused('admin.auditLog', { from: at(2), to: at(1) });
      expect(range.issues).toEqual([{ path: 'to', message: 'date_range' }]);
    });
  });
});
