/**
 * The pieces every domain's contract is made of. A domain declares its requests (name → zod
 * schemas for argument and result) and its events (name → payload schema) with `defineRequests`
 * and `defineEvents`, derives its handler type with `HandlersOf`, and shared/contract.ts joins
 * the domains (the Actual Budget way: one map per domain, intersected into one `Handlers`).
 */
import type { z } from 'zod';

export interface RequestSpec {
  args: z.ZodType;
  result: z.ZodType;
}
export type RequestMap = Record<string, RequestSpec>;
export type EventMap = Record<string, z.ZodType>;

/** Keeps the literal type of a domain's request map while checking its shape. */
export const defineRequests = <const R extends RequestMap>(requests: R): R => requests;
/** Keeps the literal type of a domain's event map while checking its shape. */
export const defineEvents = <const E extends EventMap>(events: E): E => events;

/** Main's implementation of a domain's requests: one function per name, argument parsed. */
export type HandlersOf<R extends RequestMap> = {
  [N in keyof R]: (
    args: z.output<R[N]['args']>,
  ) => Promise<z.output<R[N]['result']>> | z.output<R[N]['result']>;
};

/** True when two maps share no key (the join proves its domains disjoint with it). */
export type Disjoint<A, B> = [keyof A & keyof B] extends [never] ? true : false;
type DisjointFromAll<H, R extends readonly unknown[]> = R extends readonly [infer F, ...infer Rest]
  ? Disjoint<H, F> extends true
    ? DisjointFromAll<H, Rest>
    : false
  : true;
/** True when no two maps of the list share a key: every pair is checked. */
export type AllDisjoint<T extends readonly unknown[]> = T extends readonly [infer H, ...infer R]
  ? DisjointFromAll<H, R> extends true
    ? AllDisjoint<R>
    : false
  : true;

/**
 * Joins the domains' maps into one. A name declared by two domains is refused at start-up (and,
 * for the domains joined in shared/contract.ts, at compile time through `Disjoint`).
 */
export function joinMaps<M extends Record<string, unknown>>(
  kind: string,
  maps: readonly { domain: string; map: M }[],
): M {
  const joined: Record<string, unknown> = {};
  const owner = new Map<string, string>();
  for (const { domain, map } of maps) {
    for (const [name, spec] of Object.entries(map)) {
      const first = owner.get(name);
      if (first !== undefined) {
        throw new Error(`${kind} ${name} is declared by both ${first} and ${domain}`);
      }
      owner.set(name, domain);
      joined[name] = spec;
    }
  }
  return joined as M;
}
