/**
 * The metrics feature's public entry (指标): my figures (today / this shift / 7 days beside the
 * team and the targets) with their charts, and for leads the team view, the reports and the PBX
 * queue_log import.
 */
export type { MetricsSlice } from './slice';
export { connectMetrics, createMetricsSlice } from './slice';
export { metricTexts } from './i18n';
export { MetricsPage } from './components/MetricsPage';
