import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningKamailio } from '../../../../sip-testbed/kamailio';
import { startKamailio } from '../../../../sip-testbed/kamailio';

/**
 * The softphone's test bed, proven before the softphone exists: Debian's Kamailio with the
 * project's config accepts a sip.js registration over WebSocket with digest auth and refuses a
 * wrong password. sip.js runs under plain Node with the `ws` package as its WebSocket (docs/DESIGN.md §2:
 * Node's own never fires `close` on a refused connection).
 */
describe('SIP test bed: Kamailio registrar over WebSocket', () => {
  let pbx: RunningKamailio;
  beforeAll(async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket = WebSocket;
    pbx = await startKamailio();
  });
  afterAll(async () => {
    await pbx?.stop();
  });

  async function register(password: string): Promise<{ status: number | null; states: string[] }> {
    const { UserAgent, Registerer } = await import('sip.js');
    const ua = new UserAgent({
      uri: UserAgent.makeURI('sip:1001@127.0.0.1'),
      transportOptions: { server: pbx.wsUrl },
      authorizationUsername: '1001',
      authorizationPassword: password,
      logLevel: 'error',
    });
    await ua.start();
    const registerer = new Registerer(ua, { expires: 60 });
    const states: string[] = [];
    registerer.stateChange.addListener((s) => states.push(s));
    const status = await new Promise<number | null>((resolve) => {
      void registerer.register({
        requestDelegate: {
          onAccept: (r) => resolve(r.message.statusCode ?? null),
          onReject: (r) => resolve(r.message.statusCode ?? null),
        },
      });
    });
    await ua.stop();
    return { status, states };
  }

  it('registers with the right password (digest challenge answered)', async () => {
    const r = await register(pbx.password);
    expect(r.status).toBe(200);
    expect(r.states[0]).toBe('Registered');
  });

  it('refuses a wrong password', async () => {
    const r = await register('not-the-password');
    expect(r.status).toBe(401);
    expect(r.states).not.toContain('Registered');
  });

  it('listens on loopback only and stops by PID', () => {
    expect(pbx.log()).toContain(`127.0.0.1 [127.0.0.1]:${pbx.wsPort}`);
    expect(pbx.log()).not.toMatch(/udp: (?!127\.0\.0\.1)/);
    expect(pbx.pid).toBeGreaterThan(0);
  });
});
