import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The renderer's features and who uses whom, read from the imports. The lint rule
 * desk/feature-boundary keeps imports on each feature's index; this keeps the graph acyclic, so
 * a feature's index can be loaded on its own (tests, future lazy loading).
 */
const src = resolve(__dirname, '../../../renderer/src');
const featuresDir = join(src, 'features');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

function uses(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const feature of readdirSync(featuresDir)) {
    const deps = new Set<string>();
    for (const file of files(join(featuresDir, feature))) {
      const text = readFileSync(file, 'utf8');
      for (const [, spec] of text.matchAll(/from '(\.[^']+)'/g)) {
        const target = relative(featuresDir, resolve(dirname(file), spec!));
        const other = target.split(sep)[0]!;
        if (!target.startsWith('..') && other !== feature) deps.add(other);
      }
    }
    graph.set(feature, deps);
  }
  return graph;
}

describe('renderer features', () => {
  it('are one folder per domain, each with a slice, texts and a public index', () => {
    expect(readdirSync(featuresDir).sort()).toEqual([
      'admin',
      'callbacks',
      'complaints',
      'documents',
      'handover',
      'metrics',
      'orders',
      'scripts',
      'session',
      'softphone',
      'waybills',
    ]);
    for (const f of readdirSync(featuresDir)) {
      for (const part of ['index.ts', 'slice.ts', 'i18n.ts']) {
        expect(statSync(join(featuresDir, f, part)).isFile(), `${f}/${part}`).toBe(true);
      }
    }
  });

  it('use each other without a cycle: session ← softphone ← waybills, admin on both, documents under complaints and metrics', () => {
    const graph = uses();
    expect(Object.fromEntries([...graph].map(([f, d]) => [f, [...d].sort()]))).toEqual({
      admin: ['session', 'softphone'],
      callbacks: [],
      complaints: ['documents'],
      documents: [],
      handover: [],
      metrics: ['documents'],
      orders: [],
      scripts: [],
      session: [],
      softphone: ['scripts', 'session'],
      waybills: ['complaints', 'session', 'softphone'],
    });
    const visiting = new Set<string>();
    const visit = (f: string, path: string[]): void => {
      expect(visiting.has(f), `cycle: ${[...path, f].join(' → ')}`).toBe(false);
      visiting.add(f);
      for (const d of graph.get(f) ?? []) visit(d, [...path, f]);
      visiting.delete(f);
    };
    for (const f of graph.keys()) visit(f, []);
  });
});
