import { Alert, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { WaybillDetail } from '@shared/waybills/contract';
import { formatSpan } from '@shared/common/format';
import { formatLocalTime } from '@shared/waybills/summary';
import { useNow } from '../../../ui/useNow';

/** The waybill's anomalies: what to do, by when (counting down), and until when to report. */
export function Anomalies({ detail, timeZone }: { detail: WaybillDetail; timeZone: string }) {
  const { t, i18n } = useTranslation('waybills');
  const now = useNow(30_000);
  const lang = i18n.language === 'en' ? 'en' : 'zh-CN';
  if (detail.anomalies.length === 0)
    return <Typography.Text type="secondary">{t('waybill.noAnomalies')}</Typography.Text>;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {detail.anomalies.map((a) => {
        const left = a.deadline === null ? null : a.deadline - now;
        const clock =
          a.deadline === null
            ? null
            : left !== null && left < 0
              ? t('waybill.expired', { time: formatSpan(-left, lang) })
              : t('waybill.remaining', { time: formatSpan(left ?? 0, lang) });
        return (
          <Alert
            key={`${a.kind}-${a.since}`}
            type={a.deadline !== null && (left ?? 0) < 0 ? 'error' : 'warning'}
            showIcon
            title={
              <Space wrap>
                <strong>{t(`anomaly.${a.kind}.title`)}</strong>
                {a.deadline !== null && (
                  <span>
                    {t('waybill.deadline', { time: formatLocalTime(a.deadline, timeZone) })}
                  </span>
                )}
                {clock && <Tag color={left !== null && left < 0 ? 'red' : 'orange'}>{clock}</Tag>}
                {a.estimated && (
                  <Tag title={t('waybill.estimatedHint')}>{t('waybill.estimated')}</Tag>
                )}
              </Space>
            }
            description={
              <span>
                {t(`anomaly.${a.kind}.action`)}
                {' · '}
                {a.reportWindowClosed
                  ? t('waybill.reportClosed')
                  : t('waybill.reportBy', { time: formatLocalTime(a.reportBy, timeZone) })}
              </span>
            }
          />
        );
      })}
    </Space>
  );
}
