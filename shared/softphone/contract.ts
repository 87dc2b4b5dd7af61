/**
 * The softphone domain's contract: SIP registration, call control, after-call work (话后整理) and
 * the media bridge between main's sip.js and the renderer's RTCPeerConnection.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { agentSchema, agentStateSchema } from '../session/contract';
import { screenPopSchema } from '../waybills/contract';
import { acwModes, dispositions, endCauses, holdStates } from './call-state';

const noArgs = z.strictObject({});

/**
 * Why the phone is not registered (ADR 0011), shown in the agent's language: the PBX cannot be
 * reached or refused the connection, it refused the password (401/403 after authenticating), the
 * wss:// certificate is not trusted, no answer in time, or anything else (the detail in lastError).
 */
export const sipFailures = ['unreachable', 'auth', 'tls', 'timeout', 'other'] as const;
export type SipFailure = (typeof sipFailures)[number];

export const sipHealthSchema = z.strictObject({
  state: z.enum(['unconfigured', 'connecting', 'registered', 'failed']),
  lastError: z.string().nullable(),
  rttMs: z.number().nullable(),
  since: z.number(),
  attempts: z.number().int(),
  /** Why it is not registered; null (or absent, from an older main) while nothing failed. */
  failure: z.enum(sipFailures).nullable().optional(),
});
export type SipHealth = z.infer<typeof sipHealthSchema>;

export const sipAccountArgs = z.strictObject({
  server: z.string().trim().max(200),
  aor: z.string().trim().max(200),
  authUser: z.string().trim().max(64),
  password: z.string().max(128),
  displayName: z.string().trim().max(64).optional(),
});

// per-agent SIP accounts (ADR 0011): a lead assigns each agent's; the desk registers the signed-in one's.
const agentId = z.string().min(1).max(64);

/** An agent's account as the console may see it: never the password. */
export const sipAccountViewSchema = z.strictObject({
  server: z.string(),
  aor: z.string(),
  authUser: z.string(),
  displayName: z.string().nullable(),
  updatedAt: z.number().int(),
  /** Who set it last (null: carried over from the old desk-wide setting by migration 0009). */
  updatedBy: z.strictObject({ employeeNo: z.string(), name: z.string() }).nullable(),
});
export type SipAccountView = z.infer<typeof sipAccountViewSchema>;

export const agentSipAccountSchema = z.strictObject({
  agent: agentSchema,
  account: sipAccountViewSchema.nullable(),
});
export type AgentSipAccount = z.infer<typeof agentSipAccountSchema>;

/** The lead's rules for the desk's softphone (setting `softphone.accountPolicy`). */
export const sipAccountPolicySchema = z.strictObject({
  /** 示闲 only with a registered softphone: no account → refused, not registered → 示忙·系统故障. */
  readyRequiresPhone: z.boolean(),
  /** Agents may set their own account (softphone.configure); a lead always may. */
  agentsConfigureOwn: z.boolean(),
});
export type SipAccountPolicy = z.infer<typeof sipAccountPolicySchema>;

/** A lead assigns an agent's account; authUser defaults to the address's user part. */
export const assignSipAccountArgs = z.strictObject({
  agentId,
  server: sipAccountArgs.shape.server,
  aor: sipAccountArgs.shape.aor,
  authUser: sipAccountArgs.shape.authUser.optional(),
  /** Required for an agent with no account yet; left out, a change keeps the stored one. */
  password: sipAccountArgs.shape.password.optional(),
  displayName: sipAccountArgs.shape.displayName,
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
  /** The customer the call is tied to (null until the pop finds exactly one, or the agent picks). */
  customerId: z.string().nullable(),
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
  // Dead calls and the customer's hold (docs/adr/0012-dead-calls-and-remote-hold.md).
  /** The customer's side holds the call (their re-INVITE: sendonly/inactive); not the agent's hold. */
  remoteHold: z.boolean(),
  remoteHoldSince: z.number().int().nullable(),
  /** No inbound RTP since `since`: the call ends at `endsAt` unless the agent keeps it. */
  silence: z.strictObject({ since: z.number().int(), endsAt: z.number().int() }).nullable(),
  /** RFC 4028 session timer, when negotiated: who refreshes, and when it expires unrefreshed. */
  sessionTimer: z
    .strictObject({
      interval: z.number().int(),
      refresher: z.enum(['local', 'remote']),
      expiresAt: z.number().int(),
    })
    .nullable(),
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

/**
 * How the desk spots a dead call (setting `softphone.callWatch`, each field optional): the silence
 * watch on inbound RTP and RFC 4028 session timers. Interval fields are SIP seconds.
 */
export const callWatchSchema = z.strictObject({
  /** No inbound RTP this long (nobody holding) → the agent is warned (对方可能已挂断). */
  silenceSeconds: z.number().int().min(3).max(600).optional(),
  /** … and the call ends this long after the warning unless the agent keeps it. */
  silenceGraceSeconds: z.number().int().min(3).max(300).optional(),
  /** Session-Expires we ask for (our INVITEs) or offer (a caller supporting timers without one). */
  sessionExpiresSeconds: z.number().int().min(90).max(86_400).optional(),
  /** Our Min-SE: a shorter interval from a caller that supports timers gets 422. */
  minSessionExpiresSeconds: z.number().int().min(90).max(86_400).optional(),
});
export type CallWatchSettings = z.infer<typeof callWatchSchema>;

/** Inbound RTP of one call leg as the media side's getStats() saw it (with each heartbeat). */
export const inboundStatsSchema = z.strictObject({
  callId: z.string().min(1).max(64),
  /** RTCInboundRtpStreamStats.packetsReceived so far. */
  packets: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  /** RTCInboundRtpStreamStats.audioLevel (0–1), where the media side has it. */
  level: z.number().min(0).max(1).optional(),
});
export type InboundStats = z.infer<typeof inboundStatsSchema>;

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
  /** The normalised national number (shared/common/phone.ts); '' when the caller withheld it. */
  remoteNumber: z.string(),
  /** What the PBX presented, when it differed from the normalised number. */
  remoteNumberRaw: z.string().nullable(),
  remoteName: z.string().nullable(),
  /** The customer the call is tied to (the screen pop's, or the one the agent picked). */
  customerId: z.string().nullable(),
  customerName: z.string().nullable(),
  /** Waybills the agent opened during the call or its after-call work. */
  waybillNumbers: z.array(z.string()),
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
  /** The desk filed the disposition (timed ACW ran out, or no ACW): shown as 自动归类. */
  autoClassified: z.boolean(),
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
  /**
   * Saves the signed-in agent's own SIP account (password sealed at rest) and (re)registers. A lead
   * always may; an agent unless the lead turned self-service off (ADR 0011).
   */
  'softphone.configure': { args: sipAccountArgs, result: sipHealthSchema },
  // per-agent SIP accounts (ADR 0011)
  /** The signed-in agent's own account (no password) and whether they may change it. */
  'softphone.myAccount': {
    args: noArgs,
    result: z.strictObject({
      account: sipAccountViewSchema.nullable(),
      canConfigure: z.boolean(),
      readyRequiresPhone: z.boolean(),
    }),
  },
  /** Leads only: every agent with their account (no passwords), and the desk's rules. */
  'softphone.accounts': {
    args: noArgs,
    result: z.strictObject({
      agents: z.array(agentSipAccountSchema),
      policy: sipAccountPolicySchema,
    }),
  },
  /** Leads only: assigns or changes an agent's account (audited). */
  'softphone.assignAccount': { args: assignSipAccountArgs, result: agentSipAccountSchema },
  /** Leads only: removes an agent's account (audited); signed in here, they are unregistered. */
  'softphone.removeAccount': { args: z.strictObject({ agentId }), result: agentSipAccountSchema },
  /** Leads only: changes the desk's softphone rules (audited). */
  'softphone.setAccountPolicy': {
    args: sipAccountPolicySchema.partial(),
    result: sipAccountPolicySchema,
  },
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
  /** The agent keeps a call the silence watch flagged (对方可能已挂断): it is not ended. */
  'call.keep': { args: z.strictObject({ callId }), result: softphoneViewSchema },
  'call.dial': { args: z.strictObject({ number: dialInput }), result: softphoneViewSchema },
  /** Click-to-dial a waybill's sender or receiver; the number stays masked on screen. */
  'call.dialParty': {
    args: z.strictObject({
      waybillId: z.string().min(1).max(64),
      party: z.enum(['sender', 'receiver']),
    }),
    result: softphoneViewSchema,
  },
  /** Ties the live or just-ended call to one of the customers on the caller's number. */
  'call.linkCustomer': {
    args: z.strictObject({ callId, customerId: z.string().min(1).max(64) }),
    result: softphoneViewSchema,
  },
  'call.history': {
    args: z.strictObject({ limit: z.number().int().min(1).max(200).default(50) }),
    result: z.array(callRecordSchema),
  },
  'acw.extend': { args: noArgs, result: softphoneViewSchema },
  /**
   * Ends ACW with the agent's disposition. `next` is where the agent goes — unless they picked a
   * state for after the call (the session's `afterCall`, 本通话后), which wins and is used up.
   */
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
  'media.heartbeat': {
    args: z.strictObject({
      owner: z.string().max(64),
      /** Each open leg's inbound RTP (a call and its consult leg: at most a few). */
      inbound: z.array(inboundStatsSchema).max(4).optional(),
    }),
    result: z.null(),
  },
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
