import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import { freeUdpPort } from '../sip-testbed/kamailio';
import type { MediaGateway, PartyFlow } from '../sip-testbed/rtpengine';
import { G711A_PCAP, startMediaGateway } from '../sip-testbed/rtpengine';
import type { SippRun } from '../sip-testbed/sipp';
import { startSipp } from '../sip-testbed/sipp';
import type { RunningHost } from './harness';
import { launchChromium, screenshot, startHost } from './harness';

/**
 * Audio, end to end, in the topology call centres deploy: a customer on a plain phone line (SIPp,
 * RTP/AVP, real G.711 A-law speech from sip-tester's g711a.pcap) calls through Kamailio + rtpengine
 * (kamailio-gateway.cfg: the console gets ICE + DTLS-SRTP, the caller plain RTP) and the agent
 * answers in the console in Chromium. What flows is read at both ends of the gateway:
 * rtpengine's per-party counters (ng `query`) and, in the page, the RTCPeerConnection's getStats().
 *
 * The product keeps its RTCPeerConnection private (renderer MediaEngine); this test wraps the
 * page's RTCPeerConnection constructor before the app loads (an init script) to reach getStats().
 */
describe('e2e audio: plain-line caller ⇄ rtpengine ⇄ WebRTC console', () => {
  let gw: MediaGateway;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  let caller: SippRun;
  let callId: string;
  const sipps: SippRun[] = [];
  const started = performance.now();

  beforeAll(async () => {
    gw = await startMediaGateway({ trunk: `127.0.0.1:${await freeUdpPort()}` });
    host = await startHost();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' });
    if (process.env['E2E_DEBUG']) page.on('console', (m) => console.error('[page]', m.text()));
    await page.addInitScript(() => {
      const Native = window.RTCPeerConnection;
      const pcs: RTCPeerConnection[] = [];
      (window as unknown as { __testPcs: RTCPeerConnection[] }).__testPcs = pcs;
      window.RTCPeerConnection = class extends Native {
        constructor(config?: RTCConfiguration) {
          super(config);
          pcs.push(this);
        }
      };
    });
    await page.goto(host.url);
    await page.getByLabel('工号').fill('1004');
    await page.getByLabel('密码').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('status', { name: '座席状态' }).waitFor();
  });

  afterAll(async () => {
    for (const s of sipps) await s.stop();
    await browser?.close();
    await host?.stop();
    await gw?.stop();
    console.log(`e2e audio: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
  });

  const status = () => page.getByRole('status', { name: '座席状态' }).textContent();
  const callState = () => page.getByRole('status', { name: '通话' }).textContent();

  /** The call's RTCPeerConnection, seen from the page: state and RTP counters. */
  interface PageMedia {
    connection: string;
    codec: string;
    in: { packets: number; bytes: number; energy: number; level: number };
    out: { packets: number; bytes: number };
    /** The microphone track being sent (media-source): energy of what the agent says. */
    mic: { energy: number; level: number };
    /** inbound-rtp entries (Chromium may start a new one when the receiver is re-enabled). */
    inbound: number;
  }
  const pageMedia = (): Promise<PageMedia> =>
    page.evaluate(async () => {
      const pcs = (window as unknown as { __testPcs: RTCPeerConnection[] }).__testPcs;
      const pc = pcs.at(-1);
      const m: PageMedia = {
        connection: pc?.connectionState ?? 'none',
        codec: '',
        in: { packets: 0, bytes: 0, energy: 0, level: 0 },
        out: { packets: 0, bytes: 0 },
        mic: { energy: 0, level: 0 },
        inbound: 0,
      };
      if (!pc) return m;
      const codecs = new Map<string, string>();
      const stats = await pc.getStats();
      stats.forEach((s: Record<string, unknown>) => {
        if (s['type'] === 'codec') codecs.set(String(s['id']), String(s['mimeType']));
      });
      stats.forEach((s: Record<string, unknown>) => {
        const n = (k: string) => Number(s[k] ?? 0);
        if (s['type'] === 'inbound-rtp' && s['kind'] === 'audio') {
          m.in = {
            packets: m.in.packets + n('packetsReceived'),
            bytes: m.in.bytes + n('bytesReceived'),
            energy: m.in.energy + n('totalAudioEnergy'),
            level: Math.max(m.in.level, n('audioLevel')),
          };
          m.codec = codecs.get(String(s['codecId'])) ?? m.codec;
          m.inbound += 1;
        }
        if (s['type'] === 'outbound-rtp' && s['kind'] === 'audio') {
          m.out = { packets: n('packetsSent'), bytes: n('bytesSent') };
        }
        if (s['type'] === 'media-source' && s['kind'] === 'audio') {
          m.mic = { energy: n('totalAudioEnergy'), level: n('audioLevel') };
        }
      });
      return m;
    });

  /** rtpengine's counters for the call: what it received from the caller and from the console. */
  const gateway = async (): Promise<{ caller: PartyFlow; console: PartyFlow }> => {
    const flows = await gw.rtp.flows(callId);
    const c = flows.find((f) => /SIPpTag00\d+$/.test(f.tag));
    const d = flows.find((f) => f !== c && f.tag !== '');
    if (!c || !d) throw new Error(`rtpengine query: ${JSON.stringify(flows)}`);
    return { caller: c, console: d };
  };
  /** Packets each way over `ms`: gateway (caller→, console→) and page (in, out). */
  const over = async (ms: number) => {
    const [g0, p0] = [await gateway(), await pageMedia()];
    await page.waitForTimeout(ms);
    const [g1, p1] = [await gateway(), await pageMedia()];
    return {
      callerToConsole: g1.caller.packets - g0.caller.packets,
      consoleToCaller: g1.console.packets - g0.console.packets,
      pageIn: p1.in.packets - p0.in.packets,
      pageOut: p1.out.packets - p0.out.packets,
      pageEnergy: p1.in.energy - p0.in.energy,
      micEnergy: p1.mic.energy - p0.mic.energy,
    };
  };

  it('registers through the gateway PBX', async () => {
    await page.getByRole('button', { name: /^软电话：/ }).click();
    const dialog = page.getByRole('dialog', { name: '软电话设置' });
    await dialog.getByLabel('服务器（ws:// 或 wss://）').fill(gw.pbx.wsUrl);
    await dialog.getByLabel('SIP 地址（如 sip:1001@pbx）').fill('sip:1004@127.0.0.1');
    await dialog.getByLabel('认证用户名').fill('1004');
    await dialog.getByLabel('密码').fill(gw.pbx.password);
    await vi.waitFor(async () => expect(await dialog.getByLabel('麦克风').count()).toBe(1));
    await dialog.getByRole('button', { name: '保存并注册' }).click();
    const chip = () => page.getByRole('status', { name: '软电话' }).textContent();
    await vi.waitFor(async () => expect(await chip()).toMatch(/^软电话已注册 · \d+ ms$/), {
      timeout: 15_000,
    });
  });

  it('answers a plain-RTP G.711 caller: audio flows both ways through rtpengine (ICE + DTLS-SRTP to the console)', async () => {
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
    caller = await startSipp({
      scenario: 'caller-audio',
      remote: `127.0.0.1:${gw.pbx.udpPort}`,
      service: '1004',
      // The 7 s recording again every 7.2 s, for up to ~58 s; the agent hangs up before.
      vars: { PCAP: G711A_PCAP, PLAY_MS: 7200, ROUNDS: 8 },
      timeoutMs: 90_000,
    });
    sipps.push(caller);
    const ring = page.getByRole('alertdialog', { name: '来电' });
    await ring.waitFor({ timeout: 15_000 });
    const answeredAt = performance.now();
    await ring.getByRole('button', { name: /接听/ }).click();
    await vi.waitFor(async () => expect(await callState()).toBe('通话中'));
    callId = await vi.waitFor(() => {
      const id = caller
        .logLines()
        .map((l) => /CALL-ID (\S+)/.exec(l)?.[1])
        .find(Boolean);
      expect(id, caller.trace()).toBeTruthy();
      return id!;
    });
    // The caller was answered in plain RTP: rtpengine removed ICE and DTLS on its side.
    expect(caller.logLines()).toContain('ANSWERED RTP/AVP ice/dtls=');

    // ICE + DTLS between Chromium and rtpengine complete.
    await vi.waitFor(async () => expect((await pageMedia()).connection).toBe('connected'), {
      timeout: 10_000,
    });
    const connectedMs = performance.now() - answeredAt;
    const g = await gateway();
    expect(g.caller.protocol).toBe('RTP/AVP');
    expect(g.console.protocol).toBe('UDP/TLS/RTP/SAVPF');

    // Audio both ways, measured at both ends of the gateway over one second.
    const talk = await vi.waitFor(
      async () => {
        const d = await over(1000);
        expect(d.callerToConsole).toBeGreaterThan(20); // 30 ms packets: ~33 a second
        expect(d.consoleToCaller).toBeGreaterThan(20); // Chromium follows a=ptime:30 too
        expect(d.pageIn).toBeGreaterThan(20);
        expect(d.pageOut).toBeGreaterThan(20);
        return d;
      },
      { timeout: 10_000, interval: 200 },
    );
    const media = await pageMedia();
    expect(media.codec).toBe('audio/PCMA');
    // The console decoded sound, not silence: the speech recording has energy.
    expect(media.in.energy).toBeGreaterThan(0);
    console.log(
      `e2e audio: connected ${connectedMs.toFixed(0)} ms after answer; per second: ` +
        `caller→console ${talk.callerToConsole} (page received ${talk.pageIn}), ` +
        `console→caller ${talk.consoleToCaller} (page sent ${talk.pageOut}); ` +
        `page totalAudioEnergy ${media.in.energy.toFixed(4)}, audioLevel ${media.in.level.toFixed(3)}`,
    );
    await screenshot(page, '30-audio-in-call');
  });

  /** Measured while held (1.5 s) and after resume (1 s); the known-bug test below reads it too. */
  let held: Awaited<ReturnType<typeof over>> | undefined;

  it('hold: the agent stops hearing the caller; resume brings audio back both ways', async () => {
    await page.keyboard.press('Alt+o');
    await vi.waitFor(async () => expect(await callState()).toBe('保持中'));
    expect(caller.logLines()).toContain('REINVITE hold');
    await page.waitForTimeout(300); // packets already on their way
    held = await over(1500);
    await page.keyboard.press('Alt+o');
    await vi.waitFor(async () => expect(await callState()).toBe('通话中'));
    expect(caller.logLines()).toContain('REINVITE sendrecv');
    const resumed = await vi.waitFor(
      async () => {
        const d = await over(1000);
        expect(d.consoleToCaller).toBeGreaterThan(20);
        expect(d.pageOut).toBeGreaterThan(20);
        expect(d.callerToConsole).toBeGreaterThan(20);
        expect(d.pageIn).toBeGreaterThan(20);
        return d;
      },
      { timeout: 10_000, interval: 200 },
    );
    console.log(
      `e2e audio: on hold, over 1.5 s: console→caller ${held.consoleToCaller} at the gateway ` +
        `(page sent ${held.pageOut} RTP packets, microphone energy +${held.micEnergy.toFixed(4)}), ` +
        `caller→console ${held.callerToConsole} at the gateway (page received ${held.pageIn}); ` +
        `after resume, per second: console→caller ${resumed.consoleToCaller}, ` +
        `caller→console ${resumed.callerToConsole} (page received ${resumed.pageIn})`,
    );
    // The caller keeps talking into the gateway, but the held console (sendonly) takes none of it.
    expect(held.callerToConsole).toBeGreaterThan(20);
    expect(held.pageIn).toBe(0);
  });

  // KNOWN PRODUCT BUG, kept visible: the MediaEngine holds with direction 'sendonly' and leaves the
  // microphone track on the sender, so the customer on hold keeps hearing the agent (observed: ~34
  // RTP packets a second of live microphone reach the caller). Fix in the renderer's MediaEngine
  // (getDescription with hold: sender.replaceTrack(null), and the call's track back on resume);
  // this test then passes by itself and vitest reports it as "expected to fail": turn it into it().
  it('hold stops the agent’s audio to the caller (console→caller stops)', () => {
    expect(held, 'the hold test above must have run').toBeDefined();
    expect(held!.pageOut).toBe(0); // RTP packets Chromium sent while held
    // At the gateway, allow the odd RTCP report (muxed on the same port) but no audio stream.
    expect(held!.consoleToCaller).toBeLessThanOrEqual(3);
  });

  it('keypad DTMF goes as RFC 4733 in the media, seen by the gateway, not as SIP INFO', async () => {
    const consoleTag = (await gateway()).console.tag;
    await page.keyboard.press('Alt+k');
    const keypad = page.getByRole('dialog', { name: '发送按键（DTMF）' });
    await keypad.getByRole('button', { name: '拨号键盘 1' }).click();
    await vi.waitFor(() =>
      expect(gw.rtp.dtmf().filter((e) => e.callId === callId)).toHaveLength(1),
    );
    await keypad.getByRole('button', { name: '拨号键盘 #' }).click();
    const keys = await vi.waitFor(() => {
      const k = gw.rtp.dtmf().filter((e) => e.callId === callId);
      expect(k).toHaveLength(2);
      return k;
    });
    expect(keys.map((k) => k.digit)).toEqual(['1', '#']);
    expect(keys.every((k) => k.sourceTag === consoleTag)).toBe(true);
    // insertDTMF(tones, 100 ms, …): each event lasts about 100 ms.
    for (const k of keys) expect(k.durationMs).toBeGreaterThanOrEqual(80);
    await page.keyboard.press('Escape');
    // Not the SIP INFO fallback.
    expect(caller.logLines().filter((l) => l.startsWith('DTMF'))).toEqual([]);
    console.log(
      `e2e audio: RFC 4733 at the gateway: ${keys.map((k) => `${k.digit} (${k.durationMs} ms)`).join(', ')}`,
    );
  });

  it('hangs up: the caller sees the agent’s BYE, and the gateway counted the whole call', async () => {
    // Seconds of the caller's speech decoded by the console, not silence: the 7 s recording holds
    // Σ rms²·dt ≈ 0.024 (its first 0.6 s silent); what the console heard outside the hold adds up
    // to a good share of that (Chromium's audioLevel is no lower than the RMS).
    const final = await pageMedia();
    const heard = final.in;
    console.log(
      `e2e audio: the console received ${heard.packets} packets (${final.inbound} inbound-rtp), ` +
        `totalAudioEnergy ${heard.energy.toFixed(4)}`,
    );
    expect(heard.energy).toBeGreaterThan(0.002);
    await page.keyboard.press('Alt+h');
    const result = await caller.done;
    expect(result.code, caller.trace()).toBe(0);
    expect(result.log).toContain('AGENT HUNG UP');
    await page.getByRole('region', { name: '话后整理' }).waitFor();
    await vi.waitFor(async () => expect(await status()).toBe('话后整理'));
    const g = await gateway(); // kept for rtpengine's delete delay
    console.log(
      `e2e audio: whole call at the gateway: caller→console ${g.caller.packets} packets / ${g.caller.bytes} bytes, ` +
        `console→caller ${g.console.packets} packets / ${g.console.bytes} bytes`,
    );
    expect(g.caller.errors).toBe(0);
    expect(g.console.errors).toBe(0);
  });
});
