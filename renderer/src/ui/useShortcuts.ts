import { useEffect, useLayoutEffect, useRef } from 'react';
import type { ShortcutId } from '../app/keymap';
import { comboOf, comboOfEvent } from '../app/keymap';

/** Plain keys (no Ctrl/Alt) are ignored while typing in a text field; function keys are not. */
function ignoredWhileTyping(e: KeyboardEvent): boolean {
  const target = e.target as HTMLElement | null;
  const typing = Boolean(target?.closest?.('input, textarea, [contenteditable="true"]'));
  return typing && !e.ctrlKey && !e.metaKey && !e.altKey && !/^F\d+$/.test(e.key);
}

/**
 * The dialogs whose plain keys are live, most recently opened last. Only the topmost one takes a
 * key: with the 本通话后 reason picker opened over the DTMF keypad, "1" picks a reason and sends
 * no tone (and the other way round).
 */
const dialogStack: object[] = [];

/** Runs `actions[combo]` for each key press on the window while enabled. */
function useComboListener(
  actions: Record<string, () => void>,
  enabled: boolean,
  dialog = false,
): void {
  const ref = useRef(actions);
  // Layout effect: the latest actions are in place before the browser can deliver the next key
  // (a passive effect may run a task later, and a key pressed in between ran a stale action).
  useLayoutEffect(() => {
    ref.current = actions;
  });
  useEffect(() => {
    if (!enabled) return;
    const token = {};
    if (dialog) dialogStack.push(token);
    const onKey = (e: KeyboardEvent) => {
      if (dialog && dialogStack.at(-1) !== token) return;
      if (ignoredWhileTyping(e)) return;
      const combo = comboOfEvent(e);
      const action = combo === null ? undefined : ref.current[combo];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (dialog) dialogStack.splice(dialogStack.indexOf(token), 1);
    };
  }, [enabled, dialog]);
}

/** Binds actions to the console's shortcuts (app/keymap.ts) by id. */
export function useShortcuts(
  bindings: Partial<Record<ShortcutId, () => void>>,
  enabled = true,
): void {
  const actions: Record<string, () => void> = {};
  for (const [id, action] of Object.entries(bindings) as [ShortcutId, () => void][]) {
    actions[comboOf(id)] = action;
  }
  useComboListener(actions, enabled);
}

/**
 * Binds plain keys that choose inside an open dialog (keymap's `dialogKeys`); when two such dialogs
 * are open, only the one opened last hears them.
 */
export function useDialogKeys(bindings: Record<string, () => void>, enabled = true): void {
  useComboListener(bindings, enabled, true);
}
