import { Alert, Button, Form, InputNumber, Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AcwPolicy } from '@shared/softphone/contract';
import { acwModes, dispositions } from '@shared/softphone/call-state';
import { ContractError } from '@shared/common/errors';
import { useDeskApi } from '../../../app/context';
import { useDispositionLabel } from '../../softphone';
import { AdminError } from './issues';

/** Each number's bounds (the contract's `acwPolicySchema`) and the words for them. */
const bounds = {
  seconds: { min: 5, max: 600, rule: 'acw.secondsRule' },
  maxExtensions: { min: 0, max: 5, rule: 'acw.extensionsRule' },
  extendSeconds: { min: 5, max: 300, rule: 'acw.extendRule' },
} as const;
type NumberField = keyof typeof bounds;
const numberFields = Object.keys(bounds) as NumberField[];

/** The after-call-work rules (话后整理), over the softphone's `acw.policy` / `acw.setPolicy`. */
export function AcwPolicyPanel() {
  const { t } = useTranslation('admin');
  const api = useDeskApi();
  const dispositionLabel = useDispositionLabel();
  const [form] = Form.useForm<AcwPolicy>();
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const mode = Form.useWatch('mode', form);

  useEffect(() => {
    let live = true;
    api.request('acw.policy', {}).then(
      (policy) => {
        if (!live) return;
        form.setFieldsValue(policy);
        setLoaded(true);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [api, form]);

  const save = async (v: AcwPolicy) => {
    setSaving(true);
    setSaved(false);
    try {
      form.setFieldsValue(await api.request('acw.setPolicy', v));
      setSaved(true);
      setError(null);
    } catch (err) {
      // A number main refused is marked at its field, in words; anything else as one alert.
      const fields =
        err instanceof ContractError && err.code === 'BAD_ARGUMENT'
          ? numberFields.filter((f) => err.issues?.some((i) => i.path === f))
          : [];
      form.setFields(fields.map((f) => ({ name: f, errors: [t(bounds[f].rule)] })));
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  const timed = mode === 'timed';
  return (
    <section aria-label={t('acw.title')} style={{ maxWidth: 520 }}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('acw.title')}
      </Typography.Title>
      <AdminError error={error} />
      {saved && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={t('acw.saved')}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form<AcwPolicy>
        form={form}
        layout="vertical"
        aria-label={t('acw.title')}
        disabled={!loaded}
        onFinish={(v) => void save(v)}
        onValuesChange={() => setSaved(false)}
      >
        <Form.Item label={t('acw.mode')} name="mode">
          <Select
            aria-label={t('acw.mode')}
            options={acwModes.map((m) => ({ value: m, label: t(`acw.modes.${m}`) }))}
          />
        </Form.Item>
        {numberFields.map((f) => (
          <Form.Item
            key={f}
            label={t(`acw.${f}`)}
            name={f}
            extra={t(bounds[f].rule)}
            hidden={f !== 'seconds' && !timed}
            rules={[
              {
                validator: async (_r, value: unknown) => {
                  const ok =
                    typeof value === 'number' &&
                    Number.isInteger(value) &&
                    value >= bounds[f].min &&
                    value <= bounds[f].max;
                  if (!ok) throw new Error(t(bounds[f].rule));
                },
              },
            ]}
          >
            <InputNumber aria-label={t(`acw.${f}`)} precision={0} style={{ width: 160 }} />
          </Form.Item>
        ))}
        <Form.Item label={t('acw.defaultDisposition')} name="defaultDisposition">
          <Select
            aria-label={t('acw.defaultDisposition')}
            options={dispositions.map((d) => ({ value: d, label: dispositionLabel(d) }))}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('acw.save')}
        </Button>
      </Form>
    </section>
  );
}
