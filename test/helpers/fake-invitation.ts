/**
 * A stand-in for sip.js's Invitation (an incoming INVITE without SDP), enough for the desk's call
 * service to ring, answer, reject and end a call with no PBX: for request-layer tests that need a
 * call in progress. It hands the desk nothing but what sip.js would, and records the responses the
 * desk sends back ('180', '200', a rejection's status code, 'BYE') in `sent`.
 * The SIP tests (test/core/features/softphone/sip) cover the real thing against Kamailio.
 */
import type { Invitation } from 'sip.js';
import { SessionState } from 'sip.js';

let counter = 0;

export function fakeInvitation(from: { number: string; name?: string }): {
  invitation: Invitation;
  sent: string[];
} {
  const sent: string[] = [];
  const listeners = new Set<(s: SessionState) => void>();
  let state = SessionState.Initial;
  const become = (s: SessionState) => {
    state = s;
    for (const l of listeners) l(s);
  };
  const fake = {
    remoteIdentity: { uri: { user: from.number }, displayName: from.name ?? '' },
    request: {
      callId: `fake-invite-${++counter}@127.0.0.1`,
      body: '', // offerless: the desk makes the offer in its 200 OK
      getHeader: (): string | undefined => undefined,
    },
    delegate: undefined as unknown,
    get state() {
      return state;
    },
    stateChange: {
      addListener: (l: (s: SessionState) => void) => listeners.add(l),
      removeListener: (l: (s: SessionState) => void) => listeners.delete(l),
    },
    progress: () => {
      sent.push('180');
      return Promise.resolve();
    },
    accept: () => {
      sent.push('200');
      become(SessionState.Established);
      return Promise.resolve();
    },
    reject: (options?: { statusCode?: number }) => {
      sent.push(String(options?.statusCode ?? 480));
      become(SessionState.Terminated);
      return Promise.resolve();
    },
    bye: () => {
      sent.push('BYE');
      become(SessionState.Terminated);
      return Promise.resolve();
    },
  };
  return { invitation: fake as unknown as Invitation, sent };
}
