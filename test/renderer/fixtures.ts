/**
 * Shared fixtures for the renderer's component tests: a signed-in session and the console
 * rendered against a fake api. (The fake api itself, with the idle phone and the handlers every
 * signed-in screen needs, is in fake-api.ts.)
 */
import { render } from '@testing-library/react';
import { createElement } from 'react';
import type { AgentState } from '@shared/session/agent-state';
import type { Session } from '@shared/contract';
import { App } from '../../renderer/src/app/App';
import type { Language } from '../../renderer/src/app/i18n';
import { createI18n } from '../../renderer/src/app/i18n';
import type { DeskStore } from '../../renderer/src/app/store';
import { createDeskStore } from '../../renderer/src/app/store';
import type { FakeApi } from './fake-api';
import { reportMissingKey } from './i18n-missing';

/** Agent 1001 张伟, signed in at `at` and in `state` since then (示闲 unless told). */
export function signedInSession(
  state: AgentState = { status: 'ready' },
  at: number = Date.now(),
): Session {
  return {
    agent: { id: 'a1', employeeNo: '1001', name: '张伟', role: 'agent' },
    shift: { id: 's1', startedAt: at },
    state,
    stateSince: at,
  };
}

/** An i18next instance like the console's, reporting any key with no text (setup.ts fails on it). */
export function createTestI18n(language: Language = 'zh-CN') {
  return createI18n(language, { onMissingKey: reportMissingKey });
}

/** Renders the whole console over `api`, as main.tsx does; returns its store. */
export function renderDesk(api: FakeApi, language: Language = 'zh-CN'): DeskStore {
  const store = createDeskStore(api, language);
  render(createElement(App, { api, store, i18n: createTestI18n(language) }));
  return store;
}
