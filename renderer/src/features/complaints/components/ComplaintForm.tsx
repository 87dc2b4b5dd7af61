import {
  Alert,
  Button,
  Checkbox,
  Col,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComplaintType } from '@shared/complaints/compensation';
import { complaintTypes, yuanText } from '@shared/complaints/compensation';
import type { ComplaintFacts, ComplaintForm as FormArgs } from '@shared/complaints/contract';
import {
  attachmentMimes,
  complaintCauses,
  maxAmountFen,
  maxAttachmentsPerTicket,
  packagings,
} from '@shared/complaints/contract';
import type { RequestResult } from '@shared/contract';
import { useDesk, useDeskApi } from '../../../app/context';
import type { ComplaintPrefill, PendingPhoto } from '../slice';
import { checkPhoto } from '../slice';

export interface FormValues {
  customerName: string;
  waybills: string;
  type: ComplaintType;
  requestText: string;
  requestedYuan: number | null;
  packaging: (typeof packagings)[number];
  insured: boolean;
  declaredYuan: number | null;
  weightKg: number | null;
  freightYuan: number | null;
  lossYuan: number | null;
  damage: 'outer' | 'inner' | null;
  fragile: boolean;
  signedWithoutNote: boolean;
  outerDamageProof: boolean;
  cashClaimed: boolean;
  abnormalSignature: boolean;
  billedKg: number | null;
  checkedKg: number | null;
  rateYuan: number | null;
  description: string;
  watchList: boolean;
  cause: (typeof complaintCauses)[number];
  /** 已安抚致歉 on the call (recorded as its own step before 登记). */
  apologized: boolean;
}

/**
 * The photos taken with the form, each with why it cannot go (the checks main makes; past the
 * per-ticket count, the extra ones), and a way to remove it.
 */
function FormPhotos({
  photos,
  onAdd,
  onRemove,
}: {
  photos: PendingPhoto[];
  onAdd: (file: File) => void;
  onRemove: (index: number) => void;
}) {
  const { t } = useTranslation('complaints');
  return (
    <section aria-label={t('form.photos')} style={{ marginBottom: 8 }}>
      <Typography.Text>{t('form.photos')}</Typography.Text>{' '}
      <Upload
        multiple
        accept={attachmentMimes.join(',')}
        showUploadList={false}
        beforeUpload={(file) => {
          onAdd(file);
          return false;
        }}
      >
        <Button size="small">{t('form.addPhotos')}</Button>
      </Upload>
      {photos.length > 0 && (
        <ul aria-label={t('form.photos')} style={{ margin: '4px 0', paddingInlineStart: 18 }}>
          {photos.map((p, i) => (
            <li key={`${i}-${p.file.name}`}>
              {p.problem ? (
                <Typography.Text type="danger" role="alert">
                  {t('form.photoProblem', {
                    name: p.file.name,
                    reason: t(`issues.${p.problem}`),
                  })}
                </Typography.Text>
              ) : (
                <Typography.Text>
                  {p.file.name} ({Math.ceil(p.file.size / 1024)} KB)
                </Typography.Text>
              )}{' '}
              <Button
                size="small"
                type="link"
                aria-label={t('form.removePhoto', { name: p.file.name })}
                onClick={() => onRemove(i)}
              >
                {t('form.removePhotoShort')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const fen = (yuan: number | null | undefined) =>
  yuan === null || yuan === undefined ? null : Math.round(yuan * 100);

/** The form's values as the calculator's facts (yuan → fen; kg as typed). */
export function factsOf(v: Partial<FormValues>): ComplaintFacts | null {
  if (!v.type || !v.weightKg || v.weightKg <= 0) return null;
  return {
    type: v.type,
    requestedFen: fen(v.requestedYuan),
    insured: v.insured ?? false,
    declaredValueFen: v.insured ? fen(v.declaredYuan) : null,
    actualValueFen: null,
    lossFen: fen(v.lossYuan),
    partial: v.type === 'damage' || v.type === 'shortage',
    weightKg: v.weightKg,
    freightFen: fen(v.freightYuan) ?? 0,
    fragile: v.fragile ?? false,
    damage: v.type === 'damage' ? (v.damage ?? 'outer') : null,
    signedWithoutNote: v.signedWithoutNote ?? false,
    outerDamageProof: v.outerDamageProof ?? false,
    cashClaimed: v.cashClaimed ?? false,
    abnormalSignature: v.abnormalSignature ?? false,
    billedKg: v.type === 'billing' ? (v.billedKg ?? null) : null,
    checkedKg: v.type === 'billing' ? (v.checkedKg ?? null) : null,
    fenPerKg: v.type === 'billing' ? fen(v.rateYuan) : null,
  };
}

/** Form field names by the contract's issue paths. */
const fieldOf: Record<string, keyof FormValues> = {
  customerName: 'customerName',
  requestText: 'requestText',
  description: 'description',
  'facts.declaredValueFen': 'declaredYuan',
  'facts.requestedFen': 'requestedYuan',
  'facts.weightKg': 'weightKg',
  'facts.billedKg': 'billedKg',
  'facts.fenPerKg': 'rateYuan',
};

/**
 * 登记投诉: the seed registration form (customer, waybills, type, the request in the customer's words
 * and as an amount, packaging, insured with the declared value, weight, description, watch list).
 * Beside it, what the desk's rules pay, step by step, next to what the customer asked.
 */
export function ComplaintForm({ prefill }: { prefill: ComplaintPrefill }) {
  const { t } = useTranslation('complaints');
  const api = useDeskApi();
  const register = useDesk((s) => s.registerComplaint);
  const close = useDesk((s) => s.closeComplaintForm);
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  // Each photo keeps the place it was chosen in, whichever check finishes first.
  const [photos, setPhotos] = useState<(PendingPhoto & { chosen: number })[]>([]);
  const chosen = useRef(0);
  const [photosError, setPhotosError] = useState(false);
  // Past the per-ticket count, the extra photos cannot go either.
  const shownPhotos = photos.map((p, i) =>
    i >= maxAttachmentsPerTicket && p.problem === null ? { ...p, problem: 'too_many' as const } : p,
  );
  // Photos still being checked: nothing is registered until each is listed (or one would be lost).
  const [checking, setChecking] = useState(0);
  const addPhoto = (file: File) => {
    setPhotosError(false);
    setChecking((n) => n + 1);
    const place = chosen.current++;
    void checkPhoto(file)
      .then((p) => {
        const entry = { ...p, chosen: place };
        setPhotos((ps) => [...ps, entry].sort((a, b) => a.chosen - b.chosen));
      })
      .finally(() => setChecking((n) => n - 1));
  };
  const [previewed, setPreviewed] = useState<{
    key: string;
    value: RequestResult<'complaints.preview'> | null;
  } | null>(null);
  const values = Form.useWatch([], form) as Partial<FormValues> | undefined;
  const type = values?.type;
  const insured = values?.insured;
  const facts = values ? factsOf(values) : null;
  const factsKey = JSON.stringify(facts);

  useEffect(() => {
    if (facts === null) return;
    let live = true;
    const timer = setTimeout(() => {
      api.request('complaints.preview', { facts }).then(
        (value) => live && setPreviewed({ key: factsKey, value }),
        () => live && setPreviewed({ key: factsKey, value: null }),
      );
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // factsKey stands for facts (a new object on every render).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, factsKey]);

  const amountRule = {
    type: 'number' as const,
    min: 0,
    max: maxAmountFen / 100,
    message: t('issues.amount'),
  };
  const required = (field: string) => ({
    required: true,
    whitespace: true,
    message: t('issues.required', { field: t(`fields.${field}`) }),
  });

  const submit = async () => {
    if (checking > 0) return;
    const v = await form.validateFields();
    const f = factsOf(v);
    if (f === null) return;
    // A photo that cannot go is removed first: nothing is registered while one is listed.
    if (shownPhotos.some((p) => p.problem !== null)) {
      setPhotosError(true);
      return;
    }
    const args: FormArgs = {
      customerName: v.customerName.trim(),
      requestText: v.requestText.trim(),
      packaging: v.packaging,
      description: v.description.trim(),
      watchList: v.watchList,
      cause: v.cause,
      incidentAt: null,
      facts: f,
    };
    setSaving(true);
    const refused = await register(
      {
        ...args,
        apologized: v.apologized,
        callId: prefill.callId,
        customerId: prefill.customerId,
        waybillNumbers: v.waybills
          .split(/[\s,，、]+/)
          .map((n) => n.trim())
          .filter(Boolean),
      },
      photos.map((p) => p.file),
    );
    setSaving(false);
    if (!refused) return;
    const issues = refused.issues ?? [];
    form.setFields(
      issues.map((i) => {
        const name = i.path.startsWith('waybillNumbers')
          ? 'waybills'
          : (fieldOf[i.path] ?? 'description');
        const field = t(
          `fields.${i.path.split('.')[0] === 'facts' ? i.path.split('.')[1] : i.path.split('.')[0]}`,
          {
            defaultValue: t('fields.description'),
          },
        );
        return {
          name,
          errors: [
            t(`issues.${i.message}`, { field, defaultValue: t('issues.format', { field }) }),
          ],
        };
      }),
    );
    if (issues.length === 0) {
      form.setFields([
        { name: 'description', errors: [t('issues.format', { field: t('fields.description') })] },
      ]);
    }
  };

  return (
    <Modal
      open
      width={960}
      title={t('form.title')}
      okText={t('form.save')}
      cancelText={t('form.cancel')}
      confirmLoading={saving}
      okButtonProps={{ disabled: checking > 0 }}
      onCancel={close}
      onOk={() => void submit().catch(() => undefined)}
    >
      {prefill.callId && <Alert type="info" showIcon title={t('form.fromCall')} />}
      <Row gutter={16}>
        <Col span={15}>
          <Form<FormValues>
            form={form}
            layout="vertical"
            size="small"
            aria-label={t('form.title')}
            initialValues={{
              customerName: prefill.customerName,
              waybills: prefill.waybillNumbers.join(' '),
              type: 'damage',
              requestText: '',
              requestedYuan: null,
              packaging: 'ours',
              insured: false,
              declaredYuan: null,
              weightKg: null,
              freightYuan: null,
              lossYuan: null,
              damage: 'outer',
              fragile: false,
              signedWithoutNote: false,
              outerDamageProof: false,
              cashClaimed: false,
              abnormalSignature: false,
              billedKg: null,
              checkedKg: null,
              rateYuan: null,
              description: '',
              watchList: false,
              cause: 'unknown',
              apologized: false,
            }}
          >
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item
                  name="customerName"
                  label={t('form.customerName')}
                  rules={[required('customerName')]}
                >
                  <Input aria-label={t('form.customerName')} maxLength={50} />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item
                  name="waybills"
                  label={t('form.waybillNumbers')}
                  extra={t('form.waybillHint')}
                >
                  <Input aria-label={t('form.waybillNumbers')} />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={8}>
              <Col span={12}>
                <Form.Item name="type" label={t('form.type')}>
                  <Select
                    aria-label={t('form.type')}
                    options={complaintTypes.map((k) => ({ value: k, label: t(`types.${k}`) }))}
                  />
                </Form.Item>
              </Col>
              <Col span={12}>
                <Form.Item name="cause" label={t('form.cause')}>
                  <Select
                    aria-label={t('form.cause')}
                    options={complaintCauses.map((k) => ({ value: k, label: t(`causes.${k}`) }))}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={8}>
              <Col span={16}>
                <Form.Item
                  name="requestText"
                  label={t('form.requestText')}
                  rules={[required('requestText')]}
                >
                  <Input
                    aria-label={t('form.requestText')}
                    placeholder={t('form.requestHint')}
                    maxLength={500}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="requestedYuan"
                  label={t('form.requestedYuan')}
                  rules={[amountRule]}
                >
                  <InputNumber
                    aria-label={t('form.requestedYuan')}
                    precision={2}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={8}>
              <Col span={8}>
                <Form.Item name="packaging" label={t('form.packaging')}>
                  <Radio.Group aria-label={t('form.packaging')}>
                    {packagings.map((p) => (
                      <Radio key={p} value={p}>
                        {t(`packaging.${p}`)}
                      </Radio>
                    ))}
                  </Radio.Group>
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item
                  name="weightKg"
                  label={t('form.weightKg')}
                  rules={[
                    { required: true, message: t('issues.weight') },
                    { type: 'number', min: 0.01, max: 100_000, message: t('issues.weight') },
                  ]}
                >
                  <InputNumber
                    aria-label={t('form.weightKg')}
                    precision={2}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="freightYuan" label={t('form.freightYuan')} rules={[amountRule]}>
                  <InputNumber
                    aria-label={t('form.freightYuan')}
                    precision={2}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
            <Row gutter={8}>
              <Col span={8}>
                <Form.Item name="insured" label={t('form.insured')} valuePropName="checked">
                  <Switch aria-label={t('form.insured')} />
                </Form.Item>
              </Col>
              {insured && (
                <Col span={8}>
                  <Form.Item
                    name="declaredYuan"
                    label={t('form.declaredYuan')}
                    rules={[
                      {
                        required: true,
                        message: t('issues.required', { field: t('fields.declaredValueFen') }),
                      },
                      amountRule,
                    ]}
                  >
                    <InputNumber
                      aria-label={t('form.declaredYuan')}
                      precision={2}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
              )}
              <Col span={8}>
                <Form.Item name="lossYuan" label={t('form.lossYuan')} rules={[amountRule]}>
                  <InputNumber
                    aria-label={t('form.lossYuan')}
                    precision={2}
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            </Row>
            {type === 'damage' && (
              <Form.Item name="damage" label={t('form.damage')}>
                <Radio.Group aria-label={t('form.damage')}>
                  <Radio value="outer">{t('damage.outer')}</Radio>
                  <Radio value="inner">{t('damage.inner')}</Radio>
                </Radio.Group>
              </Form.Item>
            )}
            {type === 'billing' && (
              <Row gutter={8}>
                {(['billedKg', 'checkedKg', 'rateYuan'] as const).map((k) => (
                  <Col span={8} key={k}>
                    <Form.Item
                      name={k}
                      label={t(`form.${k}`)}
                      rules={
                        k === 'rateYuan'
                          ? [amountRule]
                          : [
                              {
                                type: 'number',
                                min: 0.01,
                                max: 100_000,
                                message: t('issues.weight'),
                              },
                            ]
                      }
                    >
                      <InputNumber
                        aria-label={t(`form.${k}`)}
                        precision={2}
                        style={{ width: '100%' }}
                      />
                    </Form.Item>
                  </Col>
                ))}
              </Row>
            )}
            <Row gutter={8}>
              {(
                [
                  'fragile',
                  'signedWithoutNote',
                  'outerDamageProof',
                  'cashClaimed',
                  'abnormalSignature',
                  'watchList',
                ] as const
              ).map((k) => (
                <Col span={12} key={k}>
                  <Form.Item name={k} valuePropName="checked" style={{ marginBottom: 4 }}>
                    <Checkbox>{t(`form.${k}`)}</Checkbox>
                  </Form.Item>
                </Col>
              ))}
            </Row>
            <Form.Item
              name="description"
              label={t('form.description')}
              rules={[required('description')]}
            >
              <Input.TextArea aria-label={t('form.description')} rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="apologized" valuePropName="checked" style={{ marginBottom: 4 }}>
              <Checkbox aria-label={t('form.apologized')}>{t('form.apologized')}</Checkbox>
            </Form.Item>
          </Form>
          <FormPhotos
            photos={shownPhotos}
            onAdd={addPhoto}
            onRemove={(index) => {
              setPhotosError(false);
              setPhotos((ps) => ps.filter((_, i) => i !== index));
            }}
          />
          {checking > 0 && (
            <Typography.Text type="secondary" role="status">
              {t('form.photosChecking')}
            </Typography.Text>
          )}
          {photosError && <Alert type="error" showIcon role="alert" title={t('form.photosBad')} />}
        </Col>
        <Col span={9}>
          <CompensationBeside
            requestedFen={facts?.requestedFen ?? null}
            requestText={values?.requestText ?? ''}
            preview={previewed?.key === factsKey ? previewed.value : null}
          />
        </Col>
      </Row>
    </Modal>
  );
}

/** What the customer asked (their words and amount) beside what the rules pay, step by step. */
export function CompensationBeside({
  requestedFen,
  requestText,
  preview,
}: {
  requestedFen: number | null;
  requestText: string;
  preview: { compensation: { payableFen: number; steps: string[] }; severity: string } | null;
}) {
  const { t } = useTranslation('complaints');
  return (
    <section aria-label={t('form.preview')}>
      <Typography.Title level={5}>{t('ticket.customerAsked')}</Typography.Title>
      <Typography.Paragraph>
        <span style={{ display: 'block', overflowWrap: 'anywhere' }}>{requestText || '—'}</span>
        <span style={{ display: 'block' }}>
          {requestedFen === null
            ? t('ticket.noAmount')
            : t('ticket.asked', { amount: yuanText(requestedFen) })}
        </span>
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('ticket.computed')}</Typography.Title>
      {preview && (
        <>
          <Typography.Text strong>
            {t('ticket.payable', { amount: yuanText(preview.compensation.payableFen) })} ·{' '}
            {t(`severities.${preview.severity}`)}
          </Typography.Text>
          <List
            size="small"
            aria-label={t('ticket.computed')}
            dataSource={preview.compensation.steps}
            renderItem={(s, i) => <List.Item key={i}>{s}</List.Item>}
          />
        </>
      )}
    </section>
  );
}
