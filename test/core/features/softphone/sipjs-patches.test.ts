import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { NameAddrHeader, URI } from 'sip.js';
import {
  compileGrammar,
  deferTrying,
  fastHeaders,
  sipjsPatches,
} from '../../../../scripts/sipjs-patches.mjs';
import { createFastParse } from '../../../../electron/core/features/softphone/fast-grammar';

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
    entryPoints: [resolve('test/core/features/softphone/fixtures/sip-parse-entry.ts')],
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
    grammarParse(cases: [string, string][]): string[];
    exact(value: unknown): string;
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

const fastRules = [
  'Request_Response',
  'Via',
  'From',
  'To',
  'Record_Route',
  'Contact',
  'CSeq',
  'Call_ID',
  'Content_Length',
  'Max_Forwards',
  'Content_Type',
  'WWW_Authenticate',
];

/**
 * Header values as PBXs and phones write them, with the near misses around every edge of the
 * fast path's subset (prefixes of special parameters, odd hosts and ports, spacing), each also
 * mangled a few times.
 */
function headerCorpus(): [string, string][] {
  const hosts = ['127.0.0.1', 'abc.invalid', 'p1.Example.COM', '10.0.0.255', '256.1.1.1', '1.2.3'];
  const moreHosts = [
    'a-b.c',
    '-a.b',
    'a_b.c',
    'example.com.',
    '1abc.com',
    'x.1y',
    '01.2.3.4',
    '[::1]',
  ];
  const ports = ['', ':5060', ':0', ':65535', ':65536', ':08', ':'];
  const users = ['', '1001@', '+8613800138000@', 'a.b@', 'a%20b@', 'a:b@', '@', "o'k(1)@"];
  const uriParams = [
    '',
    ';transport=ws',
    ';transport=TCP',
    ';transport=tcpx',
    ';transport=udp;lr',
    ';r2=on;lr;ftag=aB1',
    ';lr=on',
    ';lrx',
    ';ob',
    ';user=phone',
    ';user=phonex',
    ';method=INVITE',
    ';ttl=1',
    ';maddr=x',
    ';x=',
    ';=y',
    ';__proto__=1',
    ';hasOwnProperty=1',
    ';Transport=ws',
    ';a=1;a=2',
    '?subject=x',
  ];
  const uris: string[] = [];
  hosts.forEach((h, i) =>
    ports.forEach((p, j) => uris.push(`sip:${users[(i + j) % users.length]}${h}${p}`)),
  );
  moreHosts.forEach((h, i) => uris.push(`sip:${users[i % users.length]}${h}`));
  users.forEach((u) => uris.push(`sips:${u}127.0.0.1:5061`, `SIP:${u}abc.invalid`, `tel:${u}1`));
  uriParams.forEach((p, i) => uris.push(`sip:1001@127.0.0.1:${5060 + i}${p}`));
  const displays = ['', '"客户 Customer" ', '"A"  ', '"" ', '" A " ', 'Bob ', '"a\\"b" ', '"x"'];
  const headerParams = [
    '',
    ';tag=13265SIPpTag001',
    ';tag=a;x=Y',
    ';x=1;tag=b',
    ';tagx=1',
    ';TAG=1',
    ';expires=600',
    ';expires=0600',
    ';q=0.5',
    ';+sip.instance="<urn:uuid:1>"',
    ';+sip.ice;reg-id=1',
    ';x',
    ' ;tag=1',
    ';tag=',
    ';a="b;c"',
    ';a="b,c"',
  ];
  const nameAddrs: string[] = [];
  uris.forEach((u, i) => {
    nameAddrs.push(
      `${displays[i % displays.length]}<${u}>${headerParams[i % headerParams.length]}`,
    );
  });
  displays.forEach((d) => nameAddrs.push(`${d}<sip:1001@127.0.0.1>`));
  headerParams.forEach((p) => nameAddrs.push(`<sip:1001@127.0.0.1>${p}`, `sip:1001@h${p}`));
  const cases: [string, string][] = [];
  for (const n of nameAddrs) {
    cases.push(['From', n], ['To', n], ['Contact', n], ['Record_Route', n]);
  }
  for (let i = 0; i + 1 < nameAddrs.length; i += 3) {
    for (const sep of [', ', ',', ' , ', ',  ', ' ,']) {
      cases.push(['Record_Route', `${nameAddrs[i]}${sep}${nameAddrs[i + 1]}`]);
      cases.push(['Contact', `${nameAddrs[i + 1]}${sep}${nameAddrs[i]}`]);
    }
  }
  cases.push(['Record_Route', '<sip:a@b>,'], ['Contact', '*'], ['Contact', '<sip:a@b>, *']);
  for (const m of ['INVITE', 'ACK', 'BYE', 'INFO', 'PRACK', 'INVITEX', 'invite', 'FOO']) {
    for (const u of uris.slice(0, 40)) cases.push(['Request_Response', `${m} ${u} SIP/2.0`]);
    cases.push(['CSeq', `1 ${m}`], ['CSeq', `4711  ${m}`], ['CSeq', `007 ${m}`]);
  }
  for (const s of [
    'SIP/2.0 180 Ringing',
    'SIP/2.0 200 OK',
    'SIP/2.0 401 Unauthorized',
    'SIP/2.0 200 ',
    'SIP/2.0 200',
    'SIP/2.0 099 Low',
    'SIP/2.0 486 Busy Here',
    'SIP/2.0 500 Server Internal Error (x)',
    'SIP/2.0 183 Session Progress',
    'SIP/2.0 200 好',
    'SIP/3.0 200 OK',
    'sip/2.0 200 OK',
    'INVITE sip:a@b SIP/2.0 ',
    'INVITE  sip:a@b SIP/2.0',
  ]) {
    cases.push(['Request_Response', s]);
  }
  const viaHosts = ['127.0.0.1:41993', 'x.invalid', 'abc.invalid:5060', '[::1]:5060', '1.2.3:5'];
  const viaParams = [
    ';branch=z9hG4bK98f8.bb7a0debd0fc11a85819d918671bf7da.0',
    ';received=127.0.0.1;rport=5060;branch=z9hG4bK-1-0',
    ';rport;branch=a',
    ';branch=a;foo;bar=Baz',
    ';rport=',
    ';received=x.invalid',
    ';branchx=1',
    ';ttl=16',
    ';maddr=224.2.0.1',
    ';alias',
    '',
  ];
  for (const t of ['WS', 'WSS', 'UDP', 'TCP', 'TLS', 'SCTP', 'ws', 'UDPX']) {
    viaHosts.forEach((h, i) => {
      for (const p of viaParams) cases.push(['Via', `SIP/2.0/${t} ${h}${p}`]);
      cases.push(['Via', `SIP/2.0/${t}  ${h}`], ['Via', `SIP / 2.0 / ${t} ${h}`]);
      cases.push(['Via', `SIP/2.0/${t} ${h}${viaParams[i]}, SIP/2.0/UDP 1.2.3.4`]);
    });
  }
  for (const c of ['1-13265@127.0.0.1', 'abc', 'a@b@c', 'a b', '', '3c26700cc5ad-xyz@h']) {
    cases.push(['Call_ID', c]);
  }
  for (const n of ['0', '437', '007', '1234567890', '', '1 ', '-1', '69']) {
    cases.push(['Content_Length', n], ['Max_Forwards', n]);
  }
  for (const t of [
    'application/sdp',
    'Application/SDP',
    'multipart/mixed;boundary=x',
    'text/plain',
    'x-foo/bar',
    'application/',
    'message/sipfrag;version=2.0',
    'application/dtmf-relay',
  ]) {
    cases.push(['Content_Type', t]);
  }
  for (const w of [
    'Digest realm="127.0.0.1", nonce="Z1x2", qop="auth"',
    'Digest realm="127.0.0.1", nonce="Z1x2", qop="auth", algorithm=MD5, stale=false',
    'Digest realm="r",nonce="n",opaque="o",qop="auth,auth-int"',
    'Digest realm="r" , nonce="n"',
    'Digest realm="a, b", nonce="n"',
    'Digest realm="r", realm="s"',
    'Digest realm="r", nonce="n", stale=TRUE',
    'Digest realm="r", nonce="n", qop="authx"',
    'Digest realm="r", domain="sip:x"',
    'Digest realm=r',
    'Basic realm="r"',
    'digest realm="r"',
  ]) {
    cases.push(['WWW_Authenticate', w], ['Proxy_Authenticate', w]);
  }
  const mangled: [string, string][] = [];
  cases.forEach(([rule, input], i) => {
    for (const m of mutations(input, 3, i + 7)) mangled.push([rule, m]);
  });
  return [...cases, ...mangled];
}

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

  it('parses the headers of calls and registrations by hand exactly as the grammar does, and leaves everything else to it', async () => {
    const cases = headerCorpus();
    const dir = mkdtempSync(join(tmpdir(), 'sipjs-grammar-'));
    try {
      const plain = await bundle(dir, 'plain', false);
      const patched = await bundle(dir, 'patched', true);
      const a = plain.grammarParse(cases);
      const b = patched.grammarParse(cases);
      const differing = cases
        .map((c, i) => ({ rule: c[0], input: c[1], sipjs: a[i], ours: b[i] }))
        .filter((d) => d.sipjs !== d.ours);
      expect(differing).toEqual([]);
      // The corpus really goes through the fast path, with both outcomes on either side.
      const fast = createFastParse({ URI, NameAddrHeader } as never);
      const handled = cases.filter(([rule, input]) => fast(input, rule) !== undefined);
      const failed = a.filter((o) => o === '-1').length;
      expect(handled.length).toBeGreaterThan(cases.length / 20);
      expect(failed).toBeGreaterThan(cases.length / 10);
      for (const rule of fastRules) {
        expect(handled.filter(([r]) => r === rule).length, rule).toBeGreaterThan(0);
      }
      // Everything the fast path accepts, the grammar accepts too (it never turns an error into
      // a value): checked above by equality, as errors are '-1' on both sides.
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the build loudly when sip.js’s generated code changes shape', () => {
    expect(() => fastHeaders('export var Grammar;')).toThrow(/layout changed/);
    expect(() => compileGrammar('function peg$parse() {}')).toThrow(/layout changed/);
    expect(() => deferTrying('incomingInviteRequest.trying();')).toThrow(/layout changed/);
  });
});
