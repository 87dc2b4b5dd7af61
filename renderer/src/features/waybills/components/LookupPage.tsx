import { Alert, Button, Input, Space, Table, Tag, Typography } from 'antd';
import type { InputRef, TableRef } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { KeyboardEvent } from 'react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WaybillRow } from '@shared/waybills/contract';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import { comboOf, listKeys } from '../../../app/keymap';
import { maskPhonesIn } from '../../../ui/mask';
import { useShortcuts } from '../../../ui/useShortcuts';
import { useTimeZone } from '../../session';
import { carrierName, statusColor } from '../format';
import { CustomerCard } from './CustomerCard';

function withCellRole<T>(columns: ColumnsType<T>): ColumnsType<T> {
  return columns.map((c) => ({ ...c, onCell: () => ({ role: 'cell' }) }));
}

const keys = listKeys['waybills.results'];

/**
 * 查件: one search box for every kind of query and the results (the waybill's detail opens beside
 * them, in the shell's side column: WaybillDrawer). From the box,
 * ↓ moves into the results; ↑/↓ move along them, Enter opens the row, Esc goes back to the box.
 */
export function LookupPage() {
  const { t } = useTranslation('waybills');
  const result = useDesk((s) => s.searchResult);
  const phonePop = useDesk((s) => s.phonePop);
  const searching = useDesk((s) => s.searching);
  const search = useDesk((s) => s.search);
  const openWaybill = useDesk((s) => s.openWaybill);
  const timeZone = useTimeZone();
  const input = useRef<InputRef>(null);
  const table = useRef<TableRef>(null);
  const results = useRef<HTMLElement>(null);
  const [text, setText] = useState('');

  useShortcuts({ 'waybills.search': () => input.current?.focus() });

  const rows = result?.kind === 'invalid' ? [] : (result?.rows ?? []);
  const run = (query: string) => {
    setText(query);
    void search(query);
  };
  /** Focuses result row `index`, scrolling the virtual list to it first when it is not drawn. */
  const focusRow = (index: number) => {
    const row = rows[index];
    if (!row) return;
    const find = () =>
      [...(results.current?.querySelectorAll<HTMLElement>('[data-row-key]') ?? [])].find(
        (el) => el.dataset['rowKey'] === row.id,
      );
    const drawn = find();
    if (drawn) {
      drawn.focus();
      return;
    }
    table.current?.scrollTo({ index });
    requestAnimationFrame(() => find()?.focus());
  };
  const onBoxKey = (e: KeyboardEvent<HTMLInputElement>) => {
    // Not while a Chinese input method is composing (its candidate list uses the arrows).
    if (e.key === keys.next && !e.nativeEvent.isComposing && rows.length > 0) {
      e.preventDefault();
      focusRow(0);
    }
  };
  const onRowKey = (e: KeyboardEvent<HTMLElement>, index: number) => {
    switch (e.key) {
      case keys.next:
        e.preventDefault();
        focusRow(index + 1);
        break;
      case keys.previous:
        e.preventDefault();
        if (index === 0) input.current?.focus();
        else focusRow(index - 1);
        break;
      case keys.open:
        e.preventDefault();
        void openWaybill(rows[index]!.number);
        break;
      case keys.back:
        e.preventDefault();
        input.current?.focus();
        break;
    }
  };

  const recognition = result?.recognition;
  return (
    // One column that never grows past its container: the wide results table scrolls inside itself.
    <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 12 }}>
      <Input.Search
        ref={input}
        aria-label={t('search.label')}
        placeholder={t('search.placeholder', { keys: comboOf('waybills.search') })}
        enterButton={t('search.submit')}
        size="large"
        allowClear
        maxLength={100}
        loading={searching}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={onBoxKey}
        onSearch={run}
        aria-describedby="lookup-keys"
      />
      <Typography.Text id="lookup-keys" type="secondary" style={{ fontSize: 12 }}>
        {t('search.keys')}
      </Typography.Text>
      {result && (
        <section
          ref={results}
          aria-label={t('search.results')}
          style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: 8 }}
        >
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
              action={
                <Button size="small" onClick={() => run(recognition.s10!.suggestion!)}>
                  {t('search.s10Search', { suggestion: recognition.s10.suggestion })}
                </Button>
              }
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
              ref={table}
              virtual
              size="small"
              rowKey="id"
              pagination={false}
              scroll={{ x: 1100, y: 460 }}
              dataSource={result.rows}
              locale={{ emptyText: t('search.none') }}
              // Virtual rows are <div>s: give them their table roles back for assistive tech.
              onRow={(row, index = 0) => ({
                role: 'row',
                onClick: () => void openWaybill(row.number),
                onKeyDown: (e) => onRowKey(e, index),
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
                  // A courier's or a customer's number inside an event is masked like any other.
                  render: (_, r) => maskPhonesIn(r.lastEventText ?? ''),
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
    </div>
  );
}
