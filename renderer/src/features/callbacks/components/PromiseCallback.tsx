import { DatePicker, Form, Input, Modal, Radio } from 'antd';
import dayjs from 'dayjs';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { maskPhone } from '@shared/common/format';
import { useDesk } from '../../../app/context';

type When = 'in30' | 'in60' | 'in120' | 'tomorrow' | 'custom';

interface Values {
  source: 'call' | 'typed';
  number: string;
  reason: string;
  when: When;
  at: Dayjs | null;
}

/** When a quick pick is due: 30 min / 1 h / 2 h from now, or 10:00 tomorrow (local time). */
export function dueAtOf(when: Exclude<When, 'custom'>, now: number): number {
  if (when === 'tomorrow')
    return dayjs(now).add(1, 'day').hour(10).minute(0).second(0).millisecond(0).valueOf();
  return now + { in30: 30, in60: 60, in120: 120 }[when] * 60_000;
}

/**
 * 承诺回电: the number is the current (or last) call's caller, or one the agent types; a reason;
 * a due time. Main checks it again; its refusals land next to the fields.
 */
export function PromiseCallback({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation('callbacks');
  const call = useDesk((s) => s.phone?.call ?? null);
  const promiseCallback = useDesk((s) => s.promiseCallback);
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const source = Form.useWatch('source', form);
  const when = Form.useWatch('when', form);
  const fromCall = call && call.remoteNumber !== '' ? call : null;

  const submit = async () => {
    const v = await form.validateFields();
    const dueAt = v.when === 'custom' ? (v.at?.valueOf() ?? 0) : dueAtOf(v.when, Date.now());
    setSaving(true);
    const refused = await promiseCallback({
      reason: v.reason.trim(),
      dueAt,
      callId: v.source === 'call' && fromCall ? fromCall.id : null,
      number: v.source === 'typed' ? v.number.trim() : null,
      customerId: null,
      waybillId: null,
    });
    setSaving(false);
    if (!refused) return onDone();
    const fields = new Map<string, keyof Values>([
      ['number', 'number'],
      ['reason', 'reason'],
      ['dueAt', v.when === 'custom' ? 'at' : 'when'],
    ]);
    form.setFields(
      (refused.issues ?? []).map((i) => ({
        name: fields.get(i.path) ?? ('reason' as const),
        errors: [
          t(`issues.${i.message}`, {
            field: t(`fields.${i.path}`, { defaultValue: t('fields.reason') }),
            defaultValue: t('issues.required', { field: t('fields.reason') }),
          }),
        ],
      })),
    );
  };

  return (
    <Modal
      open
      title={t('form.title')}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={saving}
      onCancel={onDone}
      onOk={() => void submit().catch(() => undefined)}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          source: fromCall ? 'call' : 'typed',
          number: '',
          reason: '',
          when: 'in60',
          at: null,
        }}
      >
        <Form.Item name="source" label={t('form.number')}>
          <Radio.Group aria-label={t('form.number')}>
            {fromCall && (
              <Radio value="call">
                {t('form.numberFromCall', { masked: maskPhone(fromCall.remoteNumber) })}
              </Radio>
            )}
            <Radio value="typed">{t('form.numberHint')}</Radio>
          </Radio.Group>
        </Form.Item>
        {source === 'typed' && (
          <Form.Item
            name="number"
            rules={[
              {
                required: true,
                whitespace: true,
                message: t('issues.required', { field: t('fields.number') }),
              },
            ]}
          >
            <Input
              aria-label={t('form.number')}
              placeholder={t('form.numberHint')}
              maxLength={32}
            />
          </Form.Item>
        )}
        <Form.Item
          name="reason"
          label={t('form.reason')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('issues.required', { field: t('fields.reason') }),
            },
            { max: 200, message: t('issues.too_long', { field: t('fields.reason') }) },
          ]}
        >
          <Input.TextArea
            aria-label={t('form.reason')}
            placeholder={t('form.reasonHint')}
            rows={2}
          />
        </Form.Item>
        <Form.Item name="when" label={t('form.due')}>
          <Radio.Group
            aria-label={t('form.due')}
            options={(['in30', 'in60', 'in120', 'tomorrow', 'custom'] as const).map((w) => ({
              value: w,
              label: t(`form.${w}`),
            }))}
          />
        </Form.Item>
        {when === 'custom' && (
          <Form.Item
            name="at"
            rules={[
              { required: true, message: t('issues.required', { field: t('fields.dueAt') }) },
            ]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format="YYYY-MM-DD HH:mm"
              aria-label={t('form.due')}
            />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
