import {
  Alert,
  Button,
  Col,
  Descriptions,
  Drawer,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackOfficeDesk, Ticket } from '@shared/complaints/contract';
import { backOfficeDesks, handlingSteps, maxAmountFen } from '@shared/complaints/contract';
import { useDesk } from '../../../app/context';
import { PrintLetterButton } from '../../documents';
import type { UiError } from '../../../ui/errors';
import { CompensationBeside } from './ComplaintForm';
import { TicketClocks, whenText } from './TicketClocks';

/** A refusal as the agent reads it, in the UI language (never main's English message). */
function useRefusalText() {
  const { t } = useTranslation('complaints');
  const { t: tc } = useTranslation('common');
  return (e: UiError) => {
    const issue = e.issues?.[0];
    if (issue) {
      const field = t(`fields.${issue.path}`, { defaultValue: t('fields.note') });
      return t(`issues.${issue.message}`, {
        field,
        defaultValue: tc(`errors.${e.code}`),
      });
    }
    return tc(`errors.${e.code}`);
  };
}

function EscalateDialog({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const { t } = useTranslation('complaints');
  const change = useDesk((s) => s.changeTicket);
  const refusal = useRefusalText();
  const [form] = Form.useForm<{ desk: BackOfficeDesk; toEmployeeNo: string; note: string }>();
  return (
    <Modal
      open
      title={t('escalate.title')}
      okText={t('escalate.save')}
      onCancel={onDone}
      onOk={() => {
        void form.validateFields().then(async (v) => {
          const refused = await change('complaints.escalate', {
            id: ticket.id,
            desk: v.desk,
            toEmployeeNo: v.toEmployeeNo?.trim() || null,
            note: v.note.trim(),
          });
          if (!refused) return onDone();
          form.setFields([
            {
              name: refused.issues?.[0]?.path === 'toEmployeeNo' ? 'toEmployeeNo' : 'note',
              errors: [refusal(refused)],
            },
          ]);
        });
      }}
    >
      <Form form={form} layout="vertical" initialValues={{ desk: 'complaints', note: '' }}>
        <Form.Item name="desk" label={t('escalate.desk')}>
          <Select
            aria-label={t('escalate.desk')}
            options={backOfficeDesks.map((d) => ({ value: d, label: t(`desks.${d}`) }))}
          />
        </Form.Item>
        <Form.Item name="toEmployeeNo" label={t('escalate.toEmployeeNo')}>
          <Input aria-label={t('escalate.toEmployeeNo')} maxLength={20} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('escalate.note')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('issues.required', { field: t('fields.note') }),
            },
          ]}
        >
          <Input.TextArea aria-label={t('escalate.note')} rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CloseDialog({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const { t } = useTranslation('complaints');
  const change = useDesk((s) => s.changeTicket);
  const refusal = useRefusalText();
  const [form] = Form.useForm<{ paidYuan: number | null; note: string }>();
  return (
    <Modal
      open
      title={t('close.title')}
      okText={t('close.save')}
      onCancel={onDone}
      onOk={() => {
        void form.validateFields().then(async (v) => {
          const refused = await change('complaints.close', {
            id: ticket.id,
            paidFen:
              v.paidYuan === null || v.paidYuan === undefined ? null : Math.round(v.paidYuan * 100),
            note: v.note.trim(),
          });
          if (!refused) return onDone();
          form.setFields([{ name: 'note', errors: [refusal(refused)] }]);
        });
      }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ paidYuan: ticket.compensation.payableFen / 100, note: '' }}
      >
        <Form.Item
          name="paidYuan"
          label={t('close.paidYuan')}
          rules={[{ type: 'number', min: 0, max: maxAmountFen / 100, message: t('issues.amount') }]}
        >
          <InputNumber aria-label={t('close.paidYuan')} precision={2} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('close.note')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('issues.required', { field: t('fields.note') }),
            },
          ]}
        >
          <Input.TextArea aria-label={t('close.note')} rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The open ticket: what was asked beside what the rules pay, its progress, clocks and history. */
export function TicketView({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation('complaints');
  const timeZone = useDesk((s) => s.deskInfo?.timeZone ?? 'Asia/Shanghai');
  const closeTicket = useDesk((s) => s.closeTicket);
  const change = useDesk((s) => s.changeTicket);
  const attachPhoto = useDesk((s) => s.attachPhoto);
  const refusal = useRefusalText();
  const [dialog, setDialog] = useState<'escalate' | 'close' | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const photoProblems = useDesk((s) =>
    s.ticketPhotoProblems?.ticketId === ticket.id ? s.ticketPhotoProblems.items : null,
  );
  // 安抚致歉 is done on the call; if it was not ticked then, it may be recorded until 协商.
  const apologyLate =
    ticket.editable && ticket.step === 'register' && !ticket.stepsDone.includes('apologize');
  const current = ticket.step === null ? -1 : handlingSteps.indexOf(ticket.step);
  const nextStep = handlingSteps[current + 1];
  const run = async (p: Promise<UiError | null>) => {
    const refused = await p;
    setProblem(refused ? refusal(refused) : null);
  };

  return (
    <Drawer
      open
      size={760}
      title={t('ticket.title', { number: ticket.number })}
      onClose={closeTicket}
      extra={
        <Space wrap>
          <Tag>{t(`types.${ticket.type}`)}</Tag>
          <Tag color={ticket.severity === 'ordinary' ? 'default' : 'red'}>
            {t(`severities.${ticket.severity}`)}
          </Tag>
          {ticket.watchList && <Tag color="magenta">{t('panel.watchList')}</Tag>}
          {ticket.escalatedTo && <Tag color="purple">{t(`desks.${ticket.escalatedTo}`)}</Tag>}
          {ticket.closedAt !== null && <Tag color="green">{t('ticket.closed')}</Tag>}
        </Space>
      }
    >
      {problem && (
        <Alert type="error" showIcon title={problem} closable onClose={() => setProblem(null)} />
      )}
      {photoProblems && (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 8 }}
          title={t('ticket.photosFailed')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {photoProblems.map((p, i) => (
                <li key={`${i}-${p.fileName}`}>
                  {t('form.photoProblem', { name: p.fileName, reason: refusal(p.error) })}
                </li>
              ))}
            </ul>
          }
        />
      )}
      {!ticket.editable && ticket.closedAt === null && (
        <Alert
          type="info"
          showIcon
          title={t('ticket.readOnly', { name: ticket.owner.name })}
          style={{ marginBottom: 8 }}
        />
      )}
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('form.customerName')}>{ticket.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('ticket.waybills')}>
          {ticket.waybillNumbers.join('、') || '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.received')}>
          {whenText(ticket.receivedAt, timeZone)}
        </Descriptions.Item>
        <Descriptions.Item label={t('ticket.incident')}>
          {whenText(ticket.incidentAt, timeZone)}
        </Descriptions.Item>
        <Descriptions.Item label={t('form.packaging')}>
          {t(`packaging.${ticket.form.packaging}`)}
        </Descriptions.Item>
        <Descriptions.Item label={t('form.cause')}>
          {t(`causes.${ticket.form.cause}`)}
        </Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph style={{ overflowWrap: 'anywhere' }}>
        {ticket.form.description}
      </Typography.Paragraph>
      <CompensationBeside
        requestedFen={ticket.compensation.requestedFen}
        requestText={ticket.form.requestText}
        preview={{ compensation: ticket.compensation, severity: ticket.severity }}
      />
      <Typography.Title level={5}>{t('ticket.progress')}</Typography.Title>
      <Steps
        size="small"
        current={Math.max(current, 0)}
        items={handlingSteps.map((s) => ({
          title: t(`steps.${s}`),
          // Done is what the events record: 安抚致歉 may be skipped while later steps are done.
          status: ticket.stepsDone.includes(s) ? 'finish' : s === nextStep ? 'process' : 'wait',
        }))}
      />
      {ticket.editable && (
        <Space wrap style={{ marginTop: 8 }}>
          {apologyLate && (
            <Button
              onClick={() =>
                void run(
                  change('complaints.advance', { id: ticket.id, step: 'apologize', note: null }),
                )
              }
            >
              {t('ticket.recordApology', { step: t('steps.apologize') })}
            </Button>
          )}
          {nextStep && (
            <Button
              type="primary"
              onClick={() =>
                void run(
                  change('complaints.advance', { id: ticket.id, step: nextStep, note: null }),
                )
              }
            >
              {t('ticket.advance', { step: t(`steps.${nextStep}`) })}
            </Button>
          )}
          <Button onClick={() => setDialog('escalate')}>{t('ticket.escalate')}</Button>
          <Button danger onClick={() => setDialog('close')}>
            {t('ticket.close')}
          </Button>
          <Upload
            accept="image/jpeg,image/png,image/webp,image/heic"
            showUploadList={false}
            beforeUpload={(file) => {
              void run(attachPhoto(ticket.id, file));
              return false;
            }}
          >
            <Button>{t('ticket.addPhoto')}</Button>
          </Upload>
        </Space>
      )}
      {ticket.editable && (
        <Space wrap style={{ marginTop: 8 }} aria-label={t('ticket.letters')} role="group">
          <PrintLetterButton ticketId={ticket.id} kind="apology" />
          <PrintLetterButton ticketId={ticket.id} kind="negotiation" />
        </Space>
      )}
      <Row gutter={16} style={{ marginTop: 12 }}>
        <Col span={14}>
          <Typography.Title level={5}>{t('clocks.title')}</Typography.Title>
          <TicketClocks
            clocks={ticket.clocks}
            timeZone={timeZone}
            {...(ticket.editable && {
              onDone: (clock) =>
                void run(change('complaints.clockDone', { id: ticket.id, clock, note: null })),
            })}
          />
        </Col>
        <Col span={10}>
          <Typography.Title level={5}>{t('ticket.history')}</Typography.Title>
          <Timeline
            items={ticket.events.map((e) => ({
              key: e.id,
              children: (
                <>
                  <Typography.Text>
                    {t(`events.${e.kind}`, {
                      step: e.step ? t(`steps.${e.step}`) : '',
                      clock: e.clock ? t(`clocks.${e.clock}`) : '',
                      desk: e.desk ? t(`desks.${e.desk}`) : '',
                      to: e.to ? t('events.by', { name: e.to.name, no: e.to.employeeNo }) : '',
                    })}
                  </Typography.Text>
                  <br />
                  <Typography.Text type="secondary">
                    {whenText(e.at, timeZone)} ·{' '}
                    {t('events.by', { name: e.by.name, no: e.by.employeeNo })}
                  </Typography.Text>
                  {e.note && (
                    <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
                      {e.note}
                    </Typography.Paragraph>
                  )}
                </>
              ),
            }))}
          />
          {ticket.attachments.length > 0 && (
            <>
              <Typography.Title level={5}>{t('ticket.photos')}</Typography.Title>
              <ul>
                {ticket.attachments.map((a) => (
                  <li key={a.id}>
                    {a.fileName} ({Math.ceil(a.size / 1024)} KB)
                  </li>
                ))}
              </ul>
            </>
          )}
        </Col>
      </Row>
      {dialog === 'escalate' && <EscalateDialog ticket={ticket} onDone={() => setDialog(null)} />}
      {dialog === 'close' && <CloseDialog ticket={ticket} onDone={() => setDialog(null)} />}
    </Drawer>
  );
}
