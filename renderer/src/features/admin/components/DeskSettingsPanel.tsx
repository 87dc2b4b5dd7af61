import { Alert, Button, Card, Form, Input, Radio, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrackingSourceView } from '@shared/contract';
import { useDeskApi } from '../../../app/context';
import type { HolidaySchedule } from './HolidayScheduleCard';
import { HolidayScheduleCard } from './HolidayScheduleCard';
import { AdminError, showFieldIssues } from './issues';

interface Fields {
  kind: 'mirror' | 'kuaidi100';
  url?: string;
  customer?: string;
  key?: string;
}
const fields = ['url', 'customer', 'key'] as const;

/**
 * The desk's settings that used to be written by hand: where live tracking comes from (the
 * `tracking.kuaidi100` setting; the key is never shown, only whether one is stored), and the
 * holiday and 调休 schedule with its import (the desk reads `desk.holidaySchedule`).
 */
export function DeskSettingsPanel({ holidaySchedule }: { holidaySchedule: HolidaySchedule }) {
  const { t } = useTranslation('admin');
  const api = useDeskApi();
  const [form] = Form.useForm<Fields>();
  const [view, setView] = useState<TrackingSourceView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  const kind = Form.useWatch('kind', form);

  const show = (v: TrackingSourceView) => {
    setView(v);
    form.setFieldsValue(
      v.kuaidi100
        ? { kind: 'kuaidi100', url: v.kuaidi100.url, customer: v.kuaidi100.customer, key: '' }
        : { kind: 'mirror', url: '', customer: '', key: '' },
    );
  };
  useEffect(() => {
    let live = true;
    api.request('admin.trackingSource', {}).then(
      (v) => live && show(v),
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
    // `show` only uses the stable form and setters.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);

  const save = async (v: Fields) => {
    setSaving(true);
    setSaved(false);
    try {
      const key = v.key?.trim() ?? '';
      const next = await api.request(
        'admin.setTrackingSource',
        v.kind === 'mirror'
          ? { kind: 'mirror' }
          : {
              kind: 'kuaidi100',
              url: v.url?.trim() ?? '',
              customer: v.customer?.trim() ?? '',
              ...(key !== '' && { key }),
            },
      );
      show(next);
      setSaved(true);
      setError(null);
    } catch (err) {
      setError(showFieldIssues(form, err, fields, t) ? null : err);
    } finally {
      setSaving(false);
    }
  };

  const keySet = view?.kuaidi100?.keySet === true;
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%', maxWidth: 640 }}>
      <Card title={t('settings.trackingTitle')} size="small">
        <section aria-label={t('settings.trackingTitle')}>
          {view && (
            <Typography.Paragraph>
              {t('settings.current', {
                source: t(view.kuaidi100 ? 'settings.kuaidi100' : 'settings.mirror'),
              })}
            </Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary">
            {t('settings.appliesAfterRestart')}
          </Typography.Paragraph>
          <AdminError error={error} />
          {saved && (
            <Alert
              type="success"
              showIcon
              role="status"
              title={t('settings.saved')}
              style={{ marginBottom: 12 }}
            />
          )}
          <Form<Fields>
            form={form}
            layout="vertical"
            aria-label={t('settings.trackingTitle')}
            disabled={view === null}
            onFinish={(v) => void save(v)}
            onValuesChange={() => setSaved(false)}
          >
            <Form.Item label={t('settings.source')} name="kind">
              <Radio.Group
                aria-label={t('settings.source')}
                options={[
                  { value: 'mirror', label: t('settings.mirror') },
                  { value: 'kuaidi100', label: t('settings.kuaidi100') },
                ]}
              />
            </Form.Item>
            {kind === 'kuaidi100' && (
              <>
                <Form.Item
                  label={t('settings.url')}
                  name="url"
                  rules={[{ required: true, message: t('issues.url_format') }]}
                >
                  <Input autoComplete="off" maxLength={500} />
                </Form.Item>
                <Form.Item
                  label={t('settings.customer')}
                  name="customer"
                  rules={[
                    { required: true, whitespace: true, message: t('issues.customer_length') },
                  ]}
                >
                  <Input autoComplete="off" maxLength={100} />
                </Form.Item>
                <Form.Item
                  label={t('settings.key')}
                  name="key"
                  extra={t(keySet ? 'settings.keySet' : 'settings.keyNone')}
                  rules={
                    keySet
                      ? []
                      : [{ required: true, whitespace: true, message: t('issues.key_required') }]
                  }
                >
                  <Input.Password autoComplete="new-password" maxLength={200} />
                </Form.Item>
              </>
            )}
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('settings.save')}
            </Button>
          </Form>
        </section>
      </Card>
      <HolidayScheduleCard schedule={holidaySchedule} />
    </Space>
  );
}
