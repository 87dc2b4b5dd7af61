/**
 * The PBX unreachable (transport lost) and back. A live call survives a drop and gets its media
 * back by a re-INVITE with an ICE restart; an agent waiting for calls is shown as not available,
 * since no call can reach them meanwhile.
 */
import type { AgentState } from '@shared/session/agent-state';
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import { reinvite } from './in-call';
import { errorText } from './live-call';

export class PbxLoss {
  /** A 示闲 agent parked in 示忙·系统故障 while the PBX was unreachable, to be restored after. */
  private parked: { shift: string; previous: AgentState } | null = null;

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
    const s = this.deps.session.current();
    try {
      if (lost) {
        if (s && !this.parked && s.state.status === 'ready' && !this.core.call) {
          this.parked = { shift: s.shift.id, previous: s.state };
          this.deps.session.apply({
            kind: 'choose',
            target: { status: 'not_ready', reason: 'system_issue' },
          });
        }
        return;
      }
      const parked = this.parked;
      this.parked = null;
      if (
        parked &&
        s?.shift.id === parked.shift &&
        s.state.status === 'not_ready' &&
        s.state.reason === 'system_issue'
      ) {
        this.deps.session.apply({ kind: 'choose', target: parked.previous });
      }
    } catch (err) {
      this.deps.logger.warn('could not park/restore the agent state', { error: errorText(err) });
    }
  }
}
