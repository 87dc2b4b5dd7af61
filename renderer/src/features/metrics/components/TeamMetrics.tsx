/** The lead's team view: agents × metrics over a run of days, sortable, with each agent's state. */
import { App as AntApp, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureKey, TeamRow } from '@shared/metrics/contract';
import { useDesk } from '../../../app/context';
import { figureKeys, figureText } from '../format';
import { saveFile } from './download';
import { FigureName } from './MetricName';
import { QueueFigures } from './QueueFigures';
import { QueueLogImport } from './QueueLogImport';

type Range = 'today' | 'week' | 'month';
const rangeDays: Record<Range, number> = { today: 0, week: 6, month: 29 };

function minusDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - n)).toISOString().slice(0, 10);
}

/** Nulls ("no data") sort after every figure, whichever way. */
function byFigure(k: FigureKey) {
  return (a: TeamRow, b: TeamRow, order?: 'ascend' | 'descend' | null) => {
    const x = a.figures[k];
    const y = b.figures[k];
    if (x === null && y === null) return 0;
    if (x === null) return order === 'descend' ? -1 : 1;
    if (y === null) return order === 'descend' ? 1 : -1;
    return x - y;
  };
}

export function TeamMetrics() {
  const { t } = useTranslation('metrics');
  const today = useDesk((s) => s.metricsPanel?.today.day ?? null);
  const view = useDesk((s) => s.metricsTeam);
  const load = useDesk((s) => s.loadMetricsTeam);
  const exportMetrics = useDesk((s) => s.exportMetrics);
  const { message } = AntApp.useApp();
  const [range, setRange] = useState<Range>('today');
  const fromDay = today && minusDays(today, rangeDays[range]);
  useEffect(() => {
    if (today && fromDay) void load(fromDay, today);
  }, [today, fromDay, load]);
  if (!today || !fromDay) return null;
  const save = async (format: 'xlsx' | 'csv') => {
    const file = await exportMetrics({ report: 'team', fromDay, toDay: today, format });
    if (file) {
      saveFile(file);
      void message.success(t('exports.done', { file: file.fileName }));
    }
  };
  const noData = t('noData');
  const columns: ColumnsType<TeamRow> = [
    {
      title: t('team.agent'),
      key: 'agent',
      fixed: 'left',
      render: (_, r) => `${r.agent.name}（${r.agent.employeeNo}）`,
      sorter: (a, b) => a.agent.employeeNo.localeCompare(b.agent.employeeNo),
    },
    {
      title: t('team.state'),
      key: 'state',
      render: (_, r) =>
        r.state ? <Tag>{t(`states.${r.state}`)}</Tag> : <Tag>{t('states.unknown')}</Tag>,
    },
    ...figureKeys.map((k) => ({
      title: <FigureName k={k} />,
      key: k,
      render: (_: unknown, r: TeamRow) => figureText(k, r.figures[k], noData),
      sorter: byFigure(k),
    })),
  ];
  const title = t('team.title');
  return (
    <section aria-label={title} style={{ marginTop: 24 }}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Segmented<Range>
          aria-label={t('team.range')}
          value={range}
          onChange={setRange}
          options={(['today', 'week', 'month'] as const).map((r) => ({
            value: r,
            label: t(`team.${r}`),
          }))}
        />
        <Button size="small" onClick={() => void save('xlsx')}>
          {t('exports.teamXlsx')}
        </Button>
        <Button size="small" onClick={() => void save('csv')}>
          {t('exports.teamCsv')}
        </Button>
        <QueueLogImport />
      </Space>
      {view && (
        <>
          <Table<TeamRow>
            size="small"
            aria-label={title}
            rowKey={(r) => r.agent.id}
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={view.rows}
            columns={columns}
            showSorterTooltip={{ title: t('team.sortHint') }}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>{t('team.teamAverage')}</Table.Summary.Cell>
                <Table.Summary.Cell index={1} />
                {figureKeys.map((k, i) => (
                  <Table.Summary.Cell key={k} index={i + 2}>
                    {figureText(k, view.team[k], noData)}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            )}
          />
          <QueueFigures queue={view.queue} />
        </>
      )}
    </section>
  );
}
