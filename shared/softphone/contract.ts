/**
 * The softphone domain's contract: SIP registration, call control, after-call work (话后整理) and
 * the media bridge between main's sip.js and the renderer's RTCPeerConnection.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { agentStateSchema } from '../session/contract';
import { screenPopSchema } from '../waybills/contract';
import { acwModes, dispositions, endCauses, holdStates } from './call-state';

const noArgs = z.strictObject({});

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

/** The agent's softphone options (setting `softphone.options`). */
export const softphoneOptionsSchema = z.strictObject({
  autoAnswer: z.boolean(),
  /** Seconds an offered call rings before it counts as missed (未接). */
  ringTimeoutSeconds: z.number().int().min(5).max(120),
});
export type SoftphoneOptions = z.infer<typeof softphoneOptionsSchema>;

export const softphoneViewSchema = z.strictObject({
  call: callViewSchema.nullable(),
  acw: acwViewSchema.nullable(),
  options: softphoneOptionsSchema,
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

/** What main asks of the renderer's MediaEngine (docs/DESIGN.md §2 media bridge). */
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

export const softphoneRequests = defineRequests({
  'softphone.health': { args: noArgs, result: sipHealthSchema },
  /** Saves the desk's SIP account (password sealed at rest) and (re)registers. */
  'softphone.configure': { args: sipAccountArgs, result: sipHealthSchema },
  'softphone.state': { args: noArgs, result: softphoneViewSchema },
  'softphone.setOptions': {
    args: softphoneOptionsSchema.partial(),
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
});

export const softphoneEvents = defineEvents({
  /** The SIP registration changed (registered, connecting after a drop, failed …). */
  'softphone.health': sipHealthSchema,
  /** The call, ACW or softphone options changed. */
  'softphone.changed': softphoneViewSchema,
  /** Main asks the media owner to do something; it answers with media.reply. */
  'media.command': mediaCommandSchema,
  /** The caller's screen pop, looked up while the call is still ringing. */
  'screenPop.ready': z.strictObject({ callId: z.string(), pop: screenPopSchema }),
});

export type SoftphoneHandlers = HandlersOf<typeof softphoneRequests>;
