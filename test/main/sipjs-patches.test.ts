import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { compileGrammar, deferTrying, sipjsPatches } from '../../scripts/sipjs-patches.mjs';

const messages = [
  [
    'INVITE sip:1001@abc.invalid;transport=ws SIP/2.0',
    'Record-Route: <sip:127.0.0.1:41993;transport=ws;r2=on;lr;ftag=1>',
    'Record-Route: <sip:127.0.0.1:59891;r2=on;lr;ftag=1>',
    'Via: SIP/2.0/WS 127.0.0.1:41993;branch=z9hG4bK1',
    'Via: SIP/2.0/UDP 127.0.0.1:44393;received=127.0.0.1;branch=z9hG4bK-13265-1-0',
    'From: "客户 Customer" <sip:13800138000@127.0.0.1:44393>;tag=13265SIPpTag001',
    'To: <sip:1001@127.0.0.1:54309>',
    'Call-ID: 1-13265@127.0.0.1',
    'CSeq: 1 INVITE',
    'Contact: <sip:13800138000@127.0.0.1:44393>',
    'Max-Forwards: 69',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n'),
  [
    'SIP/2.0 401 Unauthorized',
    'Via: SIP/2.0/WS x.invalid;received=127.0.0.1;rport=5;branch=z9hG4bK2',
    'From: <sip:1001@127.0.0.1>;tag=a',
    'To: <sip:1001@127.0.0.1>;tag=b',
    'Call-ID: reg-1',
    'CSeq: 1 REGISTER',
    'WWW-Authenticate: Digest realm="127.0.0.1", nonce="abc", qop="auth"',
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n'),
  'this is not SIP\r\n\r\n',
];

async function bundle(dir: string, name: string, cached: boolean) {
  const outfile = join(dir, `${name}.cjs`);
  await build({
    entryPoints: [resolve('test/main/fixtures/sip-parse-entry.ts')],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    logLevel: 'error',
    plugins: cached ? [sipjsPatches] : [],
  });
  return createRequire(import.meta.url)(outfile) as {
    parseAll(m: string[], rounds: number): { json: string; msPerMessage: number };
    parseRules(cases: [string, string][]): string[];
  };
}

/** Valid values for the start rules sip.js uses (parser.ts, user agents, transports). */
const seeds: [string, string][] = [
  ['Via', 'SIP/2.0/WS 127.0.0.1:41993;branch=z9hG4bK98f8.bb7a0debd0fc11a85819d918671bf7da.0'],
  ['Via', 'SIP/2.0/UDP 127.0.0.1:44393;received=127.0.0.1;rport=5060;branch=z9hG4bK-1-0'],
  ['Via', 'SIP/2.0/WSS [2001:db8::1]:443;branch=z9hG4bKx;maddr=224.2.0.1;ttl=16'],
  ['From', '"客户 Customer" <sip:13800138000@127.0.0.1:44393>;tag=13265SIPpTag001'],
  ['From', 'sip:alice@example.com;tag=1928301774'],
  ['To', '<sip:1001@127.0.0.1:54309;transport=ws>;tag=abc'],
  ['Contact', '<sip:t4qh@es88.invalid;transport=ws;ob>;expires=600;+sip.instance="<urn:uuid:1>"'],
  ['Contact', '"A" <sip:a@h>;q=0.7, <sips:b@h:5061>;expires=30'],
  ['Record_Route', '<sip:127.0.0.1:41993;transport=ws;r2=on;lr;ftag=1>'],
  ['Record_Route', '<sip:p1.example.com;lr>, <sip:p2.example.com;lr>'],
  ['Request_Response', 'INVITE sip:1001@abc.invalid;transport=ws SIP/2.0'],
  ['Request_Response', 'SIP/2.0 180 Ringing'],
  ['Request_Response', 'SIP/2.0 401 Unauthorized'],
  ['Request_Response', 'REFER sip:+8613800138000@[::1]:5060;user=phone SIP/2.0'],
  ['Call_ID', '1-13265@127.0.0.1'],
  ['CSeq', '1 INVITE'],
  ['CSeq', '4711 REGISTER'],
  ['Content_Length', '437'],
  ['Content_Type', 'application/sdp'],
  ['Content_Type', 'multipart/mixed;boundary="a b"'],
  ['Max_Forwards', '69'],
  [
    'WWW_Authenticate',
    'Digest realm="127.0.0.1", nonce="Z1x2", qop="auth", algorithm=MD5, stale=FALSE',
  ],
  ['Proxy_Authenticate', 'Digest realm="r", nonce="n", opaque="o", qop="auth,auth-int"'],
  ['Refer_To', '<sip:2002@127.0.0.1?Replaces=1-2%40h%3Bto-tag%3Da%3Bfrom-tag%3Db>'],
  ['Replaces', '1-2@h;to-tag=a;from-tag=b;early-only'],
  ['Event', 'refer;id=93809824'],
  ['Subscription_State', 'terminated;reason=noresource'],
  ['Session_Expires', '1800;refresher=uac'],
  ['Min_SE', '90'],
  ['Supported', 'outbound, path, gruu'],
  ['Require', 'replaces'],
  ['sipfrag', 'SIP/2.0 200 OK'],
  ['sipfrag', 'SIP/2.0 503 Service Unavailable'],
  ['SIP_URI', 'sips:alice:secret@host.example.com:5061;transport=tcp;lr?subject=x&to=y'],
  ['Name_Addr_Header', '"Bob \\"B\\"" <sip:bob@[2001:db8::2]>;tag=x'],
  ['absoluteURI', 'http://example.com/a/b?c=d'],
  ['host', 'Example.COM'],
  ['quoted_string', '"a \\" b"'],
  ['displayName', 'Customer Service'],
  ['Referred_By', 'Referred-By: <sip:1001@127.0.0.1>'],
  ['uuid', 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6'],
  ['stun_URI', 'stun:stun.example.com:3478'],
  ['turn_URI', 'turns:turn.example.com?transport=tcp'],
  ['challenge', 'Digest realm="x", nonce="y"'],
  ['Content_Disposition', 'session;handling=required'],
];

/** Deterministic mutations: drop, insert, replace and duplicate characters, truncate. */
function mutations(input: string, n: number, seed: number): string[] {
  let x = seed >>> 0 || 1;
  const rand = (m: number) => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) % m;
  };
  const alphabet = ' \t\r\n;:,<>"@[]=?&%\\/.-_+*09azAZ客';
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const at = rand(input.length + 1);
    const ch = alphabet[rand(alphabet.length)]!;
    switch (rand(5)) {
      case 0:
        out.push(input.slice(0, at) + input.slice(at + 1));
        break;
      case 1:
        out.push(input.slice(0, at) + ch + input.slice(at));
        break;
      case 2:
        out.push(input.slice(0, at) + ch + input.slice(at + 1));
        break;
      case 3:
        out.push(input.slice(0, at) + input.slice(at - 3, at) + input.slice(at));
        break;
      default:
        out.push(input.slice(0, at));
    }
  }
  return out;
}

describe('sip.js build patches: the grammar', () => {
  it('parses every message exactly as the unmodified sip.js does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipjs-grammar-'));
    try {
      const plain = await bundle(dir, 'plain', false);
      const cached = await bundle(dir, 'cached', true);
      const a = plain.parseAll(messages, 1);
      const b = cached.parseAll(messages, 1);
      expect(b.json).toBe(a.json);
      expect(JSON.parse(a.json)).toHaveLength(3);
      expect(JSON.parse(a.json)[2]).toBeNull(); // garbage stays garbage
      // Reused across parses (a second round gives the same answers).
      expect(cached.parseAll(messages, 3).json).toBe(a.json);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives the same results and the same errors as sip.js for every start rule, also on mangled input', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sipjs-grammar-'));
    try {
      const plain = await bundle(dir, 'plain', false);
      const compiled = await bundle(dir, 'compiled', true);
      const cases: [string, string][] = [];
      seeds.forEach(([rule, input], i) => {
        cases.push([rule, input]);
        for (const m of mutations(input, 150, i + 1)) cases.push([rule, m]);
      });
      const a = plain.parseRules(cases);
      const b = compiled.parseRules(cases);
      expect(b).toHaveLength(cases.length);
      const differing = cases.filter((_, i) => a[i] !== b[i]);
      expect(differing).toEqual([]);
      // The corpus exercises both outcomes: every seed parses, and many mutations fail.
      const seedOutcomes = seeds.map((_, i) => JSON.parse(a[i * 151]!) as { error?: string });
      expect(seeds.filter((_, i) => seedOutcomes[i]!.error !== undefined)).toEqual([]);
      const failures = a.filter((o) => (JSON.parse(o) as { error?: string }).error !== undefined);
      expect(failures.length).toBeGreaterThan(cases.length / 10);
      // Shared state is reset between parses: a failure does not leak into the next parse.
      expect(compiled.parseRules([...cases].reverse())).toEqual([...a].reverse());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the build loudly when sip.js’s generated code changes shape', () => {
    expect(() => compileGrammar('function peg$parse() {}')).toThrow(/layout changed/);
    expect(() => deferTrying('incomingInviteRequest.trying();')).toThrow(/layout changed/);
  });
});
