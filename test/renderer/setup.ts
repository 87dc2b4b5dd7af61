import { cleanup } from '@testing-library/react';
import { afterEach, expect } from 'vitest';
import { takeMissingKeys } from './i18n-missing';

// jsdom lacks these; Ant Design's responsive and overflow helpers call them.
Object.defineProperty(window, 'matchMedia', {
  writable: true,
  value: (query: string) => ({
    // jsdom never fires animationend, so antd's exit animations would never finish.
    matches: query === '(prefers-reduced-motion: reduce)',
    media: query,
    onchange: null,
    addListener: () => undefined,
    removeListener: () => undefined,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    dispatchEvent: () => false,
  }),
});
class ResizeObserverStub {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;
const original = window.getComputedStyle;
window.getComputedStyle = (elt: Element) => original(elt);

// @rc-component/util gives every element the id "test-id" when NODE_ENV is 'test', so dialogs
// all point aria-labelledby at the first such element and lose their names. Real ids, please.
process.env['NODE_ENV'] = 'development';

afterEach(() => {
  cleanup();
  // No raw i18n key ever reached the screen (lookups with their own default value excepted).
  expect(takeMissingKeys(), 'i18n keys without a text').toEqual([]);
});
