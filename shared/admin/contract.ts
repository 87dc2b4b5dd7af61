/**
 * The admin domain's contract: the shift lead's administration area (issue #12). Leads only — an
 * agent gets FORBIDDEN on every request here; every change is audited.
 *
 * The after-call-work policy (`acw.policy` / `acw.setPolicy`) and the per-agent SIP accounts
 * (`softphone.accounts` …) stay the softphone's requests; the admin area uses them as they are.
 */
import { z } from 'zod';
import type { HandlersOf } from '../common/contract-kit';
import { defineEvents, defineRequests } from '../common/contract-kit';
import { roleSchema } from '../session/contract';
import { HOLIDAY_IMPORT_MAX_CHARS, holidayImportFormats } from './holiday-import';
import { PASSWORD_MAX, agentNameSchema, employeeNoSchema, teamSchema } from './rules';

const password = z.string().max(PASSWORD_MAX, { message: 'password_length' });

const agentId = z.string().min(1).max(64);
const noArgs = z.strictObject({});

/** An agent as the lead's list shows them (never the password hash). */
export const adminAgentSchema = z.strictObject({
  id: z.string(),
  employeeNo: z.string(),
  name: z.string(),
  role: roleSchema,
  team: z.string(),
  active: z.boolean(),
  /** Epoch ms until which sign-in is refused after repeated failures; null: not locked out. */
  lockedUntil: z.number().int().nullable(),
  /** Consecutive wrong passwords since the last successful sign-in or lockout. */
  failedAttempts: z.number().int(),
  createdAt: z.number().int(),
});
export type AdminAgent = z.infer<typeof adminAgentSchema>;

/**
 * The audit log's actions the console can name (every action the core writes today). Rows with
 * another action (a newer feature's) are shown as "other action", never by their raw key.
 */
export const auditActions = [
  'sign_in',
  'sign_in_failed',
  'account_locked',
  'sign_out',
  'shift_recovered',
  'reveal_phone',
  'create_customer',
  'sip_account_assigned',
  'sip_account_removed',
  'sip_account_policy_changed',
  'agent_created',
  'agent_deactivated',
  'agent_reactivated',
  'agent_password_reset',
  'agent_unlocked',
  'tracking_source_changed',
  'sip_account_migrated',
  'sip_account_dropped',
  'acw_policy',
  'order_submit',
  'order_amend',
  'register_export',
  'rate_table_loaded',
  'queue_log_import',
  'metrics_export',
  'callback_promise',
  'callback_close',
  'callback_transfer',
  'handover_submit',
  'handover_item_added',
  'handover_compiled_added',
  'handover_item_removed',
  'handover_acknowledge',
  'handover_comment',
  'handover_reassign',
  'handover_sign_off',
  'handover_sign_out_override',
  'script_published',
  'script_rolled_back',
  'script_shipped',
  'script_shipped_pending',
  'complaint_escalated',
  'complaint_handed_over',
  'complaint_lead_action',
  'complaint_summary_export',
  'complaint_rules_changed',
  'letterhead_changed',
  'holiday_schedule_imported',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** A detail value as shown: text (phone numbers already masked by main), number or yes/no. */
const detailValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const auditEntrySchema = z.strictObject({
  id: z.string(),
  at: z.number().int(),
  /** Who did it (null: nobody signed in, e.g. a sign-in with an unknown 工号, or a start-up). */
  actor: z.strictObject({ employeeNo: z.string(), name: z.string() }).nullable(),
  /** One of `auditActions`, or null for an action this console does not know. */
  action: z.enum(auditActions).nullable(),
  /** What it was done to: an agent (工号 + name), or a text such as a waybill number; null if internal. */
  subject: z
    .discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('agent'), employeeNo: z.string(), name: z.string() }),
      z.strictObject({ kind: z.literal('text'), text: z.string() }),
    ])
    .nullable(),
  /** The details worth reading (phone numbers masked, internal ids left out), in stored order. */
  detail: z.array(z.strictObject({ key: z.string(), value: detailValueSchema })),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

/** `tracking.kuaidi100` as the lead sees it: never the key itself, only whether one is stored. */
export const trackingSourceViewSchema = z.strictObject({
  kuaidi100: z
    .strictObject({ url: z.string(), customer: z.string(), keySet: z.boolean() })
    .nullable(),
});
export type TrackingSourceView = z.infer<typeof trackingSourceViewSchema>;

export const trackingSourceArgs = z.discriminatedUnion('kind', [
  /** Only the desk's own mirror: the carrier API setting is removed. */
  z.strictObject({ kind: z.literal('mirror') }),
  z.strictObject({
    kind: z.literal('kuaidi100'),
    url: z.url({ protocol: /^https?$/, message: 'url_format' }).max(500, { message: 'url_format' }),
    customer: z
      .string()
      .trim()
      .min(1, { message: 'customer_length' })
      .max(100, { message: 'customer_length' }),
    /** Left out: the stored key is kept (required when none is stored yet). */
    key: z
      .string()
      .trim()
      .min(1, { message: 'key_length' })
      .max(200, { message: 'key_length' })
      .optional(),
  }),
]);
export type TrackingSourceArgs = z.infer<typeof trackingSourceArgs>;

const yearSpan = z.strictObject({ first: z.number().int(), last: z.number().int() });

/** The holiday and 调休 schedule the desk's working-day deadlines are computed on. */
export const holidayScheduleViewSchema = z.strictObject({
  /** The years the shipped `chinese-days` package carries. */
  packaged: yearSpan,
  /** Years a lead imported (they replace the package's own, if it has them), ascending. */
  imported: z.array(z.number().int()),
  /** When and by whom the last import was made; null: never. */
  lastImport: z
    .strictObject({ at: z.number().int(), employeeNo: z.string(), name: z.string() })
    .nullable(),
  /** What an import may hold now: this year and the next. */
  importable: yearSpan,
  /**
   * The years without a schedule that an open deadline can fall in: from today to the end of the
   * longest working-day clock started today (`horizon`). Not empty → the lead is warned.
   */
  uncovered: z.array(z.number().int()),
  /** Epoch ms: 60 working days from now, the longest working-day clock (DOMAIN §5). */
  horizon: z.number().int(),
});
export type HolidayScheduleView = z.infer<typeof holidayScheduleViewSchema>;

export const holidayImportArgs = z.strictObject({
  format: z.enum(holidayImportFormats),
  text: z
    .string()
    .min(1, { message: 'schedule_format' })
    .max(HOLIDAY_IMPORT_MAX_CHARS, { message: 'schedule_too_large' }),
  /** The notice's year when its title was not pasted (official text only). */
  year: z.number().int().min(2000).max(2100).optional(),
});

export const AUDIT_PAGE_SIZE_MAX = 100;

export const auditQueryArgs = z
  .strictObject({
    /** Rows this agent did (the actor). */
    agentId: agentId.optional(),
    action: z.enum(auditActions).optional(),
    /** Epoch ms, inclusive. */
    from: z.number().int().min(0).optional(),
    /** Epoch ms, exclusive. */
    to: z.number().int().min(0).optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(AUDIT_PAGE_SIZE_MAX).default(20),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from < q.to, {
    message: 'date_range',
    path: ['to'],
  });

export const adminRequests = defineRequests({
  /** Leads only: the team, leads and agents, active and deactivated. */
  'admin.agents': { args: noArgs, result: z.array(adminAgentSchema) },
  /** Leads only: a new agent who can sign in with this password at once (audited). */
  'admin.addAgent': {
    args: z.strictObject({
      employeeNo: employeeNoSchema,
      name: agentNameSchema,
      role: roleSchema,
      team: teamSchema,
      password,
    }),
    result: adminAgentSchema,
  },
  /**
   * Leads only: deactivate (cannot sign in) or reactivate an agent (audited). A lead cannot
   * deactivate themselves.
   */
  'admin.setAgentActive': {
    args: z.strictObject({ agentId, active: z.boolean() }),
    result: adminAgentSchema,
  },
  /** Leads only: sets a temporary password the lead hands over; also lifts a lockout (audited). */
  'admin.resetPassword': {
    args: z.strictObject({ agentId, password }),
    result: adminAgentSchema,
  },
  /** Leads only: lifts a sign-in lockout and clears the failed attempts (audited). */
  'admin.unlockAgent': { args: z.strictObject({ agentId }), result: adminAgentSchema },
  /** Leads only: where live tracking comes from (setting `tracking.kuaidi100`). */
  'admin.trackingSource': { args: noArgs, result: trackingSourceViewSchema },
  /** Leads only: changes it (audited, never the key); used from the next start of the desk. */
  'admin.setTrackingSource': { args: trackingSourceArgs, result: trackingSourceViewSchema },
  /** Leads only: the holiday schedule's coverage, and the years deadlines may reach uncovered. */
  'admin.holidaySchedule': { args: noArgs, result: holidayScheduleViewSchema },
  /**
   * Leads only: imports a year's schedule (the package's JSON or the State Council's notice as
   * text) into `desk.holidaySchedule` (audited). Refused entry by entry, nothing stored.
   */
  'admin.importHolidaySchedule': { args: holidayImportArgs, result: holidayScheduleViewSchema },
  /** Leads only: the audit log, newest first, one page at a time. */
  'admin.auditLog': {
    args: auditQueryArgs,
    result: z.strictObject({
      entries: z.array(auditEntrySchema),
      total: z.number().int(),
      page: z.number().int(),
      pageSize: z.number().int(),
    }),
  },
});

export const adminEvents = defineEvents({});

export type AdminHandlers = HandlersOf<typeof adminRequests>;
