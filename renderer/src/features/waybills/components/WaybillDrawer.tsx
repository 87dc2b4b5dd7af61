import { CloseOutlined } from '@ant-design/icons';
import {
  App,
  Button,
  Descriptions,
  Empty,
  Input,
  List,
  Space,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { CSSProperties, KeyboardEvent } from 'react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLocalTime, waybillSummaryText } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import { maskPhonesIn } from '../../../ui/mask';
import { useTimeZone } from '../../session';
import { RegisterComplaintButton } from '../../complaints';
import { carrierName, statusColor, yuan } from '../format';
import { Anomalies } from './Anomalies';
import { PartyPhone } from './PartyPhone';

/** Long unbroken text (a 2,000-character note, a pasted tracking URL) wraps instead of widening. */
const wrap: CSSProperties = { overflowWrap: 'anywhere', wordBreak: 'break-word' };

/**
 * The open waybill — status and data source, anomalies, parties, tracking, notes — as a non-modal
 * panel in the shell's side column: beside the call controls, never over them, no mask. Phone
 * numbers inside tracking events and notes are masked like the parties' (reveal is per party,
 * reason-required and audited: PartyPhone). Focus moves
 * into it when a waybill opens; Esc inside it (or its close button) closes it.
 */
export function WaybillDrawer() {
  const { t } = useTranslation('waybills');
  const { message } = App.useApp();
  const detail = useDesk((s) => s.detail);
  const open = useDesk((s) => s.detailOpen);
  const closeWaybill = useDesk((s) => s.closeWaybill);
  const addNote = useDesk((s) => s.addNote);
  const timeZone = useTimeZone();
  const [note, setNote] = useState('');
  const panel = useRef<HTMLElement>(null);
  const shown = open && detail !== null ? detail.waybill.number : null;
  useEffect(() => {
    if (shown !== null) panel.current?.focus({ preventScroll: true });
  }, [shown]);
  if (!detail || !open) return null;
  const w = detail.waybill;
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    // Esc in a dialog opened from here (reveal a number) closes that dialog, not the panel.
    if (e.key !== 'Escape' || !panel.current?.contains(e.target as Node)) return;
    e.stopPropagation();
    closeWaybill();
  };

  const copySummary = async () => {
    await navigator.clipboard.writeText(waybillSummaryText(detail, timeZone));
    void message.success(t('waybill.copied'));
  };

  return (
    <section
      ref={panel}
      role="dialog"
      aria-modal="false"
      aria-label={`${t('waybill.detail')} ${w.number}`}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      style={{ flex: 1, minHeight: 0, minWidth: 0, display: 'flex', flexDirection: 'column' }}
    >
      <header
        style={{
          display: 'flex',
          alignItems: 'flex-start',
          gap: 8,
          padding: '10px 12px',
          borderBottom: '1px solid #f0f0f0',
        }}
      >
        <Button
          type="text"
          size="small"
          icon={<CloseOutlined />}
          aria-label={t('waybill.close')}
          onClick={closeWaybill}
        />
        <Space wrap size={[8, 4]} style={{ flex: 1, minWidth: 0, fontWeight: 600 }}>
          <span style={wrap}>
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
        <Button size="small" onClick={() => void copySummary()}>
          {t('waybill.copySummary')}
        </Button>
        <RegisterComplaintButton waybillNumber={w.number} customerName={w.senderName} />
      </header>
      <div style={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden', padding: 16 }}>
        <section aria-label={t('waybill.anomalies')} style={{ marginBottom: 16 }}>
          <Typography.Title level={5}>{t('waybill.anomalies')}</Typography.Title>
          <Anomalies detail={detail} timeZone={timeZone} />
        </section>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 1, md: 1, lg: 1, xl: 1, xxl: 2 }}
          bordered
          style={{ marginBottom: 16, ...wrap }}
        >
          <Descriptions.Item label={t('search.columns.carrier')}>
            {carrierName(w.carrier)}
          </Descriptions.Item>
          <Descriptions.Item label={t('waybill.service')}>{w.serviceType}</Descriptions.Item>
          <Descriptions.Item label={t('waybill.sender')}>{w.senderName}</Descriptions.Item>
          <Descriptions.Item label={t('waybill.phone')}>
            <PartyPhone party="sender" masked={w.senderPhoneMasked} />
          </Descriptions.Item>
          <Descriptions.Item label={t('waybill.address')} span="filled">
            {w.senderAddress}
          </Descriptions.Item>
          <Descriptions.Item label={t('waybill.receiver')}>{w.receiverName}</Descriptions.Item>
          <Descriptions.Item label={t('waybill.phone')}>
            <PartyPhone party="receiver" masked={w.receiverPhoneMasked} />
          </Descriptions.Item>
          <Descriptions.Item label={t('waybill.address')} span="filled">
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
                  <Typography.Text strong={i === 0} style={wrap}>
                    {maskPhonesIn(e.description)}
                  </Typography.Text>
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
                    description={
                      <span style={{ whiteSpace: 'pre-wrap', ...wrap }}>
                        {maskPhonesIn(n.text)}
                      </span>
                    }
                  />
                </List.Item>
              )}
            />
          )}
        </section>
      </div>
    </section>
  );
}
