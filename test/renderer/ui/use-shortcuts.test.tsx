import { act, render } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useLayoutEffect } from 'react';
import { useDialogKeys, useShortcuts } from '../../../renderer/src/ui/useShortcuts';

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

/** Binds F2 to report the value it was rendered with. */
function Ready({ value, seen }: { value: string; seen: string[] }) {
  useShortcuts({ 'session.ready': () => seen.push(value) });
  return null;
}

/** Presses F2 as soon as a render is on screen — before any passive effect of that render runs. */
function PressOnCommit({ value }: { value: string }) {
  useLayoutEffect(() => {
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'F2', bubbles: true }));
  }, [value]);
  return null;
}

describe('shortcuts', () => {
  it('run the action of the render on screen, even for a key pressed right after it commits', () => {
    const seen: string[] = [];
    const view = render(
      <>
        <Ready value="未选择" seen={seen} />
        <PressOnCommit value="未选择" />
      </>,
    );
    // The agent chooses the call type and presses the key at once: the choice counts.
    view.rerender(
      <>
        <Ready value="催派" seen={seen} />
        <PressOnCommit value="催派" />
      </>,
    );
    expect(seen.at(-1)).toBe('催派');
  });
});
