import { Button, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderSummary } from '@shared/orders/contract';
import { yuan } from '@shared/orders/rates';
import { useDesk } from '../../../app/context';
import { toUiError } from '../../../ui/errors';
import { useErrorText } from '../../../ui/error-text';
import { deliveryColor } from './delivery';

const time = (at: number) => {
  const d = new Date(at);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/**
 * The day's orders with their delivery status (live through `orders.changed`), 立即重发 for the
 * queue and 修改 for an order submitted here (opens the form in amend mode).
 */
export function OrdersList({
  onAmend,
  onRepeat,
}: {
  onAmend: (order: OrderSummary) => void;
  onRepeat: (order: OrderSummary) => void;
}) {
  const { t } = useTranslation('orders');
  const orders = useDesk((s) => s.orders);
  const view = useDesk((s) => s.ordersView);
  const retry = useDesk((s) => s.retryOrderDelivery);
  const describe = useErrorText();
  const [retrying, setRetrying] = useState(false);
  const [note, setNote] = useState<string | null>(null);
  const money = (fen: number) => t('money', { amount: yuan(fen) });
  const title = t('list.title', { day: view?.day ?? '' });

  const retryNow = async () => {
    setRetrying(true);
    try {
      const queued = await retry();
      setNote(t('list.retried', { count: queued }));
    } catch (err) {
      setNote(describe(toUiError(err)).title);
    } finally {
      setRetrying(false);
    }
  };

  return (
    <section aria-label={title}>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Button size="small" loading={retrying} onClick={() => void retryNow()}>
          {t('list.retry')}
        </Button>
        {note && (
          <Typography.Text type="secondary" role="status">
            {note}
          </Typography.Text>
        )}
      </Space>
      <Table<OrderSummary>
        size="small"
        rowKey="id"
        loading={orders === null}
        dataSource={orders ?? []}
        pagination={false}
        locale={{ emptyText: t('list.empty') }}
        columns={[
          { key: 'number', title: t('list.number'), dataIndex: 'number' },
          { key: 'time', title: t('list.time'), render: (_, o) => time(o.createdAt) },
          ...(view?.scope === 'team'
            ? [{ key: 'agent', title: t('list.agent'), dataIndex: 'agentName' }]
            : []),
          { key: 'customer', title: t('list.customer'), render: (_, o) => o.customerName ?? '—' },
          {
            key: 'route',
            title: t('list.route'),
            render: (_, o) => `${o.senderName} → ${o.recipientName}`,
          },
          {
            key: 'goods',
            title: t('list.goods'),
            render: (_, o) => t('withNote', { text: o.goods, note: t(`categories.${o.category}`) }),
          },
          { key: 'total', title: t('list.total'), render: (_, o) => money(o.totalFen) },
          {
            key: 'insurance',
            title: t('list.insurance'),
            render: (_, o) => t(`outcomes.${o.insurance ?? 'none'}`),
          },
          {
            key: 'delivery',
            title: t('list.delivery'),
            render: (_, o) => (
              <Space orientation="vertical" size={0}>
                <Space size={4}>
                  <Tag color={deliveryColor[o.delivery]}>{t(`delivery.${o.delivery}`)}</Tag>
                  {o.amended && <Tag>{t('list.amendedTag')}</Tag>}
                </Space>
                {o.delivery === 'refused' && o.lastError && (
                  <Typography.Text type="danger">
                    {t('list.refusedReason', { reason: o.lastError })}
                  </Typography.Text>
                )}
                {o.delivery === 'queued' && o.attempts > 0 && (
                  <Typography.Text type="secondary">
                    {t('list.attempts', { count: o.attempts })}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          {
            key: 'actions',
            title: t('list.actions'),
            render: (_, o) => (
              <Space size={4}>
                <Button
                  size="small"
                  aria-label={t('list.amendOf', { number: o.number })}
                  onClick={() => onAmend(o)}
                >
                  {t('list.amend')}
                </Button>
                <Button
                  size="small"
                  aria-label={t('list.repeatOf', { number: o.number })}
                  onClick={() => onRepeat(o)}
                >
                  {t('list.repeat')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </section>
  );
}
