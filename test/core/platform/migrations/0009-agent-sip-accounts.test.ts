import type Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import {
  currentVersion,
  latestVersion,
  updateToVersion,
} from '../../../../electron/core/platform/db/migrations';
import { createRawDb } from '../../../helpers/desk';

const agent = { id: 'a-1001', employeeNo: '1001' };
const lead = { id: 'a-9001', employeeNo: '9001' };

function before(setting?: unknown): Database.Database {
  const db = createRawDb();
  updateToVersion(db, 8);
  const add = db.prepare(
    `INSERT INTO agents (id, employee_no, name, role, team, password_hash, created_at)
     VALUES (?, ?, ?, ?, '一组', 'x', 0)`,
  );
  add.run(agent.id, agent.employeeNo, '张伟', 'agent');
  add.run(lead.id, lead.employeeNo, '李娜', 'lead');
  if (setting !== undefined) {
    db.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('sip.account', ?, 5)").run(
      typeof setting === 'string' ? setting : JSON.stringify(setting),
    );
  }
  return db;
}

const audit = (db: Database.Database) =>
  (
    db.prepare('SELECT actor_id, action, subject, detail FROM audit_log').all() as {
      actor_id: string | null;
      action: string;
      subject: string | null;
      detail: string;
    }[]
  ).map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown }));
const setting = (db: Database.Database) =>
  db.prepare("SELECT value FROM settings WHERE key = 'sip.account'").get();

describe('migration 0009: per-agent SIP accounts', () => {
  const old = {
    server: 'ws://pbx:8080',
    aor: 'sip:1001@pbx',
    authUser: '1001',
    displayName: '张伟',
    passwordSealed: 'v1:aXY=:dGFn:Ym9keQ==',
  };

  it('moves the desk-wide account to the agent whose 工号 is its user part (sealed password as is), audited', () => {
    const db = before(old);
    updateToVersion(db, 9);
    expect(currentVersion(db)).toBe(9);
    expect(db.prepare('SELECT * FROM agent_sip_accounts').all()).toEqual([
      {
        agent_id: agent.id,
        server: old.server,
        aor: old.aor,
        auth_user: '1001',
        display_name: '张伟',
        password_sealed: old.passwordSealed,
        updated_at: 5,
        updated_by: null,
      },
    ]);
    expect(setting(db)).toBeUndefined();
    expect(audit(db)).toEqual([
      {
        actor_id: null,
        action: 'sip_account_migrated',
        subject: agent.id,
        detail: { server: old.server, aor: old.aor, authUser: '1001' },
      },
    ]);
  });

  it('drops an account no agent matches, or one it cannot read, and says so in the audit log', () => {
    for (const [value, reason] of [
      [{ ...old, aor: 'sip:7777@pbx' }, 'no_matching_agent'],
      ['{not json', 'unreadable'],
      [{ ...old, passwordSealed: undefined }, 'unreadable'],
      [{ ...old, aor: 42 }, 'unreadable'],
    ] as const) {
      const db = before(value);
      updateToVersion(db, 9);
      expect(db.prepare('SELECT count(*) AS n FROM agent_sip_accounts').get()).toEqual({ n: 0 });
      expect(setting(db)).toBeUndefined();
      expect(audit(db), JSON.stringify(value)).toEqual([
        {
          actor_id: null,
          action: 'sip_account_dropped',
          subject: null,
          detail:
            reason === 'no_matching_agent'
              ? { reason, server: old.server, aor: 'sip:7777@pbx' }
              : { reason },
        },
      ]);
      // The sealed password never reaches the audit log.
      expect(JSON.stringify(audit(db))).not.toContain('v1:');
    }
  });

  it('does nothing on a desk that had no account; the table checks what it stores', () => {
    const db = before();
    updateToVersion(db, 9);
    expect(audit(db)).toEqual([]);
    expect(latestVersion).toBeGreaterThanOrEqual(9);
    const insert = db.prepare(
      `INSERT INTO agent_sip_accounts
         (agent_id, server, aor, auth_user, display_name, password_sealed, updated_at, updated_by)
       VALUES (@agent_id, @server, @aor, @auth_user, @display_name, @password_sealed, 1, @updated_by)`,
    );
    const row = {
      agent_id: agent.id,
      server: 'ws://pbx',
      aor: 'sip:1001@pbx',
      auth_user: '1001',
      display_name: null,
      password_sealed: 'v1:x',
      updated_by: lead.id,
    };
    insert.run(row);
    // One account per agent, one agent per address (whatever the case), known agents only.
    expect(() => insert.run({ ...row, aor: 'sip:1001b@pbx' })).toThrow(/UNIQUE/);
    expect(() => insert.run({ ...row, agent_id: lead.id, aor: 'sip:1001@PBX' })).toThrow(/UNIQUE/);
    expect(() => insert.run({ ...row, agent_id: 'nobody', aor: 'sip:1@pbx' })).toThrow(/FOREIGN/);
    expect(() =>
      insert.run({ ...row, agent_id: lead.id, aor: 'sip:9@pbx', updated_by: 'x' }),
    ).toThrow(/FOREIGN/);
    for (const bad of [
      { server: '' },
      { aor: '' },
      { auth_user: '' },
      { password_sealed: '' },
      { server: 'x'.repeat(201) },
      { aor: 'x'.repeat(201) },
      { auth_user: 'x'.repeat(65) },
      { display_name: '' },
      { display_name: 'x'.repeat(65) },
    ]) {
      expect(() => insert.run({ ...row, agent_id: lead.id, aor: 'sip:9001@pbx', ...bad })).toThrow(
        /CHECK/,
      );
    }
    expect(() =>
      db
        .prepare(
          `INSERT INTO agent_sip_accounts
             (agent_id, server, aor, auth_user, password_sealed, updated_at)
           VALUES ('a-9001', 'ws://pbx', 'sip:9001@pbx', '9001', 'v1:x', 'soon')`,
        )
        .run(),
    ).toThrow(/cannot store TEXT value in INTEGER column/);
  });
});
