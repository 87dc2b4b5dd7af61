import { afterEach, describe, expect, it, vi } from 'vitest';
import type {
  RegistrationHealth,
  SipAccount,
} from '../../../../../electron/core/features/softphone/registration';
import { SoftphoneRegistration } from '../../../../../electron/core/features/softphone/registration';
import { MemoryLogger, systemClock } from '../../../../../electron/core/platform/ports';
import type { RunningKamailio } from '../../../../sip-testbed/kamailio';
import { freeTcpPort, freeUdpPort, startKamailio } from '../../../../sip-testbed/kamailio';

/** Real Kamailio, real sip.js: registration, the health chip, and recovery after a PBX restart. */
describe('softphone registration against Kamailio', () => {
  const running: { pbx?: RunningKamailio; phone?: SoftphoneRegistration } = {};
  afterEach(async () => {
    await running.phone?.dispose();
    await running.pbx?.stop();
    running.phone = undefined;
    running.pbx = undefined;
  });

  function phone() {
    const seen: RegistrationHealth[] = [];
    const p = new SoftphoneRegistration({
      clock: systemClock,
      logger: new MemoryLogger(),
      onHealth: (h) => seen.push(h),
      backoff: { initialMs: 200, maxMs: 1000 },
      expiresSeconds: 60,
    });
    running.phone = p;
    return { p, seen };
  }
  const account = (
    pbx: { wsPort: number; password: string },
    password = pbx.password,
  ): SipAccount => ({
    server: `ws://127.0.0.1:${pbx.wsPort}`,
    aor: 'sip:1001@127.0.0.1',
    authUser: '1001',
    password,
  });
  const until = (p: SoftphoneRegistration, state: RegistrationHealth['state'], timeout = 15_000) =>
    vi.waitFor(() => expect(p.current().state, JSON.stringify(p.current())).toBe(state), {
      timeout,
      interval: 50,
    });
  /** The states in the order they were announced, a repeated announcement counted once. */
  const transitions = (seen: RegistrationHealth[]) =>
    seen.map((h) => h.state).filter((s, i, all) => i === 0 || s !== all[i - 1]);

  it('registers and reports the round-trip time', async () => {
    running.pbx = await startKamailio();
    const { p, seen } = phone();
    await p.start(account(running.pbx));
    await until(p, 'registered');
    expect(p.current()).toMatchObject({ state: 'registered', lastError: null, attempts: 0 });
    expect(p.current().rttMs).toBeGreaterThanOrEqual(0);
    expect(seen.map((h) => h.state)).toEqual(['connecting', 'registered']);
  });

  it('shows a wrong password as failed, with the reason', async () => {
    running.pbx = await startKamailio();
    const { p, seen } = phone();
    await p.start(account(running.pbx, 'wrong'));
    await until(p, 'failed');
    expect(p.current().lastError).toMatch(/REGISTER rejected: 401/);
    expect(seen.map((h) => h.state)).toEqual(['connecting', 'failed']);
  });

  it('refuses an invalid account and changes nothing', async () => {
    const { p, seen } = phone();
    await expect(
      p.start({ server: 'http://pbx', aor: 'not a uri', authUser: 'a b', password: '' }),
    ).rejects.toThrow(
      /server must be a ws:\/\/ or wss:\/\/ URL; aor must be a SIP URI like sip:1001@pbx; authUser must be .*; password must be 1–128 characters/,
    );
    expect(p.current().state).toBe('unconfigured');
    expect(seen).toEqual([]);
  });

  it('keeps trying while the PBX is down, and registers once it is up', async () => {
    const ports = { udp: await freeUdpPort(), ws: await freeTcpPort() };
    const { p, seen } = phone();
    await p.start(account({ wsPort: ports.ws, password: 'desk-secret' }));
    // Backoff 200, 400, 800 ms: a third attempt is under way within about a second.
    await vi.waitFor(() => expect(p.current().attempts).toBeGreaterThanOrEqual(3), {
      timeout: 5000,
      interval: 50,
    });
    expect(p.current().state).toBe('connecting');
    running.pbx = await startKamailio({ ports });
    await until(p, 'registered');
    // One 'connecting' per failed attempt (how many depends on how fast Kamailio starts), then
    // registered, with the attempt counter reset.
    expect(transitions(seen)).toEqual(['connecting', 'registered']);
    expect(seen.at(-1)).toMatchObject({ state: 'registered', lastError: null, attempts: 0 });
  });

  it('re-registers with backoff after the PBX restarts', async () => {
    running.pbx = await startKamailio();
    const ports = { udp: running.pbx.udpPort, ws: running.pbx.wsPort };
    const { p, seen } = phone();
    await p.start(account(running.pbx));
    await until(p, 'registered');
    await running.pbx.stop();
    await until(p, 'connecting');
    running.pbx = await startKamailio({ ports });
    await until(p, 'registered');
    // In this order and nothing else (no 'failed' on the way): registering, registered, the drop
    // (repeated while reconnect attempts fail), registered again.
    expect(transitions(seen)).toEqual(['connecting', 'registered', 'connecting', 'registered']);
    const dropped = seen.findIndex((h, i) => i > 0 && h.state === 'connecting');
    expect(seen[dropped]?.lastError).toMatch(/WebSocket closed|transport closed|registration lost/);
    expect(seen.at(-1)).toMatchObject({ state: 'registered', lastError: null, attempts: 0 });
  });

  it('after a resume it reconnects at once instead of waiting out the backoff', async () => {
    running.pbx = await startKamailio();
    const seen: RegistrationHealth[] = [];
    const p = new SoftphoneRegistration({
      clock: systemClock,
      logger: new MemoryLogger(),
      onHealth: (h) => seen.push(h),
      backoff: { initialMs: 60_000, maxMs: 60_000 }, // a long wait, as after many failures
      expiresSeconds: 60,
    });
    running.phone = p;
    await p.start(account(running.pbx));
    await until(p, 'registered');
    const ports = { udp: running.pbx.udpPort, ws: running.pbx.wsPort };
    await running.pbx.stop();
    await until(p, 'connecting');
    running.pbx = await startKamailio({ ports });
    p.reconnectNow('system resumed');
    await until(p, 'registered', 5000);
    // On a live connection it refreshes the registration (the binding may be gone after sleep).
    const before = seen.length;
    p.reconnectNow('screen unlocked');
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(before), {
      timeout: 5000,
      interval: 50,
    });
    // Every announcement, in order: the drop once (the 60 s backoff never fired; reconnectNow did
    // not wait for it), registered again, then the refresh on the live connection re-announces
    // 'registered' without a drop in between.
    expect(seen.map((h) => h.state)).toEqual([
      'connecting',
      'registered',
      'connecting',
      'registered',
      'registered',
    ]);
    expect(p.current().state).toBe('registered');
  });
});
