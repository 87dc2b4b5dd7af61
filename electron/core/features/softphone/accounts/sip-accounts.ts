/**
 * Per-agent SIP accounts (ADR 0011): a lead assigns each agent's address, password (sealed at rest
 * with the SecretBox) and optional auth user / display name; an agent may set their own unless the
 * lead turned that off. Every change is audited, without the password; nothing is stored unless
 * the whole account checks out. The desk registers the signed-in agent's account (desk-phone.ts).
 */
import type { Agent } from '@shared/session/contract';
import type { AgentSipAccount, SipAccountPolicy, SipAccountView } from '@shared/softphone/contract';
import { sipAccountPolicySchema } from '@shared/softphone/contract';
import { ContractError, errorMessage } from '@shared/common/errors';
import type { AuditRepo } from '../../../platform/audit-repo';
import type { Db } from '../../../platform/db/database';
import type { Clock, IdFactory, Logger } from '../../../platform/ports';
import type { SecretBox } from '../../../platform/secret-box';
import type { SettingsRepo } from '../../../platform/settings-repo';
import type { SipAccount } from '../registration';
import type { SipAccountInput } from '../sip-account';
import { checkedAccount } from '../sip-account';
import type { AgentAccountRow } from './accounts-repo';
import { SipAccountsRepo } from './accounts-repo';

export const defaultSipAccountPolicy: SipAccountPolicy = {
  readyRequiresPhone: true,
  agentsConfigureOwn: true,
};

const policyKey = 'softphone.accountPolicy';

export interface SipAccountsDeps {
  db: Db;
  settings: SettingsRepo;
  audit: AuditRepo;
  secrets: SecretBox;
  clock: Clock;
  newId: IdFactory;
  logger: Logger;
}

export class SipAccounts {
  private readonly repo: SipAccountsRepo;

  constructor(private readonly deps: SipAccountsDeps) {
    this.repo = new SipAccountsRepo(deps.db);
  }

  policy(): SipAccountPolicy {
    return (
      this.deps.settings.getParsed(policyKey, sipAccountPolicySchema, this.deps.logger) ??
      defaultSipAccountPolicy
    );
  }

  setPolicy(actor: Agent, patch: Partial<SipAccountPolicy>): SipAccountPolicy {
    const policy = { ...this.policy(), ...definedOnly(patch) };
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      this.deps.settings.set(policyKey, JSON.stringify(policy), now);
      this.audit(actor.id, 'sip_account_policy_changed', null, policy, now);
    });
    return policy;
  }

  /** Every agent, with their account (no password), ordered by 工号. */
  list(): AgentSipAccount[] {
    return this.repo.list().map(toEntry);
  }

  /** The signed-in agent's own account as the console may see it. */
  view(agentId: string): SipAccountView | null {
    const row = this.repo.entry(agentId);
    return row ? toEntry(row).account : null;
  }

  has(agentId: string): boolean {
    return this.repo.get(agentId) !== undefined;
  }

  /**
   * Stores `input` as `agentId`'s account: NOT_FOUND for an unknown agent, BAD_ARGUMENT for an
   * account that does not check out or an address another agent has. Nothing stored on refusal.
   */
  assign(
    actor: Agent,
    agentId: string,
    input: SipAccountInput,
    by: 'lead' | 'self',
  ): AgentSipAccount {
    if (!this.repo.agent(agentId)) throw new ContractError('NOT_FOUND', 'No such agent');
    const existing = this.repo.get(agentId);
    // Only unsealed when a change leaves the password out (and only to check it is still readable).
    const kept =
      input.password === undefined && existing ? this.open(existing.password_sealed) : null;
    const account = checkedAccount(input, kept);
    const holder = this.repo.byAor(account.aor);
    if (holder && holder.agent_id !== agentId) {
      const who = by === 'lead' ? this.repo.agent(holder.agent_id)?.employee_no : undefined;
      throw new ContractError('BAD_ARGUMENT', 'That SIP address is already assigned', [
        {
          path: 'aor',
          message: `aor is already assigned to ${who ? `agent ${who}` : 'another agent'}`,
          code: 'taken',
        },
      ]);
    }
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      this.repo.upsert({
        agent_id: agentId,
        server: account.server,
        aor: account.aor,
        auth_user: account.authUser,
        display_name: account.displayName ?? null,
        password_sealed:
          input.password === undefined && existing
            ? existing.password_sealed
            : this.deps.secrets.seal(account.password),
        updated_at: now,
        updated_by: actor.id,
      });
      this.audit(
        actor.id,
        'sip_account_assigned',
        agentId,
        {
          server: account.server,
          aor: account.aor,
          authUser: account.authUser,
          displayName: account.displayName ?? null,
          passwordChanged: input.password !== undefined || !existing,
          by,
        },
        now,
      );
    });
    this.deps.logger.info('SIP account assigned', { agentId, aor: account.aor, by });
    return this.entry(agentId);
  }

  remove(actor: Agent, agentId: string): AgentSipAccount {
    if (!this.repo.agent(agentId)) throw new ContractError('NOT_FOUND', 'No such agent');
    const existing = this.repo.get(agentId);
    if (!existing) throw new ContractError('NOT_FOUND', 'That agent has no SIP account');
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      this.repo.remove(agentId);
      this.audit(actor.id, 'sip_account_removed', agentId, { aor: existing.aor }, now);
    });
    this.deps.logger.info('SIP account removed', { agentId, aor: existing.aor });
    return this.entry(agentId);
  }

  /** The agent's account with its password unsealed; a damaged record is logged and ignored. */
  forAgent(agentId: string): SipAccount | null {
    const row = this.repo.get(agentId);
    if (!row) return null;
    try {
      return {
        server: row.server,
        aor: row.aor,
        authUser: row.auth_user,
        password: this.deps.secrets.open(row.password_sealed),
        ...(row.display_name !== null && { displayName: row.display_name }),
      };
    } catch (err) {
      this.deps.logger.error('stored SIP account unreadable; a lead must assign it again', {
        agentId,
        error: errorMessage(err),
      });
      return null;
    }
  }

  private entry(agentId: string): AgentSipAccount {
    const row = this.repo.entry(agentId);
    if (!row) throw new ContractError('NOT_FOUND', 'No such agent');
    return toEntry(row);
  }

  private open(sealed: string): string {
    try {
      return this.deps.secrets.open(sealed);
    } catch {
      throw new ContractError('BAD_ARGUMENT', 'The stored password cannot be read', [
        {
          path: 'password',
          message: 'the stored password cannot be read; enter it again',
          code: 'unreadable',
        },
      ]);
    }
  }

  private audit(
    actorId: string,
    action: string,
    subject: string | null,
    detail: Record<string, unknown>,
    at: number,
  ): void {
    this.deps.audit.append({ id: this.deps.newId(), at, actorId, action, subject, detail });
  }
}

function toEntry(r: AgentAccountRow): AgentSipAccount {
  return {
    agent: { id: r.id, employeeNo: r.employee_no, name: r.name, role: r.role },
    account:
      r.aor === null
        ? null
        : {
            server: r.server ?? '',
            aor: r.aor,
            authUser: r.auth_user ?? '',
            displayName: r.display_name,
            updatedAt: r.updated_at ?? 0,
            updatedBy:
              r.updater_employee_no === null
                ? null
                : { employeeNo: r.updater_employee_no, name: r.updater_name ?? '' },
          },
  };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
