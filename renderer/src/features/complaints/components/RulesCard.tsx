import { Button, Card, Col, Form, InputNumber, Radio, Row, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompensationRules } from '@shared/complaints/compensation';
import { maxAmountFen } from '@shared/complaints/contract';
import { useDeskApi } from '../../../app/context';
import { toUiError } from '../../../ui/errors';
import type { SettingsNoticeText } from '../../../ui/SettingsNotice';
import { SettingsNotice } from '../../../ui/SettingsNotice';

interface Fields {
  kind: 'per_kg' | 'freight_multiple';
  perKgYuan: number | null;
  multiple: number | null;
  capYuan: number | null;
  delayRefundPct: number;
  abnormalPct: number;
  majorYuan: number;
  extraordinaryYuan: number;
}

const yuan = (fen: number) => fen / 100;
const fen = (y: number) => Math.round(y * 100);

function fieldsOf(r: CompensationRules): Fields {
  return {
    kind: r.uninsured.kind,
    perKgYuan: r.uninsured.kind === 'per_kg' ? yuan(r.uninsured.fenPerKg) : null,
    multiple: r.uninsured.kind === 'freight_multiple' ? r.uninsured.multiple : null,
    capYuan: r.uninsured.capFen === null ? null : yuan(r.uninsured.capFen),
    delayRefundPct: Math.round(r.delayFreightRefund * 100),
    abnormalPct: Math.round(r.abnormalSignatureShare * 100),
    majorYuan: yuan(r.severity.majorFen),
    extraordinaryYuan: yuan(r.severity.extraordinaryFen),
  };
}

function rulesOf(v: Fields): CompensationRules {
  const capFen = v.capYuan === null || v.capYuan === undefined ? null : fen(v.capYuan);
  return {
    uninsured:
      v.kind === 'per_kg'
        ? { kind: 'per_kg', fenPerKg: fen(v.perKgYuan ?? 0), capFen }
        : { kind: 'freight_multiple', multiple: v.multiple ?? 0, capFen },
    delayFreightRefund: v.delayRefundPct / 100,
    abnormalSignatureShare: v.abnormalPct / 100,
    severity: { majorFen: fen(v.majorYuan), extraordinaryFen: fen(v.extraordinaryYuan) },
  };
}

/**
 * 赔偿标准与投诉等级 (the lead's 管理 tab): the uninsured standard (per kg, or a multiple of the
 * freight, with an optional cap), the delay refund, the 异常签收 share and the 重大 / 特大
 * thresholds. Checked here in the lead's language before anything is sent; main checks again,
 * refuses agents, and audits the change.
 */
export function ComplaintRulesCard() {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation('common');
  const api = useDeskApi();
  const [form] = Form.useForm<Fields>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<SettingsNoticeText | null>(null);
  const kind = Form.useWatch('kind', form);

  useEffect(() => {
    let live = true;
    api.request('complaints.rules', {}).then(
      (r) => {
        if (!live) return;
        form.setFieldsValue(fieldsOf(r));
        setLoaded(true);
      },
      (err: unknown) => live && setNotice({ ok: false, text: tc(`errors.${toUiError(err).code}`) }),
    );
    return () => {
      live = false;
    };
  }, [api, form, tc]);

  const save = async (v: Fields) => {
    setSaving(true);
    setNotice(null);
    try {
      form.setFieldsValue(fieldsOf(await api.request('complaints.setRules', rulesOf(v))));
      setNotice({ ok: true, text: t('rules.saved') });
    } catch (err) {
      const e = toUiError(err);
      setNotice({
        ok: false,
        text: e.issues?.some((i) => i.message === 'not_above_major')
          ? t('rules.notAboveMajor')
          : tc(`errors.${e.code}`),
      });
    } finally {
      setSaving(false);
    }
  };

  const amount = (min: number, required = true) => [
    ...(required ? [{ required: true, message: t('rules.amountRange') }] : []),
    { type: 'number' as const, min, max: maxAmountFen / 100, message: t('rules.amountRange') },
  ];
  const percent = [
    { required: true, message: t('rules.percentRange') },
    { type: 'number' as const, min: 0, max: 100, message: t('rules.percentRange') },
  ];
  const number = (name: keyof Fields, rules: object[], extra?: { precision?: number }) => (
    <Form.Item name={name} label={t(`rules.${name}`)} rules={rules}>
      <InputNumber
        aria-label={t(`rules.${name}`)}
        precision={extra?.precision ?? 2}
        style={{ width: '100%' }}
      />
    </Form.Item>
  );

  return (
    <Card size="small" title={t('rules.title')} role="region" aria-label={t('rules.title')}>
      <Typography.Paragraph type="secondary">{t('rules.hint')}</Typography.Paragraph>
      <SettingsNotice notice={notice} />
      <Form<Fields>
        form={form}
        layout="vertical"
        size="small"
        aria-label={t('rules.title')}
        disabled={!loaded}
        onFinish={(v) => void save(v)}
      >
        <Form.Item name="kind" label={t('rules.kind')}>
          <Radio.Group aria-label={t('rules.kind')}>
            <Radio value="per_kg">{t('rules.per_kg')}</Radio>
            <Radio value="freight_multiple">{t('rules.freight_multiple')}</Radio>
          </Radio.Group>
        </Form.Item>
        <Row gutter={8}>
          <Col span={8}>
            {kind === 'freight_multiple'
              ? number(
                  'multiple',
                  [
                    { required: true, message: t('rules.multipleRange') },
                    { type: 'number', min: 0.1, max: 10, message: t('rules.multipleRange') },
                  ],
                  { precision: 1 },
                )
              : number('perKgYuan', amount(0.01))}
          </Col>
          <Col span={8}>{number('capYuan', amount(0.01, false))}</Col>
        </Row>
        <Row gutter={8}>
          <Col span={8}>{number('delayRefundPct', percent, { precision: 0 })}</Col>
          <Col span={8}>{number('abnormalPct', percent, { precision: 0 })}</Col>
        </Row>
        <Row gutter={8}>
          <Col span={8}>{number('majorYuan', amount(0.01))}</Col>
          <Col span={8}>
            {number('extraordinaryYuan', [
              ...amount(0.01),
              ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
                validator: (_: unknown, value: number | null) =>
                  value === null ||
                  value === undefined ||
                  value > Number(getFieldValue('majorYuan') ?? 0)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('rules.notAboveMajor'))),
              }),
            ])}
          </Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('rules.save')}
        </Button>
      </Form>
    </Card>
  );
}
