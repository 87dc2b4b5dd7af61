import { useEffect, useRef } from 'react';

/**
 * Key (KeyboardEvent.key, e.g. 'F2') → action. Plain keys are ignored while typing in a text
 * field; function keys and Ctrl-combinations work everywhere.
 */
export function useShortcuts(
  map: Record<string, () => void>,
  enabled = true,
  modifiers: { ctrl?: boolean } = {},
): void {
  const ctrl = modifiers.ctrl ?? false;
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
      if ((e.ctrlKey || e.metaKey) !== ctrl) return;
      // Function keys work even in a text field: agents type notes while changing state.
      if (typing && !ctrl && !/^F\d+$/.test(e.key)) return;
      const action = ref.current[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, ctrl]);
}
