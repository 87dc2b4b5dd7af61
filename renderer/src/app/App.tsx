import {
  Alert,
  App as AntApp,
  Badge,
  ConfigProvider,
  Empty,
  Layout,
  Result,
  Select,
  Spin,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { i18n as I18n } from 'i18next';
import type { CSSProperties, ReactNode } from 'react';
import { useContext, useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { DeskApi } from '@shared/contract';
import { ShiftPanel, SignInPage, StatusBar } from '../features/session';
import type { RenderPop } from '../features/softphone';
import {
  CallHistory,
  CallPanel,
  SipAccountsDialog,
  SipChip,
  useMediaHost,
  useShiftCallDetails,
} from '../features/softphone';
import { CustomerCard, LookupPage, WaybillDrawer } from '../features/waybills';
import type { RenderSipAccounts } from '../features/admin';
import { AdminPage } from '../features/admin';
import { ScriptEditor, ScriptPanel } from '../features/scripts';
import { OrderCallButton, OrdersPage } from '../features/orders';
import { CallbacksHost, CallbacksPanel } from '../features/callbacks';
import {
  ComplaintRulesCard,
  ComplaintsHost,
  ComplaintsPage,
  ComplaintsTabLabel,
} from '../features/complaints';
import { LetterheadCard } from '../features/documents';
import { HandoverPage, HandoverTabLabel } from '../features/handover';
import { MetricsPage } from '../features/metrics';
import { ErrorAlert } from '../ui/ErrorAlert';
import { ClockFreeze } from '../ui/useNow';
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

/** The lead's 管理 area shows the softphone's per-agent SIP accounts dialog (ADR 0011). */
const renderSipAccounts: RenderSipAccounts = (p) => <SipAccountsDialog {...p} />;

/** The shift tab: the session's panel with the softphone's lines and call history. */
function ShiftTab() {
  const callDetails = useShiftCallDetails();
  return (
    <ShiftPanel details={callDetails}>
      <CallHistory />
    </ShiftPanel>
  );
}

/**
 * While the connection to main is lost, what the shell shows of main's live state (agent state and
 * its timer, the SIP chip, the call and its timers) is last known, not current: greyed, inert (no
 * control acts on a state that may be gone), hidden from assistive tech, with the clocks stopped
 * (ui/useNow) — and one "未连接" label says so.
 */
function Live({ stale, children, style }: { stale: boolean; children: ReactNode } & StyleProp) {
  return (
    <div
      inert={stale}
      data-stale={stale || undefined}
      style={{
        ...style,
        ...(stale && { filter: 'grayscale(1)', opacity: 0.45, pointerEvents: 'none' }),
      }}
    >
      {children}
    </div>
  );
}
type StyleProp = { style?: CSSProperties };

/** The one banner while the connection to main is lost. */
function ConnectionBanner() {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      role="alert"
      showIcon
      title={t('connection.lost')}
      description={t('connection.lostHint')}
      banner
    />
  );
}

/**
 * The seat's workspace: the header (agent state, SIP chip) on top; on the left the call (controls
 * first, the caller's card under them) above the tabs, each part scrolling on its own so the call
 * is always in view; on the right the call script and the waybill's detail, beside the call, never
 * over it. Nothing in it is wider than the window, from 1280×720 up.
 */
function Workspace() {
  const { t } = useTranslation();
  const connection = useDesk((s) => s.connection);
  const lostAt = useDesk((s) => s.connectionLostAt);
  const isLead = useDesk((s) => s.session?.agent.role === 'lead');
  const stale = connection !== 'open';
  const [tab, setTab] = useState('lookup');
  // A sign-out refused for want of a handover, or a handover waiting for me: the 交接 tab.
  const store = useContext(DeskStoreContext);
  useEffect(
    () =>
      store?.subscribe((state, before) => {
        if (state.handoverTabRequest !== before.handoverTabRequest) setTab('handover');
      }),
    [store],
  );
  // 下单 (the button, the call script) opens the form on the 工单 tab.
  useEffect(
    () =>
      store?.subscribe((state, before) => {
        const req = state.orderFormRequest;
        if (req && req !== before.orderFormRequest) setTab('orders');
      }),
    [store],
  );
  useMediaHost();
  const tabs = [
    { key: 'lookup', label: t('tabs.lookup'), children: <LookupPage /> },
    { key: 'orders', label: t('tabs.orders'), children: <OrdersPage /> },
    { key: 'callbacks', label: <CallbacksTabLabel />, children: <CallbacksPanel /> },
    { key: 'complaints', label: <ComplaintsTabLabel />, children: <ComplaintsPage /> },
    { key: 'handover', label: <HandoverTabLabel />, children: <HandoverPage /> },
    { key: 'shift', label: t('tabs.shift'), children: <ShiftTab /> },
    { key: 'metrics', label: t('metrics:tab'), children: <MetricsPage /> },
    // Leads only (main refuses every admin request to anyone else).
    ...(isLead
      ? [
          {
            key: 'admin',
            label: t('admin:tab'),
            children: (
              <AdminPage
                renderSipAccounts={renderSipAccounts}
                settingsCards={
                  <div style={{ display: 'grid', gap: 12, marginTop: 12 }}>
                    <ComplaintRulesCard />
                    <LetterheadCard />
                  </div>
                }
              />
            ),
          },
        ]
      : []),
    // Leads only: the call scripts' editor (main refuses every editing request to anyone else).
    ...(isLead
      ? [{ key: 'scripts', label: t('scripts:editor.tab'), children: <ScriptEditor /> }]
      : []),
  ];
  return (
    <ClockFreeze value={stale ? lostAt : null}>
      <Layout style={{ height: '100vh', overflow: 'hidden' }}>
        <Layout.Header
          style={{
            background: '#fff',
            borderBottom: '1px solid #f0f0f0',
            display: 'flex',
            alignItems: 'center',
            flexWrap: 'wrap',
            columnGap: 16,
            rowGap: 4,
            height: 'auto',
            padding: '6px 16px',
            lineHeight: 'normal',
            flex: 'none',
          }}
        >
          <Typography.Title level={4} style={{ margin: 0, whiteSpace: 'nowrap' }}>
            {t('common:app.title')}
          </Typography.Title>
          {stale && (
            <Tag color="default" role="status" aria-label={t('connection.label')}>
              {t('connection.notConnected')}
            </Tag>
          )}
          <Live stale={stale} style={{ minWidth: 0 }}>
            <StatusBar />
          </Live>
          <div style={{ marginLeft: 'auto', display: 'flex', alignItems: 'center', gap: 8 }}>
            <ComplaintsHost />
            <Live stale={stale}>
              <SipChip />
            </Live>
            <LanguageSelect />
          </div>
        </Layout.Header>
        {stale && <ConnectionBanner />}
        <CallbacksHost />
        <div style={bodyStyle}>
          <main aria-label={t('layout.main')} data-region="main" style={columnStyle}>
            <div data-region="call" style={callStyle}>
              <ErrorAlert />
              <Live stale={stale}>
                <CallPanel renderPop={renderPop} />
                <OrderCallButton />
              </Live>
            </div>
            <div data-region="tabs" style={tabsStyle}>
              <Tabs activeKey={tab} onChange={setTab} items={tabs} />
            </div>
          </main>
          <aside aria-label={t('layout.side')} data-region="side" style={sideStyle}>
            <section aria-label={t('layout.script')} style={scriptStyle}>
              <ScriptPanel />
            </section>
            <div style={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
              <WaybillDrawer />
              <DetailPlaceholder />
            </div>
          </aside>
        </div>
      </Layout>
    </ClockFreeze>
  );
}

/** 回电, with how many are open (red when one is overdue). */
function CallbacksTabLabel() {
  const { t } = useTranslation();
  const open = useDesk((s) => s.callbacks.length);
  const overdue = useDesk((s) => s.callbacks.some((c) => c.overdue));
  return (
    <span>
      {t('tabs.callbacks')}
      {open > 0 && (
        <Badge
          count={open}
          size="small"
          color={overdue ? 'red' : 'blue'}
          style={{ marginInlineStart: 4 }}
          aria-label={t('tabs.callbacksOpen', { count: open })}
        />
      )}
    </span>
  );
}

/** What the side shows with no waybill open. */
function DetailPlaceholder() {
  const { t } = useTranslation();
  const open = useDesk((s) => s.detailOpen && s.detail !== null);
  if (open) return null;
  return (
    <Empty
      image={Empty.PRESENTED_IMAGE_SIMPLE}
      description={t('layout.noDetail')}
      style={{ margin: '48px 16px' }}
    />
  );
}

const bodyStyle: CSSProperties = {
  flex: 1,
  minHeight: 0,
  display: 'grid',
  // The side: 36% of the window, at least 380 px (1280: 461 px), at most 640 px.
  gridTemplateColumns: 'minmax(0, 1fr) clamp(380px, 36vw, 640px)',
};
const columnStyle: CSSProperties = {
  minWidth: 0,
  minHeight: 0,
  display: 'flex',
  flexDirection: 'column',
};
/** The call: at most 60% of the column, scrolling inside itself; its controls come first. */
const callStyle: CSSProperties = {
  flex: 'none',
  maxHeight: '60%',
  overflowY: 'auto',
  overflowX: 'hidden',
  padding: '12px 16px 0',
};
const tabsStyle: CSSProperties = {
  flex: 1,
  minHeight: 0,
  overflowY: 'auto',
  overflowX: 'hidden',
  padding: '0 16px 16px',
};
/** The call script: up to 45% of the side, scrolling inside itself. */
const scriptStyle: CSSProperties = {
  flex: 'none',
  maxHeight: '45%',
  minWidth: 0,
  overflowY: 'auto',
  overflowX: 'hidden',
};
const sideStyle: CSSProperties = {
  minWidth: 0,
  minHeight: 0,
  display: 'flex',
  flexDirection: 'column',
  overflow: 'hidden',
  borderLeft: '1px solid #f0f0f0',
  background: '#fff',
};

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
  if (connection === 'refused') {
    return (
      <Result
        status="error"
        title={t('connection.refused')}
        subTitle={t('connection.refusedHint')}
      />
    );
  }
  if (!loaded) return <Spin fullscreen aria-label={t('app.loading')} />;
  if (session) return <Workspace />;
  // Signed out, the connection is still said once: a sign-in now would be refused.
  return (
    <>
      {connection === 'connecting' && <ConnectionBanner />}
      <SignInPage />
    </>
  );
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
