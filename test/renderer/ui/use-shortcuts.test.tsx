import { act, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useDialogKeys } from '../../../renderer/src/ui/useShortcuts';

function Dialog({ onOne, open }: { onOne: () => void; open: boolean }) {
  useDialogKeys({ '1': onOne }, open);
  return null;
}

const press = (key: string) =>
  act(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  });

describe('dialog keys', () => {
  it('go to the dialog opened last only, and back to the first when it closes', () => {
    const keypad = vi.fn();
    const picker = vi.fn();
    const view = render(
      <>
        <Dialog onOne={keypad} open />
        <Dialog onOne={picker} open={false} />
      </>,
    );
    press('1');
    expect([keypad.mock.calls.length, picker.mock.calls.length]).toEqual([1, 0]);

    // The reason picker opens over the keypad: "1" picks a reason and sends no tone.
    view.rerender(
      <>
        <Dialog onOne={keypad} open />
        <Dialog onOne={picker} open />
      </>,
    );
    press('1');
    expect([keypad.mock.calls.length, picker.mock.calls.length]).toEqual([1, 1]);

    view.rerender(
      <>
        <Dialog onOne={keypad} open />
        <Dialog onOne={picker} open={false} />
      </>,
    );
    press('1');
    expect([keypad.mock.calls.length, picker.mock.calls.length]).toEqual([2, 1]);
  });
});
