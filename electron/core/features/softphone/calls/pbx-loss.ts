/**
 * The PBX unreachable (transport lost) and back. A live call survives a drop and gets its media
 * back by a re-INVITE with an ICE restart; an agent waiting for calls is shown as not available,
 * since no call can reach them meanwhile. The session keeps the one parked wish, shared with the
 * desk phone's parking for a failed registration (accounts/desk-phone.ts, ADR 0011).
 */
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import { reinvite } from './in-call';
import { errorText } from './live-call';

export class PbxLoss {
  constructor(
    private readonly deps: CallServiceDeps,
    private readonly core: CallCore,
  ) {}

  onTransport = (lost: boolean): void => {
    this.parkWhileUnreachable(lost);
    const call = this.core.call;
    if (!call) return;
    if (lost) {
      // An active call waits for the transport; a ringing or dialling one is gone.
      this.core.sipEvent(call, { type: 'transport_lost' });
      return;
    }
    if (call.state.phase === 'active' && call.state.reconnecting) {
      // Back online: re-INVITE with an ICE restart so media flows again (docs/DESIGN.md §2).
      const held = call.state.hold === 'held';
      reinvite(
        this.core,
        call,
        held,
        {
          onAccept: () => this.core.sipEvent(call, { type: 'transport_restored_reinvite_ok' }),
          onReject: () => this.core.sipEvent(call, { type: 'media_lost' }),
        },
        true,
      );
    }
  };

  /**
   * No call can reach a 示闲 agent while the PBX is unreachable: show it as 示忙·系统故障 (so it
   * is not counted as idle time) and put the agent back where they were once registered again —
   * unless they changed state themselves meanwhile.
   */
  private parkWhileUnreachable(lost: boolean): void {
    try {
      if (lost) {
        if (!this.core.call) this.deps.session.parkWhilePhoneDown();
        return;
      }
      this.deps.session.returnFromPark();
    } catch (err) {
      this.deps.logger.warn('could not park/restore the agent state', { error: errorText(err) });
    }
  }
}
