import { Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';

/** A metric's name with its one-line definition on hover (and for screen readers). */
export function MetricName({ name, definition }: { name: string; definition: string }) {
  return (
    <Tooltip title={definition}>
      <span tabIndex={0} aria-description={definition} style={{ borderBottom: '1px dotted #999' }}>
        {name}
      </span>
    </Tooltip>
  );
}

/** A figure's name and definition by its key. */
export function FigureName({ k }: { k: string }) {
  const { t } = useTranslation('metrics');
  return <MetricName name={t(`figures.${k}`)} definition={t(`defs.${k}`)} />;
}
