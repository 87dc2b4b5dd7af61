/**
 * The media watch: the media side reports each leg's inbound RTP (packets received, from
 * `RTCPeerConnection.getStats()`) with its heartbeat. When no packet has arrived for the silence
 * timeout while nobody holds the call, the agent is warned (对方可能已挂断) and the call ends as
 * `media_timeout` after a grace, unless the agent keeps it (`call.keep`) or media comes back. A
 * media side that reports no stats for a call (an older window) never arms the watch: no
 * information is not silence. The audio level is carried but not judged: a quiet customer still
 * sends packets (comfort noise, Opus DTX frames). docs/adr/0012-dead-calls-and-remote-hold.md.
 */
import type { InboundStats } from '@shared/softphone/contract';
import type { SoftphoneView } from '@shared/contract';
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import type { LiveCall } from './live-call';

export interface SilencePolicy {
  silenceMs: number;
  graceMs: number;
}

interface Heard {
  /** Packets received so far, as last reported. */
  packets: number;
  /** When inbound RTP last arrived (or the watch last restarted: answer, hold over, keep). */
  at: number;
}

export class SilenceWatch {
  private readonly heard = new WeakMap<LiveCall, Heard>();

  constructor(
    private readonly deps: Pick<CallServiceDeps, 'clock' | 'logger'>,
    private readonly core: CallCore,
    private readonly policyOf: (call: LiveCall) => SilencePolicy,
  ) {}

  /** A heartbeat's inbound stats. Only the call in progress is watched (not a consult leg). */
  inbound(stats: readonly InboundStats[]): void {
    const call = this.core.call;
    const s = call?.state;
    if (!call || s?.phase !== 'active') return;
    const leg = stats.find((x) => x.callId === call.id);
    if (!leg) return;
    const now = this.deps.clock.now();
    let h = this.heard.get(call);
    // More packets since the last report (or a new peer connection counting from 0 again), or
    // packets already in the first report: the far end is there.
    const heardNow = h ? leg.packets !== h.packets : leg.packets > 0;
    if (!h) {
      // Silence counts from the answer.
      h = { packets: leg.packets, at: call.answeredAt ?? now };
      this.heard.set(call, h);
    }
    h.packets = leg.packets;
    if (heardNow) {
      h.at = now;
      if (s.silent) {
        call.silence = null;
        this.core.sipEvent(call, { type: 'media_back' });
      }
      return;
    }
    // Silence is expected while either side holds or the network is down: the clock restarts
    // when that is over.
    if (s.remoteHold || s.reconnecting || (s.hold !== 'none' && s.hold !== 'hold_failed')) {
      h.at = now;
      return;
    }
    const { silenceMs, graceMs } = this.policyOf(call);
    if (!s.silent && now - h.at >= silenceMs) this.warn(call, h.at, now + graceMs, graceMs);
  }

  /** The agent keeps a call flagged silent: no end; the watch starts over from now. */
  keep(callId: string): SoftphoneView {
    const call = this.core.require(callId);
    this.core.step(call, { type: 'keep' }); // refused unless the call is flagged silent
    call.silence = null;
    const heard = this.heard.get(call);
    if (heard) heard.at = this.deps.clock.now();
    this.deps.logger.info('agent kept a silent call', { callId });
    return this.core.publish();
  }

  private warn(call: LiveCall, since: number, endsAt: number, graceMs: number): void {
    const silence = { since, endsAt };
    call.silence = silence;
    this.deps.logger.warn('no inbound media: warning the agent', { callId: call.id, since });
    this.core.sipEvent(call, { type: 'silence' });
    this.core.later(call, graceMs, () => {
      const s = call.state;
      // Kept, heard again or held meanwhile (or warned anew after a keep): not this warning's end.
      if (call.silence !== silence || s.phase !== 'active' || !s.silent) return;
      this.deps.logger.warn('ending call: no inbound media', { callId: call.id });
      call.silence = null;
      this.core.sipEvent(call, { type: 'media_timeout' });
    });
  }
}
