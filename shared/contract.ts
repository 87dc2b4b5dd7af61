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
import { anomalyKinds } from './anomalies';
import { acwModes, dispositions, endCauses, holdStates } from './call-state';
import { trackingStatuses } from './tracking';
import type { CarrierCode } from './waybill';
import { carriers } from './waybill';
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

const carrierCode = z.enum(Object.keys(carriers) as [CarrierCode, ...CarrierCode[]]);
const trackingStatus = z.enum(trackingStatuses);

export const waybillRowSchema = z.strictObject({
  id: z.string(),
  number: z.string(),
  carrier: z.string(),
  status: trackingStatus,
  originCity: z.string(),
  destCity: z.string(),
  senderName: z.string(),
  receiverName: z.string(),
  createdAt: z.number().int(),
  promisedAt: z.number().int().nullable(),
  lastEventAt: z.number().int().nullable(),
  lastEventText: z.string().nullable(),
});
export type WaybillRow = z.infer<typeof waybillRowSchema>;

const recognitionSchema = z.strictObject({
  input: z.string(),
  normalised: z.string(),
  candidates: z.array(
    z.strictObject({
      carrier: carrierCode,
      confidence: z.enum(['high', 'low']),
      score: z.number(),
      rule: z.string(),
    }),
  ),
  s10: z
    .strictObject({
      valid: z.boolean(),
      expected: z.number().int(),
      suggestion: z.string().nullable(),
    })
    .nullable(),
});

export const searchResultSchema = z.strictObject({
  /** How the text was understood: the UI says so ("按尾号+姓名查找"). */
  kind: z.enum(['waybill', 'waybill_prefix', 'phone', 'last4', 'name', 'address', 'invalid']),
  invalidReason: z.enum(['empty', 'too_long', 'last4_needs_more', 'too_short']).nullable(),
  rows: z.array(waybillRowSchema),
  /** More rows exist than were returned (narrow the search). */
  truncated: z.boolean(),
  matchedCustomers: z.number().int(),
  recognition: recognitionSchema.nullable(),
});
export type SearchResult = z.infer<typeof searchResultSchema>;

export const anomalySchema = z.strictObject({
  kind: z.enum(anomalyKinds),
  since: z.number(),
  deadline: z.number().nullable(),
  remainingMs: z.number().nullable(),
  expired: z.boolean(),
  reportBy: z.number(),
  reportWindowClosed: z.boolean(),
});

export const waybillDetailSchema = z.strictObject({
  waybill: waybillRowSchema.extend({
    senderPhoneMasked: z.string(),
    receiverPhoneMasked: z.string(),
    senderAddress: z.string(),
    receiverAddress: z.string(),
    serviceType: z.string(),
    itemDescription: z.string(),
    weightG: z.number().int(),
    declaredValueFen: z.number().int().nullable(),
    insured: z.boolean(),
    freightFen: z.number().int(),
  }),
  events: z.array(
    z.strictObject({
      at: z.number().int(),
      status: trackingStatus,
      rawState: z.string().nullable(),
      location: z.string().nullable(),
      description: z.string(),
    }),
  ),
  anomalies: z.array(anomalySchema),
  notes: z.array(
    z.strictObject({
      id: z.string(),
      at: z.number().int(),
      agentName: z.string(),
      text: z.string(),
    }),
  ),
  /** When the desk's copy was last refreshed from the carrier (null: never). */
  asOf: z.number().int().nullable(),
  /** Whether a live tracking source answered for this view, or the local mirror did. */
  source: z.enum(['live', 'mirror']),
});
export type WaybillDetail = z.infer<typeof waybillDetailSchema>;

export const sipHealthSchema = z.strictObject({
  state: z.enum(['unconfigured', 'connecting', 'registered', 'failed']),
  lastError: z.string().nullable(),
  rttMs: z.number().nullable(),
  since: z.number(),
  attempts: z.number().int(),
});
export type SipHealth = z.infer<typeof sipHealthSchema>;

export const sipAccountArgs = z.strictObject({
  server: z.string().trim().max(200),
  aor: z.string().trim().max(200),
  authUser: z.string().trim().max(64),
  password: z.string().max(128),
  displayName: z.string().trim().max(64).optional(),
});

export const revealReasons = [
  'customer_verified',
  'callback',
  'delivery_issue',
  'complaint',
] as const;

export const screenPopSchema = z.strictObject({
  number: z.string(),
  customers: z.array(
    z.strictObject({
      id: z.string(),
      name: z.string(),
      company: z.string().nullable(),
      class: z.enum(['A', 'B', 'C']),
      keyAccountTier: z.number().int().nullable(),
      city: z.string(),
    }),
  ),
  /** Latest waybills of the first (or only) customer, with flags. */
  waybills: z.array(waybillRowSchema.extend({ anomalies: z.array(anomalySchema) })),
  lastContacts: z.array(
    z.strictObject({
      at: z.number().int(),
      direction: z.enum(['inbound', 'outbound']),
      disposition: z.string().nullable(),
      agentName: z.string().nullable(),
      answered: z.boolean(),
    }),
  ),
});
export type ScreenPop = z.infer<typeof screenPopSchema>;

const callId = z.string().min(1).max(64);
const dialInput = z.string().max(200);

export const acwPolicySchema = z.strictObject({
  mode: z.enum(acwModes),
  /** Length of timed ACW. */
  seconds: z.number().int().min(5).max(600),
  /** How many times the agent may press "extend" in timed mode. */
  maxExtensions: z.number().int().min(0).max(5),
  extendSeconds: z.number().int().min(5).max(300),
  /** Applied when timed ACW runs out (or with mode none). */
  defaultDisposition: z.enum(dispositions),
});
export type AcwPolicy = z.infer<typeof acwPolicySchema>;

export const callViewSchema = z.strictObject({
  id: z.string(),
  direction: z.enum(['inbound', 'outbound']),
  remoteNumber: z.string(),
  remoteName: z.string().nullable(),
  phase: z.enum(['offering', 'dialing', 'active', 'ended']),
  remoteRinging: z.boolean(),
  hold: z.enum(holdStates),
  muted: z.boolean(),
  transfer: z.strictObject({
    kind: z.enum(['none', 'blind', 'consult']),
    target: z.string().nullable(),
    phase: z.string().nullable(),
    talkingTo: z.enum(['customer', 'target']).nullable(),
  }),
  /** Last transfer outcome shown to the agent (NOTIFY result, or why it failed). */
  transferNote: z.string().nullable(),
  reconnecting: z.boolean(),
  offeredAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  holdSince: z.number().int().nullable(),
  ringDeadline: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  cause: z.enum(endCauses).nullable(),
  hungUpBy: z.enum(['agent', 'remote', 'system']).nullable(),
  dtmfSent: z.string(),
});
export type CallView = z.infer<typeof callViewSchema>;

export const acwViewSchema = z.strictObject({
  callId: z.string(),
  mode: z.enum(acwModes),
  since: z.number().int(),
  deadline: z.number().int().nullable(),
  extensionsLeft: z.number().int(),
  /** Where the agent goes when ACW ends (the state before an outbound call, else 示闲). */
  next: agentStateSchema,
  defaultDisposition: z.enum(dispositions),
});

export const softphoneViewSchema = z.strictObject({
  call: callViewSchema.nullable(),
  acw: acwViewSchema.nullable(),
  options: z.strictObject({
    autoAnswer: z.boolean(),
    ringTimeoutSeconds: z.number().int(),
  }),
  /** Calls refused with 486 this shift because the agent was not 示闲. */
  refusedNotReady: z.number().int(),
  mediaAttached: z.boolean(),
});
export type SoftphoneView = z.infer<typeof softphoneViewSchema>;

export const callRecordSchema = z.strictObject({
  id: z.string(),
  sipCallId: z.string().nullable(),
  direction: z.enum(['inbound', 'outbound']),
  remoteNumber: z.string(),
  remoteName: z.string().nullable(),
  offeredAt: z.number().int(),
  answeredAt: z.number().int().nullable(),
  endedAt: z.number().int().nullable(),
  endCause: z.string().nullable(),
  hungUpBy: z.enum(['agent', 'remote', 'system']).nullable(),
  holdMs: z.number().int(),
  holdCount: z.number().int(),
  transferTarget: z.string().nullable(),
  transferResult: z.string().nullable(),
  acwEndedAt: z.number().int().nullable(),
  disposition: z.enum(dispositions).nullable(),
  notes: z.string().nullable(),
});
export type CallRecord = z.infer<typeof callRecordSchema>;

/** What main asks of the renderer's MediaEngine (DESIGN §2 media bridge). */
export const mediaCommandSchema = z.discriminatedUnion('op', [
  z.strictObject({
    op: z.literal('getDescription'),
    owner: z.string(),
    seq: z.number().int(),
    callId: z.string(),
    hold: z.boolean(),
    iceRestart: z.boolean(),
    /** The remote offer to apply first (then the result is our answer), or null: we offer. */
    remoteOffer: z.string().nullable(),
  }),
  z.strictObject({
    op: z.literal('setDescription'),
    owner: z.string(),
    seq: z.number().int(),
    callId: z.string(),
    sdp: z.string(),
  }),
  z.strictObject({
    op: z.literal('close'),
    owner: z.string(),
    seq: z.number().int(),
    callId: z.string(),
  }),
  z.strictObject({
    op: z.literal('mute'),
    owner: z.string(),
    seq: z.number().int(),
    callId: z.string(),
    muted: z.boolean(),
  }),
  z.strictObject({
    op: z.literal('dtmf'),
    owner: z.string(),
    seq: z.number().int(),
    callId: z.string(),
    tones: z.string(),
  }),
  z.strictObject({
    op: z.literal('ring'),
    owner: z.string(),
    seq: z.number().int(),
    on: z.boolean(),
  }),
]);
export type MediaCommand = z.infer<typeof mediaCommandSchema>;

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
  'search.query': {
    args: z.strictObject({
      text: z.string().max(200),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    result: searchResultSchema,
  },
  'waybill.get': {
    args: z.strictObject({ number: z.string().trim().min(1).max(40) }),
    result: waybillDetailSchema,
  },
  'waybill.revealPhone': {
    args: z.strictObject({
      waybillId: z.string().min(1).max(64),
      party: z.enum(['sender', 'receiver']),
      reason: z.enum(revealReasons),
    }),
    result: z.strictObject({ phone: z.string() }),
  },
  'waybill.addNote': {
    args: z.strictObject({
      waybillId: z.string().min(1).max(64),
      text: z.string().trim().min(1).max(2000),
    }),
    result: z.strictObject({
      id: z.string(),
      at: z.number().int(),
      agentName: z.string(),
      text: z.string(),
    }),
  },
  'softphone.health': { args: noArgs, result: sipHealthSchema },
  /** Saves the desk's SIP account (password sealed at rest) and (re)registers. */
  'softphone.configure': { args: sipAccountArgs, result: sipHealthSchema },
  'softphone.state': { args: noArgs, result: softphoneViewSchema },
  'softphone.setOptions': {
    args: z.strictObject({
      autoAnswer: z.boolean().optional(),
      ringTimeoutSeconds: z.number().int().min(5).max(120).optional(),
    }),
    result: softphoneViewSchema,
  },
  'call.answer': { args: z.strictObject({ callId }), result: softphoneViewSchema },
  'call.reject': { args: z.strictObject({ callId }), result: softphoneViewSchema },
  'call.hangup': { args: z.strictObject({ callId }), result: softphoneViewSchema },
  'call.hold': { args: z.strictObject({ callId }), result: softphoneViewSchema },
  'call.resume': { args: z.strictObject({ callId }), result: softphoneViewSchema },
  'call.mute': {
    args: z.strictObject({ callId, muted: z.boolean() }),
    result: softphoneViewSchema,
  },
  'call.dtmf': {
    args: z.strictObject({
      callId,
      tones: z.string().regex(/^[0-9*#A-D]{1,32}$/, 'DTMF tones are 0–9, *, #, A–D (1–32)'),
    }),
    result: softphoneViewSchema,
  },
  'call.transfer': {
    args: z.strictObject({ callId, target: dialInput, mode: z.enum(['blind', 'consult']) }),
    result: softphoneViewSchema,
  },
  'call.consult': {
    args: z.strictObject({ callId, action: z.enum(['complete', 'cancel', 'swap']) }),
    result: softphoneViewSchema,
  },
  'call.dial': { args: z.strictObject({ number: dialInput }), result: softphoneViewSchema },
  /** Click-to-dial a waybill's sender or receiver; the number stays masked on screen. */
  'call.dialParty': {
    args: z.strictObject({
      waybillId: z.string().min(1).max(64),
      party: z.enum(['sender', 'receiver']),
    }),
    result: softphoneViewSchema,
  },
  'call.history': {
    args: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    result: z.array(callRecordSchema),
  },
  'acw.extend': { args: noArgs, result: softphoneViewSchema },
  'acw.complete': {
    args: z.strictObject({
      disposition: z.enum(dispositions),
      notes: z.string().trim().max(500).optional(),
      next: agentStateSchema,
    }),
    result: softphoneViewSchema,
  },
  'acw.policy': { args: noArgs, result: acwPolicySchema },
  /** Leads only. */
  'acw.setPolicy': { args: acwPolicySchema, result: acwPolicySchema },
  /** The renderer that will own media (microphone, RTCPeerConnection, ringer) announces itself. */
  'media.attach': { args: noArgs, result: z.strictObject({ owner: z.string() }) },
  'media.heartbeat': { args: z.strictObject({ owner: z.string().max(64) }), result: z.null() },
  'media.reply': {
    args: z.strictObject({
      owner: z.string().max(64),
      seq: z.number().int(),
      ok: z.boolean(),
      sdp: z
        .string()
        .max(64 * 1024)
        .optional(),
      error: z.string().max(500).optional(),
    }),
    result: z.null(),
  },
  'screenPop.lookup': {
    args: z.strictObject({ number: z.string().trim().min(3).max(32) }),
    result: screenPopSchema,
  },
} as const satisfies Record<string, { args: z.ZodType; result: z.ZodType }>;

export const events = {
  /** The desk's signed-in session changed (sign-in, sign-out, or state change). */
  'session.changed': sessionSchema.nullable(),
  /** Fresh tracking arrived for a waybill (after a background refresh). */
  'waybill.refreshed': z.strictObject({ number: z.string() }),
  /** The SIP registration changed (registered, connecting after a drop, failed …). */
  'softphone.health': sipHealthSchema,
  /** The call, ACW or softphone options changed. */
  'softphone.changed': softphoneViewSchema,
  /** Main asks the media owner to do something; it answers with media.reply. */
  'media.command': mediaCommandSchema,
  /** The caller's screen pop, looked up while the call is still ringing. */
  'screenPop.ready': z.strictObject({ callId: z.string(), pop: screenPopSchema }),
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
