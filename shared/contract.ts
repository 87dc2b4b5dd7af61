/**
 * The contract between renderer and main: every request (name → zod schemas for its argument and
 * result) and every event main pushes. Preload, IPC registration, the browser host's WebSocket,
 * the renderer's client and the test fakes are all typed from these two maps, so a request that
 * main does not handle is a compile error (see `Handlers`).
 *
 * To add a request: add it to `requests`, then implement it in the handler map in
 * electron/main/composition.ts — the compiler points at the place.
 */
import { z } from 'zod';
import { breakReasons, notReadyReasons } from './agent-state';
import type { requestNameList } from './channels';
import { ipcRequestPrefix } from './channels';
import type { ErrorPayload } from './errors';
import { errorCodes } from './errors';

const employeeNo = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9]{3,16}$/, '工号 must be 3–16 letters or digits');

export const agentStateSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('offline') }),
  z.strictObject({ status: z.literal('ready') }),
  z.strictObject({ status: z.literal('not_ready'), reason: z.enum(notReadyReasons) }),
  z.strictObject({ status: z.literal('break'), reason: z.enum(breakReasons) }),
  z.strictObject({ status: z.literal('ringing') }),
  z.strictObject({ status: z.literal('in_call') }),
  z.strictObject({ status: z.literal('after_call_work') }),
]);

export const roleSchema = z.enum(['agent', 'lead']);
export type Role = z.infer<typeof roleSchema>;

export const agentSchema = z.strictObject({
  id: z.string(),
  employeeNo: z.string(),
  name: z.string(),
  role: roleSchema,
});
export type Agent = z.infer<typeof agentSchema>;

export const sessionSchema = z.strictObject({
  agent: agentSchema,
  shift: z.strictObject({ id: z.string(), startedAt: z.number().int() }),
  state: agentStateSchema,
  /** Epoch ms when the current state began. */
  stateSince: z.number().int(),
});
export type Session = z.infer<typeof sessionSchema>;

export const stateLogEntrySchema = z.strictObject({
  id: z.string(),
  state: agentStateSchema,
  startedAt: z.number().int(),
  endedAt: z.number().int().nullable(),
});
export type StateLogEntry = z.infer<typeof stateLogEntrySchema>;

const noArgs = z.strictObject({});

export const requests = {
  'desk.info': {
    args: noArgs,
    result: z.strictObject({
      appVersion: z.string(),
      host: z.enum(['electron', 'web']),
      timeZone: z.string(),
      deskId: z.string(),
    }),
  },
  'auth.session': { args: noArgs, result: sessionSchema.nullable() },
  'auth.signIn': {
    args: z.strictObject({ employeeNo, password: z.string().min(1).max(128) }),
    result: sessionSchema,
  },
  'auth.signOut': { args: noArgs, result: z.null() },
  'agent.setState': {
    args: z.strictObject({ target: agentStateSchema }),
    result: sessionSchema,
  },
  'agent.stateLog': {
    args: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    result: z.array(stateLogEntrySchema),
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const events = {
  /** The desk's signed-in session changed (sign-in, sign-out, or state change). */
  'session.changed': sessionSchema.nullable(),
} as const satisfies Record<string, z.ZodType>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
/** What a caller passes (before defaults are applied). */
export type RequestArgs<N extends RequestName> = z.input<Requests[N]['args']>;
/** What a handler receives (after parsing). */
export type ParsedArgs<N extends RequestName> = z.output<Requests[N]['args']>;
export type RequestResult<N extends RequestName> = z.output<Requests[N]['result']>;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

/** Main's implementation of every request. Missing or extra keys are compile errors. */
export type Handlers = {
  [N in RequestName]: (args: ParsedArgs<N>) => Promise<RequestResult<N>> | RequestResult<N>;
};

/** What the renderer sees, whatever the transport (Electron IPC or the browser host's socket). */
export interface DeskApi {
  request<N extends RequestName>(name: N, args: RequestArgs<N>): Promise<RequestResult<N>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
}

/** Wire envelope for a request's outcome, identical over IPC and WebSocket. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export const requestNames = Object.keys(requests) as RequestName[];
export const eventNames = Object.keys(events) as EventName[];

/** Compile-time proof that channels.ts lists exactly the contract's requests. */
type Exactly<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatch: Exactly<(typeof requestNameList)[number], RequestName> = true;
void namesMatch;

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

/** IPC channel names: one per request, so the preload can whitelist them. */
export const ipcChannel = (name: RequestName): string => `${ipcRequestPrefix}${name}`;
