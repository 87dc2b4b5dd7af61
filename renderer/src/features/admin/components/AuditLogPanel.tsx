import { Button, Form, Input, Select, Space, Table, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditAction, AuditEntryView, RequestArgs, RequestResult } from '@shared/contract';
import { auditActions } from '@shared/contract';
import { fromLocal } from '@shared/common/calendar';
import { yuan } from '@shared/orders/rates';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk, useDeskApi } from '../../../app/context';
import { useTimeZone } from '../../session';
import { useDispositionLabel } from '../../softphone';
import { AdminError, showFieldIssues } from './issues';

type Page = RequestResult<'admin.auditLog'>;
type Query = Omit<RequestArgs<'admin.auditLog'>, 'page' | 'pageSize'>;

interface Filters {
  agentId?: string;
  action?: AuditAction;
  from?: string;
  to?: string;
}

const PAGE_SIZE = 20;
/** Detail keys whose value is a time; the rest are text, counts or yes/no. */
const timeKeys = new Set(['lockedUntil', 'endedAt', 'dueAt']);
/** Detail keys whose value is money in fen. */
const fenKeys = new Set(['totalFen']);
/** Detail keys whose value is one of a few words (translated; anything else is "other"). */
const enumKeys = new Set([
  'cause',
  'party',
  'source',
  'by',
  'format',
  'outcome',
  'desk',
  'kind',
  'decision',
  'insurance',
  'scope',
  'report',
  'class',
]);
/** Settings' fields (as `before.<path>` / `after.<path>`) held as a share (0.5 = 50 %). */
const shareFields = new Set(['delayFreightRefund', 'abnormalSignatureShare']);
/** Settings' fields held in seconds. */
const secondFields = new Set(['seconds', 'extendSeconds']);
/** Settings' fields whose value is one of a few words: the translation table under changeValues. */
const enumFields: Record<string, string> = {
  'uninsured.kind': 'changeValues.uninsuredKind',
  mode: 'acw.modes',
};

/** 'YYYY-MM-DD' (the date input's value) as the desk-local midnight starting it, plus `days`. */
function dayStart(date: string, timeZone: string, days = 0): number | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return undefined;
  return fromLocal(Number(m[1]), Number(m[2]), Number(m[3]) + days, 0, 0, timeZone);
}

/**
 * The audit log, newest first, a page at a time: filtered by who did it, the action and a date
 * range (desk-local days, both included). Actions and details are words in the lead's language;
 * phone numbers arrive masked from main and internal ids never arrive.
 */
export function AuditLogPanel() {
  const { t } = useTranslation('admin');
  const api = useDeskApi();
  const timeZone = useTimeZone();
  const agents = useDesk((s) => s.adminAgents);
  const loadAgents = useDesk((s) => s.loadAdminAgents);
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Query>({});
  const [pageNo, setPageNo] = useState(1);
  const [page, setPage] = useState<Page | null>(null);
  const [error, setError] = useState<unknown>(null);
  /** Which query the page and error on screen answer (loading while it is not the current one). */
  const [answered, setAnswered] = useState<string | null>(null);
  const asked = JSON.stringify([query, pageNo]);
  const loading = answered !== asked;

  useEffect(() => {
    if (agents === null) void loadAgents().catch(() => undefined);
  }, [agents, loadAgents]);

  useEffect(() => {
    let live = true;
    api.request('admin.auditLog', { ...query, page: pageNo, pageSize: PAGE_SIZE }).then(
      (p) => {
        if (!live) return;
        setPage(p);
        setError(null);
        setAnswered(asked);
      },
      (err: unknown) => {
        if (!live) return;
        setError(showFieldIssues(form, err, ['to'], t) ? null : err);
        setAnswered(asked);
      },
    );
    return () => {
      live = false;
    };
  }, [api, query, pageNo, asked, form, t]);

  const search = (f: Filters) => {
    const from = f.from ? dayStart(f.from, timeZone) : undefined;
    // The end date is included: up to the next day's midnight.
    const to = f.to ? dayStart(f.to, timeZone, 1) : undefined;
    if (from !== undefined && to !== undefined && from >= to) {
      form.setFields([{ name: 'to', errors: [t('issues.date_range')] }]);
      return;
    }
    setQuery({
      ...(f.agentId && { agentId: f.agentId }),
      ...(f.action && { action: f.action }),
      ...(from !== undefined && { from }),
      ...(to !== undefined && { to }),
    });
    setPageNo(1);
  };

  const dispositionLabel = useDispositionLabel();
  /** A setting's field as the lead reads it: yuan, a percentage, seconds, words. */
  const fieldValue = useCallback(
    (path: string, value: AuditEntryView['detail'][number]['value'] | undefined): string => {
      if (value === undefined || value === null)
        return t(path.endsWith('capFen') ? 'audit.noCap' : 'audit.unset');
      if (typeof value === 'boolean') return t(value ? 'audit.yes' : 'audit.no');
      const field = path.split('.').at(-1)!;
      if (typeof value === 'number') {
        if (field.endsWith('Fen')) return t('audit.yuan', { amount: yuan(value) });
        if (field === 'fenPerKg') return t('audit.yuanPerKg', { amount: yuan(value) });
        if (shareFields.has(field)) return t('audit.percent', { n: Math.round(value * 1000) / 10 });
        if (secondFields.has(field)) return t('audit.seconds', { n: value });
        if (field === 'multiple') return t('audit.times', { n: value });
        return String(value);
      }
      if (enumFields[path])
        return t(`${enumFields[path]}.${value}`, { defaultValue: t('audit.other') });
      if (field === 'defaultDisposition') return dispositionLabel(value);
      return value === '' ? t('audit.blank') : value;
    },
    [t, dispositionLabel],
  );

  /** A setting's change: each field that differs, "label：before → after". */
  const changeTexts = useCallback(
    (detail: AuditEntryView['detail']): string[] => {
      const before = new Map<string, AuditEntryView['detail'][number]['value']>();
      const after = new Map<string, AuditEntryView['detail'][number]['value']>();
      for (const { key, value } of detail) {
        if (key.startsWith('before.')) before.set(key.slice(7), value);
        else if (key.startsWith('after.')) after.set(key.slice(6), value);
      }
      const out: string[] = [];
      let unnamed = 0;
      for (const path of new Set([...after.keys(), ...before.keys()])) {
        if (before.get(path) === after.get(path)) continue;
        const label = t(`changes.${path.replaceAll('.', '_')}`, { defaultValue: '' });
        if (!label) {
          unnamed++;
          continue;
        }
        out.push(
          t('audit.change', {
            key: label,
            before: fieldValue(path, before.get(path)),
            after: fieldValue(path, after.get(path)),
          }),
        );
      }
      if (unnamed > 0) out.push(t('audit.otherChanges', { count: unnamed }));
      return out;
    },
    [t, fieldValue],
  );

  const detailText = useCallback(
    (e: AuditEntryView) =>
      e.detail
        .filter(({ key }) => !key.startsWith('before.') && !key.startsWith('after.'))
        .flatMap(({ key, value }) => {
          if (value === null || !t(`detailKeys.${key}`, { defaultValue: '' })) return [];
          let label = t(`detailKeys.${key}`);
          let shown: string;
          // A sign-off says only whether it carried a note; a dropped SIP account why, as a code.
          if (key === 'note' && typeof value === 'boolean') label = t('detailKeys.withNote');
          if (key === 'reason' && e.action === 'sip_account_dropped')
            shown = t(`detailValues.dropReason.${String(value)}`, {
              defaultValue: t('audit.other'),
            });
          else if (typeof value === 'boolean') shown = t(value ? 'audit.yes' : 'audit.no');
          else if (timeKeys.has(key) && typeof value === 'number')
            shown = formatLocalTime(value, timeZone);
          else if (fenKeys.has(key) && typeof value === 'number')
            shown = t('audit.yuan', { amount: yuan(value) });
          else if (enumKeys.has(key))
            shown = t(`detailValues.${key}.${String(value)}`, { defaultValue: t('audit.other') });
          else if (key === 'role')
            shown = t(`roles.${String(value)}`, { defaultValue: t('audit.other') });
          else shown = String(value);
          return [t('audit.pair', { key: label, value: shown })];
        })
        .concat(changeTexts(e.detail))
        .join(t('audit.separator')),
    [t, timeZone, changeTexts],
  );

  return (
    <section aria-label={t('audit.title')}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('audit.title')}
      </Typography.Title>
      <Form<Filters>
        form={form}
        layout="inline"
        aria-label={t('audit.title')}
        onFinish={search}
        style={{ marginBottom: 12, rowGap: 8 }}
      >
        <Form.Item label={t('audit.agent')} name="agentId">
          <Select
            aria-label={t('audit.agent')}
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('audit.allAgents')}
            style={{ width: 180 }}
            options={(agents ?? []).map((a) => ({
              value: a.id,
              label: `${a.employeeNo} ${a.name}`,
            }))}
          />
        </Form.Item>
        <Form.Item label={t('audit.action')} name="action">
          <Select
            aria-label={t('audit.action')}
            allowClear
            placeholder={t('audit.allActions')}
            style={{ width: 180 }}
            options={auditActions.map((a) => ({ value: a, label: t(`actions.${a}`) }))}
          />
        </Form.Item>
        <Form.Item label={t('audit.from')} name="from">
          <Input type="date" aria-label={t('audit.from')} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item label={t('audit.to')} name="to">
          <Input type="date" aria-label={t('audit.to')} style={{ width: 160 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit">
            {t('audit.search')}
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setQuery({});
              setPageNo(1);
            }}
          >
            {t('audit.reset')}
          </Button>
        </Space>
      </Form>
      <AdminError error={error} />
      <Table<AuditEntryView>
        aria-label={t('audit.title')}
        size="small"
        rowKey="id"
        loading={loading}
        dataSource={page?.entries ?? []}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('audit.empty') }}
        pagination={{
          current: pageNo,
          pageSize: PAGE_SIZE,
          total: page?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => t('audit.total', { count: total }),
          onChange: setPageNo,
        }}
        columns={[
          {
            title: t('audit.at'),
            key: 'at',
            render: (_, e) => formatLocalTime(e.at, timeZone),
          },
          {
            title: t('audit.agent'),
            key: 'actor',
            render: (_, e) =>
              e.actor ? `${e.actor.employeeNo} ${e.actor.name}` : t('audit.nobody'),
          },
          {
            title: t('audit.action'),
            key: 'action',
            render: (_, e) => (e.action ? t(`actions.${e.action}`) : t('audit.otherAction')),
          },
          {
            title: t('audit.subject'),
            key: 'subject',
            render: (_, e) =>
              e.subject === null
                ? ''
                : e.subject.kind === 'agent'
                  ? `${e.subject.employeeNo} ${e.subject.name}`
                  : e.subject.text,
          },
          {
            title: t('audit.detail'),
            key: 'detail',
            render: (_, e) => (
              <span style={{ wordBreak: 'break-all', maxWidth: 480, display: 'inline-block' }}>
                {detailText(e)}
              </span>
            ),
          },
        ]}
      />
    </section>
  );
}
