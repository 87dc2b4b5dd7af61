import {
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Input,
  List,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocalTime, waybillSummaryText } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import { useTimeZone } from '../../session';
import { carrierName, statusColor, yuan } from '../format';
import { Anomalies } from './Anomalies';
import { PartyPhone } from './PartyPhone';

/** The open waybill: status and data source, anomalies, parties, tracking, notes. */
export function WaybillDrawer() {
  const { t } = useTranslation('waybills');
  const { message } = App.useApp();
  const detail = useDesk((s) => s.detail);
  const open = useDesk((s) => s.detailOpen);
  const closeWaybill = useDesk((s) => s.closeWaybill);
  const addNote = useDesk((s) => s.addNote);
  const timeZone = useTimeZone();
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
