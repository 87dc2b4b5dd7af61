/**
 * The desk's SIP account as stored in settings (`sip.account`): everything but the password in
 * the clear, the password sealed at rest (Electron's safeStorage, or a 0600 key file for the
 * browser host). Checked before it is stored, parsed with its schema when it is read.
 */
import { z } from 'zod';
import { ContractError, errorMessage } from '@shared/common/errors';
import { sipAccountArgs } from '@shared/softphone/contract';
import type { Clock, Logger } from '../../platform/ports';
import type { SecretBox } from '../../platform/secret-box';
import type { SettingsRepo } from '../../platform/settings-repo';
import type { SipAccount } from './registration';
import { validateSipAccount } from './registration';

const storedAccountSchema = sipAccountArgs
  .omit({ password: true })
  .extend({ passwordSealed: z.string().min(1) });

/** Checks the account (refused with one issue per problem, nothing stored) and stores it sealed. */
export function saveSipAccount(
  settings: SettingsRepo,
  secrets: SecretBox,
  account: SipAccount,
  clock: Clock,
): void {
  const problems = validateSipAccount(account);
  if (problems.length > 0) {
    throw new ContractError(
      'BAD_ARGUMENT',
      'Invalid SIP account',
      problems.map((message) => ({ path: 'account', message })),
    );
  }
  const { password, ...visible } = account;
  settings.set(
    'sip.account',
    JSON.stringify({ ...visible, passwordSealed: secrets.seal(password) }),
    clock.now(),
  );
}

/** The stored account with its password unsealed; a damaged record is logged and ignored. */
export function loadSipAccount(
  settings: SettingsRepo,
  secrets: SecretBox,
  logger: Logger,
): SipAccount | null {
  const stored = settings.getParsed('sip.account', storedAccountSchema, logger);
  if (!stored) return null;
  const { passwordSealed, ...rest } = stored;
  try {
    return { ...rest, password: secrets.open(passwordSealed) };
  } catch (err) {
    logger.error('stored SIP account unreadable; configure it again', {
      error: errorMessage(err),
    });
    return null;
  }
}
