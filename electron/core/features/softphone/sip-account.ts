/**
 * A SIP account as the desk accepts it, before it is stored for an agent (ADR 0011): the auth user
 * defaults to the address's user part, and every problem is refused at once with one issue per
 * field (BAD_ARGUMENT), so nothing half-checked is ever stored or registered.
 */
import { ContractError } from '@shared/common/errors';
import type { SipAccount } from './registration';
import { checkSipAccount } from './registration';

/** What a lead or an agent sends; the password may be left out to keep the stored one. */
export interface SipAccountInput {
  server: string;
  aor: string;
  authUser?: string | undefined;
  password?: string | undefined;
  displayName?: string | undefined;
}

/** The user part of a SIP address (`sip:1001@pbx` → `1001`), or '' if it has none. */
export function authUserOf(aor: string): string {
  return /^sips?:([^@]*)@/i.exec(aor)?.[1] ?? '';
}

/**
 * The account to store: authUser filled from the address when left out, an empty display name
 * dropped (no display name). `keptPassword` stands in for a password left out (an existing account's); with neither,
 * the password is refused. Throws BAD_ARGUMENT listing every problem.
 */
export function checkedAccount(input: SipAccountInput, keptPassword: string | null): SipAccount {
  // Left out: the address's user part. Given empty: refused like any other bad auth user.
  const authUser =
    input.authUser === undefined ? authUserOf(input.aor.trim()) : input.authUser.trim();
  const displayName = input.displayName?.trim() || undefined;
  const password = input.password ?? keptPassword;
  const account: SipAccount = {
    server: input.server.trim(),
    aor: input.aor.trim(),
    authUser,
    password: password ?? '',
    ...(displayName !== undefined && { displayName }),
  };
  const problems = checkSipAccount(account);
  if (problems.length > 0) {
    throw new ContractError(
      'BAD_ARGUMENT',
      `Invalid SIP account: ${problems.map((p) => p.message).join('; ')}`,
      problems.map(({ path, message }) => ({ path, message })),
    );
  }
  return account;
}
