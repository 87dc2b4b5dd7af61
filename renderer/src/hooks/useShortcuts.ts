import { useEffect, useRef } from 'react';

/**
 * Key → action. Without a modifier the key is KeyboardEvent.key (e.g. 'F2'); with `alt` it is the
 * letter of the physical key ('a' for Alt+A, whatever the layout or macOS Option characters).
 * Plain keys are ignored while typing in a text field; function keys and Ctrl/Alt combinations
 * work everywhere.
 */
export function useShortcuts(
  map: Record<string, () => void>,
  enabled = true,
  modifiers: { ctrl?: boolean; alt?: boolean } = {},
): void {
  const ctrl = modifiers.ctrl ?? false;
  const alt = modifiers.alt ?? false;
  const ref = useRef(map);
  useEffect(() => {
    ref.current = map;
  });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const typing =
        target?.closest('input, textarea, [contenteditable="true"]') !== null && target !== null;
      if ((e.ctrlKey || e.metaKey) !== ctrl || e.altKey !== alt) return;
      // Function keys work even in a text field: agents type notes while changing state.
      if (typing && !ctrl && !alt && !/^F\d+$/.test(e.key)) return;
      const key = alt && /^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : e.key;
      const action = ref.current[key];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, ctrl, alt]);
}
