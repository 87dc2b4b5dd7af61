/** The charts of my day: calls per hour, AHT trend, time in state by hour, take-up trend. */
import { Space, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { chartSpecs } from '../chart-data';
import { Chart } from './Chart';

export function MetricsCharts() {
  const { t } = useTranslation('metrics');
  const day = useDesk((s) => s.metricsPanel?.today.day ?? null);
  const series = useDesk((s) => s.metricsSeries);
  const load = useDesk((s) => s.loadMetricsSeries);
  useEffect(() => {
    if (day) void load(day);
  }, [day, load]);
  const specs = useMemo(
    () =>
      series &&
      chartSpecs(series, {
        title: (id) => t(`charts.${id}`),
        hour: t('charts.hour'),
        day: t('charts.day'),
        calls: t('charts.calls'),
        ahtSeconds: t('charts.ahtSeconds'),
        takeUp: t('charts.takeUp'),
        stateMinutes: (s) => t('charts.minutes', { state: t(`states.${s}`) }),
        minutes: t('charts.minutesUnit'),
        noData: t('noData'),
      }),
    [series, t],
  );
  if (!specs) return null;
  return (
    <section aria-label={t('charts.title')} style={{ marginTop: 16 }}>
      <Typography.Title level={5}>{t('charts.title')}</Typography.Title>
      <Space wrap align="start" size={24}>
        {specs.map((s) => (
          <Chart key={s.id} spec={s} />
        ))}
      </Space>
    </section>
  );
}
