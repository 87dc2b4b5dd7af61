import { afterEach, describe, expect, it, vi } from 'vitest';
import { MediaEngine } from '../../../../../renderer/src/features/softphone/media/engine';
import type { FakeApi } from '../../../fake-api';
import { createFakeApi } from '../../../fake-api';

/**
 * The media engine's heartbeat reports each leg's inbound RTP from getStats() (main's silence
 * watch, ADR 0012). jsdom has no WebRTC: a stand-in peer connection returns the stats.
 */
type Stats = Record<string, Record<string, unknown>>;
let next: Stats | 'fails' = {};

class FakePeerConnection {
  signalingState = 'stable';
  ontrack: unknown = null;
  private readonly stats = next;
  async setRemoteDescription(): Promise<void> {}
  getStats(): Promise<Map<string, Record<string, unknown>>> {
    if (this.stats === 'fails') return Promise.reject(new Error('InvalidStateError'));
    return Promise.resolve(new Map(Object.entries(this.stats)));
  }
  close(): void {}
}

describe('media engine: inbound RTP with the heartbeat', () => {
  let engine: MediaEngine | null = null;
  afterEach(() => {
    engine?.stop();
    engine = null;
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  async function started(): Promise<FakeApi> {
    vi.stubGlobal('RTCPeerConnection', FakePeerConnection);
    const api = createFakeApi({
      'media.attach': () => ({ owner: 'o1' }),
      'media.heartbeat': () => null,
      'media.reply': () => null,
    });
    engine = new MediaEngine(api);
    await engine.start();
    return api;
  }
  /** Main asks for the remote description of `callId`: the engine opens a leg for it. */
  async function leg(api: FakeApi, callId: string, seq: number, stats: Stats | 'fails') {
    next = stats;
    api.emit('media.command', {
      op: 'setDescription',
      owner: 'o1',
      seq,
      callId,
      sdp: 'v=0\r\n',
    });
    await vi.waitFor(() =>
      expect(
        api.calls.some((c) => c.name === 'media.reply' && (c.args as { seq: number }).seq === seq),
      ).toBe(true),
    );
  }

  it('counts audio packets received and the level per leg, and leaves out legs it cannot read', async () => {
    const api = await started();
    await leg(api, 'c1', 1, {
      a: { type: 'inbound-rtp', kind: 'audio', packetsReceived: 120, audioLevel: 0.25 },
      v: { type: 'inbound-rtp', kind: 'video', packetsReceived: 999 },
      o: { type: 'outbound-rtp', kind: 'audio', packetsSent: 500 },
    });
    // Before the first packet Chromium has no inbound-rtp entry: nothing received.
    await leg(api, 'c1:consult', 2, { t: { type: 'transport' } });
    await leg(api, 'c2', 3, 'fails');
    expect(await engine!.inboundStats()).toEqual([
      { callId: 'c1', packets: 120, level: 0.25 },
      { callId: 'c1:consult', packets: 0 },
    ]);
  });

  it('sends them with every heartbeat (2 s), checked by the contract', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const api = await started();
    await vi.advanceTimersByTimeAsync(2000);
    // No call: a bare heartbeat.
    await vi.waitFor(() =>
      expect(api.calls.filter((c) => c.name === 'media.heartbeat').map((c) => c.args)).toEqual([
        { owner: 'o1' },
      ]),
    );
    await leg(api, 'c1', 1, {
      a: { type: 'inbound-rtp', mediaType: 'audio', packetsReceived: 7 },
    });
    await vi.advanceTimersByTimeAsync(2000);
    await vi.waitFor(() =>
      expect(api.calls.filter((c) => c.name === 'media.heartbeat').map((c) => c.args)).toEqual([
        { owner: 'o1' },
        { owner: 'o1', inbound: [{ callId: 'c1', packets: 7 }] },
      ]),
    );
  });
});
