/** The 指标 tab: my figures and charts; for a lead, the team view under them. */
import { useDesk } from '../../../app/context';
import { MetricsCharts } from './MetricsCharts';
import { MyMetrics } from './MyMetrics';
import { TeamMetrics } from './TeamMetrics';

export function MetricsPage() {
  const isLead = useDesk((s) => s.session?.agent.role === 'lead');
  return (
    <div>
      <MyMetrics />
      <MetricsCharts />
      {isLead && <TeamMetrics />}
    </div>
  );
}
