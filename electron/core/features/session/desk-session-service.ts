/**
 * The desk's signed-in agent: sign-in (工号 + password, lockout after repeated failures),
 * the shift it opens, the agent state machine and its persisted log, sign-out.
 *
 * One desk, one agent at a time (a seat is a physical place); every renderer attached to the
 * desk — the Electron window, or browser-host tabs — sees the same session through events.
 */
import type { AgentCommand, AgentState } from '@shared/session/agent-state';
import { nextAgentState } from '@shared/session/agent-state';
import type { Session, StateLogEntry } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { Db } from '../../platform/db/database';
import { dummyPasswordHash, verifyPassword } from './password';
import type { Clock, IdFactory, Logger } from '../../platform/ports';
import type { AgentRow, AgentsRepo } from './agents-repo';
import type { AuditRepo } from '../../platform/audit-repo';
import type { ShiftsRepo } from './shifts-repo';

export interface LockoutPolicy {
  /** Consecutive failures that lock the account. */
  maxFailedAttempts: number;
  lockoutMs: number;
}

export const defaultLockoutPolicy: LockoutPolicy = { maxFailedAttempts: 5, lockoutMs: 15 * 60_000 };

export interface DeskSessionDeps {
  db: Db;
  agents: AgentsRepo;
  shifts: ShiftsRepo;
  audit: AuditRepo;
  clock: Clock;
  newId: IdFactory;
  logger: Logger;
  deskId: string;
  lockout?: LockoutPolicy;
  /** Told after every committed change; the composition root broadcasts it to renderers. */
  onChange: (session: Session | null) => void;
}

export class DeskSessionService {
  private session: Session | null = null;
  private signingIn = false;
  private readonly lockout: LockoutPolicy;

  constructor(private readonly deps: DeskSessionDeps) {
    this.lockout = deps.lockout ?? defaultLockoutPolicy;
    this.recoverOpenShifts();
  }

  current(): Session | null {
    return this.session;
  }

  async signIn(employeeNo: string, password: string): Promise<Session> {
    const { agents, clock } = this.deps;
    if (this.session) {
      throw new ContractError(
        'ALREADY_SIGNED_IN',
        `Desk is in use by ${this.session.agent.employeeNo}; sign out first`,
      );
    }
    if (this.signingIn)
      throw new ContractError('ALREADY_SIGNED_IN', 'A sign-in is already in progress');
    this.signingIn = true;
    try {
      const row = agents.findByEmployeeNo(employeeNo);
      // Unknown 工号 and wrong password look alike from outside, in answer and in time.
      const ok = await verifyPassword(password, row?.password_hash ?? (await dummyPasswordHash()));
      const now = clock.now();
      if (!row) {
        this.audit(null, 'sign_in_failed', employeeNo, { cause: 'unknown_employee_no' });
        throw invalidCredentials();
      }
      if (row.disabled) {
        this.audit(row.id, 'sign_in_failed', employeeNo, { cause: 'disabled' });
        throw new ContractError('ACCOUNT_DISABLED', `Account ${employeeNo} is disabled`);
      }
      if (row.locked_until !== null && row.locked_until > now) {
        this.audit(row.id, 'sign_in_failed', employeeNo, { cause: 'locked' });
        throw lockedError(row.locked_until, now);
      }
      if (!ok) {
        this.recordFailure(row, now);
        throw invalidCredentials();
      }
      return this.openShift(row, now);
    } finally {
      this.signingIn = false;
    }
  }

  signOut(): void {
    const session = this.requireSession();
    const next = nextAgentState(session.state, { kind: 'sign_out' });
    this.commit(session, next, (now) => {
      // The offline entry is the shift's last; it is closed with the shift.
      this.deps.shifts.closeOpenState(session.shift.id, now);
      this.deps.shifts.closeShift(session.shift.id, now, 'sign_out');
      this.audit(session.agent.id, 'sign_out', session.shift.id, null, now);
    });
    this.session = null;
    this.deps.logger.info('signed out', { employeeNo: session.agent.employeeNo });
    this.deps.onChange(null);
  }

  /** The agent picks a state in the status bar. */
  chooseState(target: AgentState): Session {
    return this.apply({ kind: 'choose', target });
  }

  /** Applies a state-machine command (also used by the softphone); refused ones change nothing. */
  apply(command: AgentCommand): Session {
    const session = this.requireSession();
    const next = nextAgentState(session.state, command);
    const now = this.commit(session, next);
    this.session = { ...session, state: next, stateSince: now };
    this.deps.onChange(this.session);
    return this.session;
  }

  /** Writes a state change (and whatever else `alsoInTransaction` adds) as one transaction. */
  private commit(
    session: Session,
    next: AgentState,
    alsoInTransaction?: (now: number) => void,
  ): number {
    // Never before the current state began: a clock stepping back must not make negative intervals.
    const now = Math.max(this.deps.clock.now(), session.stateSince);
    this.deps.db.transaction(() => {
      this.deps.shifts.appendState({
        id: this.deps.newId(),
        agentId: session.agent.id,
        shiftId: session.shift.id,
        state: next,
        at: now,
      });
      alsoInTransaction?.(now);
    });
    return now;
  }

  stateLog(limit: number): StateLogEntry[] {
    const session = this.requireSession();
    return this.deps.shifts.stateLog(session.shift.id, limit);
  }

  requireSession(): Session {
    if (!this.session)
      throw new ContractError('UNAUTHENTICATED', 'No agent is signed in at this desk');
    return this.session;
  }

  private openShift(row: AgentRow, now: number): Session {
    const { db, shifts, agents, newId } = this.deps;
    const state = nextAgentState({ status: 'offline' }, { kind: 'sign_in' });
    const shiftId = newId();
    db.transaction(() => {
      agents.recordSuccess(row.id);
      shifts.openShift({
        id: shiftId,
        agent_id: row.id,
        desk_id: this.deps.deskId,
        started_at: now,
      });
      shifts.appendState({ id: newId(), agentId: row.id, shiftId, state, at: now });
      this.audit(row.id, 'sign_in', shiftId, null, now);
    });
    this.session = {
      agent: { id: row.id, employeeNo: row.employee_no, name: row.name, role: row.role },
      shift: { id: shiftId, startedAt: now },
      state,
      stateSince: now,
    };
    this.deps.logger.info('signed in', { employeeNo: row.employee_no, shiftId });
    this.deps.onChange(this.session);
    return this.session;
  }

  private recordFailure(row: AgentRow, now: number): void {
    const failed = row.failed_attempts + 1;
    const locks = failed >= this.lockout.maxFailedAttempts;
    const lockedUntil = locks ? now + this.lockout.lockoutMs : null;
    this.deps.db.transaction(() => {
      this.deps.agents.recordFailure(row.id, locks ? 0 : failed, lockedUntil);
      this.audit(
        row.id,
        locks ? 'account_locked' : 'sign_in_failed',
        row.employee_no,
        {
          cause: 'wrong_password',
          failedAttempts: failed,
        },
        now,
      );
    });
    if (locks) throw lockedError(lockedUntil ?? now, now);
  }

  /**
   * Shifts this desk left open (the app was killed or the power went) are closed at the start
   * of their last recorded state, so metrics never count the time the desk was down.
   */
  private recoverOpenShifts(): void {
    const { shifts, db, clock, logger } = this.deps;
    for (const shift of shifts.openShiftsOnDesk(this.deps.deskId)) {
      const endedAt = shifts.lastStateStart(shift.id) ?? shift.started_at;
      db.transaction(() => {
        shifts.closeOpenState(shift.id, endedAt);
        shifts.closeShift(shift.id, endedAt, 'recovered_after_restart');
        this.audit(shift.agent_id, 'shift_recovered', shift.id, { endedAt }, clock.now());
      });
      logger.warn('closed a shift left open by an earlier run', { shiftId: shift.id, endedAt });
    }
  }

  private audit(
    actorId: string | null,
    action: string,
    subject: string | null,
    detail: Record<string, unknown> | null,
    at = this.deps.clock.now(),
  ): void {
    this.deps.audit.append({ id: this.deps.newId(), at, actorId, action, subject, detail });
  }
}

function invalidCredentials(): ContractError {
  return new ContractError('INVALID_CREDENTIALS', 'Wrong 工号 or password');
}

function lockedError(lockedUntil: number, now: number): ContractError {
  const minutes = Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
  return new ContractError(
    'ACCOUNT_LOCKED',
    `Account locked after repeated failures; try again in ${minutes} min or ask your shift lead`,
  );
}
