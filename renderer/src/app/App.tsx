import {
  Alert,
  App as AntApp,
  ConfigProvider,
  Layout,
  Result,
  Select,
  Spin,
  Tabs,
  Typography,
} from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { i18n as I18n } from 'i18next';
import { useEffect } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { DeskApi } from '@shared/contract';
import { ShiftPanel, SignInPage, StatusBar } from '../features/session';
import type { RenderPop } from '../features/softphone';
import {
  CallHistory,
  CallPanel,
  SipChip,
  useMediaHost,
  useShiftCallDetails,
} from '../features/softphone';
import { CustomerCard, LookupPage } from '../features/waybills';
import { ErrorAlert } from '../ui/ErrorAlert';
import { DeskApiContext, DeskStoreContext, useDesk } from './context';
import type { Language } from './i18n';
import type { DeskStore } from './store';

function LanguageSelect() {
  const { t, i18n } = useTranslation();
  const language = useDesk((s) => s.language);
  const setLanguage = useDesk((s) => s.setLanguage);
  return (
    <Select<Language>
      aria-label={t('app.language')}
      size="small"
      value={language}
      style={{ width: 100 }}
      onChange={(lng) => {
        setLanguage(lng);
        void i18n.changeLanguage(lng);
      }}
      options={[
        { value: 'zh-CN', label: '中文' },
        { value: 'en', label: 'English' },
      ]}
    />
  );
}

/** The caller's pop in the call panel is the waybills feature's customer card. */
const renderPop: RenderPop = (pop, call) => <CustomerCard pop={pop} call={call} />;

/** The shift tab: the session's panel with the softphone's lines and call history. */
function ShiftTab() {
  const callDetails = useShiftCallDetails();
  return (
    <ShiftPanel details={callDetails}>
      <CallHistory />
    </ShiftPanel>
  );
}

function Workspace() {
  const { t } = useTranslation();
  const connection = useDesk((s) => s.connection);
  useMediaHost();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          display: 'flex',
          alignItems: 'center',
          gap: 24,
          height: 'auto',
          padding: '8px 16px',
          lineHeight: 'normal',
        }}
      >
        <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
          {t('common:app.title')}
        </Typography.Title>
        <StatusBar />
        <div style={{ marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: 8 }}>
          <SipChip />
          <LanguageSelect />
        </div>
      </Layout.Header>
      <Layout.Content style={{ padding: 16 }}>
        {connection === 'connecting' && (
          <Alert
            type="warning"
            showIcon
            title={t('connection.lost')}
            style={{ marginBottom: 12 }}
          />
        )}
        <ErrorAlert />
        <CallPanel renderPop={renderPop} />
        <Tabs
          defaultActiveKey="lookup"
          items={[
            { key: 'lookup', label: t('tabs.lookup'), children: <LookupPage /> },
            { key: 'shift', label: t('tabs.shift'), children: <ShiftTab /> },
          ]}
        />
      </Layout.Content>
    </Layout>
  );
}

function Screens() {
  const { t } = useTranslation('app');
  const connection = useDesk((s) => s.connection);
  const loaded = useDesk((s) => s.loaded);
  const session = useDesk((s) => s.session);
  const init = useDesk((s) => s.init);
  useEffect(() => {
    void init();
  }, [init]);
  if (connection === 'no_token') {
    return (
      <Result
        status="warning"
        title={t('connection.noToken')}
        subTitle={t('connection.noTokenHint')}
      />
    );
  }
  if (!loaded) return <Spin fullscreen aria-label="loading" />;
  return session ? <Workspace /> : <SignInPage />;
}

/** Agents who asked their OS for less motion get none (and jsdom, which never ends animations). */
const reducedMotion =
  typeof window !== 'undefined' &&
  window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

function Themed() {
  const language = useDesk((s) => s.language);
  return (
    // No space between two-character labels (登录, not 登 录): accessible names stay the words.
    <ConfigProvider
      locale={language === 'en' ? enUS : zhCN}
      button={{ autoInsertSpace: false }}
      theme={{ token: { motion: !reducedMotion } }}
    >
      <AntApp>
        <Screens />
      </AntApp>
    </ConfigProvider>
  );
}

/** The console: the store and the transport (context), the language, the screens. */
export function App({ store, i18n, api }: { store: DeskStore; i18n: I18n; api: DeskApi }) {
  return (
    <I18nextProvider i18n={i18n}>
      <DeskApiContext.Provider value={api}>
        <DeskStoreContext.Provider value={store}>
          <Themed />
        </DeskStoreContext.Provider>
      </DeskApiContext.Provider>
    </I18nextProvider>
  );
}
