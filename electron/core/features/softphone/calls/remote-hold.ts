/**
 * The customer's side holding the call: their re-INVITE offers sendonly or inactive audio (or the
 * old c=0.0.0.0). sip.js answers it by itself (the media side's answer says recvonly); this shows
 * it to the agent as the customer's hold — never as the agent's own `hold`, whose buttons and
 * timer are untouched — and records it as a hold segment with side 'remote' (migration 0008).
 */
import type { CallServiceDeps } from '../call-service';
import type { CallCore } from './core';
import type { LiveCall } from './live-call';

/** Does this SDP offer put us on hold? Its first audio stream's direction decides. */
export function offersHold(sdp: string): boolean {
  let section: 'session' | 'audio' | 'other' = 'session';
  let audioSeen = false;
  let sessionDir: string | null = null;
  let audioDir: string | null = null;
  let nullAddress = false;
  for (const line of sdp.split(/\r?\n/)) {
    if (line.startsWith('m=')) {
      const audio: boolean = line.startsWith('m=audio ') && !audioSeen;
      audioSeen ||= audio;
      section = audio ? 'audio' : 'other';
      continue;
    }
    if (section === 'other') continue;
    const dir = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.exec(line)?.[1];
    if (dir && section === 'session') sessionDir = dir;
    if (dir && section === 'audio') audioDir = dir;
    // RFC 2543 hold: a connection address of 0.0.0.0.
    if (/^c=IN IP4 0\.0\.0\.0\s*$/.test(line)) nullAddress = true;
  }
  const dir = audioDir ?? sessionDir ?? 'sendrecv';
  return dir === 'sendonly' || dir === 'inactive' || nullAddress;
}

export class RemoteHold {
  constructor(
    private readonly deps: Pick<CallServiceDeps, 'clock' | 'calls'>,
    private readonly core: CallCore,
  ) {}

  /** We answered the far end's re-INVITE 200 OK; `offer` is the SDP it offered. */
  answered(call: LiveCall, offer: string): void {
    const s = call.state;
    if (s.phase !== 'active' || !/^v=0\r?\n/.test(offer)) return;
    const held = offersHold(offer);
    if (held === s.remoteHold) return;
    const at = this.deps.clock.now();
    if (held) {
      call.remoteHoldSince = at;
      this.deps.calls.holdStarted(call.id, at, 'remote');
      this.core.sipEvent(call, { type: 'remote_hold' });
    } else {
      this.deps.calls.holdEnded(call.id, at, 'remote');
      call.remoteHoldSince = null;
      this.core.sipEvent(call, { type: 'remote_resume' });
    }
  }
}
