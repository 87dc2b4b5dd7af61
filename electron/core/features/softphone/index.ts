/**
 * The softphone feature (public entry): SIP registration (sip.js in main), call control, after-call
 * work (话后整理) and the media bridge to the renderer that owns the microphone. The registration,
 * the call service and the media bridge need each other; they are wired here, not by the root.
 */
import type { ScreenPop } from '@shared/waybills/contract';
import type { SoftphoneHandlers } from '@shared/softphone/contract';
import type { Session } from '@shared/session/contract';
import { ContractError } from '@shared/common/errors';
import type { Core, Feature } from '../../platform/feature';
import type { SecretBox } from '../../platform/secret-box';
import type { DeskSessionService } from '../session';
import { CallService } from './call-service';
import { CallsRepo } from './calls-repo';
import { MediaBridge } from './media-bridge';
import { SoftphoneRegistration } from './registration';
import { DeskPhone } from './accounts/desk-phone';
import { SipAccounts } from './accounts/sip-accounts';
import type { WarmUpResult } from './warm-up';
import { warmUpSipParser } from './warm-up';

export { CallService } from './call-service';
export { MediaBridge } from './media-bridge';
export { SoftphoneRegistration } from './registration';
export type { SipAccount } from './registration';
export type { WarmUpResult } from './warm-up';

export interface SoftphoneFeatureDeps {
  session: DeskSessionService;
  /** The caller's screen pop (the waybills feature), looked up while a call rings. */
  screenPop(number: string): ScreenPop;
  /** A waybill party's number for click-to-dial, and how it is shown (masked). */
  partyPhone(waybillId: string, party: 'sender' | 'receiver'): { phone: string; masked: string };
  secrets: SecretBox;
  /** Warm the SIP parser in idle slices after start (the shells do; ADR 0007). */
  warmUp: boolean;
}

export interface SoftphoneFeature extends Feature<SoftphoneHandlers> {
  registration: SoftphoneRegistration;
  calls: CallService;
  media: MediaBridge;
  /** The SIP parser warm-up started with the desk (null when not asked for). */
  sipWarmUp: Promise<WarmUpResult> | null;
}

export function createSoftphoneFeature(core: Core, deps: SoftphoneFeatureDeps): SoftphoneFeature {
  const { db, clock, logger, newId, settings, emit } = core;
  const { session } = deps;
  const callsRepo = new CallsRepo(db);
  const closed = callsRepo.closeOpenCalls();
  if (closed > 0) logger.warn('closed calls left open by a previous run', { calls: closed });
  // Late-bound: the call service and the registration need each other.
  let calls: CallService | null = null;
  // Late-bound too: the desk's phone follows the signed-in agent and reads the registration.
  let deskPhone: DeskPhone | null = null;
  const media = new MediaBridge({
    clock,
    logger,
    newId,
    emit: (command) => emit('media.command', command),
    onLost: (reason) => calls?.onMediaLost(reason),
    onInbound: (stats) => calls?.onInbound(stats),
  });
  const registration = new SoftphoneRegistration({
    clock,
    logger,
    onHealth: (h) => {
      emit('softphone.health', h);
      deskPhone?.onHealth(h);
    },
    onInvite: (invitation) => calls?.onInvite(invitation),
    onTransport: (lost) => calls?.onTransport(lost),
    sessionDescriptionHandlerFactory: media.sessionDescriptionHandlerFactory(
      (sipSession) => calls?.callIdOf(sipSession),
      (callId, error) => calls?.onMediaError(callId, error),
    ),
  });
  const callService = new CallService({
    clock,
    logger,
    newId,
    session,
    calls: callsRepo,
    settings,
    audit: core.audit,
    transaction: (fn, durability) =>
      durability === 'synced-later' ? db.transactionSyncedLater(fn) : db.transaction(fn),
    media,
    userAgent: () => registration.userAgent(),
    domain: () => registration.domain(),
    onChange: (view) => emit('softphone.changed', view),
    screenPop: deps.screenPop,
    onScreenPop: (callId, pop) => emit('screenPop.ready', { callId, pop }),
  });
  calls = callService;
  // per-agent SIP accounts (ADR 0011): nobody is signed in at start, so nothing registers yet.
  const accounts = new SipAccounts({ ...core, secrets: deps.secrets });
  const phone = (deskPhone = new DeskPhone({ session, accounts, registration, logger }));
  const requireLead = (): Session => {
    const s = session.requireSession();
    if (s.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead can manage SIP accounts');
    }
    return s;
  };

  const handlers: SoftphoneHandlers = {
    'softphone.health': () => registration.current(),
    'softphone.configure': async (account) => {
      // The signed-in agent's own account; a lead always may, an agent unless the lead said no.
      const s = session.requireSession();
      if (s.agent.role !== 'lead' && !accounts.policy().agentsConfigureOwn) {
        throw new ContractError('FORBIDDEN', 'SIP accounts are assigned by a shift lead');
      }
      accounts.assign(s.agent, s.agent.id, account, 'self');
      await phone.accountChanged(s.agent.id);
      return registration.current();
    },
    'softphone.myAccount': () => {
      const s = session.requireSession();
      const policy = accounts.policy();
      return {
        account: accounts.view(s.agent.id),
        canConfigure: s.agent.role === 'lead' || policy.agentsConfigureOwn,
        readyRequiresPhone: policy.readyRequiresPhone,
      };
    },
    'softphone.accounts': () => {
      requireLead();
      return { agents: accounts.list(), policy: accounts.policy() };
    },
    'softphone.assignAccount': ({ agentId, ...account }) => {
      const lead = requireLead();
      const entry = accounts.assign(lead.agent, agentId, account, 'lead');
      // The signed-in agent's own (a lead assigning theirs): re-register, without waiting for it.
      void phone.accountChanged(agentId);
      return entry;
    },
    'softphone.removeAccount': async ({ agentId }) => {
      const lead = requireLead();
      const entry = accounts.remove(lead.agent, agentId);
      // Signed in here: unregistered before the answer (briefly waited for, like sign-out).
      await phone.accountChanged(agentId);
      return entry;
    },
    'softphone.setAccountPolicy': (patch) => accounts.setPolicy(requireLead().agent, patch),
    'softphone.state': () => callService.view(),
    'softphone.setOptions': (patch) => callService.setOptions(definedOnly(patch)),
    'call.answer': ({ callId }) => callService.answer(callId),
    'call.reject': ({ callId }) => callService.reject(callId),
    'call.hangup': ({ callId }) => callService.hangup(callId),
    'call.hold': ({ callId }) => callService.hold(callId),
    'call.resume': ({ callId }) => callService.resume(callId),
    'call.mute': ({ callId, muted }) => callService.mute(callId, muted),
    'call.dtmf': ({ callId, tones }) => callService.dtmf(callId, tones),
    'call.transfer': ({ callId, target, mode }) => callService.transfer(callId, target, mode),
    'call.consult': ({ callId, action }) => callService.consult(callId, action),
    'call.keep': ({ callId }) => callService.keep(callId),
    'call.dial': ({ number }) => callService.dial(number),
    'call.dialParty': ({ waybillId, party }) => {
      const { phone, masked } = deps.partyPhone(waybillId, party);
      const view = callService.dial(phone, masked);
      callService.workedOn('waybill', waybillId);
      return view;
    },
    'call.linkCustomer': ({ callId, customerId }) => callService.linkCustomer(callId, customerId),
    'call.history': ({ limit }) => callService.history(limit),
    'acw.extend': () => callService.extendAcw(),
    'acw.complete': ({ disposition, notes, next }) =>
      callService.completeAcw(disposition, notes ?? null, next),
    'acw.policy': () => callService.acwPolicy(),
    'acw.setPolicy': (policy) => callService.setAcwPolicy(policy),
    'media.attach': () => {
      session.requireSession();
      const attached = media.attach();
      emit('softphone.changed', callService.view());
      return attached;
    },
    'media.heartbeat': ({ owner, inbound }) => {
      media.heartbeat(owner, inbound);
      return null;
    },
    'media.reply': (reply) => {
      media.reply(reply);
      return null;
    },
  };

  const sipWarmUp = deps.warmUp
    ? warmUpSipParser().then((r) => {
        logger.info('SIP parser warmed up', { messages: r.messages, ms: Math.round(r.ms) });
        return r;
      })
    : null;

  return {
    handlers,
    registration,
    calls: callService,
    media,
    sipWarmUp,
    dispose() {
      phone.dispose();
      callService.dispose();
      media.dispose();
      registration.dispose().catch(() => undefined);
    },
  };
}

/** Drops keys whose value is undefined (zod optional fields) before a settings merge. */
function definedOnly<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}
