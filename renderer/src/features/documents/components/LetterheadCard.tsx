import { Button, Card, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Letterhead } from '@shared/documents/html';
import { useDeskApi } from '../../../app/context';
import { toUiError } from '../../../ui/errors';
import type { SettingsNoticeText } from '../../../ui/SettingsNotice';
import { SettingsNotice } from '../../../ui/SettingsNotice';

const limits = { company: 60, department: 30, hotline: 30, address: 120 } as const;
const names = ['company', 'department', 'hotline', 'address'] as const;

/**
 * 函件抬头 (the lead's 管理 tab): the company, department, hotline and address every printed
 * letter and report carries. Checked here in the lead's language; main checks again, refuses
 * agents and audits the change.
 */
export function LetterheadCard() {
  const { t } = useTranslation('documents');
  const { t: tc } = useTranslation('common');
  const api = useDeskApi();
  const [form] = Form.useForm<Letterhead>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<SettingsNoticeText | null>(null);

  useEffect(() => {
    let live = true;
    api.request('documents.letterhead', {}).then(
      (h) => {
        if (!live) return;
        form.setFieldsValue(h);
        setLoaded(true);
      },
      (err: unknown) => live && setNotice({ ok: false, text: tc(`errors.${toUiError(err).code}`) }),
    );
    return () => {
      live = false;
    };
  }, [api, form, tc]);

  const save = async (v: Letterhead) => {
    setSaving(true);
    setNotice(null);
    try {
      const trimmed = Object.fromEntries(names.map((n) => [n, (v[n] ?? '').trim()]));
      form.setFieldsValue(
        await api.request('documents.setLetterhead', trimmed as unknown as Letterhead),
      );
      setNotice({ ok: true, text: t('letterhead.saved') });
    } catch (err) {
      setNotice({ ok: false, text: tc(`errors.${toUiError(err).code}`) });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card
      size="small"
      title={t('letterhead.title')}
      role="region"
      aria-label={t('letterhead.title')}
    >
      <Typography.Paragraph type="secondary">{t('letterhead.hint')}</Typography.Paragraph>
      <SettingsNotice notice={notice} />
      <Form<Letterhead>
        form={form}
        layout="vertical"
        size="small"
        aria-label={t('letterhead.title')}
        disabled={!loaded}
        onFinish={(v) => void save(v)}
      >
        {names.map((n) => (
          <Form.Item
            key={n}
            name={n}
            label={t(`letterhead.${n}`)}
            rules={[
              ...(n === 'department'
                ? [{ required: true, whitespace: true, message: t('letterhead.required') }]
                : []),
              { max: limits[n], message: t('letterhead.tooLong', { max: limits[n] }) },
              ...(n === 'hotline'
                ? [{ pattern: /^[0-9+\-() ]*$/, message: t('letterhead.hotlineFormat') }]
                : []),
            ]}
          >
            <Input aria-label={t(`letterhead.${n}`)} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={saving}>
          {t('letterhead.save')}
        </Button>
      </Form>
    </Card>
  );
}
