import { useEffect, useRef } from 'react';

/** Key (KeyboardEvent.key, e.g. 'F2') → action. Ignored while typing in a text field. */
export function useShortcuts(map: Record<string, () => void>, enabled = true): void {
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
      // Function keys work even in a text field: agents type notes while changing state.
      if (typing && !/^F\d+$/.test(e.key)) return;
      const action = ref.current[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}
