/**
 * The shift handover book (业务交接本, docs/DOMAIN.md §1 item 9): at shift end the console compiles
 * the agent's open items (call-backs, complaints with clocks due, problem parcels, orders not yet
 * delivered) and the agent adds what only they know (system problems, incidents). Signing out with
 * open items and no handover is refused unless a lead overrides it with a reason. The next shift's
 * agent of the same team acknowledges each item (accepting moves ownership — 首问责任制 hands over
 * formally); the lead comments, reassigns and signs off. Signed handovers are read-only; a
 * correction is a new entry pointing at the one it corrects.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { figuresSchema } from '../metrics/contract';
import { anomalyKinds } from '../waybills/anomalies';

/** What an item links to: a record of another domain, or a free item the agent wrote. */
export const handoverItemKinds = [
  'callback',
  'complaint',
  'parcel',
  'order',
  'incident',
  'system_problem',
  'other',
] as const;
export type HandoverItemKind = (typeof handoverItemKinds)[number];
/** The kinds an agent may add by hand (the others are compiled from their records). */
export const freeItemKinds = ['incident', 'system_problem', 'other'] as const;
export type FreeItemKind = (typeof freeItemKinds)[number];

export const urgencies = ['red', 'amber', 'blue'] as const;
export type Urgency = (typeof urgencies)[number];

/** Why a compiled item is not finished (the renderer says it in the agent's language). */
export const pendingReasons = [
  'callback_due',
  'callback_overdue',
  'complaint_clock',
  'parcel_announce',
  'parcel_sender_reply',
  'parcel_other',
  'order_queued',
  'order_refused',
  'free',
] as const;
export type PendingReason = (typeof pendingReasons)[number];

export const ackStates = ['pending', 'accepted', 'queried'] as const;
export type AckState = (typeof ackStates)[number];

export const handoverStatuses = ['submitted', 'signed'] as const;

const id = z.string().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);

/** An item as compiled (not stored yet): `key` names it for removal in `handover.submit`. */
export const compiledItemSchema = z.strictObject({
  key: z.string(),
  kind: z.enum(handoverItemKinds),
  refId: z.string().nullable(),
  urgency: z.enum(urgencies),
  reason: z.enum(pendingReasons),
  /** The anomaly behind a problem-parcel item. */
  anomaly: z.enum(anomalyKinds).nullable(),
  /** The deadline or due time the urgency comes from. */
  dueAt: z.number().int().nullable(),
  /** What it is about, as written by whoever opened it (a reason, an order's goods, …). */
  title: z.string(),
  customer: z.string().nullable(),
  waybill: z.string().nullable(),
  /** A 重大/特大 complaint (or incident): the lead signs off only with a note. */
  major: z.boolean(),
});
export type CompiledItem = z.infer<typeof compiledItemSchema>;

const person = z.strictObject({ id: z.string(), name: z.string(), employeeNo: z.string() });

export const handoverItemSchema = compiledItemSchema.extend({
  id: z.string(),
  major: z.boolean(),
  /** Removed by the author (kept for the record, with the reason). */
  removedReason: z.string().nullable(),
  ack: z.enum(ackStates),
  ackComment: z.string().nullable(),
  ackBy: person.nullable(),
  ackAt: z.number().int().nullable(),
  /** Set by a lead's reassignment; otherwise the handover's receiver acknowledges the item. */
  assignee: person.nullable(),
  leadComment: z.string().nullable(),
  /** Ownership moved to the acknowledging agent (call-backs, tickets). */
  transferred: z.boolean(),
});
export type HandoverItem = z.infer<typeof handoverItemSchema>;

/** The shift's figures when it was handed over (null: no metrics source — shown as 暂无数据). */
export const shiftSnapshotSchema = figuresSchema.nullable();

export const handoverSchema = z.strictObject({
  id: z.string(),
  shiftId: z.string(),
  team: z.string(),
  author: person,
  shiftStartedAt: z.number().int(),
  submittedAt: z.number().int(),
  note: z.string(),
  metrics: shiftSnapshotSchema,
  status: z.enum(handoverStatuses),
  receiver: person.nullable(),
  signedBy: person.nullable(),
  signedAt: z.number().int().nullable(),
  signNote: z.string().nullable(),
  /** The signed handover this entry corrects. */
  correctsId: z.string().nullable(),
  items: z.array(handoverItemSchema),
});
export type Handover = z.infer<typeof handoverSchema>;

/** One line of a list: how old it is and how far its acknowledgement got. */
export const handoverLineSchema = z.strictObject({
  id: z.string(),
  author: person,
  team: z.string(),
  shiftStartedAt: z.number().int(),
  submittedAt: z.number().int(),
  status: z.enum(handoverStatuses),
  items: z.number().int(),
  pending: z.number().int(),
  queried: z.number().int(),
  ageMs: z.number().int(),
  correctsId: z.string().nullable(),
});
export type HandoverLine = z.infer<typeof handoverLineSchema>;

export const compiledSchema = z.strictObject({
  shiftId: z.string(),
  shiftStartedAt: z.number().int(),
  items: z.array(compiledItemSchema),
  metrics: shiftSnapshotSchema,
  /** This shift's handover, once submitted. */
  handover: handoverSchema.nullable(),
  /** A lead allowed this shift to sign out without a handover. */
  overridden: z.boolean(),
  /**
   * Keys of the compiled items no handover of the shift carries (the original or a correction;
   * removed items count as handed over). With a handover written, these are the items that came
   * up after it: sign-out is refused until they are in the book (`handover.addCompiled`).
   */
  notInBook: z.array(z.string()),
});
export type Compiled = z.infer<typeof compiledSchema>;

const freeItem = z.strictObject({
  kind: z.enum(freeItemKinds),
  text: text(500),
  urgency: z.enum(urgencies),
  /** A 重大 incident: the lead cannot sign off without a note while it is in the book. */
  major: z.boolean(),
});
export type FreeItem = z.infer<typeof freeItem>;

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const historyQuerySchema = z.strictObject({
  /** 工号 or name (part of it). */
  agent: z.string().trim().max(32).nullable(),
  from: day.nullable(),
  to: day.nullable(),
  shiftId: id.nullable(),
  customer: z.string().trim().max(64).nullable(),
  waybill: z.string().trim().max(32).nullable(),
});
export type HistoryQuery = z.infer<typeof historyQuerySchema>;

export const openShiftSchema = z.strictObject({
  shiftId: z.string(),
  agent: person,
  startedAt: z.number().int(),
  handedOver: z.boolean(),
  overridden: z.boolean(),
  /**
   * How many of the shift's open items no handover of it carries, as main compiles them now: all
   * of them before a handover is written; after it, those that came up since. What holds the
   * sign-out (unless `overridden`).
   */
  notInBook: z.number().int().nonnegative(),
});

export const handoverRequests = defineRequests({
  /** The signed-in agent's open items for this shift, and its handover if submitted. */
  'handover.compile': { args: z.strictObject({}), result: compiledSchema },
  /**
   * Writes the handover of the signed-in agent's shift: the compiled items less the removed ones
   * (each with its reason), plus the agent's own items and note. A correction of a signed one
   * names it in `correctsId`.
   */
  'handover.submit': {
    args: z.strictObject({
      note: z.string().trim().max(2000),
      removed: z.array(z.strictObject({ key: z.string().min(1).max(200), reason: text(200) })),
      added: z.array(freeItem).max(50),
      correctsId: id.nullable(),
    }),
    result: handoverSchema,
  },
  /** The author adds an item to a handover not yet signed. */
  'handover.addItem': {
    args: z.strictObject({ handoverId: id, item: freeItem }),
    result: handoverSchema,
  },
  /**
   * The author puts compiled items that came up after the handover into the book: into the
   * shift's handover while it is unsigned, else into a correction of the signed one (an unsigned
   * correction of the shift gets them, or a new one is written). Returns the entry that got them.
   * `all`: every open item missing from the book when main looks (the console sends this, so an
   * item closed meanwhile or a long list cannot block the sign-out); `keys`: just those.
   */
  'handover.addCompiled': {
    args: z.union([
      z.strictObject({ keys: z.array(z.string().min(1).max(200)).min(1).max(100) }),
      z.strictObject({ all: z.literal(true) }),
    ]),
    result: handoverSchema,
  },
  /** The author removes an item from a handover not yet signed (a reason is required). */
  'handover.removeItem': {
    args: z.strictObject({ itemId: id, reason: text(200) }),
    result: handoverSchema,
  },
  'handover.get': { args: z.strictObject({ id }), result: handoverSchema },
  /** Handovers of my team waiting for my acknowledgement. */
  'handover.awaitingMe': { args: z.strictObject({}), result: z.array(handoverLineSchema) },
  /** Accept an item (ownership moves to me) or query it with a comment. */
  'handover.acknowledge': {
    args: z
      .strictObject({
        itemId: id,
        decision: z.enum(['accept', 'query']),
        comment: z.string().trim().max(500).nullable(),
      })
      .refine((a) => a.decision === 'accept' || (a.comment ?? '') !== '', {
        path: ['comment'],
        message: 'required',
      }),
    result: handoverSchema,
  },
  /** Leads: handovers not yet acknowledged or signed, oldest first, with their age. */
  'handover.open': { args: z.strictObject({}), result: z.array(handoverLineSchema) },
  /** Leads: a comment on one item. */
  'handover.comment': {
    args: z.strictObject({ itemId: id, comment: text(500) }),
    result: handoverSchema,
  },
  /** Leads: give one item to another agent of the team (who then acknowledges it). */
  'handover.reassign': {
    args: z.strictObject({ itemId: id, agentId: id }),
    result: handoverSchema,
  },
  /** Leads: sign the handover off (a note is required while a 重大 incident is in it). */
  'handover.signOff': {
    args: z.strictObject({ id, note: z.string().trim().max(1000).nullable() }),
    result: handoverSchema,
  },
  /** Leads: the team's open shifts, to allow a sign-out without a handover. */
  'handover.openShifts': { args: z.strictObject({}), result: z.array(openShiftSchema) },
  /** Leads: let this shift sign out without a handover (audited with the reason). */
  'handover.overrideSignOut': {
    args: z.strictObject({ shiftId: id, reason: text(200) }),
    result: openShiftSchema,
  },
  /** Agents of the team, for the lead's reassignment. */
  'handover.team': { args: z.strictObject({}), result: z.array(person) },
  /** Search the book (read-only; kept at least two years, never deleted). */
  'handover.history': {
    args: historyQuerySchema,
    result: z.array(handoverLineSchema),
  },
});

export const handoverEvents = defineEvents({
  /** A handover was written, acknowledged, commented, reassigned or signed off. */
  'handover.changed': z.strictObject({ id: z.string() }),
});

export type HandoverHandlers = HandlersOf<typeof handoverRequests>;
