import { afterEach, describe, expect, it } from 'vitest';
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
  const until = async (
    p: SoftphoneRegistration,
    state: RegistrationHealth['state'],
    ms = 15_000,
  ) => {
    const deadline = Date.now() + ms;
    while (p.current().state !== state) {
      if (Date.now() > deadline)
        throw new Error(`still ${JSON.stringify(p.current())}, wanted ${state}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  it('registers and reports the round-trip time', async () => {
    running.pbx = await startKamailio();
    const { p, seen } = phone();
    await p.start(account(running.pbx));
    await until(p, 'registered');
    expect(p.current()).toMatchObject({ state: 'registered', lastError: null, attempts: 0 });
    expect(p.current().rttMs).toBeGreaterThanOrEqual(0);
    expect(seen[0]?.state).toBe('connecting');
  });

  it('shows a wrong password as failed, with the reason', async () => {
    running.pbx = await startKamailio();
    const { p } = phone();
    await p.start(account(running.pbx, 'wrong'));
    await until(p, 'failed');
    expect(p.current().lastError).toMatch(/REGISTER rejected: 401/);
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
    const { p } = phone();
    await p.start(account({ wsPort: ports.ws, password: 'desk-secret' }));
    await new Promise((r) => setTimeout(r, 1200));
    expect(p.current().state).toBe('connecting');
    expect(p.current().attempts).toBeGreaterThanOrEqual(2);
    running.pbx = await startKamailio({ ports });
    await until(p, 'registered');
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
    const states = seen.map((h) => h.state);
    expect(states.slice(states.indexOf('registered'))).toEqual(
      expect.arrayContaining(['registered', 'connecting', 'registered']),
    );
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
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.length).toBeGreaterThan(before);
    expect(p.current().state).toBe('registered');
  });
});
