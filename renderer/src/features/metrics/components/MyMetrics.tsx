/** 我的指标: today, this shift and the last 7 days beside the team's average and the targets. */
import { App as AntApp, Button, Space, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FigureKey, Figures, Panel } from '@shared/metrics/contract';
import { stateStatuses } from '@shared/metrics/sums';
import { formatDuration } from '@shared/common/format';
import { useDesk } from '../../../app/context';
import { PrintShiftReportButton } from '../../documents';
import { figureKeys, figureText, targetText } from '../format';
import { saveFile } from './download';
import { FigureName, MetricName } from './MetricName';
import { QueueFigures } from './QueueFigures';

interface Row {
  key: string;
  name: ReactNode;
  today: string;
  shift: string;
  week: string;
  teamToday: string;
  target: string;
}

function rows(p: Panel, noData: string, t: ReturnType<typeof useTranslation>['t']): Row[] {
  const text = (f: Figures | undefined, k: FigureKey) => (f ? figureText(k, f[k], noData) : noData);
  const figures = figureKeys.map((k) => ({
    key: k,
    name: <FigureName k={k} />,
    today: text(p.today.figures, k),
    shift: text(p.shift?.figures, k),
    week: text(p.week.figures, k),
    teamToday: text(p.teamToday, k),
    target: targetText(k, p.targets, (key, o) => t(key, o)) ?? '',
  }));
  const states = stateStatuses.map((s) => ({
    key: `state-${s}`,
    name: <MetricName name={t(`states.${s}`)} definition={t('defs.states')} />,
    today: formatDuration(p.today.figures.stateMs[s]),
    shift: p.shift ? formatDuration(p.shift.figures.stateMs[s]) : noData,
    week: formatDuration(p.week.figures.stateMs[s]),
    teamToday: formatDuration(p.teamToday.stateMs[s]),
    target: '',
  }));
  return [...figures, ...states];
}

export function MyMetrics() {
  const { t } = useTranslation('metrics');
  const panel = useDesk((s) => s.metricsPanel);
  const load = useDesk((s) => s.loadMetricsPanel);
  const exportMetrics = useDesk((s) => s.exportMetrics);
  const { message } = AntApp.useApp();
  useEffect(() => {
    void load();
  }, [load]);
  const save = async (format: 'xlsx' | 'csv') => {
    const file = await exportMetrics({ report: 'shift', agentId: null, format });
    if (file) {
      saveFile(file);
      void message.success(t('exports.done', { file: file.fileName }));
    }
  };
  const title = t('mine.title');
  return (
    <section aria-label={title}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Button size="small" onClick={() => void load()}>
          {t('refresh')}
        </Button>
        <Button size="small" disabled={!panel?.shift} onClick={() => void save('xlsx')}>
          {t('exports.shiftXlsx')}
        </Button>
        <Button size="small" disabled={!panel?.shift} onClick={() => void save('csv')}>
          {t('exports.shiftCsv')}
        </Button>
        <PrintShiftReportButton shiftId={panel?.shift?.id} disabled={!panel?.shift} />
      </Space>
      {!panel ? (
        <Typography.Text type="secondary">{t('mine.loading')}</Typography.Text>
      ) : (
        <>
          <Table<Row>
            size="small"
            pagination={false}
            aria-label={title}
            dataSource={rows(panel, t('noData'), t)}
            columns={[
              { title: t('mine.metric'), dataIndex: 'name', key: 'name' },
              { title: t('mine.today'), dataIndex: 'today', key: 'today' },
              {
                title: panel.shift ? t('mine.shift') : `${t('mine.shift')}（${t('mine.noShift')}）`,
                dataIndex: 'shift',
                key: 'shift',
              },
              { title: t('mine.week'), dataIndex: 'week', key: 'week' },
              { title: t('mine.teamToday'), dataIndex: 'teamToday', key: 'teamToday' },
              { title: t('mine.target'), dataIndex: 'target', key: 'target' },
            ]}
          />
          <QueueFigures queue={panel.queueToday} />
        </>
      )}
    </section>
  );
}
