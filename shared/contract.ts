/**
 * The join: every domain's requests and events in one contract. Each domain declares its own in
 * `shared/<domain>/contract.ts`; this file only lists them, once each in `domains` and in the
 * types below. Preload, IPC, the browser host's WebSocket, the renderer's client and the test
 * fakes are all typed from the joined maps, so a request main does not handle is a compile error
 * (see `Handlers`) and a name two domains declare is refused (compile time and start-up).
 *
 * To add a domain: write shared/<domain>/contract.ts, then add one line to `domains` and one
 * member to each of the three types below.
 */
import { z } from 'zod';
import type { Disjoint } from './common/contract-kit';
import { joinMaps } from './common/contract-kit';
import type { ErrorPayload } from './common/errors';
import { errorCodes } from './common/errors';
import type { SessionHandlers } from './session/contract';
import { sessionEvents, sessionRequests } from './session/contract';
import type { SoftphoneHandlers } from './softphone/contract';
import { softphoneEvents, softphoneRequests } from './softphone/contract';
import type { WaybillHandlers } from './waybills/contract';
import { waybillEvents, waybillRequests } from './waybills/contract';

export * from './session/contract';
export * from './softphone/contract';
export * from './waybills/contract';

const domains = [
  { domain: 'session', requests: sessionRequests, events: sessionEvents },
  { domain: 'waybills', requests: waybillRequests, events: waybillEvents },
  { domain: 'softphone', requests: softphoneRequests, events: softphoneEvents },
] as const;

export type Requests = typeof sessionRequests & typeof waybillRequests & typeof softphoneRequests;
export type Events = typeof sessionEvents & typeof waybillEvents & typeof softphoneEvents;
/** Main's implementation of every request. Missing or extra keys are compile errors. */
export type Handlers = SessionHandlers & WaybillHandlers & SoftphoneHandlers;

/** Compile-time proof that no two domains declare the same request or event. */
const disjoint: [
  Disjoint<typeof sessionRequests, typeof waybillRequests>,
  Disjoint<typeof sessionRequests, typeof softphoneRequests>,
  Disjoint<typeof waybillRequests, typeof softphoneRequests>,
  Disjoint<typeof sessionEvents, typeof waybillEvents>,
  Disjoint<typeof sessionEvents, typeof softphoneEvents>,
  Disjoint<typeof waybillEvents, typeof softphoneEvents>,
] = [true, true, true, true, true, true];
void disjoint;

export const requests: Requests = joinMaps(
  'request',
  domains.map((d) => ({ domain: d.domain, map: d.requests })),
) as Requests;
export const events: Events = joinMaps(
  'event',
  domains.map((d) => ({ domain: d.domain, map: d.events })),
) as Events;

export type RequestName = keyof Requests;
/** What a caller passes (before defaults are applied). */
export type RequestArgs<N extends RequestName> = z.input<Requests[N]['args']>;
/** What a handler receives (after parsing). */
export type ParsedArgs<N extends RequestName> = z.output<Requests[N]['args']>;
export type RequestResult<N extends RequestName> = z.output<Requests[N]['result']>;

export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** What the renderer sees, whatever the transport (Electron IPC or the browser host's socket). */
export interface DeskApi {
  request<N extends RequestName>(name: N, args: RequestArgs<N>): Promise<RequestResult<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wire envelope for a request's outcome, identical over IPC and WebSocket. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.hasOwn(events, name);
}

export const errorPayloadSchema = z.strictObject({
  code: z.enum(errorCodes),
  message: z.string(),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional(),
});
