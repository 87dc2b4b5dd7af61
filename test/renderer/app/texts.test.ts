/**
 * Every error code of the contract and every state or enum the console shows has a text of its
 * own in both languages: not missing (a raw key on screen), not the key itself (an internal
 * identifier on screen, as 'inbound' was in English).
 */
import { describe, expect, it } from 'vitest';
import { errorCodes, issueCodes } from '@shared/common/errors';
import { agentStatuses, breakReasons, notReadyReasons } from '@shared/session/agent-state';
import { acwModes, dispositions, endCauses, holdStates } from '@shared/softphone/call-state';
import { callViewSchema, sipFailures, sipHealthSchema } from '@shared/softphone/contract';
import { anomalyKinds } from '@shared/waybills/anomalies';
import { contactOutcomes, revealReasons, searchResultSchema } from '@shared/waybills/contract';
import { customerIssueCodes } from '@shared/waybills/customer';
import { trackingStatuses } from '@shared/waybills/tracking';
import { createI18n, languages } from '../../../renderer/src/app/i18n';

const directions = callViewSchema.shape.direction.options;
const phases = callViewSchema.shape.phase.options;

/** [what, values, the key each value is shown with ('ns:path')]. */
const shown: [string, readonly string[], (v: string) => string][] = [
  ['error codes', errorCodes, (c) => `common:errors.${c}`],
  ['field issue codes', issueCodes, (c) => `common:issues.${c}`],
  ['agent states', agentStatuses, (s) => `session:status.${s}`],
  ['not-ready reasons', notReadyReasons, (r) => `session:reasons.${r}`],
  ['break reasons', breakReasons, (r) => `session:reasons.${r}`],
  ['call directions (history)', directions, (d) => `softphone:call.${d}`],
  ['call directions (pop)', directions, (d) => `waybills:pop.${d}`],
  [
    'call phases',
    phases,
    (p) =>
      ({
        offering: 'softphone:call.incoming',
        dialing: 'softphone:call.dialing',
        active: 'softphone:call.active',
        ended: 'softphone:call.ended',
      })[p] ?? `missing mapping for ${p}`,
  ],
  [
    'hold states',
    holdStates,
    (h) =>
      ({
        none: 'softphone:call.active',
        holding: 'softphone:call.holding',
        held: 'softphone:call.held',
        resuming: 'softphone:call.resuming',
        hold_failed: 'softphone:call.holdFailed',
      })[h] ?? `missing mapping for ${h}`,
  ],
  ['end causes', endCauses, (c) => `softphone:call.causes.${c}`],
  ['dispositions', dispositions, (d) => `softphone:dispositions.${d}`],
  ['after-call work modes', acwModes, (m) => `admin:acw.modes.${m}`],
  ['SIP failure kinds', sipFailures, (f) => `softphone:accounts.failures.${f}`],
  ['SIP health states', sipHealthSchema.shape.state.options, (s) => `softphone:sip.${s}`],
  ['waybill statuses', trackingStatuses, (s) => `waybills:tracking.${s}`],
  ['anomalies', anomalyKinds, (a) => `waybills:anomaly.${a}.title`],
  ['anomaly actions', anomalyKinds, (a) => `waybills:anomaly.${a}.action`],
  ['reveal reasons', revealReasons, (r) => `waybills:revealReasons.${r}`],
  ['contact outcomes', contactOutcomes, (o) => `waybills:pop.outcomes.${o}`],
  ['search kinds', searchResultSchema.shape.kind.options, (k) => `waybills:search.kind.${k}`],
  ['customer form issues', customerIssueCodes, (c) => `waybills:customer.errors.${c}`],
];

/** The text of `nsKey` in `lng` itself (no fallback to another language), or undefined. */
function textOf(lng: string, nsKey: string): unknown {
  const i18n = createI18n();
  const [ns, key] = nsKey.split(':') as [string, string];
  return key.split('.').reduce<unknown>(
    (node, part) => {
      if (typeof node !== 'object' || node === null) return undefined;
      return (node as Record<string, unknown>)[part];
    },
    i18n.getResourceBundle(lng, ns),
  );
}

describe('texts for everything main can refuse with or the console shows', () => {
  for (const [what, values, keyOf] of shown) {
    it(`has zh-CN and en text for every one of the ${what}`, () => {
      const problems: string[] = [];
      for (const lng of languages) {
        for (const value of values) {
          const key = keyOf(value);
          const text = textOf(lng, key);
          if (typeof text !== 'string' || text.trim() === '')
            problems.push(`${lng} ${key}: missing`);
          else if (text.trim() === value) {
            problems.push(`${lng} ${key}: "${text}" is the key itself`);
          }
        }
      }
      expect(problems).toEqual([]);
    });
  }

  it('walks every error code the contract has (none forgotten by the table above)', () => {
    const covered = new Set(shown.find(([w]) => w === 'error codes')![1]);
    for (const code of errorCodes) expect(covered.has(code)).toBe(true);
    expect(errorCodes.length).toBeGreaterThanOrEqual(14);
  });
});
