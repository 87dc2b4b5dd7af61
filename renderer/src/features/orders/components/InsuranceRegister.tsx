import { Button, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RegisterRow } from '@shared/orders/contract';
import { yuan } from '@shared/orders/rates';
import { useDesk } from '../../../app/context';
import { toUiError } from '../../../ui/errors';
import { useErrorText } from '../../../ui/error-text';

/** Hands a file main made to the browser as a download. */
export function downloadFile(file: { fileName: string; mime: string; base64: string }): void {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The day's 保险登记表: every order where 保价 was offered, the take-up rate, the exports. */
export function InsuranceRegister() {
  const { t } = useTranslation('orders');
  const register = useDesk((s) => s.orderRegister);
  const view = useDesk((s) => s.ordersView);
  const exportRegister = useDesk((s) => s.exportOrderRegister);
  const describe = useErrorText();
  const [busy, setBusy] = useState<'xlsx' | 'csv' | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const money = (fen: number | null) => (fen === null ? '—' : t('money', { amount: yuan(fen) }));
  const title = t('register.title', { day: view?.day ?? '' });

  const save = async (format: 'xlsx' | 'csv') => {
    setBusy(format);
    try {
      const file = await exportRegister(format);
      downloadFile(file);
      setNote(t('register.exported', { file: file.fileName }));
    } catch (err) {
      setNote(describe(toUiError(err)).title);
    } finally {
      setBusy(null);
    }
  };

  const takeUp = register?.takeUp ?? [];
  return (
    <section aria-label={title}>
      <Space style={{ marginBottom: 8 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Button size="small" loading={busy === 'xlsx'} onClick={() => void save('xlsx')}>
          {t('register.exportXlsx')}
        </Button>
        <Button size="small" loading={busy === 'csv'} onClick={() => void save('csv')}>
          {t('register.exportCsv')}
        </Button>
        {note && (
          <Typography.Text type="secondary" role="status">
            {note}
          </Typography.Text>
        )}
      </Space>
      <div aria-label={t('register.takeUp')} role="group" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t('colon', { label: t('register.takeUp') })}</Typography.Text>
        {takeUp.length === 0
          ? t('register.takeUpNone')
          : takeUp
              .map((a) =>
                t('register.takeUpRow', {
                  agent: a.agentName,
                  no: a.employeeNo,
                  insured: a.insured,
                  offered: a.offered,
                  rate: a.offered === 0 ? '—' : `${((a.insured / a.offered) * 100).toFixed(1)}%`,
                }),
              )
              .join(t('separator'))}
      </div>
      <Table<RegisterRow>
        size="small"
        rowKey="orderNumber"
        loading={register === null}
        dataSource={register?.rows ?? []}
        pagination={false}
        locale={{ emptyText: t('register.empty') }}
        columns={[
          { key: 'day', title: t('register.day'), dataIndex: 'day' },
          { key: 'order', title: t('register.order'), dataIndex: 'orderNumber' },
          { key: 'customer', title: t('register.customer'), dataIndex: 'customer' },
          {
            key: 'goods',
            title: t('register.goods'),
            render: (_, r) => t('withNote', { text: r.goods, note: t(`categories.${r.category}`) }),
          },
          {
            key: 'declared',
            title: t('register.declared'),
            render: (_, r) => money(r.declaredValueFen),
          },
          { key: 'premium', title: t('register.premium'), render: (_, r) => money(r.premiumFen) },
          {
            key: 'outcome',
            title: t('register.outcome'),
            render: (_, r) => t(`outcomes.${r.outcome ?? 'none'}`),
          },
          {
            key: 'declineReason',
            title: t('register.declineReason'),
            render: (_, r) => r.declineReason ?? '—',
          },
          {
            key: 'agent',
            title: t('register.agent'),
            render: (_, r) => t('withNote', { text: r.agentName, note: r.employeeNo }),
          },
        ]}
      />
    </section>
  );
}
