/**
 * What a call is tied to: the customer (the screen pop's only match, or the one the agent picks
 * among several on the same number) and what the agent worked on during the call or its
 * after-call work (waybills; tickets and orders when those domains arrive). Metrics by customer,
 * first-contact resolution, complaints pre-filled from a call and the handover book read these.
 */
import type { ScreenPop, SoftphoneView } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { CallServiceDeps } from '../call-service';
import type { AfterCallWork } from './acw';
import type { CallCore } from './core';
import type { LiveCall } from './live-call';

export class CallLinks {
  constructor(
    private readonly deps: CallServiceDeps,
    private readonly core: CallCore,
    private readonly afterCall: AfterCallWork,
  ) {}

  /** The pop of a ringing or dialled call resolved: tie the call to its customer if only one. */
  popResolved(call: LiveCall, pop: ScreenPop): void {
    const only = pop.customers.length === 1 ? pop.customers[0] : undefined;
    const agent = this.deps.session.current()?.agent.id;
    if (!only || !agent || call.customerId !== null) return;
    if (this.deps.calls.linkCustomer(call.id, agent, only.id)) {
      call.customerId = only.id;
      this.core.publish();
    }
  }

  /** The agent picked the caller among the customers on the number (or corrected the pop). */
  linkCustomer(callId: string, customerId: string): SoftphoneView {
    const session = this.deps.session.requireSession();
    const call = this.core.call?.id === callId ? this.core.call : null;
    if (!call && this.afterCall.callId !== callId) {
      throw new ContractError('NOT_FOUND', 'No such call in progress or in after-call work');
    }
    let linked: boolean;
    try {
      linked = this.deps.calls.linkCustomer(callId, session.agent.id, customerId);
    } catch {
      // The foreign key refused it: there is no such customer.
      throw new ContractError('NOT_FOUND', 'No such customer');
    }
    if (!linked) throw new ContractError('NOT_FOUND', 'No such call in progress');
    if (call) call.customerId = customerId;
    return this.core.publish();
  }

  /** The agent opened a waybill: tie it to the call in progress or in after-call work, if any. */
  workedOn(kind: 'waybill' | 'ticket' | 'order', refId: string): void {
    const callId = this.core.call?.id ?? this.afterCall.callId;
    if (!callId) return;
    try {
      this.deps.calls.link(callId, kind, refId, this.deps.clock.now());
    } catch (err) {
      this.deps.logger.warn('could not link the call', { kind, error: String(err) });
    }
  }
}
