import { describe, expect, it } from 'vitest';
import { ContractError } from '@shared/common/errors';

describe('ContractError payloads', () => {
  it('carry field issues (with their code) and structured details, and only what is set', () => {
    expect(new ContractError('NOT_FOUND', 'No waybill x').toPayload()).toEqual({
      code: 'NOT_FOUND',
      message: 'No waybill x',
    });
    expect(
      new ContractError('BAD_ARGUMENT', 'taken', [
        { path: 'aor', message: 'aor is already assigned', code: 'taken' },
      ]).toPayload(),
    ).toEqual({
      code: 'BAD_ARGUMENT',
      message: 'taken',
      issues: [{ path: 'aor', message: 'aor is already assigned', code: 'taken' }],
    });
    expect(
      new ContractError('ACCOUNT_LOCKED', 'locked', undefined, { minutes: 15 }).toPayload(),
    ).toEqual({ code: 'ACCOUNT_LOCKED', message: 'locked', details: { minutes: 15 } });
  });
});
