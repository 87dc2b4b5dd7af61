/**
 * The session feature (public entry): the desk itself, sign-in with lockout, shifts and the
 * agent's states (示闲/示忙/小休 …) with their log. Other features import only this file.
 */
import type { SessionHandlers } from '@shared/session/contract';
import type { Core, Feature } from '../../platform/feature';
import { AgentsRepo } from './agents-repo';
import type { LockoutPolicy } from './desk-session-service';
import { DeskSessionService } from './desk-session-service';
import { ShiftsRepo } from './shifts-repo';

export { DeskSessionService } from './desk-session-service';
export type { LockoutPolicy, ReadyGuard, ShiftHooks, SignOutGuard } from './desk-session-service';
/** The admin feature sets passwords with the same hashing sign-in verifies. */
export { hashPassword } from './password';

export interface SessionFeatureDeps {
  deskId: string;
  appVersion: string;
  host: 'electron' | 'web';
  lockout?: LockoutPolicy;
}

export interface SessionFeature extends Feature<SessionHandlers> {
  session: DeskSessionService;
}

export function createSessionFeature(core: Core, deps: SessionFeatureDeps): SessionFeature {
  const session = new DeskSessionService({
    db: core.db,
    agents: new AgentsRepo(core.db),
    shifts: new ShiftsRepo(core.db),
    audit: core.audit,
    clock: core.clock,
    newId: core.newId,
    logger: core.logger,
    deskId: deps.deskId,
    ...(deps.lockout && { lockout: deps.lockout }),
    onChange: (s) => core.emit('session.changed', s),
  });
  const handlers: SessionHandlers = {
    'desk.info': () => ({
      appVersion: deps.appVersion,
      host: deps.host,
      timeZone: core.timeZone,
      deskId: deps.deskId,
    }),
    'auth.session': () => session.current(),
    'auth.signIn': ({ employeeNo, password }) => session.signIn(employeeNo, password),
    'auth.signOut': async () => {
      // During a call: once it and its after-call work end (the session says so in afterCall).
      const waiting = session.signOutOrAfterCall();
      if (waiting) return waiting;
      // The softphone's un-REGISTER, waited for briefly (ADR 0011).
      await session.signOutSettled();
      return null;
    },
    'agent.setState': ({ target }) => session.chooseState(target),
    'agent.cancelAfterCall': () => session.cancelAfterCall(),
    'agent.stateLog': ({ limit }) => session.stateLog(limit),
  };
  return { handlers, session, dispose: () => undefined };
}
