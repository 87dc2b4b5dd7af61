/**
 * The desk's phone follows the signed-in agent (ADR 0011): sign-in registers that agent's own
 * account, sign-out unregisters it (waiting briefly for the PBX's answer), a lead changing the
 * signed-in agent's account re-registers. And no 示闲 without a registered phone: the guard the
 * session asks before any move into 示闲, and the parking of a 示闲 agent whose phone stops working
 * (a failed or lost registration; a dropped transport is parked by calls/pbx-loss.ts the same way).
 */
import type { SipHealth } from '@shared/softphone/contract';
import { ContractError, errorMessage } from '@shared/common/errors';
import type { Logger } from '../../../platform/ports';
import type { DeskSessionService, ReadyGuard } from '../../session';
import type { SoftphoneRegistration } from '../registration';
import type { SipAccounts } from './sip-accounts';

export interface DeskPhoneDeps {
  session: DeskSessionService;
  accounts: SipAccounts;
  registration: SoftphoneRegistration;
  logger: Logger;
}

export class DeskPhone {
  private readonly unhook: () => void;

  constructor(private readonly deps: DeskPhoneDeps) {
    this.unhook = deps.session.onShift({
      signedIn: (s) => void this.registerAs(s.agent.id),
      signedOut: () => deps.registration.stop(),
    });
    deps.session.setReadyGuard(this.guard);
  }

  /**
   * Asked before the agent goes 示闲 (chosen, or after-call work ending): registered → yes; the
   * lead's rule off → yes; no account → refused (NO_SIP_ACCOUNT) when chosen; else the agent is
   * parked in 示忙·系统故障 until the phone registers.
   */
  readonly guard: ReadyGuard = (session, via) => {
    if (this.deps.registration.current().state === 'registered') return 'ready';
    if (!this.deps.accounts.policy().readyRequiresPhone) return 'ready';
    if (via === 'choose' && !this.deps.accounts.has(session.agent.id)) {
      throw new ContractError(
        'NO_SIP_ACCOUNT',
        `Agent ${session.agent.employeeNo} has no SIP account; a shift lead assigns one`,
      );
    }
    return 'unavailable';
  };

  /** Every registration change: parks a 示闲 agent the phone cannot serve, returns them after. */
  onHealth(health: SipHealth): void {
    const { session } = this.deps;
    if (health.state === 'registered') {
      session.returnFromPark();
      return;
    }
    if (session.current()?.state.status !== 'ready') return;
    if (!this.deps.accounts.policy().readyRequiresPhone) return;
    try {
      session.parkWhilePhoneDown();
    } catch (err) {
      this.deps.logger.warn('could not park the agent while the phone is down', {
        error: errorMessage(err),
      });
    }
  }

  /** A lead changed `agentId`'s account: if they are signed in here, register it (or stop). */
  async accountChanged(agentId: string): Promise<void> {
    if (this.deps.session.current()?.agent.id === agentId) await this.registerAs(agentId);
  }

  /** The signed-in agent's account, registered; none → the phone stops ('unconfigured'). */
  private async registerAs(agentId: string): Promise<void> {
    const account = this.deps.accounts.forAgent(agentId);
    if (!account) {
      await this.deps.registration.stop();
      return;
    }
    await this.deps.registration.start(account).catch((err: unknown) => {
      this.deps.logger.error('SIP start failed', { error: errorMessage(err) });
    });
  }

  /** The shift hooks and the guard come off (the desk is closing). */
  dispose(): void {
    this.unhook();
    this.deps.session.setReadyGuard(null);
  }
}
