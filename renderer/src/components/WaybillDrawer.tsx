import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Input,
  List,
  Modal,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealReasons } from '@shared/contract';
import type { WaybillDetail } from '@shared/contract';
import { formatSpan } from '@shared/common/format';
import { formatLocalTime, waybillSummaryText } from '@shared/waybills/summary';
import { useNow } from '../hooks/useNow';
import { useDesk } from '../store';
import { carrierName, statusColor } from './LookupPage';

const isLive = (call: { phase: string } | null | undefined) => !!call && call.phase !== 'ended';

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function PartyPhone({ party, masked }: { party: 'sender' | 'receiver'; masked: string }) {
  const { t } = useTranslation();
  const revealed = useDesk((s) => s.revealed[party]);
  const revealPhone = useDesk((s) => s.revealPhone);
  const waybillId = useDesk((s) => s.detail?.waybill.id);
  const callAction = useDesk((s) => s.callAction);
  const canDial = useDesk(
    (s) => s.sipHealth?.state === 'registered' && !s.phone?.acw && !isLive(s.phone?.call),
  );
  const [asking, setAsking] = useState(false);
  const dialLabel = party === 'sender' ? t('call.callSender') : t('call.callReceiver');
  return (
    <Space>
      <Typography.Text aria-label={`${t(`waybill.${party}`)}${t('waybill.phone')}`}>
        {revealed ?? masked}
      </Typography.Text>
      {!revealed && (
        <Button
          size="small"
          onClick={() => setAsking(true)}
          aria-label={`${t('waybill.reveal')}（${t(`waybill.${party}`)}）`}
        >
          {t('waybill.reveal')}
        </Button>
      )}
      <Button
        size="small"
        disabled={!canDial || !waybillId}
        aria-label={dialLabel}
        onClick={() => waybillId && void callAction('call.dialParty', { waybillId, party })}
      >
        {dialLabel}
      </Button>
      <Modal
        open={asking}
        title={t('waybill.revealTitle')}
        footer={null}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('waybill.revealReason')}</Typography.Paragraph>
        <Space wrap>
          {revealReasons.map((r) => (
            <Button
              key={r}
              onClick={() => {
                setAsking(false);
                void revealPhone(party, r);
              }}
            >
              {t(`revealReasons.${r}`)}
            </Button>
          ))}
        </Space>
      </Modal>
    </Space>
  );
}

function Anomalies({ detail, timeZone }: { detail: WaybillDetail; timeZone: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow(30_000);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  if (detail.anomalies.length === 0)
    return <Typography.Text type="secondary">{t('waybill.noAnomalies')}</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {detail.anomalies.map((a) => {
        const left = a.deadline === null ? null : a.deadline - now;
        const clock =
          a.deadline === null
            ? null
            : left !== null && left < 0
              ? t('waybill.expired', { time: formatSpan(-left, lang) })
              : t('waybill.remaining', { time: formatSpan(left ?? 0, lang) });
        return (
          <Alert
            key={`${a.kind}-${a.since}`}
            type={a.deadline !== null && (left ?? 0) < 0 ? 'error' : 'warning'}
            showIcon
            title={
              <Space wrap>
                <strong>{t(`anomaly.${a.kind}.title`)}</strong>
                {a.deadline !== null && (
                  <span>
                    {t('waybill.deadline', { time: formatLocalTime(a.deadline, timeZone) })}
                  </span>
                )}
                {clock && <Tag color={left !== null && left < 0 ? 'red' : 'orange'}>{clock}</Tag>}
              </Space>
            }
            description={
              <span>
                {t(`anomaly.${a.kind}.action`)}
                {' · '}
                {a.reportWindowClosed
                  ? t('waybill.reportClosed')
                  : t('waybill.reportBy', { time: formatLocalTime(a.reportBy, timeZone) })}
              </span>
            }
          />
        );
      })}
    </Space>
  );
}

export function WaybillDrawer() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const detail = useDesk((s) => s.detail);
  const open = useDesk((s) => s.detailOpen);
  const closeWaybill = useDesk((s) => s.closeWaybill);
  const addNote = useDesk((s) => s.addNote);
  const timeZone = useDesk((s) => s.deskInfo?.timeZone ?? 'Asia/Shanghai');
  const [note, setNote] = useState('');
  if (!detail) return null;
  const w = detail.waybill;

  const copySummary = async () => {
    await navigator.clipboard.writeText(waybillSummaryText(detail, timeZone));
    void message.success(t('waybill.copied'));
  };

  return (
    <Drawer
      open={open}
      onClose={closeWaybill}
      size={720}
      title={
        <Space wrap>
          <span>
            {t('waybill.detail')} {w.number}
          </span>
          <Tag color={statusColor[w.status]}>{t(`tracking.${w.status}`)}</Tag>
          {detail.source === 'live' ? (
            <Tag color="green">{t('waybill.live')}</Tag>
          ) : (
            <Tag color="default" role="note">
              {detail.asOf === null
                ? t('waybill.offlineNever')
                : t('waybill.offline', { time: formatLocalTime(detail.asOf, timeZone) })}
            </Tag>
          )}
        </Space>
      }
      closable={{ 'aria-label': t('waybill.close') }}
      extra={<Button onClick={() => void copySummary()}>{t('waybill.copySummary')}</Button>}
    >
      <section aria-label={t('waybill.anomalies')} style={{ marginBottom: 16 }}>
        <Typography.Title level={5}>{t('waybill.anomalies')}</Typography.Title>
        <Anomalies detail={detail} timeZone={timeZone} />
      </section>
      <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('search.columns.carrier')}>
          {carrierName(w.carrier)}
        </Descriptions.Item>
        <Descriptions.Item label={t('waybill.service')}>{w.serviceType}</Descriptions.Item>
        <Descriptions.Item label={t('waybill.sender')}>{w.senderName}</Descriptions.Item>
        <Descriptions.Item label={t('waybill.phone')}>
          <PartyPhone party="sender" masked={w.senderPhoneMasked} />
        </Descriptions.Item>
        <Descriptions.Item label={t('waybill.address')} span={2}>
          {w.senderAddress}
        </Descriptions.Item>
        <Descriptions.Item label={t('waybill.receiver')}>{w.receiverName}</Descriptions.Item>
        <Descriptions.Item label={t('waybill.phone')}>
          <PartyPhone party="receiver" masked={w.receiverPhoneMasked} />
        </Descriptions.Item>
        <Descriptions.Item label={t('waybill.address')} span={2}>
          {w.receiverAddress}
        </Descriptions.Item>
        <Descriptions.Item label={t('waybill.item')}>{w.itemDescription}</Descriptions.Item>
        <Descriptions.Item label={t('waybill.weight')}>
          {(w.weightG / 1000).toFixed(2)} kg
        </Descriptions.Item>
        <Descriptions.Item label={t('waybill.declaredValue')}>
          {w.declaredValueFen === null ? '—' : yuan(w.declaredValueFen)}
        </Descriptions.Item>
        <Descriptions.Item label={t('waybill.insured')}>
          {w.insured ? t('waybill.insuredYes') : t('waybill.insuredNo')}
        </Descriptions.Item>
        <Descriptions.Item label={t('waybill.freight')}>{yuan(w.freightFen)}</Descriptions.Item>
        <Descriptions.Item label={t('waybill.promised')}>
          {w.promisedAt === null ? '—' : formatLocalTime(w.promisedAt, timeZone)}
        </Descriptions.Item>
      </Descriptions>
      <section aria-label={t('waybill.timeline')}>
        <Typography.Title level={5}>{t('waybill.timeline')}</Typography.Title>
        <Timeline
          items={detail.events.map((e, i) => ({
            color: i === 0 ? 'blue' : 'gray',
            content: (
              <div>
                <Typography.Text strong={i === 0}>{e.description}</Typography.Text>
                <br />
                <Typography.Text type="secondary">
                  {formatLocalTime(e.at, timeZone)} · {t(`tracking.${e.status}`)}
                </Typography.Text>
              </div>
            ),
          }))}
        />
      </section>
      <section aria-label={t('waybill.notes')}>
        <Typography.Title level={5}>{t('waybill.notes')}</Typography.Title>
        <Space.Compact style={{ width: '100%', marginBottom: 8 }}>
          <Input.TextArea
            aria-label={t('waybill.addNote')}
            placeholder={t('waybill.notePlaceholder')}
            value={note}
            maxLength={2000}
            autoSize={{ minRows: 2, maxRows: 6 }}
            onChange={(e) => setNote(e.target.value)}
          />
        </Space.Compact>
        <Button
          disabled={note.trim() === ''}
          onClick={() =>
            void addNote(note).then((ok) => {
              if (ok) setNote('');
            })
          }
        >
          {t('waybill.saveNote')}
        </Button>
        {detail.notes.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={null} />
        ) : (
          <List
            size="small"
            dataSource={detail.notes}
            renderItem={(n) => (
              <List.Item key={n.id}>
                <List.Item.Meta
                  title={`${n.agentName} · ${formatLocalTime(n.at, timeZone)}`}
                  description={<span style={{ whiteSpace: 'pre-wrap' }}>{n.text}</span>}
                />
              </List.Item>
            )}
          />
        )}
      </section>
    </Drawer>
  );
}
