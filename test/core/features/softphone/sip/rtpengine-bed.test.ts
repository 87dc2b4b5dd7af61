import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { freeUdpPort } from '../../../../sip-testbed/kamailio';
import type { MediaGateway, PartyFlow } from '../../../../sip-testbed/rtpengine';
import {
  bdecode,
  bencode,
  dtmfPcap,
  G711A_PCAP,
  startMediaGateway,
} from '../../../../sip-testbed/rtpengine';
import type { SippRun } from '../../../../sip-testbed/sipp';
import { startSipp } from '../../../../sip-testbed/sipp';

/**
 * The media gateway of the call-centre topology, proven before a browser joins it: Kamailio with
 * kamailio-gateway.cfg hands every SDP to rtpengine (Debian's rtpengine-daemon, userspace only).
 * Two plain-line phones (SIPp) talk real G.711 (sip-tester's g711a.pcap) through it, and
 * rtpengine's own counters (ng `query`) show the audio both ways; an RFC 4733 key press in the
 * media is seen by rtpengine's DTMF log. An offer towards a WebSocket desk leaves Kamailio in the
 * WebRTC profile (ICE, DTLS-SRTP, rtcp-mux). The console in Chromium is in test/e2e/audio.test.ts.
 */
describe('SIP test bed: Kamailio + rtpengine media gateway', () => {
  let gw: MediaGateway;
  let trunkPort: number;
  const sipps: SippRun[] = [];

  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    trunkPort = await freeUdpPort();
    gw = await startMediaGateway({ trunk: `127.0.0.1:${trunkPort}` });
  });
  afterAll(async () => {
    for (const s of sipps) await s.stop();
    await gw?.stop();
  });

  const callIdOf = (run: SippRun) =>
    run
      .logLines()
      .map((l) => /CALL-ID (\S+)/.exec(l)?.[1])
      .find(Boolean);

  it('bencode round-trips what the ng protocol carries', () => {
    const v = { command: 'query', 'call-id': 'a:b@127.0.0.1', n: 42, l: ['x', -1, { k: '通话' }] };
    const b = bencode(v);
    expect(b.toString('utf8')).toBe(
      'd7:call-id13:a:b@127.0.0.17:command5:query1:ll1:xi-1ed1:k6:通话ee1:ni42ee',
    );
    expect(bdecode(b)).toEqual(v);
    expect(() => bdecode(Buffer.from('d3:abc'))).toThrow(/bdecode/);
  });

  it('answers ng ping and runs on loopback, userspace only, stopped by PID', async () => {
    expect(await gw.rtp.ng({ command: 'ping' })).toEqual({ result: 'pong' });
    expect(gw.rtp.pid).toBeGreaterThan(0);
    expect(gw.rtp.log()).toMatch(/Startup complete/);
    expect(gw.pbx.log()).toMatch(/rtpengine/i);
  });

  it('relays real G.711 both ways between two plain-line phones; rtpengine counts it', async () => {
    const started = performance.now();
    const callee = await startSipp({
      scenario: 'callee-audio',
      port: trunkPort,
      vars: { PCAP: G711A_PCAP, DTMF_PCAP: dtmfPcap('5'), DTMF_AFTER_MS: 2500 },
      timeoutMs: 25_000,
    });
    sipps.push(callee);
    const caller = await startSipp({
      scenario: 'caller-audio',
      remote: `127.0.0.1:${gw.pbx.udpPort}`,
      service: '13900139000', // not registered: out through the trunk to the callee
      // Talk for 4 s (part of the 7 s recording), then hang up.
      vars: { PCAP: G711A_PCAP, PLAY_MS: 4000, ROUNDS: 1 },
      timeoutMs: 25_000,
    });
    sipps.push(caller);
    const callId = await vi.waitFor(
      () => {
        const id = callIdOf(caller);
        expect(id, caller.trace()).toBeTruthy();
        return id!;
      },
      { timeout: 10_000 },
    );
    // Both ends were given plain RTP: no ICE, DTLS or SDES crossed the gateway.
    expect(caller.logLines()).toContain('ANSWERED RTP/AVP ice/dtls=');
    expect(callee.logLines()).toContain('OFFERED RTP/AVP ice/dtls=');

    // While the call is up: both parties' packets arrive at rtpengine and keep arriving.
    const byTag = async () => {
      const flows = await gw.rtp.flows(callId);
      expect(flows).toHaveLength(2);
      const from = flows.find((f) => /SIPpTag00\d+$/.test(f.tag));
      const to = flows.find((f) => /SIPpTag01\d+$/.test(f.tag));
      expect(from && to, JSON.stringify(flows)).toBeTruthy();
      return { caller: from!, callee: to! };
    };
    const first = await vi.waitFor(
      async () => {
        const f = await byTag();
        expect(f.caller.packets).toBeGreaterThan(20);
        expect(f.callee.packets).toBeGreaterThan(20);
        return f;
      },
      { timeout: 5_000, interval: 100 },
    );
    await new Promise((r) => setTimeout(r, 600));
    const later = await byTag();
    expect(later.caller.packets).toBeGreaterThan(first.caller.packets);
    expect(later.callee.packets).toBeGreaterThan(first.callee.packets);

    const result = await caller.done;
    expect(result.code, caller.trace()).toBe(0);
    expect(result.log).toContain('CUSTOMER HANGS UP');
    const calleeResult = await callee.done;
    expect(calleeResult.code, callee.trace()).toBe(0);
    expect(calleeResult.log).toContain('DTMF SENT');

    // The whole call, as rtpengine counted it (it keeps a deleted call for its delete delay).
    const end = await byTag();
    const report = (f: PartyFlow) => `${f.packets} packets, ${f.bytes} bytes, ${f.protocol}`;
    console.log(
      `rtpengine bed: caller→callee ${report(end.caller)}; callee→caller ${report(end.callee)};` +
        ` ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    for (const f of [end.caller, end.callee]) {
      expect(f.protocol).toBe('RTP/AVP');
      expect(f.endpoint).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(f.errors).toBe(0);
      expect(f.packets).toBeLessThanOrEqual(236 + 10); // the recording (+ the key press)
    }
    // The caller talked ~4 s in 30 ms packets (~133); the callee ~2.5 s (~83), then pressed 5
    // (10 telephone-event packets).
    expect(end.caller.packets).toBeGreaterThanOrEqual(115);
    expect(end.callee.packets).toBeGreaterThanOrEqual(70);
    // 240 bytes of A-law + 12 of RTP header per speech packet.
    expect(end.caller.bytes / end.caller.packets).toBeCloseTo(252, -1);

    // The callee's RFC 4733 "5" crossed the gateway as a telephone-event, seen by rtpengine.
    const keys = gw.rtp.dtmf().filter((e) => e.callId === callId);
    expect(keys.map((e) => e.digit)).toEqual(['5']);
    expect(keys[0]!.sourceTag).toBe(end.callee.tag);
    expect(keys[0]!.durationMs).toBe(280); // the recording's final duration, 2240 samples
  });

  it('offers a WebSocket desk the WebRTC profile: ICE, DTLS-SRTP, rtcp-mux, no SDES', async () => {
    const { UserAgent, Registerer } = await import('sip.js');
    let offer = '';
    const ua = new UserAgent({
      uri: UserAgent.makeURI('sip:1003@127.0.0.1'),
      transportOptions: { server: gw.pbx.wsUrl },
      authorizationUsername: '1003',
      authorizationPassword: gw.pbx.password,
      logLevel: 'error',
      delegate: {
        onInvite: (invitation) => {
          offer = String(invitation.request.body);
          void invitation.reject({ statusCode: 486 });
        },
      },
    });
    await ua.start();
    try {
      const registerer = new Registerer(ua, { expires: 60 });
      await new Promise<void>((resolve, reject) => {
        void registerer.register({
          requestDelegate: {
            onAccept: () => resolve(),
            onReject: (r) => reject(new Error(`REGISTER ${r.message.statusCode}`)),
          },
        });
      });
      const caller = await startSipp({
        scenario: 'caller-audio',
        remote: `127.0.0.1:${gw.pbx.udpPort}`,
        service: '1003',
        vars: { PCAP: G711A_PCAP, PLAY_MS: 1000, ROUNDS: 1 },
        timeoutMs: 10_000,
      });
      sipps.push(caller);
      await vi.waitFor(() => expect(offer).not.toBe(''), { timeout: 5_000 });
      await caller.done; // refused with 486: the scenario expected an answer
    } finally {
      await ua.stop();
    }
    // The caller offered RTP/AVP PCMA + telephone-event; the desk sees a WebRTC offer of the same.
    expect(offer).toMatch(/^m=audio \d+ UDP\/TLS\/RTP\/SAVPF 8 101\r?$/m);
    expect(offer).toMatch(/^a=ice-ufrag:\S+/m);
    expect(offer).toMatch(/^a=ice-pwd:\S+/m);
    expect(offer).toMatch(/^a=candidate:\S+ 1 UDP \d+ 127\.0\.0\.1 \d+ typ host/m);
    expect(offer).toMatch(/^a=fingerprint:sha-256 ([0-9A-F]{2}:){31}[0-9A-F]{2}\r?$/m);
    expect(offer).toMatch(/^a=setup:(passive|actpass)\r?$/m);
    expect(offer).toMatch(/^a=rtcp-mux\r?$/m);
    expect(offer).toMatch(/^a=mid:\S+/m);
    expect(offer).toMatch(/^a=rtpmap:8 PCMA\/8000\r?$/m);
    expect(offer).toMatch(/^a=rtpmap:101 telephone-event\/8000\r?$/m);
    expect(offer).not.toMatch(/^a=crypto:/m);
  });
});
