import { describe, expect, it } from 'vitest';
import type { Catalog, ScriptKey } from '@shared/scripts/model';
import { scriptDocSchema, scriptKeys } from '@shared/scripts/model';
import { validateScript } from '@shared/scripts/validate';
import { dispositions } from '@shared/softphone/call-state';
import { shippedScripts } from '../../../../electron/core/features/scripts/shipped/scripts';
import { coverageTargets, openCheckpoints, walkAll } from '../../../shared/scripts/walk';

const catalog: Catalog = Object.fromEntries(
  scriptKeys.map((k) => [k, scriptDocSchema.parse(shippedScripts[k].doc)]),
);

describe('shipped scripts', () => {
  it('ship one script per call type of DOMAIN §1 (其他 excepted) plus the generic one', () => {
    const callTypes = dispositions.filter((d) => d !== 'other');
    expect(Object.keys(shippedScripts).sort()).toEqual([...callTypes, 'generic'].sort());
    for (const k of scriptKeys) expect(shippedScripts[k].doc.key).toBe(k);
  });

  it.each(scriptKeys)('%s passes validation against the shipped catalog', (key) => {
    expect(validateScript(catalog[key]!, catalog)).toEqual([]);
  });

  it('every script opens with the standard greeting (工号) and the recording notice, and closes', () => {
    for (const key of scriptKeys) {
      const doc = catalog[key]!;
      const greet = doc.steps.find((s) => s.kind === 'checkpoint' && s.item === 'greeting');
      expect(greet && 'text' in greet ? greet.text : '', key).toMatch(/工号\{agent\.no\}/);
      expect(doc.required).toEqual(
        expect.arrayContaining(['greeting', 'recording_notice', 'closing']),
      );
    }
    expect(catalog.order!.required).toContain('insurance_rules');
  });

  const report = walkAll(catalog, 'generic');
  const direct = scriptKeys.map((k) => walkAll(catalog, k));

  it('walks every script from the start to an end along every branch (generated paths)', () => {
    const covered = new Set([...report.covered, ...direct.flatMap((r) => [...r.covered])]);
    const missing = coverageTargets(catalog).filter((t) => !covered.has(t));
    expect(missing).toEqual([]);
    expect([...report.stuck, ...direct.flatMap((r) => r.stuck)]).toEqual([]);
    // Numbers for the report: complete walks and targets covered.
    console.info(
      `shipped scripts: ${coverageTargets(catalog).length} steps/branch cases covered by ` +
        `${report.walks.length + direct.reduce((n, r) => n + r.walks.length, 0)} complete walks`,
    );
  });

  it('an agent who confirms every checkpoint on the way ends with none open, on every walk', () => {
    const walks = [report, ...direct].flatMap((r) => r.walks);
    const open = walks.filter((w) => openCheckpoints(w.end).length > 0 || w.end.ended === null);
    expect(
      open.slice(0, 3).map((w) => `${openCheckpoints(w.end).join(',')}: ${w.end.path.join(' → ')}`),
    ).toEqual([]);
  });

  it('each call-type script entered from the generic question ends with its own disposition', () => {
    const endsOf = (key: ScriptKey) =>
      new Set(direct[scriptKeys.indexOf(key)]!.walks.map((w) => w.end.ended!.disposition));
    for (const key of scriptKeys) {
      if (key === 'generic') continue;
      expect(endsOf(key), key).toContain(key);
    }
  });

  it('查件 with a 滞留 parcel promises a call-back time; 已签收 but not received goes into a complaint', () => {
    const stalled = report.walks.filter(
      (w) =>
        w.end.path.includes('generic:to_tracking') &&
        w.context.waybill?.anomalies.includes('stalled'),
    );
    expect(stalled.length).toBeGreaterThan(0);
    for (const w of stalled) {
      expect(w.end.path).toContain('tracking:problem');
      expect(w.end.checkpoints.callback_promise).toBe('met');
      expect(w.end.values['callback_at']).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    }
    const falseSign = report.walks.filter((w) => w.end.path.includes('tracking:false_sign'));
    expect(falseSign.length).toBeGreaterThan(0);
    for (const w of falseSign) expect(w.end.path).toContain('complaint:detail');
  });

  it('下单 states the 保价 rules before the waybill is filled in, on every walk', () => {
    const orders = report.walks.filter((w) => w.end.path.includes('order:receiver'));
    expect(orders.length).toBeGreaterThan(0);
    for (const w of orders) {
      expect(w.end.path.indexOf('order:insurance')).toBeGreaterThan(-1);
      expect(w.end.path.indexOf('order:insurance')).toBeLessThan(
        w.end.path.indexOf('order:receiver'),
      );
    }
  });
});
