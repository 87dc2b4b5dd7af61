/**
 * The shift lead's administration (issue #12): the team's accounts, the desk's tracking source and
 * the audit log. Every request is for a signed-in lead (an agent gets FORBIDDEN); every change is
 * written together with its audit row, in one transaction.
 *
 * Decisions:
 * - Deactivating: the agent cannot sign in (sign-in answers ACCOUNT_DISABLED); nothing else of
 *   theirs changes (shifts, calls, SIP account stay for the records). A desk holds one session and
 *   the lead is it, and a lead cannot deactivate themselves, so no signed-in session is ever cut.
 * - Resetting a password: the lead sets a temporary password and hands it over; the failed attempts
 *   and any lockout go with the old password. There is no forced change at next sign-in: the
 *   console has no self-service password change for it to lead to (sign-in belongs to the session
 *   feature); the reset is audited so a lead can see who set which account's password when.
 * - Unlocking clears the lockout the way a successful sign-in does (failed attempts 0, no
 *   `locked_until`).
 * - The tracking source is read when the desk starts (the waybills feature): a change applies from
 *   the next start. The Kuaidi100 key is never sent back to the console, only whether one is set.
 */
import { z } from 'zod';
import type {
  AdminAgent,
  AuditAction,
  AuditEntryView,
  HolidayScheduleView,
  RequestResult,
  Role,
  TrackingSourceArgs,
  TrackingSourceView,
} from '@shared/contract';
import { auditActions } from '@shared/contract';
import type { AdminIssueCode } from '@shared/admin/rules';
import { maskPhonesIn, passwordProblems } from '@shared/admin/rules';
import type { HolidayImportFormat } from '@shared/admin/holiday-import';
import {
  importableYears,
  mergeScheduleData,
  parseHolidayImport,
} from '@shared/admin/holiday-import';
import {
  addWorkingDays,
  holidayScheduleSchema,
  localParts,
  uncoveredYears,
} from '@shared/common/calendar';
import { packagedSchedule } from '@shared/common/official-holidays';
import { ContractError } from '@shared/common/errors';
import { maskPhone } from '@shared/common/format';
import type { AuditRepo } from '../../platform/audit-repo';
import type { Db } from '../../platform/db/database';
import type { DeskCalendarView } from '../../platform/desk-calendar';
import { HOLIDAY_SCHEDULE_SETTING } from '../../platform/desk-calendar';
import type { Clock, IdFactory, Logger } from '../../platform/ports';
import type { SettingsRepo } from '../../platform/settings-repo';
import type { DeskSessionService } from '../session';
import type { AdminAgentRow, AdminRepo, AuditPageRow } from './admin-repo';

export const TRACKING_SETTING = 'tracking.kuaidi100';
/** The imported years of the holiday schedule, read by the features that compute deadlines. */
/** The longest working-day clock a desk runs (DOMAIN §5: result and payout ≤ 60 working days). */
export const LONGEST_CLOCK_WORKING_DAYS = 60;

/** The stored shape of `tracking.kuaidi100`, as the waybills feature reads it at start. */
const storedKuaidi100Schema = z.strictObject({
  url: z.url(),
  customer: z.string().min(1),
  key: z.string().min(1),
});

export interface AdminDeps {
  db: Db;
  repo: AdminRepo;
  settings: SettingsRepo;
  audit: AuditRepo;
  session: DeskSessionService;
  clock: Clock;
  newId: IdFactory;
  logger: Logger;
  /** The desk's time zone (which year "this year" is). */
  timeZone: string;
  /** The working calendar deadlines are counted on (the platform's; imports apply at once). */
  calendar: () => DeskCalendarView;
  hashPassword(password: string): Promise<string>;
}

type AuditPage = RequestResult<'admin.auditLog'>;

export class AdminService {
  constructor(private readonly deps: AdminDeps) {}

  agents(): AdminAgent[] {
    this.requireLead();
    const now = this.deps.clock.now();
    return this.deps.repo.agents().map((r) => toAdminAgent(r, now));
  }

  async addAgent(input: {
    employeeNo: string;
    name: string;
    role: Role;
    team: string;
    password: string;
  }): Promise<AdminAgent> {
    const lead = this.requireLead();
    const { repo } = this.deps;
    const problems: { path: string; message: AdminIssueCode }[] = [];
    if (repo.employeeNoTaken(input.employeeNo))
      problems.push({ path: 'employeeNo', message: 'employee_no_taken' });
    for (const p of passwordProblems(input.password, input.employeeNo))
      problems.push({ path: 'password', message: p });
    if (problems.length > 0) throw badArgument('admin.addAgent', problems);
    const hash = await this.deps.hashPassword(input.password);
    const id = this.deps.newId();
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      // Asked again inside the transaction: another request may have taken it while hashing.
      if (repo.employeeNoTaken(input.employeeNo))
        throw badArgument('admin.addAgent', [{ path: 'employeeNo', message: 'employee_no_taken' }]);
      repo.insertAgent({
        id,
        employee_no: input.employeeNo,
        name: input.name,
        role: input.role,
        team: input.team,
        password_hash: hash,
        created_at: now,
      });
      this.audit(lead.id, 'agent_created', id, {
        employeeNo: input.employeeNo,
        name: input.name,
        role: input.role,
        team: input.team,
      });
    });
    this.deps.logger.info('agent created', { employeeNo: input.employeeNo, by: lead.employeeNo });
    return this.agent(id);
  }

  setAgentActive(agentId: string, active: boolean): AdminAgent {
    const lead = this.requireLead();
    const row = this.requireAgent(agentId);
    if (!active && row.id === lead.id) {
      throw new ContractError('FORBIDDEN', 'A lead cannot deactivate their own account');
    }
    if ((row.disabled === 0) === active) return this.agent(agentId);
    this.deps.db.transaction(() => {
      this.deps.repo.setDisabled(agentId, !active);
      this.audit(lead.id, active ? 'agent_reactivated' : 'agent_deactivated', agentId, {
        employeeNo: row.employee_no,
      });
    });
    return this.agent(agentId);
  }

  async resetPassword(agentId: string, password: string): Promise<AdminAgent> {
    const lead = this.requireLead();
    const row = this.requireAgent(agentId);
    const problems = passwordProblems(password, row.employee_no);
    if (problems.length > 0)
      throw badArgument(
        'admin.resetPassword',
        problems.map((message) => ({ path: 'password', message })),
      );
    const hash = await this.deps.hashPassword(password);
    const now = this.deps.clock.now();
    this.deps.db.transaction(() => {
      const current = this.requireAgent(agentId);
      this.deps.repo.setPassword(agentId, hash);
      this.audit(lead.id, 'agent_password_reset', agentId, {
        employeeNo: current.employee_no,
        unlocked: isLocked(current, now),
      });
    });
    return this.agent(agentId);
  }

  unlock(agentId: string): AdminAgent {
    const lead = this.requireLead();
    const row = this.requireAgent(agentId);
    const now = this.deps.clock.now();
    if (!isLocked(row, now) && row.failed_attempts === 0) {
      throw new ContractError('ILLEGAL_TRANSITION', `Agent ${row.employee_no} is not locked out`);
    }
    this.deps.db.transaction(() => {
      this.deps.repo.unlock(agentId);
      this.audit(lead.id, 'agent_unlocked', agentId, {
        employeeNo: row.employee_no,
        lockedUntil: isLocked(row, now) ? row.locked_until : null,
        failedAttempts: row.failed_attempts,
      });
    });
    return this.agent(agentId);
  }

  trackingSource(): TrackingSourceView {
    this.requireLead();
    return this.trackingView();
  }

  setTrackingSource(args: TrackingSourceArgs): TrackingSourceView {
    const lead = this.requireLead();
    const { settings, repo, db, clock } = this.deps;
    const now = clock.now();
    if (args.kind === 'mirror') {
      db.transaction(() => {
        repo.deleteSetting(TRACKING_SETTING);
        this.audit(lead.id, 'tracking_source_changed', null, { source: 'mirror' });
      });
      return this.trackingView();
    }
    const stored = this.storedKuaidi100();
    const key = args.key ?? stored?.key;
    if (key === undefined) {
      throw badArgument('admin.setTrackingSource', [{ path: 'key', message: 'key_required' }]);
    }
    const value = storedKuaidi100Schema.parse({ url: args.url, customer: args.customer, key });
    db.transaction(() => {
      settings.set(TRACKING_SETTING, JSON.stringify(value), now);
      this.audit(lead.id, 'tracking_source_changed', null, {
        source: 'kuaidi100',
        url: value.url,
        customer: value.customer,
        keyChanged: args.key !== undefined && args.key !== stored?.key,
      });
    });
    return this.trackingView();
  }

  holidaySchedule(): HolidayScheduleView {
    this.requireLead();
    return this.holidayView();
  }

  /**
   * Checks the whole input first and stores nothing if any entry is wrong (BAD_ARGUMENT, each issue
   * naming its entry); else the imported years replace the same years of the stored schedule.
   */
  importHolidaySchedule(args: {
    format: HolidayImportFormat;
    text: string;
    year?: number | undefined;
  }): HolidayScheduleView {
    const lead = this.requireLead();
    const { settings, db, clock, logger, timeZone } = this.deps;
    const now = clock.now();
    const thisYear = localParts(now, timeZone).year;
    const outcome = parseHolidayImport(args.format, args.text, thisYear, args.year);
    if (!outcome.ok) throw badArgument('admin.importHolidaySchedule', outcome.issues);
    const stored = settings.getParsed(HOLIDAY_SCHEDULE_SETTING, holidayScheduleSchema, logger);
    const next = holidayScheduleSchema.parse(
      mergeScheduleData(stored, outcome.data, outcome.years),
    );
    db.transaction(() => {
      settings.set(HOLIDAY_SCHEDULE_SETTING, JSON.stringify(next), now);
      this.audit(lead.id, 'holiday_schedule_imported', null, {
        format: args.format,
        years: outcome.years.join('、'),
        holidays: Object.keys(outcome.data.holidays).length,
        workdays: Object.keys(outcome.data.workdays).length,
      });
    });
    logger.info('holiday schedule imported', { years: outcome.years, by: lead.employeeNo });
    return this.holidayView();
  }

  auditLog(q: {
    agentId?: string | undefined;
    action?: string | undefined;
    from?: number | undefined;
    to?: number | undefined;
    page: number;
    pageSize: number;
  }): AuditPage {
    this.requireLead();
    if (q.agentId !== undefined) this.requireAgent(q.agentId);
    const { rows, total } = this.deps.repo.auditPage(
      {
        ...(q.agentId !== undefined && { actorId: q.agentId }),
        ...(q.action !== undefined && { action: q.action }),
        ...(q.from !== undefined && { from: q.from }),
        ...(q.to !== undefined && { to: q.to }),
      },
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    return { entries: rows.map(toAuditView), total, page: q.page, pageSize: q.pageSize };
  }

  /** The signed-in lead; UNAUTHENTICATED with nobody signed in, FORBIDDEN for an agent. */
  private requireLead() {
    const session = this.deps.session.requireSession();
    if (session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', 'Only a shift lead can use the administration');
    }
    return session.agent;
  }

  private requireAgent(agentId: string): AdminAgentRow {
    const row = this.deps.repo.agent(agentId);
    if (!row) throw new ContractError('NOT_FOUND', `No agent ${agentId.slice(0, 64)}`);
    return row;
  }

  private agent(id: string): AdminAgent {
    return toAdminAgent(this.requireAgent(id), this.deps.clock.now());
  }

  private storedKuaidi100(): z.output<typeof storedKuaidi100Schema> | undefined {
    return this.deps.settings.getParsed(TRACKING_SETTING, storedKuaidi100Schema, this.deps.logger);
  }

  private trackingView(): TrackingSourceView {
    const stored = this.storedKuaidi100();
    return {
      kuaidi100: stored ? { url: stored.url, customer: stored.customer, keySet: true } : null,
    };
  }

  private holidayView(): HolidayScheduleView {
    const now = this.deps.clock.now();
    const { calendar, importedYears: imported } = this.deps.calendar();
    const horizon = addWorkingDays(now, LONGEST_CLOCK_WORKING_DAYS, calendar);
    const thisYear = localParts(now, calendar.timeZone).year;
    const last = this.deps.repo.lastAudit('holiday_schedule_imported');
    return {
      packaged: {
        first: Math.min(...packagedSchedule.years),
        last: Math.max(...packagedSchedule.years),
      },
      imported,
      lastImport: last ? { at: last.at, employeeNo: last.employee_no, name: last.name } : null,
      importable: importableYears(thisYear),
      uncovered: uncoveredYears(now, localParts(horizon, calendar.timeZone).year, calendar),
      horizon,
    };
  }

  private audit(
    actorId: string,
    action: string,
    subject: string | null,
    detail: Record<string, unknown>,
  ): void {
    this.deps.audit.append({
      id: this.deps.newId(),
      at: this.deps.clock.now(),
      actorId,
      action,
      subject,
      detail,
    });
  }
}

function isLocked(row: AdminAgentRow, now: number): boolean {
  return row.locked_until !== null && row.locked_until > now;
}

function toAdminAgent(r: AdminAgentRow, now: number): AdminAgent {
  return {
    id: r.id,
    employeeNo: r.employee_no,
    name: r.name,
    role: r.role,
    team: r.team,
    active: r.disabled === 0,
    lockedUntil: isLocked(r, now) ? r.locked_until : null,
    failedAttempts: r.failed_attempts,
    createdAt: r.created_at,
  };
}

function badArgument(
  name: string,
  issues: { path: string; message: AdminIssueCode }[],
): ContractError {
  return new ContractError('BAD_ARGUMENT', `Invalid arguments for ${name}`, issues);
}

const uuidLike = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isInternalId = (value: string) => uuidLike.test(value);

/**
 * The actions whose text subject is for people: a 工号 typed at sign-in, a waybill or ticket
 * number, a day or month exported, an imported file's name. Every other text subject is an
 * internal key (a setting's, a script's, a rate table's) and never reaches the screen.
 */
const readableSubjects: ReadonlySet<AuditAction> = new Set<AuditAction>([
  'sign_in_failed',
  'account_locked',
  'reveal_phone',
  'register_export',
  'queue_log_import',
  'metrics_export',
  'complaint_escalated',
  'complaint_handed_over',
  'complaint_lead_action',
  'complaint_summary_export',
]);

function toAuditView(r: AuditPageRow): AuditEntryView {
  const action = (auditActions as readonly string[]).includes(r.action)
    ? (r.action as AuditEntryView['action'])
    : null;
  let subject: AuditEntryView['subject'] = null;
  if (r.subject_no !== null && r.subject_name !== null) {
    subject = { kind: 'agent', employeeNo: r.subject_no, name: r.subject_name };
  } else if (
    action !== null &&
    readableSubjects.has(action) &&
    r.subject !== null &&
    !isInternalId(r.subject)
  ) {
    // Only where the subject is written for people: others are keys (a setting's, a script's).
    subject = { kind: 'text', text: maskPhonesIn(r.subject) };
  }
  return {
    id: r.id,
    at: r.at,
    actor:
      r.actor_no !== null && r.actor_name !== null
        ? { employeeNo: r.actor_no, name: r.actor_name }
        : null,
    action,
    subject,
    detail: detailOf(r.detail),
  };
}

/** The scalar details of a row: phones masked (any key naming a phone is masked whole), ids left out. */
function detailOf(text: string | null): AuditEntryView['detail'] {
  if (text === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return [];
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return [];
  const out: AuditEntryView['detail'] = [];
  const add = (key: string, value: unknown) => {
    if (typeof value === 'string') {
      if (isInternalId(value)) return;
      // The company's own hotline (the letterhead) is no customer's number: the lead checks it.
      if (key.endsWith('.hotline')) return void out.push({ key, value });
      out.push({ key, value: /phone/i.test(key) ? maskPhone(value) : maskPhonesIn(value) });
    } else if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
      out.push({ key, value });
    }
  };
  /** A setting's value before or after a change, as `before.<path>` scalars (lists left out). */
  const flatten = (prefix: string, value: unknown) => {
    for (const [key, v] of Object.entries(value as object)) {
      if (isPlainObject(v)) flatten(`${prefix}.${key}`, v);
      else add(`${prefix}.${key}`, v);
    }
  };
  for (const [key, value] of Object.entries(parsed)) {
    if (key === 'before' || key === 'after') {
      const setting = typeof value === 'string' ? parseObject(value) : value;
      if (isPlainObject(setting)) {
        flatten(key, setting);
        continue;
      }
    }
    add(key, value);
  }
  return out;
}

const isPlainObject = (v: unknown): v is object =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function parseObject(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
