/**
 * After-call work (话后整理): the lead's policy, the wrap-up period after an answered call, its
 * extensions and its end with a disposition. Timed ACW ends by itself with the lead's default
 * disposition so an agent who walks away does not stay out of the queue; such a record (and one
 * filed with no ACW at all, policy `none`) is marked auto-classified (自动归类) so a lead can tell
 * it from the agent's own. The agent's state after ACW is their pick for after the call when they
 * made one (DeskSessionService.apply), else `next`.
 */
import type { AgentState } from '@shared/session/agent-state';
import type { Disposition } from '@shared/softphone/call-state';
import type { AcwPolicy, SoftphoneView } from '@shared/contract';
import { acwPolicySchema } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { CallServiceDeps } from '../call-service';
import { errorText } from './live-call';

export const defaultAcwPolicy: AcwPolicy = {
  mode: 'timed',
  seconds: 30,
  maxExtensions: 2,
  extendSeconds: 30,
  defaultDisposition: 'other',
};

interface Acw {
  callId: string;
  policy: AcwPolicy;
  since: number;
  deadline: number | null;
  extensionsLeft: number;
  next: AgentState;
  timer: ReturnType<typeof setTimeout> | null;
}

type AcwDeps = Pick<
  CallServiceDeps,
  'clock' | 'logger' | 'session' | 'calls' | 'settings' | 'transaction' | 'audit' | 'newId'
>;

export class AfterCallWork {
  private acw: Acw | null = null;

  constructor(
    private readonly deps: AcwDeps,
    private readonly publish: () => SoftphoneView,
  ) {}

  /** A new call would start while the last one is still being wrapped up. */
  get active(): boolean {
    return this.acw !== null;
  }

  /** The call being wrapped up, if any. */
  get callId(): string | null {
    return this.acw?.callId ?? null;
  }

  view(): SoftphoneView['acw'] {
    return (
      this.acw && {
        callId: this.acw.callId,
        mode: this.acw.policy.mode,
        since: this.acw.since,
        deadline: this.acw.deadline,
        extensionsLeft: this.acw.extensionsLeft,
        next: this.acw.next,
        defaultDisposition: this.acw.policy.defaultDisposition,
      }
    );
  }

  policy(): AcwPolicy {
    return (
      this.deps.settings.getParsed('acw.policy', acwPolicySchema, this.deps.logger) ??
      defaultAcwPolicy
    );
  }

  setPolicy(policy: AcwPolicy): AcwPolicy {
    const s = this.deps.session.requireSession();
    if (s.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead can change after-call work');
    }
    const at = this.deps.clock.now();
    const before = this.policy();
    this.deps.transaction(() => {
      this.deps.settings.set('acw.policy', JSON.stringify(policy), at);
      this.deps.audit?.append({
        id: this.deps.newId(),
        at,
        actorId: s.agent.id,
        action: 'acw_policy',
        subject: null,
        detail: { before, after: policy },
      });
    });
    return policy;
  }

  /** The agent state has already left 通话 (`call_ended`); `next` is where the agent goes after. */
  start(callId: string, next: AgentState, since: number): void {
    const policy = this.policy();
    if (policy.mode === 'none') {
      this.deps.session.apply({ kind: 'after_call_work_done', next });
      this.deps.calls.acwDone(callId, since, policy.defaultDisposition, null, true);
      return;
    }
    const acw: Acw = {
      callId,
      policy,
      since,
      deadline: policy.mode === 'timed' ? since + policy.seconds * 1000 : null,
      extensionsLeft: policy.mode === 'timed' ? policy.maxExtensions : 0,
      next,
      timer: null,
    };
    this.acw = acw;
    this.arm(acw);
  }

  extend(): SoftphoneView {
    const acw = this.acw;
    if (!acw || acw.policy.mode !== 'timed' || acw.deadline === null) {
      throw new ContractError('ILLEGAL_TRANSITION', 'After-call work is not timed');
    }
    if (acw.extensionsLeft <= 0) {
      throw new ContractError('ILLEGAL_TRANSITION', 'No more extensions allowed');
    }
    acw.extensionsLeft -= 1;
    acw.deadline += acw.policy.extendSeconds * 1000;
    this.arm(acw);
    return this.publish();
  }

  complete(disposition: Disposition, notes: string | null, next: AgentState): SoftphoneView {
    return this.finish(disposition, notes, next, false);
  }

  private finish(
    disposition: Disposition,
    notes: string | null,
    next: AgentState,
    auto: boolean,
  ): SoftphoneView {
    const acw = this.acw;
    if (!acw) throw new ContractError('ILLEGAL_TRANSITION', 'Not in after-call work');
    this.deps.session.requireSession();
    // The agent's next state and the disposition land together or not at all.
    this.deps.transaction(() => {
      this.deps.session.apply({ kind: 'after_call_work_done', next });
      this.deps.calls.acwDone(acw.callId, this.deps.clock.now(), disposition, notes || null, auto);
    });
    if (acw.timer) clearTimeout(acw.timer);
    this.acw = null;
    return this.publish();
  }

  dispose(): void {
    if (this.acw?.timer) clearTimeout(this.acw.timer);
  }

  private arm(acw: Acw): void {
    if (acw.timer) clearTimeout(acw.timer);
    if (acw.deadline === null) return;
    const wait = Math.max(0, acw.deadline - this.deps.clock.now());
    acw.timer = setTimeout(() => {
      if (this.acw !== acw) return;
      // Time is up: the lead's default disposition, and on to the chosen next state.
      try {
        this.finish(acw.policy.defaultDisposition, null, acw.next, true);
      } catch (err) {
        this.deps.logger.error('ACW timeout failed', { error: errorText(err) });
      }
    }, wait);
    acw.timer.unref?.();
  }
}
