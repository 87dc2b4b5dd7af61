import { randomBytes } from 'node:crypto';
import { uuidv7 } from '@shared/common/ids';
import type { Migration } from './index';

interface OldAccount {
  server: string;
  aor: string;
  authUser: string;
  displayName?: string;
  passwordSealed: string;
}

function readOld(text: string): OldAccount | null {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const str = (k: string) => typeof o[k] === 'string' && (o[k] as string).length > 0;
  if (!str('server') || !str('aor') || !str('authUser') || !str('passwordSealed')) return null;
  if (o['displayName'] !== undefined && typeof o['displayName'] !== 'string') return null;
  return o as unknown as OldAccount;
}

/**
 * The SIP account belongs to the agent, not the desk (ADR 0011): one row per agent, the password
 * sealed as before (SecretBox), at most one agent per address. The old desk-wide `sip.account`
 * setting goes: it moves to the agent whose 工号 is its address's user part (extensions are 工号 at
 * this courier), else it is dropped — never kept as a desk-wide fallback, which is the bug. Either
 * way the audit log says what happened (without the sealed password).
 */
export const migration0009: Migration = {
  version: 9,
  name: 'per-agent SIP accounts',
  up(db) {
    db.exec(`
      CREATE TABLE agent_sip_accounts (
        agent_id TEXT PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
        server TEXT NOT NULL CHECK (length(server) BETWEEN 1 AND 200),
        aor TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(aor) BETWEEN 1 AND 200),
        auth_user TEXT NOT NULL CHECK (length(auth_user) BETWEEN 1 AND 64),
        display_name TEXT CHECK (display_name IS NULL OR length(display_name) BETWEEN 1 AND 64),
        password_sealed TEXT NOT NULL CHECK (length(password_sealed) > 0),
        updated_at INTEGER NOT NULL,
        updated_by TEXT REFERENCES agents(id)
      ) STRICT;
    `);
    const old = db
      .prepare("SELECT value, updated_at FROM settings WHERE key = 'sip.account'")
      .get() as { value: string; updated_at: number } | undefined;
    if (!old) return;
    const now = Date.now();
    const audit = db.prepare(
      `INSERT INTO audit_log (id, at, actor_id, action, subject, detail)
       VALUES (?, ?, NULL, ?, ?, ?)`,
    );
    const account = readOld(old.value);
    const user = account && /^sips?:([^@]+)@/i.exec(account.aor)?.[1];
    const agent =
      user &&
      (db.prepare('SELECT id FROM agents WHERE employee_no = ?').get(user) as
        { id: string } | undefined);
    if (account && agent) {
      db.prepare(
        `INSERT INTO agent_sip_accounts
           (agent_id, server, aor, auth_user, display_name, password_sealed, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, NULL)`,
      ).run(
        agent.id,
        account.server,
        account.aor,
        account.authUser,
        account.displayName || null,
        account.passwordSealed,
        old.updated_at,
      );
      audit.run(
        uuidv7(now, randomBytes(16)),
        now,
        'sip_account_migrated',
        agent.id,
        JSON.stringify({ server: account.server, aor: account.aor, authUser: account.authUser }),
      );
    } else {
      const detail = account
        ? { reason: 'no_matching_agent', server: account.server, aor: account.aor }
        : { reason: 'unreadable' };
      audit.run(
        uuidv7(now, randomBytes(16)),
        now,
        'sip_account_dropped',
        null,
        JSON.stringify(detail),
      );
    }
    db.prepare("DELETE FROM settings WHERE key = 'sip.account'").run();
  },
};
