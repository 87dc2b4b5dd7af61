import {
  Alert,
  Button,
  Card,
  Checkbox,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ContractError } from '@shared/common/errors';
import type { OrderSummary, PastOrder } from '@shared/orders/contract';
import type { OrderContext, OrderDraft, OrderIssue } from '@shared/orders/order';
import {
  checkOrder,
  isPhoneRef,
  orderLimits,
  paymentMethods,
  pickupSlots,
} from '@shared/orders/order';
import { parseAddress } from '@shared/orders/address';
import type { RateTable } from '@shared/orders/rates';
import { goodsCategories, services, yuan } from '@shared/orders/rates';
import { readBack } from '@shared/orders/readback';
import { useDesk, useDeskApi } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { toUiError } from '../../../ui/errors';
import { useErrorText } from '../../../ui/error-text';
import type { OrderValues } from '../draft';
import {
  emptyValues,
  fromDraft,
  issueMessage,
  issuesFromMain,
  namePathOf,
  toDraft,
  withMissingNumbers,
} from '../draft';
import type { OrderContextResult } from '../slice';
import { deliveryColor } from './delivery';
import { InsurancePrompt } from './InsurancePrompt';
import type { PhoneChoice } from './PartyFields';
import { PartyFields } from './PartyFields';
import { QuoteBreakdown } from './QuoteBreakdown';

export interface OrderFormProps {
  /** The caller's customer (pre-fills the sender), or null for a walk-in order. */
  customerId: string | null;
  /** The call the order is taken on, if any. */
  callId: string | null;
  /** The agent is finished with the form (the order submitted, or cancelled). */
  onDone?: (order: OrderSummary | null) => void;
  /** Amends a past order instead (a new version with its reason). */
  amend?: PastOrder;
  /** Starts from a past order (再来一单): its goods and parties, the 保价 question asked again. */
  repeat?: PastOrder;
}

/** Fields the form shows issues next to; any other issue is listed above the form. */
const placedFields = new Set([
  ...['sender', 'recipient'].flatMap((s) =>
    ['name', 'phone', 'province', 'city', 'district', 'detail'].map((f) => `${s}.${f}`),
  ),
  'goods.description',
  'goods.category',
  'goods.pieces',
  'goods.weightKg',
  'goods.dims',
  'service',
  'pickup.date',
  'payment.account',
  'declaredValueFen',
  'insurance.outcome',
  'insurance.declineReason',
  'remarks',
]);

/** 'YYYY-MM-DD' plus n days. */
function addDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + n)).toISOString().slice(0, 10);
}

/** The leaf fields a values change touched, as issue fields ('goods.weightKg'). */
function changedFields(changed: unknown, prefix = ''): string[] {
  if (changed === null || typeof changed !== 'object' || Array.isArray(changed)) return [prefix];
  return Object.entries(changed as Record<string, unknown>).flatMap(([k, v]) => {
    const path = prefix ? `${prefix}.${k}` : k;
    if (path === 'declaredValue') return ['declaredValueFen'];
    if (/^goods\.(lengthCm|widthCm|heightCm)$/.test(path)) return ['goods.dims'];
    return changedFields(v, path);
  });
}

/** A past order as a new one: picked up from today, and Art. 21 asks the 保价 question again. */
function asRepeat(past: OrderDraft, today: string): OrderValues {
  const v = fromDraft(past, today);
  v.insurance = { outcome: null, declineReason: '' };
  return v;
}

function initialValues(
  ctx: OrderContextResult,
  amend: OrderFormProps['amend'],
  repeat: OrderFormProps['repeat'],
): OrderValues {
  if (amend) return fromDraft(amend.draft, ctx.today, true);
  if (repeat) return asRepeat(repeat.draft, ctx.today);
  const values = emptyValues(ctx.today);
  const c = ctx.customer;
  if (c) {
    const parsed = parseAddress(c.address);
    values.sender = {
      name: c.name,
      phone: c.phones[0]?.ref ?? '',
      province: c.province,
      city: c.city,
      district:
        parsed.province === c.province && parsed.city === c.city
          ? (parsed.district ?? undefined)
          : undefined,
      detail: parsed.province === c.province ? parsed.detail : c.address,
    };
  }
  return values;
}

/**
 * The 工作单: the form with its live quote and 保价 prompt, then the read-back, then the order's
 * number and delivery status. Reads the rate table and the caller's context first.
 */
export function OrderForm(props: OrderFormProps) {
  const { t } = useTranslation('orders');
  const loadOrderRates = useDesk((s) => s.loadOrderRates);
  const orderContext = useDesk((s) => s.orderContext);
  const describe = useErrorText();
  const [loaded, setLoaded] = useState<{ table: RateTable; ctx: OrderContextResult } | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const { customerId } = props;
  useEffect(() => {
    let live = true;
    Promise.all([loadOrderRates(), orderContext(customerId)]).then(
      ([table, ctx]) => live && setLoaded({ table, ctx }),
      (err: unknown) => live && setError(toUiError(err)),
    );
    return () => {
      live = false;
    };
  }, [loadOrderRates, orderContext, customerId]);
  if (error) {
    const { title, description } = describe(error);
    return <Alert type="error" role="alert" showIcon title={title} description={description} />;
  }
  if (!loaded) return <Spin description={t('form.loading')} />;
  return <OrderFormBody {...props} table={loaded.table} ctx={loaded.ctx} />;
}

type Step = 'form' | 'readback' | 'done';

function OrderFormBody({
  customerId,
  callId,
  onDone,
  amend,
  repeat: repeatOf,
  table,
  ctx,
}: OrderFormProps & { table: RateTable; ctx: OrderContextResult }) {
  const { t } = useTranslation('orders');
  const api = useDeskApi();
  const submitOrder = useDesk((s) => s.submitOrder);
  const amendOrder = useDesk((s) => s.amendOrder);
  const describe = useErrorText();
  const [form] = Form.useForm<OrderValues>();
  const start = useMemo(() => initialValues(ctx, amend, repeatOf), [ctx, amend, repeatOf]);
  const [values, setValues] = useState<OrderValues>(start);
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [mainIssues, setMainIssues] = useState<OrderIssue[]>([]);
  const [step, setStep] = useState<Step>('form');
  const [submitting, setSubmitting] = useState(false);
  const [submitError, setSubmitError] = useState<UiError | null>(null);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonId = useId();
  // Two forms may be open at once (the call's on 工单 and 新建工单): their field ids must differ.
  const formName = `order-${useId().replace(/[^\w-]/g, '')}`;
  const [done, setDone] = useState<OrderSummary | null>(null);

  const orderCtx: OrderContext = useMemo(
    () => ({
      table,
      today: ctx.today,
      priorClaim: ctx.priorClaim,
      customerClass: ctx.customerClass,
    }),
    [table, ctx],
  );
  const draft = useMemo(() => toDraft(values), [values]);
  const check = useMemo(() => checkOrder(draft, orderCtx), [draft, orderCtx]);
  const issues = useMemo(() => withMissingNumbers(check.issues, values), [check, values]);

  // Each issue next to its field: those the agent has been at (all once read-back was asked for),
  // and main's refusals until the field changes.
  const shown = useMemo(() => {
    const byField = new Map<string, OrderIssue>();
    for (const i of mainIssues) {
      // The live check knows the specifics (the prohibited term …) main's code does not carry.
      byField.set(i.field, issues.find((l) => l.field === i.field && l.code === i.code) ?? i);
    }
    for (const i of issues) {
      if ((showAll || touched.has(i.field)) && !byField.has(i.field)) byField.set(i.field, i);
    }
    return byField;
  }, [issues, mainIssues, showAll, touched]);

  // Only the fields whose message differs from the one on screen are set (each set re-renders).
  useEffect(() => {
    if (step !== 'form') return;
    const updates = [...placedFields]
      .filter((f) => f !== 'goods.dims')
      .flatMap((f) => {
        const issue = shown.get(f);
        const text = issue ? issueMessage(t, issue) : '';
        const name = namePathOf(f);
        if ((form.getFieldError(name)[0] ?? '') === text) return [];
        return [{ name, errors: text ? [text] : [] }];
      });
    if (updates.length > 0) form.setFields(updates);
  });

  const unplaced = [...shown.values()].filter((i) => !placedFields.has(i.field));
  const dimsIssue = shown.get('goods.dims');
  const offerApplies = check.offer.length > 0;
  const outcomeRecorded =
    values.insurance.outcome === 'accepted' || values.insurance.outcome === 'declined';
  const readBackBlocked = offerApplies && !outcomeRecorded;

  /** Every phone reference the form may hold, with its masked number from main. */
  const maskedOf = useMemo(
    () =>
      new Map(
        [
          ...(ctx.customer?.phones ?? []),
          ...[...ctx.recent, ...(amend ? [amend] : []), ...(repeatOf ? [repeatOf] : [])].flatMap(
            (r) => r.phones,
          ),
        ].map((p) => [p.ref, p.masked] as const),
      ),
    [ctx, amend, repeatOf],
  );
  const phoneChoices: PhoneChoice[] = useMemo(() => {
    const onRecord = (ctx.customer?.phones ?? []).map((p) => ({ ref: p.ref, label: p.masked }));
    // A past order's numbers, masked by main (the number itself never reaches the console).
    const fromOrder = [values.sender.phone, values.recipient.phone]
      .filter((p) => isPhoneRef(p) && !onRecord.some((c) => c.ref === p))
      .map((ref) => ({
        ref,
        label: t('form.phoneFromOrder', { masked: maskedOf.get(ref) ?? t('form.phoneHidden') }),
      }));
    return [
      ...onRecord,
      ...fromOrder.filter((c, i) => fromOrder.findIndex((o) => o.ref === c.ref) === i),
    ];
  }, [ctx.customer, maskedOf, values.sender.phone, values.recipient.phone, t]);

  const refresh = () => setValues(form.getFieldsValue(true) as OrderValues);
  const touch = (fields: string[]) => {
    setTouched((before) => new Set([...before, ...fields]));
    setMainIssues((before) => before.filter((i) => !fields.includes(i.field)));
  };

  const dateOptions = useMemo(() => {
    const days = Array.from({ length: 7 }, (_, i) => addDays(ctx.today, i));
    if (!days.includes(start.pickup.date)) days.unshift(start.pickup.date);
    return days.map((d) => ({
      value: d,
      label: d === ctx.today ? t('form.todayOption', { date: d }) : d,
    }));
  }, [ctx.today, start.pickup.date, t]);

  /** The order as read aloud: numbers on record by their masked form (its last four digits). */
  const sentences = useMemo(() => {
    if (!check.quote?.ok) return [];
    const label = (phone: string) => (isPhoneRef(phone) ? (maskedOf.get(phone) ?? '') : phone);
    return readBack(
      {
        ...draft,
        sender: { ...draft.sender, phone: label(draft.sender.phone) },
        recipient: { ...draft.recipient, phone: label(draft.recipient.phone) },
      },
      check.quote,
    );
  }, [draft, check.quote, maskedOf]);

  const askReadBack = () => {
    setShowAll(true);
    if (issues.length === 0 && check.quote?.ok) {
      setSubmitError(null);
      setStep('readback');
    }
  };

  const submit = async () => {
    if (amend && reason.trim() === '') {
      setReasonMissing(true);
      return;
    }
    setSubmitting(true);
    setSubmitError(null);
    try {
      const order = amend
        ? await amendOrder({ orderId: amend.summary.id, draft, reason: reason.trim() })
        : await submitOrder({ draft, customerId, callId });
      setDone(order);
      setStep('done');
    } catch (err) {
      if (err instanceof ContractError && err.code === 'BAD_ARGUMENT' && err.issues) {
        const fromMain = issuesFromMain(err.issues);
        if (fromMain.length > 0) {
          setMainIssues(fromMain);
          setShowAll(true);
          setStep('form');
          return;
        }
      }
      setSubmitError(toUiError(err));
    } finally {
      setSubmitting(false);
    }
  };

  // The submitted order's delivery as the outbox reports it: its event, or the day's list when the
  // page keeps one (the outbox may deliver it before main's reply to the submission arrived).
  const listed = useDesk((s) => (done ? s.orders?.find((o) => o.id === done.id) : undefined));
  const delivery =
    done && done.delivery === 'queued' && listed && listed.version >= done.version
      ? listed.delivery
      : (done?.delivery ?? 'queued');
  useEffect(() => {
    if (!done) return;
    return api.on('orders.changed', ({ orderId, delivery }) => {
      if (orderId === done.id) setDone((d) => d && { ...d, delivery });
    });
  }, [api, done]);

  const repeat = (past: OrderDraft) => {
    form.setFieldsValue(asRepeat(past, ctx.today));
    setTouched(new Set());
    setShowAll(false);
    setMainIssues([]);
    refresh();
  };

  const again = () => {
    form.resetFields();
    setValues(start);
    setTouched(new Set());
    setShowAll(false);
    setMainIssues([]);
    setDone(null);
    setStep('form');
  };

  const money = (fen: number) => t('money', { amount: yuan(fen) });
  const title = amend ? t('form.amendTitle', { number: amend.summary.number }) : t('form.title');

  return (
    <section aria-label={title}>
      {step === 'done' && done && (
        <Result
          status="success"
          title={amend ? t('readBack.amended') : t('readBack.submitted')}
          subTitle={
            <Space wrap>
              <span>{t('readBack.number', { number: done.number })}</span>
              <span>{t('readBack.total', { amount: money(done.totalFen) })}</span>
              <span>
                {t('colon', { label: t('deliveryStatus') })}
                <Tag color={deliveryColor[delivery]} role="status">
                  {t(`delivery.${delivery}`)}
                </Tag>
              </span>
            </Space>
          }
          extra={[
            ...(amend
              ? []
              : [
                  <Button key="again" onClick={again}>
                    {t('readBack.another')}
                  </Button>,
                ]),
            <Button key="done" type="primary" onClick={() => onDone?.(done)}>
              {t('readBack.done')}
            </Button>,
          ]}
        />
      )}
      {step === 'readback' && check.quote?.ok && (
        <Card title={t('readBack.title')}>
          <Typography.Paragraph>{t('readBack.intro')}</Typography.Paragraph>
          <ol aria-label={t('readBack.title')} lang="zh-CN">
            {sentences.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ol>
          {amend && (
            <div style={{ marginBottom: 12 }}>
              <label htmlFor={reasonId} style={{ display: 'block', marginBottom: 4 }}>
                {t('form.amendReason')}
              </label>
              <Input
                id={reasonId}
                value={reason}
                maxLength={200}
                status={reasonMissing ? 'error' : undefined}
                aria-required
                aria-invalid={reasonMissing}
                aria-describedby={reasonMissing ? `${reasonId}-help` : undefined}
                placeholder={t('form.amendReasonPlaceholder')}
                onChange={(e) => {
                  setReason(e.target.value);
                  setReasonMissing(false);
                }}
              />
              {reasonMissing && (
                <Typography.Text type="danger" id={`${reasonId}-help`}>
                  {t('form.amendReasonRequired')}
                </Typography.Text>
              )}
            </div>
          )}
          {submitError && (
            <Alert
              type="error"
              role="alert"
              showIcon
              title={describe(submitError).title}
              description={describe(submitError).description}
              style={{ marginBottom: 12 }}
            />
          )}
          <Space>
            <Button type="primary" loading={submitting} onClick={() => void submit()}>
              {t('readBack.confirm')}
            </Button>
            <Button onClick={() => setStep('form')} disabled={submitting}>
              {t('readBack.back')}
            </Button>
          </Space>
        </Card>
      )}
      <div hidden={step !== 'form'}>
        <Form<OrderValues>
          form={form}
          name={formName}
          layout="vertical"
          requiredMark
          initialValues={start}
          onValuesChange={(changed: Partial<OrderValues>) => {
            const fields = changedFields(changed);
            for (const side of ['sender', 'recipient'] as const) {
              const c = changed[side];
              if (c && 'province' in c) {
                form.setFieldValue([side, 'city'], undefined);
                form.setFieldValue([side, 'district'], undefined);
              } else if (c && 'city' in c) form.setFieldValue([side, 'district'], undefined);
            }
            touch(fields);
            refresh();
          }}
        >
          {ctx.recent.length > 0 && !amend && (
            <Space wrap style={{ marginBottom: 12 }} aria-label={t('form.recent')} role="group">
              <Typography.Text type="secondary">
                {t('colon', { label: t('form.recent') })}
              </Typography.Text>
              {ctx.recent.map((r) => (
                <Button key={r.summary.id} size="small" onClick={() => repeat(r.draft)}>
                  {t('form.repeatOf', { number: r.summary.number, goods: r.summary.goods })}
                </Button>
              ))}
            </Space>
          )}
          {unplaced.length > 0 && (
            <Alert
              type="error"
              role="alert"
              showIcon
              title={unplaced.map((i) => issueMessage(t, i)).join(t('separator'))}
              style={{ marginBottom: 12 }}
            />
          )}
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
            {(['sender', 'recipient'] as const).map((side) => (
              <PartyFields
                key={side}
                side={side}
                form={form}
                phoneChoices={phoneChoices}
                onFilled={(s) => {
                  touch([
                    `${s}.name`,
                    `${s}.phone`,
                    `${s}.province`,
                    `${s}.city`,
                    `${s}.district`,
                    `${s}.detail`,
                  ]);
                  refresh();
                }}
              />
            ))}
          </div>
          <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap', marginTop: 12 }}>
            <Card size="small" title={t('form.goods')} style={{ flex: 2, minWidth: 320 }}>
              <section aria-label={t('form.goods')}>
                <div style={{ display: 'flex', gap: 8 }}>
                  <Form.Item
                    name={['goods', 'description']}
                    label={t('form.description')}
                    required
                    style={{ flex: 2 }}
                  >
                    <Input autoComplete="off" maxLength={orderLimits.description} />
                  </Form.Item>
                  <Form.Item
                    name={['goods', 'category']}
                    label={t('form.category')}
                    required
                    style={{ flex: 1 }}
                  >
                    <Select
                      options={goodsCategories.map((c) => ({
                        value: c,
                        label: t(`categories.${c}`),
                      }))}
                    />
                  </Form.Item>
                </div>
                {values.goods.category === 'batteries' && (
                  <Form.Item name={['goods', 'batteryInDevice']} valuePropName="checked">
                    <Checkbox>{t('form.batteryInDevice')}</Checkbox>
                  </Form.Item>
                )}
                {values.goods.category === 'liquids' && (
                  <Form.Item name={['goods', 'liquidSealed']} valuePropName="checked">
                    <Checkbox>{t('form.liquidSealed')}</Checkbox>
                  </Form.Item>
                )}
                <div style={{ display: 'flex', gap: 8 }}>
                  <Form.Item name={['goods', 'pieces']} label={t('form.pieces')} required>
                    <InputNumber precision={0} />
                  </Form.Item>
                  <Form.Item name={['goods', 'weightKg']} label={t('form.weight')} required>
                    <InputNumber precision={2} />
                  </Form.Item>
                </div>
                <Form.Item
                  label={t('form.dims')}
                  validateStatus={dimsIssue ? 'error' : undefined}
                  help={dimsIssue ? issueMessage(t, dimsIssue) : undefined}
                >
                  <Space>
                    {(['lengthCm', 'widthCm', 'heightCm'] as const).map((side) => (
                      <Form.Item key={side} name={['goods', side]} noStyle>
                        <InputNumber
                          aria-label={t(`form.${side.replace('Cm', '') as 'length'}`)}
                          precision={1}
                        />
                      </Form.Item>
                    ))}
                  </Space>
                </Form.Item>
                <Form.Item name="declaredValue" label={t('form.declaredValue')}>
                  <InputNumber precision={2} style={{ width: 200 }} />
                </Form.Item>
                {offerApplies && (
                  <InsurancePrompt
                    offer={check.offer}
                    category={values.goods.category}
                    declaredValueFen={
                      issues.some((i) => i.code === 'value_invalid' || i.code === 'value_over_cap')
                        ? null
                        : draft.declaredValueFen
                    }
                    rules={table.insurance}
                    customerClass={ctx.customerClass}
                    outcome={values.insurance.outcome}
                  />
                )}
              </section>
            </Card>
            <div style={{ flex: 1, minWidth: 260 }}>
              <QuoteBreakdown quote={check.quote} />
            </div>
          </div>
          <Card size="small" style={{ marginTop: 12 }}>
            <Form.Item name="service" label={t('form.service')} required>
              <Radio.Group
                aria-label={t('form.service')}
                options={services.map((s) => ({ value: s, label: t(`services.${s}`) }))}
              />
            </Form.Item>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              <Form.Item name={['pickup', 'date']} label={t('form.pickupDate')} required>
                <Select options={dateOptions} style={{ width: 180 }} />
              </Form.Item>
              <Form.Item name={['pickup', 'slot']} label={t('form.pickupSlot')} required>
                <Radio.Group
                  aria-label={t('form.pickupSlot')}
                  options={pickupSlots.map((s) => ({ value: s, label: t(`slots.${s}`) }))}
                />
              </Form.Item>
            </div>
            <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
              <Form.Item name={['payment', 'method']} label={t('form.payment')} required>
                <Radio.Group
                  aria-label={t('form.payment')}
                  options={paymentMethods.map((m) => ({ value: m, label: t(`payments.${m}`) }))}
                />
              </Form.Item>
              {values.payment.method === 'monthly' && (
                <Form.Item name={['payment', 'account']} label={t('form.account')} required>
                  <Input autoComplete="off" maxLength={orderLimits.account} />
                </Form.Item>
              )}
            </div>
            <Form.Item name="remarks" label={t('form.remarks')}>
              <Input.TextArea
                autoSize={{ minRows: 1, maxRows: 3 }}
                maxLength={orderLimits.remarks}
              />
            </Form.Item>
            {showAll && issues.length > 0 && (
              <Typography.Text
                type="danger"
                role="status"
                style={{ display: 'block', marginBottom: 8 }}
              >
                {t('form.fixFirst')}
              </Typography.Text>
            )}
            <Space>
              <Button
                type="primary"
                onClick={askReadBack}
                disabled={readBackBlocked}
                title={readBackBlocked ? t('form.readBackBlocked') : undefined}
              >
                {t('form.readBack')}
              </Button>
              {readBackBlocked && (
                <Typography.Text type="warning">{t('form.readBackBlocked')}</Typography.Text>
              )}
              {onDone && <Button onClick={() => onDone(null)}>{t('form.cancel')}</Button>}
            </Space>
          </Card>
        </Form>
      </div>
    </section>
  );
}
