import { Alert, Form, Input, Radio, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OfferReason } from '@shared/orders/insurance';
import { premiumFen } from '@shared/orders/insurance';
import { orderLimits } from '@shared/orders/order';
import type { GoodsCategory, RateTable } from '@shared/orders/rates';
import { yuan } from '@shared/orders/rates';
import { categoryNames } from '@shared/orders/readback';

interface Props {
  offer: OfferReason[];
  category: GoodsCategory;
  /** Fen; null while not given (or not a valid amount). */
  declaredValueFen: number | null;
  rules: RateTable['insurance'];
  customerClass: 'A' | 'B' | 'C' | null;
  outcome: 'accepted' | 'declined' | 'not_applicable' | null;
}

const percent = (rate: number) => String(Math.round(rate * 10000) / 100);

/** What the agent says to offer 保价 (Chinese: it is said to the customer). */
function phrase(p: Props, premium: number | null): string {
  const value =
    p.declaredValueFen !== null && premium !== null
      ? `您这件声明价值${yuan(p.declaredValueFen)}元，保价费是${yuan(premium)}元。`
      : '请问您这件物品价值多少？';
  return (
    `为保障您的${categoryNames[p.category]}安全，建议您办理保价。` +
    `保价费按声明价值的${percent(p.rules.rate)}%收取，最低${yuan(p.rules.minimumFen)}元，${value}` +
    '请问您需要保价吗？'
  );
}

/** The 保价 rules the agent must state before the waybill is filled in (Art. 21, Art. 27). */
function rulesToState(rules: RateTable['insurance']): string[] {
  return [
    `保价费为声明价值的${percent(rules.rate)}%，最低${yuan(rules.minimumFen)}元；声明价值最高${yuan(rules.maxDeclaredFen)}元。`,
    '保价物品发生丢失、损毁或内件短少，按保价规定在声明价值内赔偿。',
    '未保价的物品按民事法律的有关规定及本公司条款赔偿。',
    '贵重物品须如实声明价值；请如实申报物品价值，声明价值不得高于物品实际价值。',
  ];
}

/**
 * The 保价 prompt: shown while `checkOrder(...).offer` is not empty, with its reasons, the premium
 * quoted live, the suggested phrase and the rules; the customer's answer is recorded in the
 * form's `insurance` fields (accepted needs a declared value, declined the customer's reason).
 */
export function InsurancePrompt(p: Props) {
  const { t } = useTranslation('orders');
  const premium =
    p.declaredValueFen !== null && p.declaredValueFen > 0
      ? premiumFen(p.rules, p.declaredValueFen)
      : null;
  const reasonText = (r: OfferReason) => {
    switch (r) {
      case 'value':
        return t('insurance.reason.value', { amount: yuan(p.rules.offerAtFen) });
      case 'category':
        return t('insurance.reason.category', { category: t(`categories.${p.category}`) });
      case 'prior_claim':
        return t('insurance.reason.prior_claim');
      case 'customer_class':
        return t('insurance.reason.customer_class', { class: p.customerClass ?? '' });
    }
  };
  return (
    <section aria-label={t('insurance.title')}>
      <Alert
        type="warning"
        showIcon
        title={t('insurance.title')}
        description={
          <>
            <div>
              {t('colon', { label: t('insurance.reasons') })}
              {p.offer.map(reasonText).join(t('separator'))}
            </div>
            <div data-testid="insurance-premium">
              {t('colon', { label: t('insurance.premium') })}
              {premium !== null && p.declaredValueFen !== null
                ? t('insurance.premiumOf', {
                    value: yuan(p.declaredValueFen),
                    premium: yuan(premium),
                  })
                : t('insurance.premiumAsk', {
                    rate: percent(p.rules.rate),
                    min: yuan(p.rules.minimumFen),
                  })}
            </div>
            <Typography.Paragraph style={{ margin: '8px 0 0' }}>
              <strong>{t('colon', { label: t('insurance.phrase') })}</strong>
              <span lang="zh-CN">{phrase(p, premium)}</span>
            </Typography.Paragraph>
            <div>
              <strong>{t('colon', { label: t('insurance.rules') })}</strong>
              <ol lang="zh-CN" style={{ margin: 0, paddingInlineStart: 20 }}>
                {rulesToState(p.rules).map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ol>
            </div>
          </>
        }
        style={{ marginBottom: 12 }}
      />
      <Form.Item name={['insurance', 'outcome']} label={t('insurance.outcome')} required>
        <Radio.Group
          aria-label={t('insurance.outcome')}
          options={[
            { value: 'accepted', label: t('insurance.accepted') },
            { value: 'declined', label: t('insurance.declined') },
            {
              value: 'not_applicable',
              label: t('insurance.not_applicable'),
              disabled: true,
              title: t('insurance.notApplicableHint'),
            },
          ]}
        />
      </Form.Item>
      {p.outcome === 'declined' && (
        <Form.Item
          name={['insurance', 'declineReason']}
          label={t('insurance.declineReason')}
          required
        >
          <Input maxLength={orderLimits.declineReason} autoComplete="off" />
        </Form.Item>
      )}
    </section>
  );
}
