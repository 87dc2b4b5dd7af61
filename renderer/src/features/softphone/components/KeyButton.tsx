import { Button } from 'antd';
import type { ButtonProps } from 'antd';
import type { ShortcutId } from '../../../app/keymap';
import { comboOf } from '../../../app/keymap';

/** A call-control button with its shortcut from the keymap: declared for assistive tech and shown. */
export function KeyButton({
  shortcut,
  children,
  ...props
}: ButtonProps & { shortcut: ShortcutId }) {
  const combo = comboOf(shortcut);
  return (
    <Button {...props} aria-keyshortcuts={combo}>
      {children}
      <kbd style={{ marginLeft: 4, fontSize: 11 }}>{combo}</kbd>
    </Button>
  );
}
