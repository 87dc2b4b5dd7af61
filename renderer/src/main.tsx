import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { createI18n, languages } from './app/i18n';
import type { Language } from './app/i18n';
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
if ('onConnection' in api) {
  (api as SocketApi).onConnection((state) => {
    store.getState().setConnection(state);
    // After a reconnect, events may have been missed: read the session again.
    if (state === 'open' && store.getState().loaded) void store.getState().init();
  });
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App store={store} i18n={i18n} api={api} />
  </StrictMode>,
);
