import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Shortcut } from '../../../renderer/src/app/keymap';
import {
  comboOfEvent,
  dialogKeys,
  findClashes,
  normaliseCombo,
  shortcuts,
} from '../../../renderer/src/app/keymap';
import { createI18n, languages } from '../../../renderer/src/app/i18n';

const describeClash = ([a, b]: [Shortcut, Shortcut]) =>
  `${a.combo}: ${a.id} (${a.feature}) and ${b.id} (${b.feature})`;

describe('keymap', () => {
  it('has no two shortcuts on the same key combination, across all features', () => {
    expect(findClashes(shortcuts).map(describeClash)).toEqual([]);
  });

  it('sees a clash however the combo is spelled, within or across features', () => {
    const table: Shortcut[] = [
      { id: 'softphone.answer', combo: 'Alt+A', feature: 'softphone', label: 'a' },
      { id: 'session.ready', combo: 'F2', feature: 'session', label: 'b' },
      { id: 'waybills.x', combo: 'alt + a', feature: 'waybills', label: 'c' },
      { id: 'waybills.search', combo: 'Ctrl+K', feature: 'waybills', label: 'd' },
      { id: 'session.y', combo: 'f2', feature: 'session', label: 'e' },
    ];
    expect(findClashes(table).map(describeClash)).toEqual([
      'Alt+A: softphone.answer (softphone) and waybills.x (waybills)',
      'F2: session.ready (session) and session.y (session)',
    ]);
    expect(normaliseCombo('Option+Shift+k')).toBe('Alt+Shift+K');
    expect(normaliseCombo('meta+K')).toBe('Ctrl+K');
  });

  it('writes every combo normalised (what key presses are matched against) and ids once', () => {
    for (const s of shortcuts) expect(normaliseCombo(s.combo), s.id).toBe(s.combo);
    expect(new Set(shortcuts.map((s) => s.id)).size).toBe(shortcuts.length);
    for (const s of shortcuts) expect(s.id.startsWith(`${s.feature}.`), s.id).toBe(true);
  });

  it("keeps the script panel's hold-etiquette and order keys off the call controls and 工单", () => {
    const combo = (id: string) => shortcuts.find((s) => s.id === id)?.combo;
    const taken = shortcuts
      .filter((s) => s.feature === 'softphone' || s.id === 'orders.openForCall')
      .map((s) => s.combo);
    const press = (code: string) =>
      comboOfEvent({ ctrlKey: false, metaKey: false, altKey: true, key: 'x', code });
    for (const [id, code] of [
      ['scripts.holdPhrases', 'KeyI'],
      ['scripts.orderForm', 'KeyV'],
    ] as const) {
      expect(combo(id), id).toBe(press(code));
      expect(taken, id).not.toContain(combo(id));
    }
  });

  it('keeps dialog choice keys off every window shortcut', () => {
    const windowCombos = new Set<string>(shortcuts.map((s) => s.combo));
    for (const [dialog, keys] of Object.entries(dialogKeys)) {
      for (const k of keys)
        expect(windowCombos.has(normaliseCombo(k)), `${dialog}: ${k}`).toBe(false);
    }
  });

  it('names every shortcut in both languages', () => {
    for (const language of languages) {
      const i18n = createI18n(language);
      for (const s of shortcuts) {
        expect(i18n.exists(s.label, { lng: language, fallbackLng: false }), s.label).toBe(true);
      }
    }
  });

  it('reads key presses as the table writes them', () => {
    const press = (key: string, code: string, mods: Partial<KeyboardEventInit> = {}) =>
      comboOfEvent({ ctrlKey: false, metaKey: false, altKey: false, ...mods, key, code });
    // Alt: the physical letter, whatever the layout or macOS Option character.
    expect(press('å', 'KeyA', { altKey: true })).toBe('Alt+A');
    expect(press('k', 'KeyK', { ctrlKey: true })).toBe('Ctrl+K');
    expect(press('k', 'KeyK', { metaKey: true })).toBe('Ctrl+K');
    expect(press('K', 'KeyK', { ctrlKey: true, shiftKey: true })).toBe('Ctrl+Shift+K');
    expect(press('F2', 'F2')).toBe('F2');
    expect(press('#', 'Digit3', { shiftKey: true })).toBe('#');
    expect(press('Alt', 'AltLeft', { altKey: true })).toBeNull();
  });

  it('is the only place a combo is spelled, and every shortcut is bound somewhere', () => {
    const root = join(__dirname, '../../../renderer/src');
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name)) files.push(path);
      }
    };
    walk(root);
    const sources = files
      .filter((f) => relative(root, f) !== join('app', 'keymap.ts'))
      .map((f) => ({ file: relative(root, f), text: readFileSync(f, 'utf8') }));
    const spelled = /\b(?:Alt|Ctrl|Control)\+[A-Za-z0-9]\b|['"`]F\d{1,2}['"`]/;
    expect(sources.filter((s) => spelled.test(s.text)).map((s) => s.file)).toEqual([]);
    for (const s of shortcuts) {
      expect(
        sources.some((src) => src.text.includes(`'${s.id}'`) || src.text.includes(`"${s.id}"`)),
        `${s.id} is bound by no component`,
      ).toBe(true);
    }
  });
});
