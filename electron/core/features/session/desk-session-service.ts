/**
 * The desk's signed-in agent: sign-in (工号 + password, lockout after repeated failures),
 * the shift it opens, the agent state machine and its persisted log, sign-out.
 *
 * One desk, one agent at a time (a seat is a physical place); every renderer attached to the
 * desk — the Electron window, or browser-host tabs — sees the same session through events.
 */
import type { AfterCallChoice, AgentCommand, AgentState } from '@shared/session/agent-state';
import {
  checkAfterCallChoice,
  checkChosenTarget,
  endsCallFlow,
  inCallFlow,
  nextAgentState,
  settleAfterCall,
} from '@shared/session/agent-state';
import type { Session, StateLogEntry } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { Db } from '../../platform/db/database';
import { dummyPasswordHash, verifyPassword } from './password';
import type { Clock, IdFactory, Logger } from '../../platform/ports';
import type { AgentRow, AgentsRepo } from './agents-repo';
import type { AuditRepo } from '../../platform/audit-repo';
import type { ShiftsRepo } from './shifts-repo';
import { afterCallOf } from './shifts-repo';

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
  /** How long sign-out waits for the shift hooks (the softphone's un-REGISTER). Default 2.5 s. */
  signOutWaitMs?: number;
}

/**
 * Asked before any move into 示闲 the agent chose or after-call work ends in (ADR 0011): 'ready'
 * lets it happen; 'unavailable' (no call can reach the agent) parks them in 示忙·系统故障 instead,
 * to be returned by `returnFromPark`; a ContractError refuses the move outright.
 */
export type ReadyGuard = (
  session: Session,
  via: 'choose' | 'after_call_work_done',
) => 'ready' | 'unavailable';

/**
 * Asked before the agent's sign-out (the handover book: open items and no handover refuse it);
 * throws a ContractError to refuse. A desk without one signs out as before.
 */
export type SignOutGuard = (session: Session) => void;

/** Told when a shift opens and closes (the softphone registers and unregisters the agent). */
export interface ShiftHooks {
  signedIn?(session: Session): void;
  /** Sign-out waits for the returned promise, at most `signOutWaitMs`. */
  signedOut?(session: Session): Promise<void> | void;
}

const systemIssue: AgentState = { status: 'not_ready', reason: 'system_issue' };
const isSystemIssue = (s: AgentState) => s.status === 'not_ready' && s.reason === 'system_issue';

export class DeskSessionService {
  private session: Session | null = null;
  private signingIn = false;
  private readonly lockout: LockoutPolicy;
  private readyGuard: ReadyGuard | null = null;
  private signOutGuard: SignOutGuard | null = null;
  private readonly shiftHooks = new Set<ShiftHooks>();
  private signOutWork: Promise<void> = Promise.resolve();
  /** An agent kept out of 示闲 while their phone could not take calls, and where to return them. */
  private parked: { shift: string; previous: AgentState } | null = null;

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

  /**
   * Closes the shift at once; the shift hooks (the softphone's un-REGISTER) then run, and
   * `signOutSettled` waits for them — briefly: a dead PBX never holds a sign-out.
   */
  signOut(): void {
    const session = this.requireSession();
    const next = nextAgentState(session.state, { kind: 'sign_out' });
    this.closeShift(session, next, null);
  }

  /**
   * Sign-out as the agent asks for it: now, or — while a call rings, is talked or wrapped up — once
   * the call and its after-call work end (the pick `afterCall` sign-out, cancellable like any
   * other). A call is never cut and its disposition never skipped by signing out. Returns the
   * session when the sign-out waits, null when it is done.
   */
  signOutOrAfterCall(): Session | null {
    const session = this.requireSession();
    this.signOutGuard?.(session);
    if (inCallFlow(session.state)) return this.chooseAfterCall({ status: 'offline' });
    this.signOut();
    return null;
  }

  /** Writes 离线 and closes the shift; `afterCall` says it was the agent's pick for after a call. */
  private closeShift(session: Session, next: AgentState, afterCall: AfterCallChoice | null): void {
    this.commit(session, next, (now) => {
      // The offline entry is the shift's last; it is closed with the shift.
      this.deps.shifts.setAfterCall(session.shift.id, null, now);
      this.deps.shifts.closeOpenState(session.shift.id, now);
      this.deps.shifts.closeShift(session.shift.id, now, 'sign_out');
      this.audit(
        session.agent.id,
        'sign_out',
        session.shift.id,
        afterCall ? { afterCall: true } : null,
        now,
      );
    });
    this.session = null;
    this.parked = null;
    this.deps.logger.info('signed out', { employeeNo: session.agent.employeeNo });
    this.deps.onChange(null);
    const work = [...this.shiftHooks].map(async (h) => h.signedOut?.(session));
    this.signOutWork = settleWithin(
      Promise.allSettled(work).then((results) => {
        for (const r of results) {
          if (r.status === 'rejected') {
            this.deps.logger.warn('sign-out hook failed', { error: String(r.reason) });
          }
        }
      }),
      this.deps.signOutWaitMs ?? 2500,
    );
  }

  /** Resolves when the last sign-out's hooks finished, or their time ran out. */
  signOutSettled(): Promise<void> {
    return this.signOutWork;
  }

  /** Registers the shift hooks; returns the function that removes them. */
  onShift(hooks: ShiftHooks): () => void {
    this.shiftHooks.add(hooks);
    return () => this.shiftHooks.delete(hooks);
  }

  /** Installs (or, with null, removes) the guard asked before the agent's sign-out. */
  setSignOutGuard(guard: SignOutGuard | null): void {
    this.signOutGuard = guard;
  }

  /** Installs (or, with null, removes) the guard asked before any move into 示闲. */
  setReadyGuard(guard: ReadyGuard | null): void {
    this.readyGuard = guard;
  }

  /**
   * The agent picks a state in the status bar; a wish parked earlier gives way to it. While a call
   * rings, is talked or wrapped up, the pick waits for the call's end instead (本通话后).
   */
  chooseState(target: AgentState): Session {
    const session = this.requireSession();
    // Sign-out is not a state to pick: it waits for the call through `signOutOrAfterCall`.
    if (inCallFlow(session.state)) return this.chooseAfterCall(checkChosenTarget(target));
    this.parked = null;
    return this.apply({ kind: 'choose', target });
  }

  /** The pick waiting for the call's end, or null. */
  afterCall(): AfterCallChoice | null {
    return this.session?.afterCall ?? null;
  }

  /**
   * Keeps the agent's pick for when the call and its after-call work end (replacing an earlier
   * one), on the shift row: a reload of the console shows it. Only during a call.
   */
  chooseAfterCall(target: AgentState): Session {
    const session = this.requireSession();
    const choice = checkAfterCallChoice(session.state, target);
    this.deps.shifts.setAfterCall(session.shift.id, choice, this.deps.clock.now());
    return this.announce({ ...session, afterCall: choice });
  }

  /** Drops the pick for after the call; without one, the session is returned as it is. */
  cancelAfterCall(): Session {
    const session = this.requireSession();
    if (!session.afterCall) return session;
    this.deps.shifts.setAfterCall(session.shift.id, null, this.deps.clock.now());
    return this.announce(withoutAfterCall(session));
  }

  private announce(session: Session): Session {
    this.session = session;
    this.deps.onChange(session);
    return session;
  }

  /**
   * Applies a state-machine command (also used by the softphone); refused ones change nothing.
   * A command that ends the call flow (after-call work done, the caller gave up, the ring timed
   * out) lands in the agent's pick for after the call, when there is one, and uses it up; a pick
   * of sign-out closes the shift (the returned session is the last one, in 离线).
   */
  apply(command: AgentCommand): Session {
    const session = this.requireSession();
    const pick = endsCallFlow(command) ? (session.afterCall ?? null) : null;
    let next = settleAfterCall(session.state, command, pick);
    if (pick?.status === 'offline') {
      this.closeShift(session, next, pick);
      return { ...withoutAfterCall(session), state: next };
    }
    let parks = false;
    if (
      next.status === 'ready' &&
      this.readyGuard &&
      (command.kind === 'choose' || command.kind === 'after_call_work_done') &&
      this.readyGuard(session, command.kind) === 'unavailable'
    ) {
      if (isSystemIssue(session.state)) {
        // Already kept out: the wish is remembered, the answer says why nothing changed.
        this.parked = { shift: session.shift.id, previous: next };
        throw new ContractError(
          'PHONE_NOT_REGISTERED',
          'The softphone is not registered; the agent is set 示闲 once it is',
        );
      }
      next = systemIssue;
      parks = true;
    }
    const now = this.commit(session, next, (at) => {
      if (pick) this.deps.shifts.setAfterCall(session.shift.id, null, at);
    });
    if (parks) this.parked = { shift: session.shift.id, previous: { status: 'ready' } };
    const base = pick ? withoutAfterCall(session) : session;
    return this.announce({ ...base, state: next, stateSince: now });
  }

  /**
   * No call can reach the agent (the PBX is gone, the registration failed): a 示闲 agent is shown
   * 示忙·系统故障, so the wait is not counted as idle time, until `returnFromPark`. True if parked.
   */
  parkWhilePhoneDown(): boolean {
    const s = this.session;
    if (!s || s.state.status !== 'ready') return false;
    this.apply({ kind: 'choose', target: systemIssue });
    this.parked = { shift: s.shift.id, previous: s.state };
    return true;
  }

  /**
   * The phone works again: a parked agent goes back to where they were — unless they chose another
   * state meanwhile, or the shift is another one.
   */
  returnFromPark(): void {
    const parked = this.parked;
    if (!parked) return;
    this.parked = null;
    const s = this.session;
    if (!s || s.shift.id !== parked.shift || !isSystemIssue(s.state)) return;
    try {
      this.apply({ kind: 'choose', target: parked.previous });
    } catch (err) {
      this.deps.logger.warn('could not return the agent from 示忙·系统故障', {
        error: err instanceof Error ? err.message : String(err),
      });
    }
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
    this.parked = null;
    this.deps.logger.info('signed in', { employeeNo: row.employee_no, shiftId });
    this.deps.onChange(this.session);
    const opened = this.session;
    for (const h of this.shiftHooks) {
      try {
        h.signedIn?.(opened);
      } catch (err) {
        this.deps.logger.error('sign-in hook failed', {
          error: err instanceof Error ? err.message : String(err),
        });
      }
    }
    return opened;
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
      // A pick for after a call dies with the call the restart ended; the audit keeps it.
      let afterCall: AfterCallChoice | null = null;
      try {
        afterCall = afterCallOf(shift);
      } catch {
        afterCall = null;
      }
      db.transaction(() => {
        shifts.setAfterCall(shift.id, null, endedAt);
        shifts.closeOpenState(shift.id, endedAt);
        shifts.closeShift(shift.id, endedAt, 'recovered_after_restart');
        this.audit(
          shift.agent_id,
          'shift_recovered',
          shift.id,
          { endedAt, ...(afterCall && { droppedAfterCall: afterCall }) },
          clock.now(),
        );
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

function withoutAfterCall(session: Session): Session {
  const { afterCall: _dropped, ...rest } = session;
  return rest;
}

/** `work`, or nothing once `ms` have passed, whichever comes first. */
function settleWithin(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
    timer.unref?.();
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

function invalidCredentials(): ContractError {
  return new ContractError('INVALID_CREDENTIALS', 'Wrong 工号 or password');
}

function lockedError(lockedUntil: number, now: number): ContractError {
  const minutes = Math.max(1, Math.ceil((lockedUntil - now) / 60_000));
  return new ContractError(
    'ACCOUNT_LOCKED',
    `Account locked after repeated failures; try again in ${minutes} min or ask your shift lead`,
    undefined,
    { minutes },
  );
}
