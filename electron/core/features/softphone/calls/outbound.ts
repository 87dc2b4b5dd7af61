/**
 * Outgoing calls (click-to-dial, the keypad): the agent leaves their state for 通话 and returns
 * to it afterwards; nothing is dialled unless the softphone is registered and a console window
 * holds the microphone.
 */
import type { URI } from 'sip.js';
import { Inviter, UserAgent } from 'sip.js';
import { outboundDial } from '@shared/softphone/call-state';
import type { SoftphoneView } from '@shared/contract';
import { normaliseDialString } from '@shared/softphone/dial';
import { ContractError } from '@shared/common/errors';
import type { CallServiceDeps } from '../call-service';
import type { AfterCallWork } from './acw';
import type { CallCore } from './core';
import type { CallLinks } from './links';
import { numberColumns } from '../calls-repo';
import { newLiveCall } from './live-call';

/** A dialled number becomes a URI at our registrar's domain; a full SIP URI is taken as is. */
export function targetUri(target: string, domain: string | null): URI | undefined {
  if (/^sips?:/i.test(target)) return UserAgent.makeURI(target);
  return domain ? UserAgent.makeURI(`sip:${target}@${domain}`) : undefined;
}

export class Outbound {
  constructor(
    private readonly deps: CallServiceDeps,
    private readonly core: CallCore,
    private readonly afterCall: AfterCallWork,
    private readonly links: CallLinks,
  ) {}

  dial(input: string, display: string | null): SoftphoneView {
    const checked = normaliseDialString(input);
    if (!checked.ok) throw new ContractError('BAD_ARGUMENT', `Cannot dial: ${checked.reason}`);
    const session = this.deps.session.requireSession();
    if (this.core.call) {
      throw new ContractError('ILLEGAL_TRANSITION', 'A call is already in progress');
    }
    if (this.afterCall.active) {
      throw new ContractError('ILLEGAL_TRANSITION', 'Finish after-call work first');
    }
    const ua = this.deps.userAgent();
    const target = targetUri(checked.target, this.deps.domain());
    if (!ua || !target) throw new ContractError('DISCONNECTED', 'The softphone is not registered');
    if (!this.deps.media.attached()) {
      throw new ContractError('DISCONNECTED', 'No console window holds the microphone');
    }
    const previous = session.state;
    this.deps.session.apply({ kind: 'dial' }); // refuses while ringing / in ACW
    const inviter = new Inviter(ua, target);
    const now = this.deps.clock.now();
    const call = this.core.adopt(
      newLiveCall(
        this.deps.newId(),
        'outbound',
        inviter,
        outboundDial(),
        checked.target,
        null,
        now,
      ),
    );
    call.previous = previous;
    call.display = display;
    this.deps.calls.insert({
      id: call.id,
      sip_call_id: inviter.request.callId,
      agent_id: session.agent.id,
      shift_id: session.shift.id,
      direction: 'outbound',
      ...numberColumns(checked.target),
      remote_name: null,
      customer_id: null,
      offered_at: now,
    });
    this.core.watchTermination(call);
    const lookup = this.deps.screenPop;
    if (lookup) {
      // Tie the call to the customer on that number, off the dialling path.
      setImmediate(() => {
        try {
          this.links.popResolved(call, lookup(checked.target));
        } catch (err) {
          this.deps.logger.warn('customer lookup for a dialled call failed', {
            error: String(err),
          });
        }
      });
    }
    inviter
      .invite({
        requestDelegate: {
          onProgress: (r) => {
            const code = r.message.statusCode ?? 0;
            if ((code === 180 || code === 183) && call.state.phase === 'dialing') {
              this.core.sipEvent(call, { type: 'remote_ringing' });
            }
          },
          onAccept: () => {
            const at = this.deps.clock.now();
            call.answeredAt = at;
            call.confirm(); // sip.js has sent the ACK
            this.deps.calls.answered(call.id, at);
            this.core.sipEvent(call, { type: 'remote_answer' });
          },
          onReject: (r) => {
            const code = r.message.statusCode ?? 0;
            const busy = code === 486 || code === 600 || code === 603;
            this.core.sipEvent(call, { type: busy ? 'remote_busy' : 'remote_failed' });
          },
        },
      })
      .catch((err: unknown) => {
        this.core.logSip('INVITE failed', err);
        this.core.sipEvent(call, { type: 'remote_failed' });
      });
    return this.core.publish();
  }
}
