import {
  Button,
  Card,
  Empty,
  Form,
  Input,
  List,
  Modal,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Callback, CallbackOutcome } from '@shared/callbacks/contract';
import { callbackOutcomes } from '@shared/callbacks/contract';
import { useDesk } from '../../../app/context';
import { useNow } from '../../../ui/useNow';
import { comboOf } from '../../../app/keymap';

/** 10:30 today, or 12-03 10:30 on another day (desk time zone). */
export function dueText(at: number, now: number, timeZone: string): string {
  const day = (ms: number) =>
    new Intl.DateTimeFormat('sv-SE', { timeZone, dateStyle: 'short' }).format(ms);
  const time = new Intl.DateTimeFormat('sv-SE', { timeZone, timeStyle: 'short' }).format(at);
  return day(at) === day(now) ? time : `${day(at).slice(5)} ${time}`;
}

function CloseCallback({ item, onDone }: { item: Callback; onDone: () => void }) {
  const { t } = useTranslation('callbacks');
  const closeCallback = useDesk((s) => s.closeCallback);
  const [form] = Form.useForm<{ outcome: CallbackOutcome; note: string }>();
  return (
    <Modal
      open
      title={t('close.title')}
      okText={t('close.save')}
      onCancel={onDone}
      onOk={() => {
        void form.validateFields().then(async (v) => {
          if (await closeCallback(item.id, v.outcome, v.note?.trim() || null)) onDone();
        });
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ outcome: 'reached', note: '' }}>
        <Form.Item name="outcome" label={t('close.outcome')}>
          <Select
            aria-label={t('close.outcome')}
            options={callbackOutcomes.map((o) => ({ value: o, label: t(`outcomes.${o}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('close.note')}
          rules={[{ max: 500, message: t('issues.too_long', { field: t('close.note') }) }]}
        >
          <Input.TextArea aria-label={t('close.note')} rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** 我的回电: open call-backs by due time, overdue ones in red; dial or close each. */
export function CallbacksPanel() {
  const { t } = useTranslation('callbacks');
  const callbacks = useDesk((s) => s.callbacks);
  const timeZone = useDesk((s) => s.deskInfo?.timeZone ?? 'Asia/Shanghai');
  const dialCallback = useDesk((s) => s.dialCallback);
  const now = useNow(30_000);
  const setCallbackFormOpen = useDesk((s) => s.setCallbackFormOpen);
  const [closing, setClosing] = useState<Callback | null>(null);
  return (
    <Card
      size="small"
      role="region"
      aria-label={t('panel.title')}
      title={t('panel.title')}
      extra={
        <Button
          size="small"
          aria-keyshortcuts={comboOf('callbacks.promise')}
          onClick={() => setCallbackFormOpen(true)}
        >
          {t('panel.promise')}
          <kbd style={{ marginLeft: 4, fontSize: 11 }}>{comboOf('callbacks.promise')}</kbd>
        </Button>
      }
    >
      {callbacks.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('panel.empty')} />
      ) : (
        <List
          size="small"
          dataSource={callbacks}
          renderItem={(c) => {
            const overdue = c.dueAt < now;
            return (
              <List.Item
                actions={[
                  <Button
                    key="dial"
                    size="small"
                    type="primary"
                    aria-label={`${t('panel.dial')} ${c.numberMasked}`}
                    onClick={() => void dialCallback(c.id)}
                  >
                    {t('panel.dial')}
                  </Button>,
                  <Button
                    key="close"
                    size="small"
                    aria-label={`${t('panel.close')} ${c.numberMasked}`}
                    onClick={() => setClosing(c)}
                  >
                    {t('panel.close')}
                  </Button>,
                ]}
              >
                <Space orientation="vertical" size={0} style={{ minWidth: 0 }}>
                  <Space wrap>
                    <Typography.Text strong>
                      {c.customerName ?? t('panel.customerUnknown')}
                    </Typography.Text>
                    <Typography.Text>{c.numberMasked}</Typography.Text>
                    {overdue ? (
                      <Tag color="red">{t('panel.overdue')}</Tag>
                    ) : (
                      <Tag>{t('panel.due', { time: dueText(c.dueAt, now, timeZone) })}</Tag>
                    )}
                  </Space>
                  <Typography.Text type="secondary" style={{ overflowWrap: 'anywhere' }}>
                    {c.reason}
                  </Typography.Text>
                </Space>
              </List.Item>
            );
          }}
        />
      )}
      {closing && <CloseCallback item={closing} onDone={() => setClosing(null)} />}
    </Card>
  );
}
