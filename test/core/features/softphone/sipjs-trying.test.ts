/**
 * The 100 Trying patch (scripts/sipjs-patches.mjs) as the tests and the build run it: sip.js here
 * is the patched module (vitest.config.ts inlines it through the same patch). A real sip.js
 * UserAgent with an in-memory transport: the INVITE goes in as text, the responses come out as
 * text.
 */
import { parse } from 'sip.js/lib/grammar/pegjs/dist/grammar.js';
import { UserAgent } from 'sip.js';
import type { Invitation, Transport } from 'sip.js';
import { describe, expect, it } from 'vitest';

class MemoryTransport {
  sent: string[] = [];
  onConnect?: () => void;
  onDisconnect?: (e?: Error) => void;
  onMessage?: (m: string) => void;
  state = 'Connected';
  stateChange = { addListener() {}, removeListener() {} };
  protocol = 'WS';
  connect() {
    return Promise.resolve();
  }
  disconnect() {
    return Promise.resolve();
  }
  dispose() {
    return Promise.resolve();
  }
  isConnected() {
    return true;
  }
  send(m: string) {
    this.sent.push(m);
    return Promise.resolve();
  }
}

function invite(n: number): string {
  return [
    `INVITE sip:1001@desk.invalid;transport=ws SIP/2.0`,
    `Via: SIP/2.0/WS 127.0.0.1:41993;branch=z9hG4bK-trying-${n}`,
    `From: "Customer" <sip:13800138000@127.0.0.1>;tag=t${n}`,
    'To: <sip:1001@127.0.0.1>',
    `Call-ID: trying-${n}@127.0.0.1`,
    'CSeq: 1 INVITE',
    'Contact: <sip:13800138000@127.0.0.1:5060>',
    'Max-Forwards: 69',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');
}

async function deliver(onInvite: (i: Invitation) => void): Promise<string[]> {
  let transport: MemoryTransport | undefined;
  const ua = new UserAgent({
    uri: UserAgent.makeURI('sip:1001@127.0.0.1'),
    logLevel: 'error',
    sendInitialProvisionalResponse: false,
    transportConstructor: class extends MemoryTransport {
      constructor() {
        super();
        // eslint-disable-next-line @typescript-eslint/no-this-alias
        transport = this;
      }
    } as unknown as new () => Transport,
    delegate: { onInvite },
  });
  await ua.start();
  transport!.onMessage!(invite(Math.floor(Math.random() * 1e9)));
  await new Promise((r) => setTimeout(r, 20));
  const sent = transport!.sent
    .map((m) => m.split('\r\n')[0]!)
    .filter((l) => l.startsWith('SIP/2.0'));
  await ua.stop();
  return sent;
}

describe('sip.js build patches: 100 Trying', () => {
  it('runs the patched sip.js in the tests (the compiled grammar is loaded)', () => {
    expect(parse.name).toBe('peg$parseOnce');
  });

  it('sends no 100 when the application answers the INVITE at once with 180', async () => {
    const sent = await deliver((i) => void i.progress());
    expect(sent).toEqual(['SIP/2.0 180 Ringing']);
  });

  it('sends no 100 when the application refuses the INVITE at once', async () => {
    const sent = await deliver((i) => void i.reject({ statusCode: 486 }));
    expect(sent).toEqual(['SIP/2.0 486 Busy Here']);
  });

  it('still sends 100 Trying when the application does not answer synchronously', async () => {
    const sent = await deliver((i) => {
      setTimeout(() => void i.progress(), 5);
    });
    expect(sent).toEqual(['SIP/2.0 100 Trying', 'SIP/2.0 180 Ringing']);
  });
});
