import { describe, expect, it } from 'vitest';
import {
  negotiateAsUas,
  sessionExpiresOf,
  termsFrom2xx,
  timerPolicy,
  uacHeaders,
} from '../../../../electron/core/features/softphone/calls/session-timer';
import { offersHold } from '../../../../electron/core/features/softphone/calls/remote-hold';

/** RFC 4028 negotiation and the customer's hold in SDP, as pure functions (ADR 0012). */
const msg = (headers: Record<string, string | string[]>) => {
  const rows = Object.entries(headers).map(([k, v]) => [k.toLowerCase(), [v].flat()] as const);
  const all = (name: string) => rows.find(([k]) => k === name.toLowerCase())?.[1] ?? [];
  return { getHeader: (n: string) => all(n)[0], getHeaders: all };
};
const policy = timerPolicy(undefined);

describe('session timers: reading the headers', () => {
  it('reads Session-Expires in its long and compact forms, with or without a refresher', () => {
    expect(sessionExpiresOf(msg({ 'Session-Expires': '90;refresher=uac' }))).toEqual({
      seconds: 90,
      refresher: 'uac',
    });
    expect(sessionExpiresOf(msg({ x: ' 1800 ; Refresher = UAS ' }))).toEqual({
      seconds: 1800,
      refresher: 'uas',
    });
    expect(sessionExpiresOf(msg({ 'Session-Expires': '600' }))).toEqual({
      seconds: 600,
      refresher: null,
    });
    for (const bad of ['', 'soon', '-90', '90s', '1e3'])
      expect(sessionExpiresOf(msg({ 'Session-Expires': bad })), bad).toBeNull();
  });
  it('keeps the policy within RFC 4028: Min-SE never below 90, the interval never below it', () => {
    expect(policy).toEqual({ sessionExpires: 1800, minSE: 90 });
    expect(timerPolicy({ minSessionExpiresSeconds: 300, sessionExpiresSeconds: 120 })).toEqual({
      minSE: 300,
      sessionExpires: 300,
    });
  });
});

describe('session timers: answering an INVITE (we are the UAS)', () => {
  it('takes the caller’s interval and refresher, and requires timer when the caller refreshes', () => {
    const r = negotiateAsUas(
      msg({ Supported: 'replaces, timer', 'Session-Expires': '90;refresher=uac', 'Min-SE': '90' }),
      policy,
      null,
    );
    expect(r).toEqual({
      kind: 'accept',
      terms: { interval: 90, refresher: 'remote' },
      headers: ['Session-Expires: 90;refresher=uac', 'Supported: timer', 'Require: timer'],
    });
  });
  it('refreshes itself when asked to, or when the caller does not know timers', () => {
    expect(
      negotiateAsUas(
        msg({ Supported: 'timer', 'Session-Expires': '120;refresher=uas' }),
        policy,
        null,
      ),
    ).toMatchObject({ kind: 'accept', terms: { interval: 120, refresher: 'local' } });
    // A proxy added Session-Expires for a UA without timers: we refresh, and require nothing.
    expect(negotiateAsUas(msg({ 'Session-Expires': '1800' }), policy, null)).toEqual({
      kind: 'accept',
      terms: { interval: 1800, refresher: 'local' },
      headers: ['Session-Expires: 1800;refresher=uas', 'Supported: timer'],
    });
  });
  it('lets a caller that supports timers refresh, when it names no refresher', () => {
    expect(
      negotiateAsUas(msg({ k: 'timer', 'Session-Expires': '600' }), policy, null),
    ).toMatchObject({ kind: 'accept', terms: { interval: 600, refresher: 'remote' } });
  });
  it('asks for our interval when the caller supports timers but asked for none (≥ its Min-SE)', () => {
    expect(negotiateAsUas(msg({ Supported: 'timer' }), policy, null)).toMatchObject({
      kind: 'accept',
      terms: { interval: 1800, refresher: 'remote' },
    });
    expect(
      negotiateAsUas(msg({ Supported: 'timer', 'Min-SE': '3600' }), policy, null),
    ).toMatchObject({ terms: { interval: 3600 } });
  });
  it('no timers without Session-Expires from a caller that does not support them', () => {
    expect(negotiateAsUas(msg({ Supported: 'replaces' }), policy, null)).toEqual({
      kind: 'accept',
      terms: null,
      headers: [],
    });
  });
  it('refuses too short an interval with 422 and our Min-SE — only to a UA that knows timers', () => {
    expect(
      negotiateAsUas(msg({ Supported: 'timer', 'Session-Expires': '30' }), policy, null),
    ).toEqual({ kind: 'reject', minSE: 90 });
    expect(
      negotiateAsUas(msg({ Require: 'timer', 'Session-Expires': '89' }), policy, null),
    ).toEqual({
      kind: 'reject',
      minSE: 90,
    });
    expect(negotiateAsUas(msg({ 'Session-Expires': '30' }), policy, null)).toMatchObject({
      kind: 'accept',
      terms: { interval: 30, refresher: 'local' },
    });
  });
  it('a re-INVITE that names no refresher keeps the one in force', () => {
    const current = { interval: 90, refresher: 'local' as const };
    expect(
      negotiateAsUas(msg({ Supported: 'timer', 'Session-Expires': '90' }), policy, current),
    ).toMatchObject({
      terms: { refresher: 'local' },
      headers: ['Session-Expires: 90;refresher=uas', 'Supported: timer', 'Require: timer'],
    });
  });
});

describe('session timers: our requests (we are the UAC)', () => {
  it('asks for timers in an INVITE, and repeats the terms in force in a re-INVITE', () => {
    expect(uacHeaders(policy, null)).toEqual([
      'Supported: timer',
      'Session-Expires: 1800',
      'Min-SE: 90',
    ]);
    expect(uacHeaders(policy, { interval: 90, refresher: 'local' })).toEqual([
      'Supported: timer',
      'Session-Expires: 90;refresher=uac',
      'Min-SE: 90',
    ]);
    expect(uacHeaders(policy, { interval: 600, refresher: 'remote' })[1]).toBe(
      'Session-Expires: 600;refresher=uas',
    );
  });
  it('reads the 2xx: its refresher, or no timer at all without Session-Expires (§7.2)', () => {
    expect(termsFrom2xx(msg({ 'Session-Expires': '90;refresher=uac' }))).toEqual({
      interval: 90,
      refresher: 'local',
    });
    expect(termsFrom2xx(msg({ 'Session-Expires': '90;refresher=uas' }))).toEqual({
      interval: 90,
      refresher: 'remote',
    });
    expect(termsFrom2xx(msg({ Supported: 'timer' }))).toBeNull();
  });
});

describe('the customer’s hold in an SDP offer', () => {
  const sdp = (...lines: string[]) =>
    ['v=0', 'o=- 1 2 IN IP4 10.0.0.1', 's=-', 't=0 0', ...lines, ''].join('\r\n');
  it.each([
    ['sendonly audio', sdp('c=IN IP4 10.0.0.1', 'm=audio 4000 RTP/AVP 0', 'a=sendonly'), true],
    ['inactive audio', sdp('c=IN IP4 10.0.0.1', 'm=audio 4000 RTP/AVP 0', 'a=inactive'), true],
    [
      'sendonly for the session',
      sdp('c=IN IP4 10.0.0.1', 'a=sendonly', 'm=audio 4000 RTP/AVP 0'),
      true,
    ],
    [
      'the audio overrides the session',
      sdp('a=sendonly', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv'),
      false,
    ],
    ['RFC 2543 hold (0.0.0.0)', sdp('c=IN IP4 0.0.0.0', 'm=audio 4000 RTP/AVP 0'), true],
    ['sendrecv', sdp('c=IN IP4 10.0.0.1', 'm=audio 4000 RTP/AVP 0', 'a=sendrecv'), false],
    ['no direction (sendrecv)', sdp('c=IN IP4 10.0.0.1', 'm=audio 4000 RTP/AVP 0'), false],
    ['recvonly (the answer to our hold)', sdp('m=audio 4000 RTP/AVP 0', 'a=recvonly'), false],
    [
      'a held video stream is not the call',
      sdp('m=audio 4000 RTP/AVP 0', 'm=video 5000 RTP/AVP 96', 'a=inactive'),
      false,
    ],
  ])('%s', (_name, offer, held) => {
    expect(offersHold(offer)).toBe(held);
  });
});
