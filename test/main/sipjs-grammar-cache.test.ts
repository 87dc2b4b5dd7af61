import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { cacheGrammarBytecode, sipjsGrammarCache } from '../../scripts/sipjs-grammar-cache.mjs';

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
    plugins: cached ? [sipjsGrammarCache] : [],
  });
  return createRequire(import.meta.url)(outfile) as {
    parseAll(m: string[], rounds: number): { json: string; msPerMessage: number };
  };
}

describe('sip.js grammar bytecode cache (build plugin)', () => {
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

  it('fails the build loudly when sip.js’s generated code changes shape', () => {
    expect(() => cacheGrammarBytecode('function peg$parse() {}')).toThrow(/layout changed/);
  });
});
