import { describe, expect, it } from 'vitest';
import { createI18n, languages, namespaces } from '../../../renderer/src/app/i18n';

type Table = { [key: string]: string | Table };

function leaves(table: Table, prefix = ''): [string, string][] {
  return Object.entries(table).flatMap(([k, v]) =>
    typeof v === 'string'
      ? [[`${prefix}${k}`, v] as [string, string]]
      : leaves(v, `${prefix}${k}.`),
  );
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('i18n namespaces', () => {
  it('gives each namespace one name', () => {
    const names = namespaces.map((n) => n.ns);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining(['app', 'common', 'session', 'waybills', 'softphone']),
    );
  });

  for (const n of namespaces) {
    it(`${n.ns}: English has exactly the zh-CN keys, every text non-empty, same placeholders`, () => {
      const zh = new Map(leaves(n['zh-CN'] as Table));
      const en = new Map(leaves(n.en as Table));
      expect([...en.keys()].sort()).toEqual([...zh.keys()].sort());
      for (const [key, text] of zh) {
        expect(text.trim(), `zh-CN ${n.ns}:${key}`).not.toBe('');
        expect(en.get(key)!.trim(), `en ${n.ns}:${key}`).not.toBe('');
        expect(placeholders(en.get(key)!), `${n.ns}:${key}`).toEqual(placeholders(text));
      }
    });
  }

  it('loads every namespace in both languages, zh-CN by default', () => {
    expect(createI18n().language).toBe('zh-CN');
    for (const language of languages) {
      const i18n = createI18n(language);
      for (const n of namespaces) expect(i18n.hasResourceBundle(language, n.ns), n.ns).toBe(true);
    }
    expect(createI18n('en').t('session:signIn.submit')).toBe('Sign in');
    expect(createI18n().t('common:app.title')).toBe('快递客服坐席工作台');
  });

  it('reports a key with no text, but not a lookup that brings its own default', () => {
    const missing: string[] = [];
    const i18n = createI18n('zh-CN', { onMissingKey: (ns, key) => missing.push(`${ns}:${key}`) });
    expect(
      i18n.t('softphone:call.causes.normal_clearing', { defaultValue: 'normal_clearing' }),
    ).toBe('normal_clearing');
    i18n.t('softphone:call.nope');
    expect(missing).toEqual(['softphone:call.nope']);
  });
});
