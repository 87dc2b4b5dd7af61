import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActions } from '@shared/admin/contract';

/** Every `.ts` file under a folder. */
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.ts') ? [path] : [];
  });
}

describe('audit actions', () => {
  it('every action the core writes to the audit log has a name the lead’s audit view can show', () => {
    const core = resolve(__dirname, '../../electron/core');
    const written = new Set<string>();
    for (const file of files(core)) {
      const text = readFileSync(file, 'utf8');
      // audit.append({ … action: 'x' … }) and the migrations' and session's own inserts.
      for (const m of text.matchAll(/append\(\{[^}]*?action: '([a-z_]+)'/gs)) written.add(m[1]!);
      for (const m of text.matchAll(/this\.audit\([^,]+,\s*'([a-z_]+)'/g)) written.add(m[1]!);
      for (const m of text.matchAll(/audit\.run\([^)]*?'([a-z_]+)'/gs)) written.add(m[1]!);
    }
    expect(written.size).toBeGreaterThan(15);
    const known = new Set<string>(auditActions);
    expect([...written].filter((a) => !known.has(a)).sort()).toEqual([]);
  });
});
