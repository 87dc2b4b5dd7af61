/**
 * What a script knows about the call it runs in, and the variables its text may use. The core
 * fills the context when the script starts (the signed-in agent, the call, the screen pop's
 * customer and waybill); practice mode and the editor's preview use a made-up one. Pure.
 */
import { localParts } from '../common/calendar';
import { maskPhone } from '../common/format';
import type { AnomalyKind } from '../waybills/anomalies';
import type { TrackingStatus } from '../waybills/tracking';
import { trackingStatusZh } from '../waybills/summary';
import type { CustomerClass } from '../waybills/customer';

export interface InsurancePolicy {
  /** Premium rate in basis points of the declared value (docs/DOMAIN.md §8: a setting). */
  rateBp: number;
  minPremiumFen: number;
}

export interface RunContext {
  company: string;
  agent: { employeeNo: string; name: string };
  call: { direction: 'inbound' | 'outbound'; number: string } | null;
  customer: { name: string; class: CustomerClass; keyAccountTier: number | null } | null;
  waybill: {
    number: string;
    status: TrackingStatus;
    promisedAt: number | null;
    anomalies: AnomalyKind[];
  } | null;
  insurance: InsurancePolicy | null;
  timeZone: string;
}

/** Variables a script may use besides captured fields (`field.<id>`). */
export const contextVariables = [
  'company',
  'agent.no',
  'agent.name',
  'customer.name',
  'customer.class',
  'customer.tier',
  'caller.masked',
  'waybill.number',
  'waybill.status',
  'waybill.promised',
  'quote.premium',
] as const;
export type ContextVariable = (typeof contextVariables)[number];

/** The captured field that `quote.premium` is worked out from (money, fen). */
export const declaredValueField = 'declared_value';

/** `{name}` in a script's text. */
export const variablePattern = /\{([^{}\s]{1,40})\}/g;

export function variablesIn(text: string): string[] {
  return [...text.matchAll(variablePattern)].map((m) => m[1]!);
}

/** Premium = max(declared value × rate, minimum) (docs/DOMAIN.md §8), in fen. */
export function premiumFen(declaredFen: number, policy: InsurancePolicy): number {
  return Math.max(Math.ceil((declaredFen * policy.rateBp) / 10_000), policy.minPremiumFen);
}

export function formatFen(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

function two(n: number): string {
  return String(n).padStart(2, '0');
}

/** Local date (and time) of an instant in the desk's time zone: 2026-12-02 14:30. */
export function formatLocal(ms: number, timeZone: string, withTime = true): string {
  const p = localParts(ms, timeZone);
  const date = `${p.year}-${two(p.month)}-${two(p.day)}`;
  return withTime ? `${date} ${two(p.hour)}:${two(p.minute)}` : date;
}

/** A captured value as the agent reads it (money in yuan, dates in the desk's zone). */
export type CapturedValue = string | number;

/** The value of a context variable, or null when the call does not know it. */
export function contextValue(
  name: ContextVariable,
  ctx: RunContext,
  captured: Readonly<Record<string, CapturedValue>>,
): string | null {
  switch (name) {
    case 'company':
      return ctx.company;
    case 'agent.no':
      return ctx.agent.employeeNo;
    case 'agent.name':
      return ctx.agent.name;
    case 'customer.name':
      return ctx.customer?.name ?? null;
    case 'customer.class':
      return ctx.customer?.class ?? null;
    case 'customer.tier':
      return ctx.customer && ctx.customer.keyAccountTier !== null
        ? String(ctx.customer.keyAccountTier)
        : null;
    case 'caller.masked':
      return ctx.call && ctx.call.number !== '' ? maskPhone(ctx.call.number) : null;
    case 'waybill.number':
      return ctx.waybill?.number ?? null;
    case 'waybill.status':
      return ctx.waybill ? trackingStatusZh[ctx.waybill.status] : null;
    case 'waybill.promised':
      return !ctx.waybill || ctx.waybill.promisedAt === null
        ? null
        : formatLocal(ctx.waybill.promisedAt, ctx.timeZone, false);
    case 'quote.premium': {
      const declared = captured[declaredValueField];
      return typeof declared === 'number' && ctx.insurance
        ? formatFen(premiumFen(declared, ctx.insurance))
        : null;
    }
  }
}

export function isContextVariable(name: string): name is ContextVariable {
  return (contextVariables as readonly string[]).includes(name);
}
