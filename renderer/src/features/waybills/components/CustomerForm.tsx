import { Alert, Button, Form, Input, Modal, Radio, Select } from 'antd';
import type { NamePath } from 'antd/es/form/interface';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenPop } from '@shared/waybills/contract';
import type { CustomerFieldIssue, CustomerInput } from '@shared/waybills/customer';
import {
  customerClasses,
  customerFieldIssues,
  customerInputSchema,
  customerLimits,
} from '@shared/waybills/customer';
import { findProvince, provinces } from '@shared/waybills/divisions';
import { useDesk } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { useErrorText } from '../../../ui/error-text';

interface Values {
  name: string;
  phones: string[];
  province: string | undefined;
  city: string | undefined;
  detail: string;
  class: 'A' | 'B' | 'C';
  company: string;
}

/** Where an issue's field is in the form ('phones.1' → ['phones', 1]); '' is the whole form. */
function namePath(field: string): NamePath | null {
  if (field === '') return null;
  return field.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

const row = { display: 'flex', gap: 8, alignItems: 'flex-start' } as const;
const provinceOptions = provinces().map((p) => ({ value: p.name, label: p.name }));

/**
 * 新建客户 for the number on a card: the rules are the contract's (shared/waybills/customer.ts),
 * checked here first so each problem shows next to its field, in the agent's language; main checks
 * again and its refusals land in the same places.
 */
export function CustomerForm({ origin }: { origin: ScreenPop }) {
  const { t } = useTranslation('waybills');
  const [form] = Form.useForm<Values>();
  const closeCustomerForm = useDesk((s) => s.closeCustomerForm);
  const createCustomer = useDesk((s) => s.createCustomer);
  const [saving, setSaving] = useState(false);
  const [listError, setListError] = useState<string | null>(null);
  const [formError, setFormError] = useState<UiError | null>(null);
  const describeError = useErrorText();
  const province = Form.useWatch('province', form);
  const cityOptions = useMemo(
    () => (findProvince(province ?? '')?.cities ?? []).map((c) => ({ value: c, label: c })),
    [province],
  );

  const message = (issue: CustomerFieldIssue): string => {
    const field = issue.field.split('.')[0] ?? '';
    if (field === 'phones' && issue.field === 'phones' && issue.code === 'required')
      return t('customer.errors.phonesRequired');
    const max =
      issue.code === 'too_many_phones'
        ? customerLimits.phones
        : (customerLimits[field as keyof typeof customerLimits] ?? 0);
    return t(`customer.errors.${issue.code}`, { max });
  };

  const show = (issues: CustomerFieldIssue[]) => {
    const byField = new Map<string, string[]>();
    let list: string | null = null;
    let whole = false;
    for (const issue of issues) {
      if (issue.field === 'phones') list = message(issue);
      else if (issue.field === '' || !namePath(issue.field)) whole = true;
      else byField.set(issue.field, [...(byField.get(issue.field) ?? []), message(issue)]);
    }
    form.setFields(
      [...byField].map(([field, errors]) => ({ name: namePath(field)!, errors: [errors[0]!] })),
    );
    setListError(list);
    if (whole) setFormError({ code: 'BAD_ARGUMENT', message: t('customer.errors.invalid') });
  };

  const submit = async (values: Values) => {
    setListError(null);
    setFormError(null);
    const phones = values.phones.map((p) => p ?? '');
    const input: CustomerInput = {
      name: values.name ?? '',
      // Extra phone rows left blank are not phones; the first one is required.
      phones: phones.filter((p, i) => i === 0 || p.trim() !== ''),
      province: values.province ?? '',
      city: values.city ?? '',
      detail: values.detail ?? '',
      class: values.class,
      company: values.company ?? '',
    };
    const checked = customerInputSchema.safeParse(input);
    if (!checked.success) {
      show(customerFieldIssues(checked.error.issues));
      return;
    }
    setSaving(true);
    try {
      const outcome = await createCustomer(input);
      if (!outcome.created) {
        show(outcome.issues);
        if (outcome.error) setFormError(outcome.error);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('customer.title')}
      okText={t('customer.save')}
      cancelText={t('customer.cancel')}
      confirmLoading={saving}
      onOk={() => form.submit()}
      onCancel={closeCustomerForm}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        name="new-customer"
        layout="vertical"
        requiredMark
        initialValues={{
          name: '',
          phones: [origin.number],
          detail: '',
          class: 'C',
          company: '',
        }}
        onFinish={(v) => void submit(v)}
        onValuesChange={(changed: Partial<Values>) => {
          // What the agent changed is no longer wrong until checked again.
          const paths: NamePath[] = [];
          for (const [key, value] of Object.entries(changed)) {
            if (key === 'phones' && Array.isArray(value)) {
              value.forEach((v, i) => v !== undefined && paths.push(['phones', i]));
              setListError(null);
            } else paths.push([key]);
          }
          if ('province' in changed) {
            form.setFieldValue('city', undefined);
            paths.push(['city']);
          }
          form.setFields(paths.map((name) => ({ name, errors: [] })));
        }}
      >
        {formError && (
          <Alert
            type="error"
            role="alert"
            showIcon
            title={
              formError.code === 'BAD_ARGUMENT'
                ? t('customer.errors.invalid')
                : describeError(formError).title
            }
            // Main's specifics in the agent's language; its English message never shows.
            description={
              formError.code === 'BAD_ARGUMENT' ? undefined : describeError(formError).description
            }
            style={{ marginBottom: 12 }}
          />
        )}
        <Form.Item name="name" label={t('customer.name')} required>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.List name="phones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => (
                <div key={field.key} style={row}>
                  <Form.Item
                    name={field.name}
                    label={t('customer.phone', { n: i + 1 })}
                    required={i === 0}
                    style={{ flex: 1 }}
                  >
                    <Input inputMode="tel" autoComplete="off" />
                  </Form.Item>
                  {i > 0 && (
                    <Button
                      aria-label={t('customer.removePhone', { n: i + 1 })}
                      onClick={() => remove(field.name)}
                      style={{ marginTop: 30 }}
                    >
                      ×
                    </Button>
                  )}
                </div>
              ))}
              {listError && <Form.ErrorList errors={[listError]} />}
              <Button
                type="dashed"
                disabled={fields.length >= customerLimits.phones}
                onClick={() => add('')}
                style={{ marginBottom: 16 }}
              >
                {t('customer.addPhone')}
              </Button>
            </>
          )}
        </Form.List>
        <div style={row}>
          <Form.Item name="province" label={t('customer.province')} required style={{ flex: 1 }}>
            <Select showSearch options={provinceOptions} optionFilterProp="label" />
          </Form.Item>
          <Form.Item name="city" label={t('customer.city')} required style={{ flex: 1 }}>
            <Select
              showSearch
              options={cityOptions}
              optionFilterProp="label"
              disabled={cityOptions.length === 0}
              placeholder={cityOptions.length === 0 ? t('customer.provinceFirst') : undefined}
            />
          </Form.Item>
        </div>
        <Form.Item name="detail" label={t('customer.detail')} required>
          <Input placeholder={t('customer.detailPlaceholder')} autoComplete="off" />
        </Form.Item>
        <Form.Item name="class" label={t('customer.class')} required>
          <Radio.Group
            aria-label={t('customer.class')}
            options={customerClasses.map((c) => ({
              value: c,
              label: t('customer.classOption', { class: c }),
            }))}
          />
        </Form.Item>
        <Form.Item name="company" label={t('customer.company')}>
          <Input autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
