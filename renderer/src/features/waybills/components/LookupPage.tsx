import { Alert, Input, Space, Table, Tag, Typography } from 'antd';
import type { InputRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaybillRow } from '@shared/waybills/contract';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import { comboOf } from '../../../app/keymap';
import { useShortcuts } from '../../../ui/useShortcuts';
import { useTimeZone } from '../../session';
import { carrierName, statusColor } from '../format';
import { CustomerCard } from './CustomerCard';
import { WaybillDrawer } from './WaybillDrawer';

function withCellRole<T>(columns: ColumnsType<T>): ColumnsType<T> {
  return columns.map((c) => ({ ...c, onCell: () => ({ role: 'cell' }) }));
}

/** 查件: one search box for every kind of query, the results, and the waybill drawer. */
export function LookupPage() {
  const { t } = useTranslation('waybills');
  const result = useDesk((s) => s.searchResult);
  const phonePop = useDesk((s) => s.phonePop);
  const searching = useDesk((s) => s.searching);
  const search = useDesk((s) => s.search);
  const openWaybill = useDesk((s) => s.openWaybill);
  const timeZone = useTimeZone();
  const input = useRef<InputRef>(null);

  useShortcuts({ 'waybills.search': () => input.current?.focus() });

  const recognition = result?.recognition;
  return (
    <div style={{ display: 'grid', gap: 12 }}>
      <Input.Search
        ref={input}
        aria-label={t('search.label')}
        placeholder={t('search.placeholder', { keys: comboOf('waybills.search') })}
        enterButton={t('search.submit')}
        size="large"
        allowClear
        maxLength={100}
        loading={searching}
        onSearch={(text) => void search(text)}
      />
      {result && (
        <section aria-label={t('search.results')} style={{ display: 'grid', gap: 8 }}>
          <Space wrap>
            <Typography.Text type="secondary">
              {t('search.readAs')}：{t(`search.kind.${result.kind}`)}
            </Typography.Text>
            {result.kind !== 'invalid' && (
              <Typography.Text>{t('search.count', { count: result.rows.length })}</Typography.Text>
            )}
            {recognition && recognition.candidates.length > 0 && (
              <Typography.Text type="secondary">
                {t('search.candidates')}：
                {recognition.candidates
                  .map(
                    (c) => `${carrierName(c.carrier)}（${t(`search.confidence.${c.confidence}`)}）`,
                  )
                  .join('、')}
              </Typography.Text>
            )}
          </Space>
          {phonePop && <CustomerCard pop={phonePop} />}
          {result.invalidReason && (
            <Alert type="info" showIcon title={t(`search.invalid.${result.invalidReason}`)} />
          )}
          {recognition?.s10 && !recognition.s10.valid && recognition.s10.suggestion && (
            <Alert
              type="warning"
              showIcon
              title={t('search.s10Typo', { suggestion: recognition.s10.suggestion })}
            />
          )}
          {result.truncated && (
            <Alert
              type="warning"
              showIcon
              title={t('search.truncated', { count: result.rows.length })}
            />
          )}
          {result.kind !== 'invalid' && (
            <Table<WaybillRow>
              virtual
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 1100, y: 460 }}
              dataSource={result.rows}
              locale={{ emptyText: t('search.none') }}
              // Virtual rows are <div>s: give them their table roles back for assistive tech.
              onRow={(row) => ({
                role: 'row',
                onClick: () => void openWaybill(row.number),
                onKeyDown: (e) => {
                  if (e.key === 'Enter') void openWaybill(row.number);
                },
                tabIndex: 0,
                style: { cursor: 'pointer' },
              })}
              columns={withCellRole<WaybillRow>([
                {
                  title: t('search.columns.number'),
                  dataIndex: 'number',
                  key: 'number',
                  width: 190,
                  render: (n: string) => <Typography.Link>{n}</Typography.Link>,
                },
                {
                  title: t('search.columns.carrier'),
                  key: 'carrier',
                  width: 120,
                  render: (_, r) => carrierName(r.carrier),
                },
                {
                  title: t('search.columns.status'),
                  key: 'status',
                  width: 120,
                  render: (_, r) => (
                    <Tag color={statusColor[r.status]}>{t(`tracking.${r.status}`)}</Tag>
                  ),
                },
                {
                  title: t('search.columns.route'),
                  key: 'route',
                  width: 170,
                  render: (_, r) => `${r.originCity} → ${r.destCity}`,
                },
                {
                  title: t('search.columns.lastEvent'),
                  key: 'last',
                  width: 340,
                  ellipsis: true,
                  render: (_, r) => r.lastEventText ?? '',
                },
                {
                  title: t('search.columns.promised'),
                  key: 'promised',
                  width: 160,
                  render: (_, r) =>
                    r.promisedAt === null ? '' : formatLocalTime(r.promisedAt, timeZone),
                },
              ])}
            />
          )}
        </section>
      )}
      <WaybillDrawer />
    </div>
  );
}
