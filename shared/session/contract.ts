/**
 * The session domain's contract: the desk itself, sign-in and the agent's states (示闲/示忙/小休 …).
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { breakReasons, notReadyReasons } from './agent-state';

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

/** A pick for after the call (本通话后): 示闲, 示忙 or 小休 with a reason, or sign-out. */
export const afterCallSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('ready') }),
  z.strictObject({ status: z.literal('not_ready'), reason: z.enum(notReadyReasons) }),
  z.strictObject({ status: z.literal('break'), reason: z.enum(breakReasons) }),
  z.strictObject({ status: z.literal('offline') }),
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
  /**
   * What the agent picked during the call for when it and its after-call work end (本通话后),
   * absent when nothing is picked. Kept on the shift row, so it outlives a reload of the console.
   */
  afterCall: afterCallSchema.optional(),
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

export const sessionRequests = defineRequests({
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
  /**
   * Signs out now (null), or — while a call rings, is talked or wrapped up — once the call and its
   * after-call work end: the session comes back with `afterCall` sign-out.
   */
  'auth.signOut': { args: noArgs, result: sessionSchema.nullable() },
  /** The agent's pick; while a call is under way it waits for the call's end (`afterCall`). */
  'agent.setState': {
    args: z.strictObject({ target: agentStateSchema }),
    result: sessionSchema,
  },
  /** Drops the pick made for after the call (nothing picked: the session as it is). */
  'agent.cancelAfterCall': { args: noArgs, result: sessionSchema },
  'agent.stateLog': {
    args: z.strictObject({ limit: z.number().int().min(1).max(500).default(100) }),
    result: z.array(stateLogEntrySchema),
  },
});

export const sessionEvents = defineEvents({
  /** The desk's signed-in session changed (sign-in, sign-out, or state change). */
  'session.changed': sessionSchema.nullable(),
});

export type SessionHandlers = HandlersOf<typeof sessionRequests>;
