import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createI18n, languages } from './app/i18n';
import type { Language } from './app/i18n';
import { watchConnection } from './app/shell-slice';
import { createDeskStore } from './app/store';
import { createDeskApi } from './app/transport';
import type { SocketApi } from './app/transport';

const saved = localStorage.getItem('desk.language');
const language: Language = (languages as readonly string[]).includes(saved ?? '')
  ? (saved as Language)
  : 'zh-CN';
const i18n = createI18n(language);
i18n.on('languageChanged', (lng) => {
  localStorage.setItem('desk.language', lng);
  document.documentElement.lang = lng;
});
document.documentElement.lang = language;

const api = createDeskApi();
const store = createDeskStore(api, language);
// The browser host's socket: its state drives the stale display, and a reconnect re-reads the desk.
if ('onConnection' in api) watchConnection(api as SocketApi, store);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} i18n={i18n} api={api} />
  </StrictMode>,
);
