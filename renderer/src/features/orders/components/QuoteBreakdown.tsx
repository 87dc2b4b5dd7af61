import { Card, Descriptions, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Quote, QuoteLine } from '@shared/orders/rates';
import { yuan } from '@shared/orders/rates';

function lineLabel(t: (k: string, o?: Record<string, unknown>) => string, l: QuoteLine): string {
  switch (l.kind) {
    case 'first':
      return t('quote.first', { kg: l.kg });
    case 'additional':
      return t('quote.additional', { units: l.units, unitKg: l.unitKg });
    case 'remote':
      return t('quote.remote');
    case 'fragile':
      return t('quote.fragile');
    case 'premium':
      return t('quote.premium');
  }
}

/** The price as the agent types: zone, weights, each line and the total (yuan, two decimals). */
export function QuoteBreakdown({ quote }: { quote: Quote | null }) {
  const { t } = useTranslation('orders');
  const money = (fen: number) => t('money', { amount: yuan(fen) });
  let body;
  if (!quote) body = <Typography.Text type="secondary">{t('quote.pending')}</Typography.Text>;
  else if (!quote.ok)
    body = <Typography.Text type="danger">{t('quote.unavailable')}</Typography.Text>;
  else {
    body = (
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'zone', label: t('quote.zone'), children: t(`quote.zones.${quote.zone}`) },
          {
            key: 'actual',
            label: t('quote.actualKg'),
            children: t('quote.kg', { kg: quote.actualKg }),
          },
          {
            key: 'volumetric',
            label: t('quote.volumetricKg'),
            children: t('quote.kg', { kg: quote.volumetricKg }),
          },
          {
            key: 'chargeable',
            label: t('quote.chargeableKg'),
            children: t('quote.kg', { kg: quote.chargeableKg }),
          },
          ...quote.lines.map((l) => ({
            key: l.kind,
            label: lineLabel(t, l),
            children: money(l.fen),
          })),
          {
            key: 'total',
            label: t('quote.total'),
            children: <strong data-testid="quote-total">{money(quote.totalFen)}</strong>,
          },
        ]}
      />
    );
  }
  return (
    <Card size="small" title={t('quote.title')}>
      <section aria-label={t('quote.title')} aria-live="polite">
        {body}
      </section>
    </Card>
  );
}
