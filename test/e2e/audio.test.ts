import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/dev/seed';
import { freeUdpPort } from '../sip-testbed/kamailio';
import type { MediaGateway, PartyFlow } from '../sip-testbed/rtpengine';
import { G711A_PCAP, startMediaGateway } from '../sip-testbed/rtpengine';
import type { RtpParty } from '../sip-testbed/rtp-party';
import { startRtpParty } from '../sip-testbed/rtp-party';
import type { SippOptions, SippRun } from '../sip-testbed/sipp';
import { startSipp } from '../sip-testbed/sipp';
import type { RunningHost } from './harness';
import { launchChromium, screenshot, startHost, signIn } from './harness';

/**
 * Audio, end to end, in the topology call centres deploy: a customer on a plain phone line calls
 * through Kamailio + rtpengine (kamailio-gateway.cfg: the console gets ICE + DTLS-SRTP, the
 * caller plain RTP) and the agent answers in the console in Chromium. The phones are SIPp for the
 * SIP (caller-line.xml, callee-line.xml) and a Node RtpParty for the media (rtp-party.ts): it
 * talks real G.711 A-law speech (sip-tester's g711a.pcap) and decodes what it hears, so every
 * check reads three places: what the page sent or received (its RTCPeerConnection's getStats()),
 * what rtpengine counted per party (ng `query`), and what reached the phone's ear.
 *
 * The product keeps its RTCPeerConnections private (renderer MediaEngine); this test wraps the
 * page's RTCPeerConnection constructor before the app loads (an init script) to reach getStats().
 * Chromium's fake microphone (--use-fake-device-for-media-stream) beeps: that is the agent talking.
 */
describe('e2e audio: plain-line caller ⇄ rtpengine ⇄ WebRTC console', () => {
  let gw: MediaGateway;
  let trunkPort: number;
  let host: RunningHost;
  let browser: Browser;
  let page: Page;
  /** The customer's phone (its RTP) and the colleague's behind the trunk. */
  let customer: RtpParty;
  let colleague: RtpParty;
  const sipps: SippRun[] = [];
  const started = performance.now();
  /** The colleague's number: nobody registered it, so Kamailio sends it out through the trunk. */
  const colleagueNumber = '13900001111';

  beforeAll(async () => {
    trunkPort = await freeUdpPort();
    gw = await startMediaGateway({ trunk: `127.0.0.1:${trunkPort}` });
    customer = await startRtpParty({ pcap: G711A_PCAP });
    colleague = await startRtpParty({ pcap: G711A_PCAP });
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
    await signIn(page, '1004', DEMO_PASSWORD);
    await page.getByRole('status', { name: '座席状态' }).waitFor();
  });

  afterAll(async () => {
    for (const s of sipps) await s.stop();
    await browser?.close();
    await host?.stop();
    await customer?.stop();
    await colleague?.stop();
    await gw?.stop();
    console.log(`e2e audio: ${((performance.now() - started) / 1000).toFixed(1)} s in all`);
  });

  const status = () => page.getByRole('status', { name: '座席状态' }).textContent();
  const callState = () => page.getByRole('status', { name: '通话' }).textContent();

  // ---- the phones: SIPp for the SIP, an RtpParty for the media -------------------------------

  /** Each run's log once SIPp has exited (sipp.ts then removes its files). */
  const finalLogs = new Map<SippRun, string[]>();
  const sipp = (options: SippOptions) =>
    startSipp(options).then((run) => {
      sipps.push(run);
      void run.done.then((r) => finalLogs.set(run, r.log));
      return run;
    });
  const lines = (run: SippRun) => finalLogs.get(run) ?? run.logLines();
  /** The customer calls the desk (or, with `to` and a Replaces header, the transfer target). */
  const customerCalls = (opts: { to?: string; hangupMs?: number; extraHeader?: string } = {}) =>
    sipp({
      scenario: 'caller-line',
      remote: `127.0.0.1:${gw.pbx.udpPort}`,
      service: opts.to ?? '1004',
      vars: {
        RTP_PORT: customer.port,
        HANGUP_MS: opts.hangupMs ?? 60_000,
        EXTRA_HEADER: opts.extraHeader ?? 'X-Courier-Desk-Test: audio',
      },
      timeoutMs: 90_000,
    });
  /** The value of a SIPp log line `NAME value`, the last one logged after line `from`. */
  const logged = (run: SippRun, name: string, from = 0): string | undefined =>
    lines(run)
      .slice(from)
      .filter((l) => l.startsWith(`${name} `))
      .at(-1)
      ?.slice(name.length + 1);
  const waitLogged = (run: SippRun, name: string, from = 0) =>
    vi.waitFor(
      () => {
        const v = logged(run, name, from);
        expect(v, `${name} in SIPp's log\n${run.trace()}`).toBeDefined();
        return v!;
      },
      { timeout: 15_000 },
    );
  /** The phone's RTP starts once SIPp has the gateway's address (MEDIA ip port) for it. */
  const talkTo = async (party: RtpParty, run: SippRun, from = 0) => {
    const [address, port] = (await waitLogged(run, 'MEDIA', from)).split(' ');
    party.talk({ address: address!, port: Number(port) });
  };

  // ---- what flows: page, gateway, ear ---------------------------------------------------------

  /** One RTCPeerConnection of the page, by creation order: state and RTP counters. */
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
  const pcCount = () =>
    page.evaluate(() => (window as unknown as { __testPcs: unknown[] }).__testPcs.length);
  const pageMedia = (pcIndex: number): Promise<PageMedia> =>
    page.evaluate(async (index) => {
      const pcs = (window as unknown as { __testPcs: RTCPeerConnection[] }).__testPcs;
      const pc = pcs[index];
      const m: PageMedia = {
        connection: pc?.connectionState ?? 'none',
        codec: '',
        in: { packets: 0, bytes: 0, energy: 0, level: 0 },
        out: { packets: 0, bytes: 0 },
        mic: { energy: 0, level: 0 },
        inbound: 0,
      };
      if (!pc || pc.connectionState === 'closed') return m;
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
    }, pcIndex);

  /** A call leg as this test sees it: rtpengine's call, the far phone, the page's connection. */
  interface Leg {
    callId: string;
    /** The far phone's SIP tag: SIPpTag00… (caller-line.xml) or SIPpTag01… (callee-line.xml). */
    farTag: RegExp;
    party: RtpParty;
    pc: number;
  }
  /** rtpengine's counters for a call: what it received from the far phone and from the console. */
  const gateway = async (leg: Leg): Promise<{ far: PartyFlow; console: PartyFlow }> => {
    const flows = await gw.rtp.flows(leg.callId);
    const far = flows.find((f) => leg.farTag.test(f.tag));
    const desk = flows.find((f) => f !== far && f.tag !== '');
    if (!far || !desk) throw new Error(`rtpengine query: ${JSON.stringify(flows)}`);
    return { far, console: desk };
  };
  const snapshot = async (leg: Leg) => ({
    g: await gateway(leg),
    p: await pageMedia(leg.pc),
    ear: leg.party.heard(),
  });
  type Snapshot = Awaited<ReturnType<typeof snapshot>>;
  const flowBetween = (a: Snapshot, b: Snapshot) => ({
    /** RTP(+RTCP) packets the far phone sent into the gateway. */
    farSent: b.g.far.packets - a.g.far.packets,
    /** RTP(+RTCP) packets the console sent into the gateway. */
    consoleSent: b.g.console.packets - a.g.console.packets,
    pageIn: b.p.in.packets - a.p.in.packets,
    pageOut: b.p.out.packets - a.p.out.packets,
    /** What the agent heard (totalAudioEnergy of the page's inbound-rtp). */
    pageEnergy: b.p.in.energy - a.p.in.energy,
    /** What the agent's microphone gave the sender (media-source totalAudioEnergy). */
    micEnergy: b.p.mic.energy - a.p.mic.energy,
    /** RTP packets that reached the far phone, and the energy of the speech in them. */
    heardPackets: b.ear.packets - a.ear.packets,
    heardEnergy: b.ear.energy - a.ear.energy,
  });
  /** Flows on each leg over `ms`. */
  const over = async (ms: number, ...legs: Leg[]) => {
    const a = await Promise.all(legs.map(snapshot));
    await page.waitForTimeout(ms);
    const b = await Promise.all(legs.map(snapshot));
    return legs.map((_, i) => flowBetween(a[i]!, b[i]!));
  };
  const e = (x: number) => x.toExponential(1);

  /**
   * Energy thresholds (Σ rms²·dt over a window of 1–1.5 s). The fake microphone's beeps reach a
   * phone at ~8e-3 a second through the console's PCMA; a phone's speech recording reaches the
   * console or the other phone at 3e-3 or more. A-law silence decodes to ±8/32768, ~6e-8 a second:
   * below SILENCE a phone heard nothing but silence.
   */
  const SPEECH = 1e-4;
  const SILENCE = 1e-6;

  // ---- call 1: answer, mute, hold, DTMF, hang up ---------------------------------------------

  let caller: SippRun;
  let call1: Leg;

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

  /** Rings the desk from the customer's phone and answers; the leg once media is connected. */
  const answerCustomer = async () => {
    const pc = await pcCount();
    const run = await customerCalls();
    const ring = page.getByRole('alertdialog', { name: '来电' });
    await ring.waitFor({ timeout: 15_000 });
    const answeredAt = performance.now();
    await ring.getByRole('button', { name: /接听/ }).click();
    await vi.waitFor(async () => expect(await callState()).toBe('通话中'));
    const callId = await waitLogged(run, 'CALL-ID');
    await talkTo(customer, run);
    const leg: Leg = { callId, farTag: /SIPpTag00\d+$/, party: customer, pc };
    // ICE + DTLS between Chromium and rtpengine complete.
    await vi.waitFor(async () => expect((await pageMedia(pc)).connection).toBe('connected'), {
      timeout: 10_000,
    });
    return { run, leg, connectedMs: performance.now() - answeredAt };
  };
  /** Audio both ways on a leg, within 10 s: packets at all three places, speech at both ears. */
  const talking = (leg: Leg) =>
    vi.waitFor(
      async () => {
        const [d] = await over(1000, leg);
        expect(d!.farSent).toBeGreaterThan(20); // 30 ms packets: ~33 a second
        expect(d!.consoleSent).toBeGreaterThan(20); // Chromium follows a=ptime:30 too
        expect(d!.pageIn).toBeGreaterThan(20);
        expect(d!.pageOut).toBeGreaterThan(20);
        expect(d!.heardPackets).toBeGreaterThan(20);
        expect(d!.heardEnergy).toBeGreaterThan(SPEECH); // the phone hears the agent
        return d!;
      },
      { timeout: 10_000, interval: 200 },
    );

  it('answers a plain-RTP G.711 caller: audio flows both ways through rtpengine (ICE + DTLS-SRTP to the console)', async () => {
    await page.keyboard.press('F2');
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
    const answered = await answerCustomer();
    caller = answered.run;
    call1 = answered.leg;
    // The caller was answered in plain RTP: rtpengine removed ICE and DTLS on its side.
    expect(lines(caller)).toContain('ANSWERED RTP/AVP ice/dtls=');
    const g = await gateway(call1);
    expect(g.far.protocol).toBe('RTP/AVP');
    expect(g.console.protocol).toBe('UDP/TLS/RTP/SAVPF');

    // Audio both ways, measured at the page, the gateway and the customer's ear over one second.
    const talk = await talking(call1);
    const media = await pageMedia(call1.pc);
    expect(media.codec).toBe('audio/PCMA');
    // The console decoded sound, not silence: the speech recording has energy.
    expect(media.in.energy).toBeGreaterThan(0);
    console.log(
      `e2e audio: connected ${answered.connectedMs.toFixed(0)} ms after answer; per second: ` +
        `caller→gateway ${talk.farSent} (page received ${talk.pageIn}), ` +
        `console→gateway ${talk.consoleSent} (page sent ${talk.pageOut}, the customer heard ` +
        `${talk.heardPackets}, energy ${e(talk.heardEnergy)}); page totalAudioEnergy ` +
        `${media.in.energy.toFixed(4)}, audioLevel ${media.in.level.toFixed(3)}`,
    );
    await screenshot(page, '30-audio-in-call');
  });

  it('mute (Alt+M): the customer hears silence, not the agent; unmute brings the agent back', async () => {
    const mutedTag = page
      .getByRole('region', { name: '通话' })
      .getByText('已静音', { exact: true });
    const [before] = await over(1500, call1);
    await page.keyboard.press('Alt+m');
    await mutedTag.waitFor();
    await page.waitForTimeout(300); // audio already encoded and on its way
    const [muted] = await over(1500, call1);
    await page.keyboard.press('Alt+m');
    await mutedTag.waitFor({ state: 'detached' });
    const after = await vi.waitFor(
      async () => {
        const [d] = await over(1500, call1);
        expect(d!.micEnergy).toBeGreaterThan(SPEECH);
        expect(d!.heardEnergy).toBeGreaterThan(SPEECH);
        return d!;
      },
      { timeout: 10_000, interval: 200 },
    );
    const line = (name: string, d: typeof muted) =>
      `${name}: microphone (media-source) +${e(d!.micEnergy)}, page sent ${d!.pageOut}, ` +
      `the customer heard ${d!.heardPackets} packets, energy +${e(d!.heardEnergy)}`;
    console.log(
      `e2e audio: mute, over 1.5 s each: ${line('before', before)}; ${line('muted', muted)}; ` +
        `${line('unmuted', after)}`,
    );
    expect(before!.micEnergy).toBeGreaterThan(SPEECH);
    expect(before!.heardEnergy).toBeGreaterThan(SPEECH);
    // Muted: what leaves the console is silence. The packets still flow (the line stays up), but
    // the microphone gives the sender nothing and the customer's ear decodes nothing but silence.
    // (The media-source of a disabled track reads 4e-8…2e-5 in 1.5 s against ~0.3–0.5 live.)
    expect(muted!.micEnergy).toBeLessThan(before!.micEnergy / 1000);
    expect(muted!.pageOut).toBeGreaterThan(30);
    expect(muted!.heardPackets).toBeGreaterThan(30);
    expect(muted!.heardEnergy).toBeLessThan(SILENCE);
    // The agent still hears the customer while muted.
    expect(muted!.pageIn).toBeGreaterThan(30);
    expect(muted!.pageEnergy).toBeGreaterThan(0);
  });

  /** Measured while held (1.5 s) and after resume (1 s). */
  let held: Awaited<ReturnType<typeof over>>[number] | undefined;

  it('hold: the agent stops hearing the caller; resume brings audio back both ways', async () => {
    await page.keyboard.press('Alt+o');
    await vi.waitFor(async () => expect(await callState()).toBe('保持中'));
    expect(lines(caller)).toContain('REINVITE hold');
    await page.waitForTimeout(300); // packets already on their way
    [held] = await over(1500, call1);
    await page.keyboard.press('Alt+o');
    await vi.waitFor(async () => expect(await callState()).toBe('通话中'));
    expect(lines(caller)).toContain('REINVITE sendrecv');
    const resumed = await talking(call1);
    console.log(
      `e2e audio: on hold, over 1.5 s: console→gateway ${held!.consoleSent} ` +
        `(page sent ${held!.pageOut} RTP packets, the customer heard ${held!.heardPackets}), ` +
        `caller→gateway ${held!.farSent} (page received ${held!.pageIn}); after resume, per ` +
        `second: console→gateway ${resumed.consoleSent}, the customer heard ` +
        `${resumed.heardPackets} (energy ${e(resumed.heardEnergy)}), caller→gateway ` +
        `${resumed.farSent} (page received ${resumed.pageIn})`,
    );
    // The caller keeps talking into the gateway, but the held console (sendonly) takes none of it.
    expect(held!.farSent).toBeGreaterThan(20);
    expect(held!.pageIn).toBe(0);
  });

  // Fixed in the renderer's MediaEngine (no track on the sender while held): 'sendonly' alone kept
  // sending the live microphone to the customer on hold (~34 RTP packets a second).
  it('hold stops the agent’s audio to the caller: nothing reaches the customer', () => {
    expect(held, 'the hold test above must have run').toBeDefined();
    expect(held!.pageOut).toBe(0); // RTP packets Chromium sent while held
    // At the gateway, allow the odd RTCP report (muxed on the same port) but no audio stream.
    expect(held!.consoleSent).toBeLessThanOrEqual(3);
    expect(held!.heardPackets).toBe(0); // RTP at the customer's phone
  });

  it('keypad DTMF goes as RFC 4733 in the media, seen by the gateway, not as SIP INFO', async () => {
    const consoleTag = (await gateway(call1)).console.tag;
    const eventsBefore = customer.heard().events;
    await page.keyboard.press('Alt+k');
    const keypad = page.getByRole('dialog', { name: '发送按键（DTMF）' });
    await keypad.getByRole('button', { name: '拨号键盘 1' }).click();
    await vi.waitFor(() =>
      expect(gw.rtp.dtmf().filter((k) => k.callId === call1.callId)).toHaveLength(1),
    );
    await keypad.getByRole('button', { name: '拨号键盘 #' }).click();
    const keys = await vi.waitFor(() => {
      const k = gw.rtp.dtmf().filter((x) => x.callId === call1.callId);
      expect(k).toHaveLength(2);
      return k;
    });
    expect(keys.map((k) => k.digit)).toEqual(['1', '#']);
    expect(keys.every((k) => k.sourceTag === consoleTag)).toBe(true);
    // insertDTMF(tones, 100 ms, …): each event lasts about 100 ms.
    for (const k of keys) expect(k.durationMs).toBeGreaterThanOrEqual(80);
    await page.keyboard.press('Escape');
    // Not the SIP INFO fallback; the telephone-events reached the customer's phone.
    expect(lines(caller).filter((l) => l.startsWith('DTMF'))).toEqual([]);
    const events = await vi.waitFor(() => {
      const n = customer.heard().events - eventsBefore;
      expect(n).toBeGreaterThanOrEqual(2 * 3); // a few packets per key, end packet repeated
      return n;
    });
    console.log(
      `e2e audio: RFC 4733 at the gateway: ${keys.map((k) => `${k.digit} (${k.durationMs} ms)`).join(', ')}; ` +
        `${events} telephone-event packets reached the customer`,
    );
  });

  it('hangs up: the caller sees the agent’s BYE, and the gateway counted the whole call', async () => {
    // Seconds of the caller's speech decoded by the console, not silence: the 7 s recording holds
    // Σ rms²·dt ≈ 0.024 (its first 0.6 s silent); what the console heard outside the hold adds up
    // to a good share of that (Chromium's audioLevel is no lower than the RMS).
    const final = await pageMedia(call1.pc);
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
    const g = await gateway(call1); // kept for rtpengine's delete delay
    console.log(
      `e2e audio: whole call at the gateway: caller→gateway ${g.far.packets} packets / ${g.far.bytes} bytes, ` +
        `console→gateway ${g.console.packets} packets / ${g.console.bytes} bytes`,
    );
    expect(g.far.errors).toBe(0);
    expect(g.console.errors).toBe(0);
  });

  // ---- call 2: consult transfer to a colleague behind the trunk ---------------------------------

  /** The colleague's phone: three calls (a consult cancelled, a consult completed, the transferee's). */
  let colleagueLine: SippRun;
  let caller2: SippRun;
  let call2: Leg;
  let consultLeg: Leg | undefined;
  /** Measured with the agent swapped to the customer (the colleague's leg muted). */
  let swapped: {
    customer: ReturnType<typeof flowBetween>;
    colleague: ReturnType<typeof flowBetween>;
  };
  const talkingTo = () =>
    page
      .getByRole('region', { name: '通话' })
      .getByText(/当前通话方：/)
      .textContent();

  it('after-call work is done and a second customer is answered', async () => {
    const acw = page.getByRole('region', { name: '话后整理' });
    await acw.getByLabel('来电类型（必填）').click();
    await page.getByTitle('查件').click();
    await acw.getByRole('button', { name: /提交并结束整理/ }).click();
    await vi.waitFor(async () => expect(await status()).toBe('示闲'));
    colleagueLine = await sipp({
      scenario: 'callee-line',
      port: trunkPort,
      calls: 3,
      vars: { RTP_PORT: colleague.port, ANSWER_AFTER_MS: 300 },
      timeoutMs: 120_000,
    });
    const answered = await answerCustomer();
    caller2 = answered.run;
    call2 = answered.leg;
    await talking(call2);
  });

  /** Alt+T, consult (the dialog's default) to the colleague: once answered and connected. */
  const consultColleague = async (): Promise<Leg> => {
    const pc = await pcCount();
    const from = lines(colleagueLine).length;
    await page.keyboard.press('Alt+t');
    const dialog = page.getByRole('dialog', { name: '转接电话' });
    await dialog.getByLabel('转接号码或分机').fill(colleagueNumber);
    await dialog.getByLabel('转接号码或分机').press('Enter');
    // The customer is held first (and must really be held), then the colleague is called.
    await vi.waitFor(async () => expect(await callState()).toBe('保持中'));
    const callId = await waitLogged(colleagueLine, 'CALL-ID', from);
    expect(logged(colleagueLine, 'OFFERED', from)).toBe('RTP/AVP ice/dtls=');
    await talkTo(colleague, colleagueLine, from);
    await vi.waitFor(async () => expect((await pageMedia(pc)).connection).toBe('connected'), {
      timeout: 10_000,
    });
    await vi.waitFor(async () => expect(await talkingTo()).toMatch(/当前通话方：转接目标$/));
    return { callId, farTag: /SIPpTag01\d+$/, party: colleague, pc };
  };

  it('consult (Alt+T): the held customer hears nothing while the agent and the colleague talk', async () => {
    const consult = await consultColleague();
    consultLeg = consult;
    expect(lines(caller2)).toContain('REINVITE hold');
    // The consult leg carries audio both ways …
    await talking(consult);
    // … and, over the same 1.5 s, nothing goes between the console and the customer.
    const [cust, coll] = await over(1500, call2, consult);
    console.log(
      `e2e audio: consulting, over 1.5 s: console→gateway on the customer's leg ${cust!.consoleSent} ` +
        `(page sent ${cust!.pageOut}, the customer heard ${cust!.heardPackets} packets), ` +
        `customer→gateway ${cust!.farSent} (page received ${cust!.pageIn}); on the colleague's ` +
        `leg console→gateway ${coll!.consoleSent}, the colleague heard ${coll!.heardPackets} ` +
        `(energy ${e(coll!.heardEnergy)}), colleague→gateway ${coll!.farSent} (page received ` +
        `${coll!.pageIn}, energy ${e(coll!.pageEnergy)})`,
    );
    expect(cust!.pageOut).toBe(0);
    expect(cust!.consoleSent).toBeLessThanOrEqual(3); // the odd RTCP report, no audio
    expect(cust!.heardPackets).toBe(0);
    expect(cust!.pageIn).toBe(0); // nor does the agent hear the customer
    expect(coll!.heardEnergy).toBeGreaterThan(SPEECH);
    expect(coll!.pageIn).toBeGreaterThan(30);
    expect(coll!.pageEnergy).toBeGreaterThan(0);
    await screenshot(page, '31-audio-consulting');
  });

  it('swap (Alt+W) to the customer holds the colleague’s leg; swapping back resumes it', async () => {
    const consult = consultLeg!;
    await page.keyboard.press('Alt+w');
    await vi.waitFor(async () => expect(await talkingTo()).toMatch(/当前通话方：客户$/));
    await page.waitForTimeout(300);
    const [cust, coll] = await over(1500, call2, consult);
    swapped = { customer: cust!, colleague: coll! };
    await page.keyboard.press('Alt+w');
    await vi.waitFor(async () => expect(await talkingTo()).toMatch(/当前通话方：转接目标$/));
    const back = await talking(consult);
    console.log(
      `e2e audio: swapped to the customer, over 1.5 s: the colleague heard ${coll!.heardPackets} ` +
        `packets, energy ${e(coll!.heardEnergy)}; the customer heard ${cust!.heardPackets} packets ` +
        `(console→gateway ${cust!.consoleSent}, page received ${cust!.pageIn}); swapped back, per ` +
        `second: the colleague heard energy ${e(back.heardEnergy)}`,
    );
    // The colleague is now the one on hold: nothing from the agent reaches them …
    expect(coll!.heardEnergy).toBeLessThan(SILENCE);
    // … and swapped back, they hear the agent again.
    expect(back.heardEnergy).toBeGreaterThan(SPEECH);
  });

  // Swap re-INVITEs both legs (resume the customer, hold the colleague, and back): before, it only
  // muted the consult leg and the customer stayed SIP-held, so the two never heard each other.
  it('swapped to the customer, the customer and the agent hear each other', () => {
    expect(swapped, 'the swap test above must have run').toBeDefined();
    expect(swapped.customer.heardEnergy).toBeGreaterThan(SPEECH);
    expect(swapped.customer.pageIn).toBeGreaterThan(30);
  });

  it('cancel (Alt+X) ends the colleague’s leg, the customer stays held; resume brings audio back', async () => {
    const consult = consultLeg!;
    const hungUp = lines(colleagueLine).filter((l) => l === 'HUNG UP').length;
    await page.keyboard.press('Alt+x');
    await vi.waitFor(() =>
      expect(lines(colleagueLine).filter((l) => l === 'HUNG UP')).toHaveLength(hungUp + 1),
    );
    await vi.waitFor(async () => expect((await pageMedia(consult.pc)).connection).toBe('closed'));
    expect(await callState()).toBe('保持中');
    const [still] = await over(1000, call2);
    expect(still!.heardPackets).toBe(0);
    expect(still!.pageOut).toBe(0);
    await page.keyboard.press('Alt+o');
    await vi.waitFor(async () => expect(await callState()).toBe('通话中'));
    const resumed = await talking(call2);
    console.log(
      `e2e audio: consult cancelled: over 1 s still held the customer heard ${still!.heardPackets} ` +
        `packets; after resume, per second, the customer heard ${resumed.heardPackets} ` +
        `(energy ${e(resumed.heardEnergy)}), page received ${resumed.pageIn}`,
    );
  });

  it('complete (Alt+C): REFER with Replaces; the agent leaves both legs, customer and colleague talk', async () => {
    const consult = await consultColleague();
    await talking(consult);
    const consoleTag = (await gateway(consult)).console.tag;
    const colleagueTag = (await gateway(consult)).far.tag;
    await page.keyboard.press('Alt+c');
    const referTo = await waitLogged(caller2, 'REFER');
    const replaces = decodeURIComponent(/\?Replaces=([^>]+)>/.exec(referTo)?.[1] ?? '');
    expect(replaces).toBe(`${consult.callId};to-tag=${colleagueTag};from-tag=${consoleTag}`);
    // NOTIFY 200: the call ends as transferred; the desk hangs up both of its legs.
    const customerSide = await caller2.done;
    expect(customerSide.code, caller2.trace()).toBe(0);
    expect(customerSide.log).toContain('AGENT HUNG UP');
    await vi.waitFor(() =>
      expect(lines(colleagueLine).filter((l) => l === 'HUNG UP')).toHaveLength(2),
    );
    await vi.waitFor(async () => expect(await status()).toBe('话后整理'));
    for (const pc of [call2.pc, consult.pc])
      expect((await pageMedia(pc)).connection).toBe('closed');

    // The customer's phone does what the REFER asked: calls the colleague, replacing the consult
    // dialog (SIPp does not act on Replaces; the desk already hung that dialog up).
    const from = lines(colleagueLine).length;
    const transferee = await customerCalls({
      to: colleagueNumber,
      hangupMs: 5000, // then the customer hangs up
      extraHeader: `Replaces: ${replaces}`,
    });
    const callId = await waitLogged(transferee, 'CALL-ID');
    await talkTo(customer, transferee);
    await talkTo(colleague, colleagueLine, from);
    const flows = async () => {
      const f = await gw.rtp.flows(callId);
      return {
        customer: f.find((x) => /SIPpTag00\d+$/.test(x.tag))?.packets ?? 0,
        colleague: f.find((x) => /SIPpTag01\d+$/.test(x.tag))?.packets ?? 0,
      };
    };
    const joined = await vi.waitFor(
      async () => {
        const [g0, c0, k0] = [await flows(), customer.heard(), colleague.heard()];
        await page.waitForTimeout(1000);
        const [g1, c1, k1] = [await flows(), customer.heard(), colleague.heard()];
        const d = {
          customerSent: g1.customer - g0.customer,
          colleagueSent: g1.colleague - g0.colleague,
          customerHeard: c1.energy - c0.energy,
          colleagueHeard: k1.energy - k0.energy,
        };
        expect(d.customerSent).toBeGreaterThan(20);
        expect(d.colleagueSent).toBeGreaterThan(20);
        expect(d.customerHeard).toBeGreaterThan(SPEECH);
        expect(d.colleagueHeard).toBeGreaterThan(SPEECH);
        return d;
      },
      { timeout: 10_000, interval: 200 },
    );
    console.log(
      `e2e audio: transferred: the customer's call to the colleague, per second: customer→gateway ` +
        `${joined.customerSent}, colleague→gateway ${joined.colleagueSent}; heard energy: ` +
        `customer ${e(joined.customerHeard)}, colleague ${e(joined.colleagueHeard)}`,
    );
    const t = await transferee.done;
    expect(t.code, transferee.trace()).toBe(0);
    expect(t.log).toContain('CUSTOMER HANGS UP');
    const c = await colleagueLine.done;
    expect(c.code, colleagueLine.trace()).toBe(0);
  });
});
