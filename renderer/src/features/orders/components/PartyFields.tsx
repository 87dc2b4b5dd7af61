import type { FormInstance } from 'antd';
import { Button, Card, Form, Input, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { districtsOf, parseAddress } from '@shared/orders/address';
import { isPhoneRef, orderLimits } from '@shared/orders/order';
import { findProvince, provinces } from '@shared/waybills/divisions';
import type { OrderValues } from '../draft';

/** A number on record, by reference, as the screen may show it (masked). */
export interface PhoneChoice {
  ref: string;
  label: string;
}

const TYPED = '__typed';
const provinceOptions = provinces().map((p) => ({ value: p.name, label: p.name }));
const row = { display: 'flex', gap: 8, alignItems: 'flex-start' } as const;

interface PhoneFieldProps {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  choices: PhoneChoice[];
  sourceLabel: string;
  typedLabel: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean | 'true' | 'false';
}

/**
 * A phone: one of the customer's numbers on record (shown masked, kept as its reference — the
 * full number never reaches the screen) or a number the agent types.
 */
function PhoneField({
  value = '',
  onChange,
  id,
  choices,
  sourceLabel,
  typedLabel,
  ...aria
}: PhoneFieldProps) {
  const isRef = isPhoneRef(value);
  if (choices.length === 0) {
    return (
      <Input
        id={id}
        {...aria}
        inputMode="tel"
        autoComplete="off"
        maxLength={orderLimits.phone}
        value={value}
        onChange={(e) => onChange?.(e.target.value)}
      />
    );
  }
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Select
        {...(isRef ? { id, ...aria } : { 'aria-label': sourceLabel })}
        value={isRef ? value : TYPED}
        style={{ minWidth: 170 }}
        onChange={(v: string) => onChange?.(v === TYPED ? '' : v)}
        options={[
          ...choices.map((c) => ({ value: c.ref, label: c.label })),
          { value: TYPED, label: typedLabel },
        ]}
      />
      {!isRef && (
        <Input
          id={id}
          {...aria}
          inputMode="tel"
          autoComplete="off"
          maxLength={orderLimits.phone}
          value={value}
          onChange={(e) => onChange?.(e.target.value)}
        />
      )}
    </Space.Compact>
  );
}

interface Props {
  side: 'sender' | 'recipient';
  form: FormInstance<OrderValues>;
  phoneChoices: PhoneChoice[];
  /** A field was filled in by code (the pasted address): the form re-checks. */
  onFilled: (side: 'sender' | 'recipient') => void;
}

/** Name, phone and address of one side, with a box to paste an address as customers send it. */
export function PartyFields({ side, form, phoneChoices, onFilled }: Props) {
  const { t } = useTranslation('orders');
  const province = Form.useWatch([side, 'province'], form);
  const city = Form.useWatch([side, 'city'], form);
  const [pasted, setPasted] = useState('');
  const [pasteNote, setPasteNote] = useState<string | null>(null);
  const cityOptions = useMemo(
    () => (findProvince(province ?? '')?.cities ?? []).map((c) => ({ value: c, label: c })),
    [province],
  );
  const districtOptions = useMemo(
    () => districtsOf(province ?? '', city ?? '').map((d) => ({ value: d, label: d })),
    [province, city],
  );
  const title = t(`form.${side}`);

  const applyPaste = () => {
    const parsed = parseAddress(pasted);
    if (!parsed.province) {
      setPasteNote(t('form.pasteNothing'));
      return;
    }
    const current = form.getFieldValue(side) as OrderValues['sender'];
    form.setFieldValue(side, {
      ...current,
      province: parsed.province,
      city: parsed.city ?? undefined,
      district: parsed.district ?? undefined,
      detail: parsed.detail || current.detail,
      ...(parsed.name && { name: parsed.name }),
      ...(parsed.phones[0] && { phone: parsed.phones[0].replace(/\s/g, '') }),
    });
    setPasteNote(t('form.pasteDone'));
    setPasted('');
    onFilled(side);
  };

  return (
    <Card size="small" title={title} style={{ flex: 1, minWidth: 320 }}>
      <section aria-label={title}>
        <Form.Item label={t('form.paste')}>
          <Space.Compact style={{ width: '100%' }}>
            <Input.TextArea
              aria-label={t(`form.pasteFor.${side}`)}
              value={pasted}
              autoSize={{ minRows: 1, maxRows: 3 }}
              placeholder={t('form.pastePlaceholder')}
              onChange={(e) => setPasted(e.target.value)}
            />
            <Button onClick={applyPaste} disabled={pasted.trim() === ''}>
              {t('form.pasteApply')}
            </Button>
          </Space.Compact>
          {pasteNote && (
            <Typography.Text type="secondary" role="status">
              {pasteNote}
            </Typography.Text>
          )}
        </Form.Item>
        <div style={row}>
          <Form.Item name={[side, 'name']} label={t('form.name')} required style={{ flex: 1 }}>
            <Input autoComplete="off" maxLength={orderLimits.name} />
          </Form.Item>
          <Form.Item name={[side, 'phone']} label={t('form.phone')} required style={{ flex: 2 }}>
            <PhoneField
              choices={phoneChoices}
              sourceLabel={t(`form.phoneSource.${side}`)}
              typedLabel={t('form.phoneTyped')}
            />
          </Form.Item>
        </div>
        <div style={row}>
          <Form.Item
            name={[side, 'province']}
            label={t('form.province')}
            required
            style={{ flex: 1 }}
          >
            <Select showSearch options={provinceOptions} optionFilterProp="label" />
          </Form.Item>
          <Form.Item name={[side, 'city']} label={t('form.city')} required style={{ flex: 1 }}>
            <Select
              showSearch
              options={cityOptions}
              optionFilterProp="label"
              disabled={cityOptions.length === 0}
              placeholder={cityOptions.length === 0 ? t('form.provinceFirst') : undefined}
            />
          </Form.Item>
          <Form.Item name={[side, 'district']} label={t('form.district')} style={{ flex: 1 }}>
            <Select
              showSearch
              allowClear
              options={districtOptions}
              optionFilterProp="label"
              disabled={districtOptions.length === 0}
              placeholder={districtOptions.length === 0 ? t('form.provinceFirst') : undefined}
            />
          </Form.Item>
        </div>
        <Form.Item name={[side, 'detail']} label={t('form.detail')} required>
          <Input autoComplete="off" maxLength={orderLimits.detail} />
        </Form.Item>
      </section>
    </Card>
  );
}
