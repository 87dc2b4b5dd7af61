import { Badge, Button, Card, Empty, List, Segmented, Select, Space, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintType, Severity } from '@shared/complaints/compensation';
import { complaintTypes, severities } from '@shared/complaints/compensation';
import type { TicketListScope, TicketSummary } from '@shared/complaints/contract';
import { comboOf } from '../../../app/keymap';
import { useDesk } from '../../../app/context';
import { whenText } from './TicketClocks';

/**
 * On the caller's card (screen pop): their open tickets, the most urgent first — whose each is
 * (首问), type, severity, the next clock (red when overdue); the number opens the ticket.
 */
export function CallerTickets({ tickets }: { tickets: readonly TicketSummary[] | undefined }) {
  const { t } = useTranslation('complaints');
  if (!tickets || tickets.length === 0) return null;
  return (
    <section aria-label={t('pop.title')}>
      <Typography.Text strong type="danger">
        {t('pop.title')}
      </Typography.Text>
      <TicketList items={[...tickets]} />
    </section>
  );
}

/** One ticket in a list: who, what, and its next clock (red when overdue). */
export function TicketList({ items }: { items: TicketSummary[] }) {
  const { t } = useTranslation('complaints');
  const timeZone = useDesk((s) => s.deskInfo?.timeZone ?? 'Asia/Shanghai');
  const openTicket = useDesk((s) => s.openTicket);
  if (items.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.empty')} />;
  }
  return (
    <List
      size="small"
      dataSource={items}
      renderItem={(c) => (
        <List.Item
          actions={[
            <Button
              key="open"
              size="small"
              aria-label={`${c.number} ${c.customerName}`}
              onClick={() => void openTicket(c.id)}
            >
              {c.number}
            </Button>,
          ]}
        >
          <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
            <Space wrap size={4}>
              <Typography.Text strong>{c.customerName}</Typography.Text>
              <Tag>{t(`types.${c.type}`)}</Tag>
              {c.severity !== 'ordinary' && <Tag color="red">{t(`severities.${c.severity}`)}</Tag>}
              {c.watchList && <Tag color="magenta">{t('panel.watchList')}</Tag>}
              {c.step && <Tag color="blue">{t(`steps.${c.step}`)}</Tag>}
            </Space>
            <Typography.Text
              type={c.overdue ? 'danger' : 'secondary'}
              data-overdue={c.overdue || undefined}
            >
              {c.nextClock && c.nextDueAt !== null
                ? `${t(`clocks.${c.nextClock}`)} · ${t('clocks.due', { time: whenText(c.nextDueAt, timeZone) })}${c.overdue ? ` · ${t('clocks.states.overdue')}` : ''}${c.nextEstimated ? ` · ${t('clocks.estimated')}` : ''}`
                : t('panel.noClock')}
            </Typography.Text>
            <Typography.Text type="secondary">
              {c.waybillNumbers.join('、')}{' '}
              {t('panel.owner', { name: c.owner.name, no: c.owner.employeeNo })}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

/** The 投诉 tab: my tickets, due today, and for a lead the team's and the overdue ones. */
export function ComplaintsPage() {
  const { t } = useTranslation('complaints');
  const isLead = useDesk((s) => s.session?.agent.role === 'lead');
  const scope = useDesk((s) => s.complaintsScope);
  const filter = useDesk((s) => s.complaintsFilter);
  const items = useDesk((s) => s.complaints);
  const more = useDesk((s) => s.complaintsMore);
  const setScope = useDesk((s) => s.setComplaintsScope);
  const setFilter = useDesk((s) => s.setComplaintsFilter);
  const openForm = useRegisterFromCall();
  const load = useDesk((s) => s.loadComplaints);
  // Read when the tab is first shown; main's changes keep it fresh from then on.
  useEffect(() => {
    void load();
  }, [load]);
  const scopes: TicketListScope[] = isLead
    ? ['mine', 'due_today', 'team', 'overdue']
    : ['mine', 'due_today'];
  return (
    <Card
      size="small"
      role="region"
      aria-label={t('panel.title')}
      title={t('panel.title')}
      extra={
        <Button
          size="small"
          type="primary"
          aria-keyshortcuts={comboOf('complaints.register')}
          onClick={openForm}
        >
          {t('panel.register')}
          <kbd style={{ marginLeft: 4, fontSize: 11 }}>{comboOf('complaints.register')}</kbd>
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Segmented
          aria-label={t('panel.scope')}
          value={scope}
          options={scopes.map((s) => ({ value: s, label: t(`scopes.${s}`) }))}
          onChange={(v) => void setScope(v as TicketListScope)}
        />
        <Select<ComplaintType | 'all'>
          aria-label={t('panel.filterType')}
          style={{ width: 160 }}
          value={filter.type ?? 'all'}
          options={[
            { value: 'all', label: t('panel.all') },
            ...complaintTypes.map((k) => ({ value: k, label: t(`types.${k}`) })),
          ]}
          onChange={(v) => void setFilter({ ...filter, type: v === 'all' ? null : v })}
        />
        <Select<Severity | 'all'>
          aria-label={t('panel.filterSeverity')}
          style={{ width: 100 }}
          value={filter.severity ?? 'all'}
          options={[
            { value: 'all', label: t('panel.all') },
            ...severities.map((k) => ({ value: k, label: t(`severities.${k}`) })),
          ]}
          onChange={(v) => void setFilter({ ...filter, severity: v === 'all' ? null : v })}
        />
      </Space>
      <TicketList items={items} />
      {more && (
        <Typography.Text type="secondary">
          {t('panel.more', { count: items.length })}
        </Typography.Text>
      )}
    </Card>
  );
}

/** Opens the form pre-filled from the current call (its caller's customer), if any. */
export function useRegisterFromCall(): () => void {
  const callPop = useDesk((s) => s.callPop);
  const callId = useDesk((s) => s.phone?.call?.id ?? null);
  const openForm = useDesk((s) => s.openComplaintForm);
  return () => {
    const customer = callPop && callPop.callId === callId ? callPop.pop.customers[0] : undefined;
    openForm({
      callId,
      customerId: customer?.id ?? null,
      customerName: customer?.name ?? '',
    });
  };
}

/** 投诉, with how many of mine are open. */
export function ComplaintsTabLabel() {
  const { t } = useTranslation('complaints');
  const open = useDesk((s) => s.complaintsMine);
  return (
    <span>
      {t('tab')}
      {open > 0 && (
        <Badge
          count={open}
          size="small"
          color="blue"
          style={{ marginInlineStart: 4 }}
          aria-label={t('openCount', { count: open })}
        />
      )}
    </span>
  );
}
