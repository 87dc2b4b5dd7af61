/**
 * The 交接 tab: the shift-end form (or the button to start it), the handovers waiting for my
 * acknowledgement, the lead's review and sign-out overrides, and the history search.
 */
import { Alert, Badge, Button, Card, Empty, Input, List, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatSpan } from '@shared/common/format';
import type { HandoverLine } from '@shared/handover/contract';
import { useDesk } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { HandoverDetail } from './HandoverDetail';
import { HandoverForm } from './HandoverForm';
import { NewSinceHandover } from './NewSinceHandover';
import { Refusal, useTimeText } from './parts';

function Lines({ lines, empty }: { lines: HandoverLine[]; empty: string }) {
  const { t } = useTranslation('handover');
  const language = useDesk((s) => s.language);
  const showHandover = useDesk((s) => s.showHandover);
  const time = useTimeText();
  if (lines.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  }
  return (
    <List
      size="small"
      dataSource={lines}
      renderItem={(l) => (
        <List.Item
          actions={[
            <Button
              key="open"
              size="small"
              aria-label={`${t('ack.open')} ${l.author.name} ${time(l.shiftStartedAt)}`}
              onClick={() => void showHandover(l.id)}
            >
              {t('ack.open')}
            </Button>,
          ]}
        >
          <Space wrap size={4}>
            <span>{t('ack.from', { name: l.author.name, employeeNo: l.author.employeeNo })}</span>
            <span>{time(l.shiftStartedAt)}</span>
            <Tag>{t('review.age', { age: formatSpan(l.ageMs, language) })}</Tag>
            {l.pending > 0 && <Tag color="orange">{t('review.pending', { count: l.pending })}</Tag>}
            {l.queried > 0 && <Tag color="gold">{t('review.queried', { count: l.queried })}</Tag>}
            {l.correctsId && <Tag>{t('detail.correction')}</Tag>}
          </Space>
        </List.Item>
      )}
    />
  );
}

function OverrideShift({
  shiftId,
  name,
  handedOver,
}: {
  shiftId: string;
  name: string;
  /** Handed over already: what holds the shift is items that came up afterwards. */
  handedOver: boolean;
}) {
  const label = handedOver ? 'review.overrideAfter' : 'review.override';
  const { t } = useTranslation('handover');
  const override = useDesk((s) => s.overrideSignOut);
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  return (
    <Space orientation="vertical">
      <Space wrap>
        <Input
          size="small"
          aria-label={`${t('review.overrideReason')} ${name}`}
          placeholder={t('review.overrideReason')}
          maxLength={200}
          status={missing ? 'error' : ''}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          style={{ width: 200 }}
        />
        <Button
          size="small"
          aria-label={`${t(label)} ${name}`}
          onClick={() => {
            if (reason.trim() === '') {
              setMissing(true);
              return;
            }
            setMissing(false);
            void override(shiftId, reason.trim()).then(setError);
          }}
        >
          {t(label)}
        </Button>
      </Space>
      {missing && <Alert type="error" role="alert" title={t('review.overrideReasonRequired')} />}
      <Refusal error={error} />
    </Space>
  );
}

function LeadReview() {
  const { t } = useTranslation('handover');
  const unsigned = useDesk((s) => s.handoverUnsigned);
  const shifts = useDesk((s) => s.handoverOpenShifts);
  const time = useTimeText();
  return (
    <Card size="small" role="region" aria-label={t('review.title')} title={t('review.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <strong>{t('review.unsigned')}</strong>
        <Lines lines={unsigned} empty={t('review.none')} />
        <strong>{t('review.shifts')}</strong>
        {shifts.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('review.noShifts')} />
        ) : (
          <List
            size="small"
            dataSource={shifts}
            renderItem={(s) => (
              <List.Item>
                <Space wrap>
                  <span>
                    {s.agent.name}（{s.agent.employeeNo}）
                  </span>
                  <span>{t('review.since', { time: time(s.startedAt) })}</span>
                  {s.handedOver && <Tag color="green">{t('review.handedOver')}</Tag>}
                  {!s.overridden && s.notInBook > 0 && (
                    <Tag color="orange">
                      {t(s.handedOver ? 'review.notInBook' : 'review.openItems', {
                        count: s.notInBook,
                      })}
                    </Tag>
                  )}
                  {s.overridden ? (
                    <Tag color="blue">{t('review.overridden')}</Tag>
                  ) : (
                    // Also once handed over: items that came up afterwards still hold the shift.
                    <OverrideShift
                      shiftId={s.shiftId}
                      name={s.agent.name}
                      handedOver={s.handedOver}
                    />
                  )}
                </Space>
              </List.Item>
            )}
          />
        )}
      </Space>
    </Card>
  );
}

function HistorySearch() {
  const { t } = useTranslation('handover');
  const search = useDesk((s) => s.searchHandovers);
  const results = useDesk((s) => s.handoverHistory);
  const showHandover = useDesk((s) => s.showHandover);
  const time = useTimeText();
  const [agent, setAgent] = useState('');
  const [customer, setCustomer] = useState('');
  const [waybill, setWaybill] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const text = (v: string) => v.trim() || null;
  return (
    <Card size="small" role="region" aria-label={t('history.title')} title={t('history.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Input
            aria-label={t('history.agent')}
            placeholder={t('history.agent')}
            value={agent}
            maxLength={32}
            onChange={(e) => setAgent(e.target.value)}
            style={{ width: 160 }}
          />
          <Input
            type="date"
            aria-label={t('history.from')}
            value={from}
            onChange={(e) => setFrom(e.target.value)}
            style={{ width: 150 }}
          />
          <Input
            type="date"
            aria-label={t('history.to')}
            value={to}
            onChange={(e) => setTo(e.target.value)}
            style={{ width: 150 }}
          />
          <Input
            aria-label={t('history.customer')}
            placeholder={t('history.customer')}
            value={customer}
            maxLength={64}
            onChange={(e) => setCustomer(e.target.value)}
            style={{ width: 140 }}
          />
          <Input
            aria-label={t('history.waybill')}
            placeholder={t('history.waybill')}
            value={waybill}
            maxLength={32}
            onChange={(e) => setWaybill(e.target.value)}
            style={{ width: 160 }}
          />
          <Button
            type="primary"
            onClick={() =>
              void search({
                agent: text(agent),
                from: from || null,
                to: to || null,
                shiftId: null,
                customer: text(customer),
                waybill: text(waybill),
              }).then(setError)
            }
          >
            {t('history.search')}
          </Button>
        </Space>
        <Refusal error={error} />
        {results !== null && (
          <Table<HandoverLine>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={results}
            locale={{ emptyText: t('history.none') }}
            onRow={(l) => ({ onDoubleClick: () => void showHandover(l.id) })}
            columns={[
              {
                title: t('history.columns.author'),
                render: (_, l) => `${l.author.name}（${l.author.employeeNo}）`,
              },
              { title: t('history.columns.shift'), render: (_, l) => time(l.shiftStartedAt) },
              { title: t('history.columns.items'), dataIndex: 'items' },
              {
                title: t('history.columns.status'),
                render: (_, l) => (
                  <Space size={4}>
                    <Tag color={l.status === 'signed' ? 'green' : 'orange'}>
                      {t(`detail.status.${l.status}`)}
                    </Tag>
                    {l.correctsId && <Tag>{t('detail.correction')}</Tag>}
                    <Button
                      size="small"
                      aria-label={`${t('ack.open')} ${l.author.name} ${time(l.shiftStartedAt)}`}
                      onClick={() => void showHandover(l.id)}
                    >
                      {t('ack.open')}
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )}
        <small>{t('history.retention')}</small>
      </Space>
    </Card>
  );
}

export function HandoverPage() {
  const { t } = useTranslation('handover');
  const draft = useDesk((s) => s.handoverDraft);
  const shown = useDesk((s) => s.handoverShown);
  const awaiting = useDesk((s) => s.handoverAwaiting);
  const isLead = useDesk((s) => s.session?.agent.role === 'lead');
  const shiftId = useDesk((s) => s.session?.shift.id);
  const openForm = useDesk((s) => s.openHandoverForm);
  const signOut = useDesk((s) => s.signOut);
  const late = useDesk((s) => s.handoverLate);
  const submittedMine = shown !== null && shown.shiftId === shiftId && shown.correctsId === null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {draft?.handover ? (
        <NewSinceHandover draft={draft} />
      ) : draft ? (
        <HandoverForm draft={draft} />
      ) : (
        <Space>
          <Button onClick={() => void openForm()}>{t('form.start')}</Button>
        </Space>
      )}
      {/* Only while nothing has come up since: else sign-out is refused and the prompt would lie. */}
      {submittedMine && shown.status === 'submitted' && !draft?.handover && late === 0 && (
        <Alert
          type="success"
          showIcon
          title={t('form.submitted')}
          action={
            <Button size="small" onClick={() => void signOut()}>
              {t('form.signOut')}
            </Button>
          }
        />
      )}
      {shown && <HandoverDetail handover={shown} />}
      <Card size="small" role="region" aria-label={t('ack.title')} title={t('ack.title')}>
        <Lines lines={awaiting} empty={t('ack.none')} />
      </Card>
      {isLead && <LeadReview />}
      <HistorySearch />
    </Space>
  );
}

/** 交接, with how many handovers wait for my acknowledgement. */
export function HandoverTabLabel() {
  const { t } = useTranslation('handover');
  const waiting = useDesk((s) => s.handoverAwaiting.length);
  return (
    <span>
      {t('tab')}
      {waiting > 0 && (
        <Badge
          count={waiting}
          size="small"
          color="orange"
          style={{ marginInlineStart: 4 }}
          aria-label={t('tabAwaiting', { count: waiting })}
        />
      )}
    </span>
  );
}
