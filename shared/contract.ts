/**
 * The join: every domain's requests and events in one contract. Each domain declares its own in
 * `shared/<domain>/contract.ts`; this file lists each domain once, in `domains` (and its handler
 * type in `Handlers`). Preload, IPC, the browser host's WebSocket, the renderer's client and the
 * test fakes are all typed from the joined maps, so a request main does not handle is a compile
 * error (see `Handlers`), and a name two domains declare is refused at compile time (`AllDisjoint`)
 * and at start-up (`joinMaps`).
 *
 * To add a domain: write shared/<domain>/contract.ts, add its line to `domains`, its handler type
 * to `Handlers`, and its `export *`.
 */
import { z } from 'zod';
import type { AllDisjoint } from './common/contract-kit';
import { joinMaps } from './common/contract-kit';
import type { ErrorPayload } from './common/errors';
import { errorCodes } from './common/errors';
import type { AdminHandlers } from './admin/contract';
import { adminEvents, adminRequests } from './admin/contract';
import type { CallbackHandlers } from './callbacks/contract';
import { callbackEvents, callbackRequests } from './callbacks/contract';
import type { MetricHandlers } from './metrics/contract';
import { metricEvents, metricRequests } from './metrics/contract';
import type { HandoverHandlers } from './handover/contract';
import { handoverEvents, handoverRequests } from './handover/contract';
import type { ComplaintHandlers } from './complaints/contract';
import type { DocumentHandlers } from './documents/contract';
import { documentEvents, documentRequests } from './documents/contract';
import { complaintEvents, complaintRequests } from './complaints/contract';
import type { OrderHandlers } from './orders/contract';
import { orderEvents, orderRequests } from './orders/contract';
import type { ScriptHandlers } from './scripts/contract';
import { scriptEvents, scriptRequests } from './scripts/contract';
import type { SessionHandlers } from './session/contract';
import { sessionEvents, sessionRequests } from './session/contract';
import type { SoftphoneHandlers } from './softphone/contract';
import { softphoneEvents, softphoneRequests } from './softphone/contract';
import type { WaybillHandlers } from './waybills/contract';
import { waybillEvents, waybillRequests } from './waybills/contract';

export * from './session/contract';
export * from './softphone/contract';
export * from './waybills/contract';
export * from './admin/contract';
export * from './orders/contract';
export * from './scripts/contract';
export * from './callbacks/contract';
export * from './metrics/contract';
export * from './handover/contract';
export * from './complaints/contract';
export * from './documents/contract';

const domains = [
  { domain: 'session', requests: sessionRequests, events: sessionEvents },
  { domain: 'waybills', requests: waybillRequests, events: waybillEvents },
  { domain: 'softphone', requests: softphoneRequests, events: softphoneEvents },
  { domain: 'admin', requests: adminRequests, events: adminEvents },
  { domain: 'orders', requests: orderRequests, events: orderEvents },
  { domain: 'scripts', requests: scriptRequests, events: scriptEvents },
  { domain: 'callbacks', requests: callbackRequests, events: callbackEvents },
  { domain: 'metrics', requests: metricRequests, events: metricEvents },
  { domain: 'handover', requests: handoverRequests, events: handoverEvents },
  { domain: 'complaints', requests: complaintRequests, events: complaintEvents },
  { domain: 'documents', requests: documentRequests, events: documentEvents },
] as const;

type Domains = typeof domains;
/** The tuple of each domain's `F` ('requests' or 'events'), in order. */
type Field<T extends readonly unknown[], F extends string> = T extends readonly [
  infer H,
  ...infer R,
]
  ? [H extends Record<F, infer V> ? V : never, ...Field<R, F>]
  : [];
type RequestMaps = Field<Domains, 'requests'>;
type EventMaps = Field<Domains, 'events'>;
type Intersect<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? H & Intersect<R>
  : unknown;

export type Requests = Intersect<RequestMaps>;
export type Events = Intersect<EventMaps>;
/** Main's implementation of every request. Missing or extra keys are compile errors. */
export type Handlers = SessionHandlers &
  WaybillHandlers &
  SoftphoneHandlers &
  AdminHandlers &
  OrderHandlers &
  ScriptHandlers &
  CallbackHandlers &
  HandoverHandlers &
  ComplaintHandlers &
  MetricHandlers &
  DocumentHandlers;

/** Compile-time proof that no two domains declare the same request or event (every pair). */
const disjoint: [AllDisjoint<RequestMaps>, AllDisjoint<EventMaps>] = [true, true];
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
