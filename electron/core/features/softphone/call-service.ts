/**
 * Call control in main (docs/DESIGN.md §2): sip.js Invitation/Inviter sessions driven
 * through the pure call-state machine (shared/softphone/call-state.ts), the agent state machine (via the
 * desk session), call records written step by step, after-call work and its disposition.
 * The media side is the renderer, reached through the MediaBridge.
 *
 * This class is the one entry point the desk, the bench and the tests use; the work is done by
 * the pieces in ./calls/, which share one CallCore (the live call and how it ends):
 *   inbound      INVITE checks, ring, answer, reject (the latency-budgeted path)
 *   outbound     dialling
 *   in-call      hang-up, hold/resume, mute, DTMF
 *   transfer     blind and consult transfers
 *   acw          after-call work and its policy
 *   links        the call's customer and what the agent worked on during it
 *   options      the agent's softphone options, the refused-call count
 *   pbx-loss     the PBX unreachable and back
 *   media-loss   the console window's media failing or gone
 *   call-watch   dead calls (session timers, silence watch) and the customer's hold
 */
import type { Invitation, Session, UserAgent as UserAgentType } from 'sip.js';
import type { AgentState } from '@shared/session/agent-state';
import type { Disposition } from '@shared/softphone/call-state';
import type {
  AcwPolicy,
  CallRecord,
  InboundStats,
  ScreenPop,
  SoftphoneView,
} from '@shared/contract';
import type { CallsRepo } from './calls-repo';
import type { AuditRepo } from '../../platform/audit-repo';
import type { SettingsRepo } from '../../platform/settings-repo';
import type { DeskSessionService } from '../session';
import type { Clock, Logger } from '../../platform/ports';
import type { MediaBridge } from './media-bridge';
import { AfterCallWork } from './calls/acw';
import { CallCore } from './calls/core';
import { InCall } from './calls/in-call';
import { Inbound } from './calls/inbound';
import { CallLinks } from './calls/links';
import { MediaLoss } from './calls/media-loss';
import type { SoftphoneOptions } from './calls/options';
import { SoftphoneSettings } from './calls/options';
import { Outbound } from './calls/outbound';
import { PbxLoss } from './calls/pbx-loss';
import { Transfers } from './calls/transfer';

export { defaultAcwPolicy } from './calls/acw';
export type { SoftphoneOptions } from './calls/options';

export interface CallServiceDeps {
  clock: Clock;
  logger: Logger;
  newId: () => string;
  session: DeskSessionService;
  calls: CallsRepo;
  settings: SettingsRepo;
  /** Lead-only changes (the ACW policy) are audited; absent only in request-layer tests. */
  audit?: AuditRepo;
  /**
   * One database transaction (ACW end: the agent state and the disposition together).
   * 'synced-later': committed without its own fsync — the ring of an incoming call (ADR 0007).
   */
  transaction: <T>(fn: () => T, durability?: 'synced-later') => T;
  media: MediaBridge;
  userAgent: () => UserAgentType | null;
  domain: () => string | null;
  onChange: (view: SoftphoneView) => void;
  /** Looks up the caller while the phone rings; the result goes to the renderer before answer. */
  screenPop?: (number: string) => ScreenPop;
  onScreenPop?: (callId: string, pop: ScreenPop) => void;
  holdRetry?: { attempts: number; delayMs: number };
}

export class CallService {
  // The callbacks below are the pieces' own functions, not wrappers: the INVITE reaches
  // `Inbound.onInvite` with no extra call on the way (ADR 0007).
  /** The sip.js → our call id mapping the media bridge's SDH factory uses. */
  callIdOf: (session: Session) => string | undefined;
  onInvite: (invitation: Invitation) => void;
  onTransport: (lost: boolean) => void;
  onMediaError: (callId: string, error: Error) => void;
  onMediaLost: (reason: string) => void;
  /** The media side's inbound RTP stats, with each heartbeat (the silence watch). */
  onInbound: (stats: readonly InboundStats[]) => void;

  private readonly core: CallCore;
  private readonly settings: SoftphoneSettings;
  private readonly afterCall: AfterCallWork;
  private readonly inbound: Inbound;
  private readonly outbound: Outbound;
  private readonly inCall: InCall;
  private readonly transfers: Transfers;
  private readonly links: CallLinks;

  constructor(private readonly deps: CallServiceDeps) {
    this.settings = new SoftphoneSettings(deps);
    this.afterCall = new AfterCallWork(deps, () => this.core.publish());
    this.core = new CallCore(deps, this.afterCall, this.settings);
    this.links = new CallLinks(deps, this.core, this.afterCall);
    this.inbound = new Inbound(deps, this.core, this.settings, this.links);
    this.outbound = new Outbound(deps, this.core, this.afterCall, this.links);
    this.inCall = new InCall(deps, this.core, this.inbound);
    this.transfers = new Transfers(deps, this.core, this.inCall);
    const pbxLoss = new PbxLoss(deps, this.core);
    const mediaLoss = new MediaLoss(deps, this.core);
    this.callIdOf = this.core.callIdOf;
    this.onInvite = this.inbound.onInvite;
    this.onTransport = pbxLoss.onTransport;
    this.onMediaError = mediaLoss.onMediaError;
    this.onMediaLost = mediaLoss.onMediaLost;
    this.onInbound = (stats) => this.core.watch.inbound(stats);
  }

  view(): SoftphoneView {
    return this.core.view();
  }

  options(): SoftphoneOptions {
    return this.settings.options();
  }

  setOptions(patch: Partial<SoftphoneOptions>): SoftphoneView {
    this.settings.setOptions(patch);
    return this.core.publish();
  }

  acwPolicy(): AcwPolicy {
    return this.afterCall.policy();
  }

  setAcwPolicy(policy: AcwPolicy): AcwPolicy {
    return this.afterCall.setPolicy(policy);
  }

  history(limit: number): CallRecord[] {
    const s = this.deps.session.requireSession();
    return this.deps.calls.history(s.agent.id, limit);
  }

  answer(callId: string): Promise<SoftphoneView> {
    return this.inbound.answer(callId);
  }

  reject(callId: string): SoftphoneView {
    return this.inbound.reject(callId);
  }

  dial(input: string, display: string | null = null): SoftphoneView {
    return this.outbound.dial(input, display);
  }

  hangup(callId: string): SoftphoneView {
    return this.inCall.hangup(callId);
  }

  hold(callId: string): Promise<SoftphoneView> {
    return this.inCall.hold(callId);
  }

  resume(callId: string): Promise<SoftphoneView> {
    return this.inCall.resume(callId);
  }

  mute(callId: string, muted: boolean): SoftphoneView {
    return this.inCall.mute(callId, muted);
  }

  dtmf(callId: string, tones: string): Promise<SoftphoneView> {
    return this.inCall.dtmf(callId, tones);
  }

  transfer(callId: string, input: string, mode: 'blind' | 'consult'): Promise<SoftphoneView> {
    return this.transfers.transfer(callId, input, mode);
  }

  consult(callId: string, action: 'complete' | 'cancel' | 'swap'): SoftphoneView {
    return this.transfers.consult(callId, action);
  }

  /** The agent keeps a call the silence watch flagged: it is not ended. */
  keep(callId: string): SoftphoneView {
    return this.core.watch.keep(callId);
  }

  linkCustomer(callId: string, customerId: string): SoftphoneView {
    return this.links.linkCustomer(callId, customerId);
  }

  /** The agent opened a waybill (ticket, order): tied to the call in progress or in ACW. */
  workedOn(kind: 'waybill' | 'ticket' | 'order', refId: string): void {
    this.links.workedOn(kind, refId);
  }

  extendAcw(): SoftphoneView {
    return this.afterCall.extend();
  }

  completeAcw(disposition: Disposition, notes: string | null, next: AgentState): SoftphoneView {
    return this.afterCall.complete(disposition, notes, next);
  }

  dispose(): void {
    this.core.dispose();
    this.afterCall.dispose();
  }
}
