import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// electron-builder validates configurations against this very schema before it packages.
const schema = JSON.parse(
  readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8'),
) as object;
const config = load(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

function validate(candidate: unknown) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const check = ajv.compile(schema);
  const ok = check(candidate);
  return { ok, errors: check.errors ?? [] };
}

describe('electron-builder.yml', () => {
  it('is valid against electron-builder’s own schema', () => {
    const { ok, errors } = validate(config);
    expect(errors).toEqual([]);
    expect(ok).toBe(true);
  });

  it('the schema check can fail (a misspelt key is caught)', () => {
    expect(validate({ ...config, asarUnpak: ['**/*.node'] }).ok).toBe(false);
    expect(validate({ ...config, linux: { target: 42 } }).ok).toBe(false);
  });

  it('targets AppImage + deb, NSIS and dmg, unpacks native modules, and ships no tests or sources', () => {
    const targets = (k: string) => (config[k] as { target: string[] }).target;
    expect(targets('linux')).toEqual(['AppImage', 'deb']);
    expect(targets('win')).toEqual(['nsis']);
    expect(targets('mac')).toEqual(['dmg']);
    expect(config['asarUnpack']).toContain('**/*.node');
    const files = config['files'] as string[];
    expect(
      files
        .filter((f) => !f.startsWith('!'))
        .every((f) => f.startsWith('dist/') || f === 'package.json'),
    ).toBe(true);
    expect(files).toContain('!test/**');
    expect(config['npmRebuild']).toBe(false);
  });

  it('points package.json main at the built Electron entry', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    expect(pkg.main).toBe('dist/main/index.cjs');
  });
});
