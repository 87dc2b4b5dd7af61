/**
 * One ECharts chart with its accessible name and its numbers as a table (the text alternative).
 * Only the modules used are imported (echarts/core + bar/line + grid/tooltip/legend + SVG).
 */
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChartSpec } from '../chart-data';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

const WIDTH = 420;
const HEIGHT = 240;

export function Chart({ spec }: { spec: ChartSpec }) {
  const { t } = useTranslation('metrics');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const chart = echarts.init(el, null, { renderer: 'svg', width: WIDTH, height: HEIGHT });
    chart.setOption(spec.option);
    return () => chart.dispose();
  }, [spec]);
  const tableId = `metrics-chart-${spec.id}`;
  return (
    <figure style={{ margin: 0 }} data-chart={spec.id}>
      <figcaption style={{ fontWeight: 500 }}>{spec.title}</figcaption>
      <div
        ref={box}
        role="img"
        aria-label={spec.title}
        aria-describedby={tableId}
        style={{ width: WIDTH, height: HEIGHT }}
      />
      <details>
        <summary>{t('charts.table', { title: spec.title })}</summary>
        <table id={tableId} aria-label={t('charts.table', { title: spec.title })}>
          <thead>
            <tr>
              {spec.table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {spec.table.rows.map((r) => (
              <tr key={r[0]}>
                {r.map((c, i) =>
                  i === 0 ? (
                    <th key={i} scope="row">
                      {c}
                    </th>
                  ) : (
                    <td key={i}>{c}</td>
                  ),
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
