/**
 * i18n keys the console looked up without a text, collected by fixtures' createTestI18n and
 * checked after every test by setup.ts. (Kept apart from fixtures.ts so the setup file imports no
 * renderer code: that must load after the jsdom stubs are in place.)
 */
const missingKeys: string[] = [];

export function reportMissingKey(ns: string, key: string): void {
  missingKeys.push(`${ns}:${key}`);
}

/** Keys looked up without a text since the last call. */
export function takeMissingKeys(): string[] {
  return missingKeys.splice(0);
}
