import { Button, Tabs, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AcwPolicyPanel } from './AcwPolicyPanel';
import { AgentsPanel } from './AgentsPanel';
import { AuditLogPanel } from './AuditLogPanel';
import { DeskSettingsPanel } from './DeskSettingsPanel';
import { UncoveredYearsAlert, useHolidaySchedule } from './HolidayScheduleCard';

/**
 * The per-agent SIP accounts dialog (ADR 0011) is the softphone feature's; the shell passes it in
 * (as it passes the caller's pop to the call panel), so this feature does not reach into another.
 */
export type RenderSipAccounts = (props: { open: boolean; onClose(): void }) => ReactNode;

/**
 * The shift lead's administration area (管理): the team's accounts, after-call work, the agents'
 * softphone accounts, the desk's settings and the audit log. The shell shows it to leads only;
 * main refuses every admin request to anyone else.
 */
export function AdminPage({
  renderSipAccounts,
  settingsCards,
}: {
  renderSipAccounts?: RenderSipAccounts;
  /** The other features' settings cards (the shell passes them in, as the SIP accounts dialog). */
  settingsCards?: ReactNode;
}) {
  const { t } = useTranslation('admin');
  // Read once for the tab: the warning on top and the settings card share it (an import clears it).
  const holidaySchedule = useHolidaySchedule();
  return (
    <section aria-label={t('title')}>
      <UncoveredYearsAlert view={holidaySchedule.view} />
      <Tabs
        defaultActiveKey="agents"
        destroyOnHidden
        items={[
          { key: 'agents', label: t('sections.agents'), children: <AgentsPanel /> },
          { key: 'acw', label: t('sections.acw'), children: <AcwPolicyPanel /> },
          {
            key: 'sip',
            label: t('sections.sip'),
            children: <SipAccountsSection render={renderSipAccounts} />,
          },
          {
            key: 'settings',
            label: t('sections.settings'),
            children: (
              <>
                <DeskSettingsPanel holidaySchedule={holidaySchedule} />
                {settingsCards}
              </>
            ),
          },
          { key: 'audit', label: t('sections.audit'), children: <AuditLogPanel /> },
        ]}
      />
    </section>
  );
}

function SipAccountsSection({ render }: { render: RenderSipAccounts | undefined }) {
  const { t } = useTranslation('admin');
  const [open, setOpen] = useState(false);
  return (
    <section aria-label={t('sip.title')}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('sip.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('sip.hint')}</Typography.Paragraph>
      {render ? (
        <>
          <Button type="primary" onClick={() => setOpen(true)}>
            {t('sip.open')}
          </Button>
          {render({ open, onClose: () => setOpen(false) })}
        </>
      ) : (
        <Typography.Text type="secondary">{t('sip.unavailable')}</Typography.Text>
      )}
    </section>
  );
}
