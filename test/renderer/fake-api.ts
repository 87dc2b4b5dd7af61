/**
 * A DeskApi for component tests, typed and checked by the contract itself: arguments the
 * renderer sends, results the fake returns and event payloads a test emits are parsed with the
 * contract's zod schemas, so a component that sends the wrong shape fails here exactly as it
 * would against main, and a test cannot push an event main could never send.
 */
import type { DeskApi, EventName, EventPayload, Handlers, RequestName } from '@shared/contract';
import { events, requests } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import { defaultCompensationRules } from '@shared/complaints/compensation';
import { defaultLetterhead } from '@shared/documents/html';

export interface FakeApi extends DeskApi {
  calls: { name: RequestName; args: unknown }[];
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

export function createFakeApi(handlers: Partial<Handlers>): FakeApi {
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: FakeApi['calls'] = [];
  return {
    calls,
    async request(name, args) {
      calls.push({ name, args });
      const parsed = requests[name].args.safeParse(args);
      if (!parsed.success)
        throw new ContractError(
          'BAD_ARGUMENT',
          `renderer sent bad args for ${name}: ${parsed.error.message}`,
        );
      const handler = handlers[name] as ((a: unknown) => unknown) | undefined;
      if (!handler) throw new Error(`fake api: ${name} not faked in this test`);
      const result = await handler(parsed.data);
      return requests[name].result.parse(result) as never;
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    emit(event, payload) {
      const parsed = events[event].safeParse(payload);
      if (!parsed.success)
        throw new Error(`fake api: test emitted a bad ${event} payload: ${parsed.error.message}`);
      for (const l of listeners.get(event) ?? []) l(parsed.data);
    },
  };
}

/** The softphone with no call and no after-call work. */
export const idlePhone = {
  call: null,
  acw: null,
  options: { autoAnswer: false, ringTimeoutSeconds: 20 },
  refusedNotReady: 0,
  mediaAttached: false,
};

/** What every signed-in screen asks main for at start; tests override what they exercise. */
export const baseHandlers = {
  'desk.info': () => ({
    appVersion: 't',
    host: 'web' as const,
    timeZone: 'Asia/Shanghai',
    deskId: 'd1',
  }),
  'softphone.health': () => ({
    state: 'unconfigured' as const,
    lastError: null,
    rttMs: null,
    since: 0,
    attempts: 0,
  }),
  'agent.stateLog': () => [],
  'softphone.state': () => idlePhone,
  'call.history': () => [],
  // The call-script panel and 我的回电 read theirs at sign-in.
  'scripts.published': () => [],
  'callbacks.mine': () => [],
  // The call history shows each call's script compliance (none ran here).
  'scripts.compliance': () => null,
  // A handover the next shift left for this agent to acknowledge (none here).
  'handover.awaitingMe': () => [],
  // The lead's settings cards in 管理 → 设置 (complaints, documents).
  'complaints.rules': () => defaultCompensationRules,
  'documents.letterhead': () => defaultLetterhead,
} satisfies Partial<Handlers>;
