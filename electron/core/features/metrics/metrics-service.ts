/**
 * The figures of issue #16 as panels: an agent's own (today, this shift, the last 7 days, beside
 * the team and the targets), the lead's team view, the charts' series, and the shift snapshot the
 * handover book stores. Every read first folds in what changed since the last one
 * (`AgentDays.refresh`), then adds the open state spans up to now — the figures are exact.
 */
import { ContractError } from '@shared/common/errors';
import { localDate } from '@shared/common/calendar';
import type {
  Figures,
  Panel,
  QueueFiguresView,
  Series,
  Targets,
  TeamView,
} from '@shared/metrics/contract';
import { defaultTargets, maxRangeDays, targetsSchema } from '@shared/metrics/contract';
import { queueFigures } from '@shared/metrics/queue-log';
import type { MetricSums } from '@shared/metrics/sums';
import { addSpan, addSums, emptySums, figuresFromSums } from '@shared/metrics/sums';
import type { Session } from '@shared/session/contract';
import type { Db } from '../../platform/db/database';
import type { Clock, Logger } from '../../platform/ports';
import type { SettingsRepo } from '../../platform/settings-repo';
import type { DeskSessionService } from '../session';
import { AgentDays, addDays, dayStart, daysBetween } from './agent-days';
import type { AgentRow, MetricsRepo, OpenSpanRow } from './metrics-repo';

/** The complaints domain's count of tickets registered (null: the source is not wired). */
export type ComplaintsCount = (q: { agentIds?: string[]; from: number; to: number }) => number;

export interface MetricsServiceDeps {
  db: Db;
  repo: MetricsRepo;
  session: DeskSessionService;
  settings: SettingsRepo;
  clock: Clock;
  logger: Logger;
  timeZone: string;
  complaintsRegistered?: ComplaintsCount | null;
}

export interface Extras {
  complaints: number | null;
}

/** The contract's figures: the sums' figures and the other domains' ones. */
export function toFigures(s: MetricSums, extras: Extras, perAgent = 1): Figures {
  const f = figuresFromSums(s);
  const ratio = (n: number, d: number) => (d > 0 ? n / d : null);
  const each = (n: number) => n / perAgent;
  return {
    ...f,
    offered: each(f.offered),
    answered: each(f.answered),
    missed: each(f.missed),
    abandonedRinging: each(f.abandonedRinging),
    refused: each(f.refused),
    handled: each(f.handled),
    stateMs:
      perAgent === 1
        ? f.stateMs
        : (Object.fromEntries(
            Object.entries(f.stateMs).map(([k, v]) => [k, each(v)]),
          ) as Figures['stateMs']),
    adherence: null,
    ordersTaken: each(s.orders),
    orderAccuracy: ratio(s.ordersClean, s.orders),
    insuranceOfferRate: ratio(s.offerAnswered, s.offerEligible),
    insuranceTakeUp: ratio(s.offerAccepted, s.offerEligible),
    complaintsRegistered: extras.complaints === null ? null : each(extras.complaints),
    scriptCompliance: ratio(s.checkpointsMet, s.checkpointsRequired),
  };
}

export class MetricsService {
  readonly days: AgentDays;

  constructor(private readonly deps: MetricsServiceDeps) {
    this.days = new AgentDays(deps.db, deps.repo, deps.timeZone);
  }

  private get tz(): string {
    return this.deps.timeZone;
  }

  today(): string {
    return localDate(this.deps.clock.now(), this.tz);
  }

  targets(): Targets {
    return (
      this.deps.settings.getParsed('metrics.targets', targetsSchema, this.deps.logger) ??
      defaultTargets
    );
  }

  /** Adds the open state spans (counted up to now) of `agents` to their sums over [from, to). */
  private addOpen(
    sums: Map<string, MetricSums>,
    open: readonly OpenSpanRow[],
    from: number,
    to: number,
  ): void {
    const now = this.deps.clock.now();
    for (const o of open) {
      const s = sums.get(o.agent_id);
      if (!s) continue;
      addSpan(s, { status: o.status, from: o.started_at, to: null }, { from, to, now });
    }
  }

  private complaints(agentIds: string[] | undefined, from: number, to: number): number | null {
    const count = this.deps.complaintsRegistered;
    if (!count) return null;
    try {
      return count({ ...(agentIds && { agentIds }), from, to });
    } catch (err) {
      this.deps.logger.warn('complaints count failed; shown as no data', {
        error: err instanceof Error ? err.message : String(err),
      });
      return null;
    }
  }

  /** One agent's figures over a run of local days (stored sums + the open span). */
  agentRange(agentId: string, fromDay: string, toDay: string): Figures {
    this.days.refresh();
    const from = dayStart(fromDay, this.tz);
    const to = dayStart(addDays(toDay, 1), this.tz);
    const sums = new Map([
      [agentId, this.deps.repo.agentSums(agentId, fromDay, toDay) ?? emptySums()],
    ]);
    this.addOpen(
      sums,
      this.deps.repo.openSpans().filter((o) => o.agent_id === agentId),
      from,
      to,
    );
    return toFigures(sums.get(agentId)!, { complaints: this.complaints([agentId], from, to) });
  }

  /** Every agent's sums of a team over a run of local days, and the team's. */
  private teamSums(agents: readonly AgentRow[], fromDay: string, toDay: string) {
    const team = agents[0]?.team ?? '';
    this.days.refresh();
    const from = dayStart(fromDay, this.tz);
    const to = dayStart(addDays(toDay, 1), this.tz);
    const stored = this.deps.repo.teamSums(team, fromDay, toDay);
    const sums = new Map(agents.map((a) => [a.id, stored.get(a.id) ?? emptySums()]));
    const open = this.deps.repo.openSpans();
    this.addOpen(sums, open, from, to);
    const total = emptySums();
    let working = 0;
    for (const a of agents) {
      const s = sums.get(a.id)!;
      addSums(total, s);
      if (stored.has(a.id) || open.some((o) => o.agent_id === a.id)) working++;
    }
    return { sums, total, working, open, from, to };
  }

  private teamOf(agentId: string): AgentRow[] {
    const me = this.deps.repo.agent(agentId);
    return me ? this.deps.repo.team(me.team) : [];
  }

  /** Who the figures are about: the caller, or (for a lead) the agent named. */
  private subject(session: Session, agentId: string | null): AgentRow {
    const id = agentId ?? session.agent.id;
    if (id !== session.agent.id && session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', "Only a shift lead may see another agent's figures");
    }
    const row = this.deps.repo.agent(id);
    if (!row) throw new ContractError('NOT_FOUND', 'No such agent');
    return row;
  }

  private queue(from: number, to: number): QueueFiguresView | null {
    if (!this.deps.repo.queueImported()) return null;
    return queueFigures(this.deps.repo.queueCalls(from, to), from, to);
  }

  /** The figures of one shift, straight from the raw records (a shift is not a whole day). */
  shiftFigures(
    agentId: string,
    shiftId: string,
  ): { window: { from: number; to: number }; open: boolean; figures: Figures } {
    const shift = this.deps.repo.shift(shiftId);
    if (!shift || shift.agent_id !== agentId) throw new ContractError('NOT_FOUND', 'No such shift');
    const now = this.deps.clock.now();
    const to = shift.ended_at ?? now;
    const window = { from: shift.started_at, to: Math.max(to, shift.started_at + 1) };
    const [sums] = this.days.sumsFromRaw(agentId, [window.from, window.to], now);
    return {
      window,
      open: shift.ended_at === null,
      figures: toFigures(sums!, {
        complaints: this.complaints([agentId], window.from, window.to),
      }),
    };
  }

  panel(agentId: string | null): Panel {
    const session = this.deps.session.requireSession();
    const agent = this.subject(session, agentId);
    const today = this.today();
    const weekFrom = addDays(today, -6);
    const team = this.teamOf(agent.id);
    const teamToday = this.teamSums(team, today, today);
    const teamWeek = this.teamSums(team, weekFrom, today);
    const teamFigures = (t: typeof teamToday) =>
      toFigures(
        t.total,
        {
          complaints: this.complaints(
            team.map((a) => a.id),
            t.from,
            t.to,
          ),
        },
        Math.max(1, t.working),
      );
    const last = this.deps.repo.lastShift(agent.id);
    return {
      agent: { id: agent.id, name: agent.name, employeeNo: agent.employee_no },
      today: {
        day: today,
        window: { from: teamToday.from, to: teamToday.to },
        figures: this.agentRange(agent.id, today, today),
      },
      shift: last ? { id: last.id, ...this.shiftFigures(agent.id, last.id) } : null,
      week: {
        fromDay: weekFrom,
        toDay: today,
        figures: this.agentRange(agent.id, weekFrom, today),
      },
      teamToday: teamFigures(teamToday),
      teamWeek: teamFigures(teamWeek),
      targets: this.targets(),
      queueToday: this.queue(teamToday.from, teamToday.to),
    };
  }

  private requireLead(session: Session, what: string): void {
    if (session.agent.role !== 'lead') {
      throw new ContractError('FORBIDDEN', `Only a shift lead may ${what}`);
    }
  }

  private checkRange(fromDay: string, toDay: string): void {
    if (fromDay > toDay || daysBetween(fromDay, toDay).length > maxRangeDays) {
      throw new ContractError('BAD_ARGUMENT', 'The range is too long or reversed', [
        { path: 'toDay', message: 'format' },
      ]);
    }
  }

  team(fromDay: string, toDay: string): TeamView {
    const session = this.deps.session.requireSession();
    this.requireLead(session, "see the team's figures");
    this.checkRange(fromDay, toDay);
    const agents = this.teamOf(session.agent.id);
    const t = this.teamSums(agents, fromDay, toDay);
    const state = new Map(t.open.map((o) => [o.agent_id, o.status]));
    const teamComplaints = this.complaints(
      agents.map((a) => a.id),
      t.from,
      t.to,
    );
    // None in the team: none for each agent (one query instead of one per agent).
    const complaintsOf = (id: string) =>
      teamComplaints === null || teamComplaints === 0
        ? teamComplaints
        : this.complaints([id], t.from, t.to);
    return {
      fromDay,
      toDay,
      rows: agents.map((a) => ({
        agent: { id: a.id, name: a.name, employeeNo: a.employee_no },
        state: state.get(a.id) ?? null,
        figures: toFigures(t.sums.get(a.id)!, { complaints: complaintsOf(a.id) }),
      })),
      team: toFigures(t.total, { complaints: teamComplaints }, Math.max(1, t.working)),
      targets: this.targets(),
      queue: this.queue(t.from, t.to),
    };
  }

  series(agentId: string | null, day: string): Series {
    const session = this.deps.session.requireSession();
    const agent = this.subject(session, agentId);
    const start = dayStart(day, this.tz);
    const end = dayStart(addDays(day, 1), this.tz);
    // Local hours (a day of a zone with summer time has 23 or 25; we keep 24 slots by clock hour).
    const bounds: number[] = [];
    for (let t = start; t < end; t += 3_600_000) bounds.push(t);
    bounds.push(end);
    const hours = this.days.sumsFromRaw(agent.id, bounds, this.deps.clock.now());
    this.days.refresh();
    const weekFrom = addDays(day, -6);
    const rows = this.deps.repo.dayRows(agent.id, weekFrom, day);
    return {
      day,
      hours: hours.slice(0, 24).map((s, hour) => {
        const f = figuresFromSums(s);
        return { hour, calls: s.handled, ahtMs: f.ahtMs, stateMs: f.stateMs };
      }),
      days: daysBetween(weekFrom, day).map((d) => {
        const s = rows.get(d) ?? emptySums();
        const f = toFigures(s, { complaints: null });
        return { day: d, handled: s.handled, ahtMs: f.ahtMs, insuranceTakeUp: f.insuranceTakeUp };
      }),
    };
  }
}
