import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SettingsRepo } from '../../../electron/core/platform/settings-repo';
import type { TestDesk } from '../../helpers/desk';
import { createTestDesk, TEST_PASSWORD } from '../../helpers/desk';

describe('settings read from the database are parsed, never spread unchecked', () => {
  let desk: TestDesk | null = null;
  afterEach(() => desk?.cleanup());

  /** A desk whose settings table holds `values` before any feature reads it. */
  function deskWith(values: Record<string, string>): TestDesk {
    return createTestDesk({
      seedIfEmpty: (db) => {
        for (const [key, value] of Object.entries(values))
          db.raw
            .prepare('INSERT INTO settings (key, value, updated_at) VALUES (?, ?, 0)')
            .run(key, value);
      },
    });
  }

  it('ignores a calendar of the wrong shape (with a warning naming it) and still pops callers', async () => {
    desk = deskWith({ 'desk.calendar': '{"holidays": 5, "extraWorkdays": "2026-10-10"}' });
    await desk.session.signIn('1001', TEST_PASSWORD);
    expect(desk.waybills.screenPop('13800000000').customers).toEqual([]);
    expect(desk.logger.entries).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        message: 'setting has the wrong shape; ignored',
        fields: expect.objectContaining({ key: 'desk.calendar' }),
      }),
    );
  });

  it('ignores unreadable softphone options and ACW policy, falling back to the defaults', async () => {
    desk = deskWith({
      'softphone.options': '{"autoAnswer": "yes"',
      'acw.policy': '{"mode": "forever"}',
      'tracking.kuaidi100': '{"url": "not a url", "customer": "c", "key": "k"}',
    });
    await desk.session.signIn('1001', TEST_PASSWORD);
    expect(desk.calls.view().options).toEqual({ autoAnswer: false, ringTimeoutSeconds: 20 });
    expect(desk.calls.acwPolicy().mode).toBe('timed');
    const warned = desk.logger.entries
      .filter((e) => e.level === 'warn')
      .map((e) => (e.fields as { key?: string } | undefined)?.key);
    expect(warned).toEqual(
      expect.arrayContaining(['softphone.options', 'acw.policy', 'tracking.kuaidi100']),
    );
  });

  it('reads a well-formed value with its schema defaults applied', () => {
    desk = deskWith({ 'x.calendar': '{"holidays": ["2026-10-01"]}' });
    const settings = new SettingsRepo(desk.db);
    const schema = z.strictObject({
      holidays: z.array(z.string()),
      extraWorkdays: z.array(z.string()).default([]),
    });
    expect(settings.getParsed('x.calendar', schema, desk.logger)).toEqual({
      holidays: ['2026-10-01'],
      extraWorkdays: [],
    });
    expect(settings.getParsed('x.absent', schema, desk.logger)).toBeUndefined();
  });
});
