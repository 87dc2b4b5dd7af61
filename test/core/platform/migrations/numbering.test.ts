import { describe, expect, it } from 'vitest';
import { latestVersion, migrations } from '../../../../electron/core/platform/db/migrations';

describe('migration numbering', () => {
  it('runs 1…N in order with no gap and no number twice, each named', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(latestVersion).toBe(migrations.length);
    expect(new Set(migrations.map((m) => m.name)).size).toBe(migrations.length);
  });
});
