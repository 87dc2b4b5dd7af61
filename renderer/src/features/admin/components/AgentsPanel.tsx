import { Alert, Button, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AdminAgent, Role } from '@shared/contract';
import {
  agentNameSchema,
  employeeNoSchema,
  newPasswordSchema,
  passwordProblems,
  teamSchema,
} from '@shared/admin/rules';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDesk } from '../../../app/context';
import { useTimeZone } from '../../session';
import { AdminError, schemaRule, showFieldIssues } from './issues';

/** How an agent is named on screen: 工号 and name (never their internal id). */
const who = (a: AdminAgent) => `${a.employeeNo} ${a.name}`;

type Confirming = { kind: 'deactivate' | 'reactivate' | 'unlock'; agent: AdminAgent };

/**
 * The team: who is active, deactivated or locked out; add an agent, deactivate or reactivate one,
 * set a temporary password, lift a lockout. Each change asks first and says when it is done.
 */
export function AgentsPanel() {
  const { t } = useTranslation('admin');
  const timeZone = useTimeZone();
  const agents = useDesk((s) => s.adminAgents);
  const me = useDesk((s) => s.session?.agent.id);
  const load = useDesk((s) => s.loadAdminAgents);
  const setActive = useDesk((s) => s.setAgentActive);
  const unlock = useDesk((s) => s.unlockAgent);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<AdminAgent | null>(null);
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    load().then(
      () => setError(null),
      (err: unknown) => setError(err),
    );
  }, [load]);

  const confirm = async (c: Confirming) => {
    setBusy(true);
    try {
      if (c.kind === 'unlock') {
        const a = await unlock(c.agent.id);
        setDone(t('agents.unlocked', { who: who(a) }));
      } else {
        const a = await setActive(c.agent.id, c.kind === 'reactivate');
        setDone(
          t(c.kind === 'reactivate' ? 'agents.reactivated' : 'agents.deactivated', { who: who(a) }),
        );
      }
      setError(null);
    } catch (err) {
      setDone(null);
      setError(err);
    } finally {
      setBusy(false);
      setConfirming(null);
    }
  };

  const status = (a: AdminAgent) => (
    <Space size={4} wrap>
      {a.active ? <Tag color="green">{t('agents.active')}</Tag> : <Tag>{t('agents.inactive')}</Tag>}
      {a.lockedUntil !== null && (
        <Tag color="red">
          {t('agents.lockedUntil', { time: formatLocalTime(a.lockedUntil, timeZone) })}
        </Tag>
      )}
      {a.lockedUntil === null && a.failedAttempts > 0 && (
        <Tag color="orange">{t('agents.failedAttempts', { count: a.failedAttempts })}</Tag>
      )}
    </Space>
  );

  return (
    <section aria-label={t('agents.title')}>
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('agents.title')}
        </Typography.Title>
        <Button type="primary" onClick={() => setAdding(true)}>
          {t('agents.add')}
        </Button>
      </Space>
      <AdminError error={error} />
      {done && (
        <Alert
          type="success"
          showIcon
          role="status"
          title={done}
          closable={{ 'aria-label': t('agents.cancel'), onClose: () => setDone(null) }}
          style={{ marginBottom: 12 }}
        />
      )}
      <Table<AdminAgent>
        aria-label={t('agents.title')}
        size="small"
        rowKey={(a) => a.employeeNo}
        pagination={false}
        loading={agents === null && !error}
        dataSource={agents ?? []}
        locale={{ emptyText: t('agents.empty') }}
        columns={[
          { title: t('agents.employeeNo'), key: 'no', render: (_, a) => a.employeeNo },
          {
            title: t('agents.name'),
            key: 'name',
            render: (_, a) => (
              <span style={{ wordBreak: 'break-all' }}>
                {a.name}
                {a.id === me && t('agents.you')}
              </span>
            ),
          },
          { title: t('agents.role'), key: 'role', render: (_, a) => t(`roles.${a.role}`) },
          {
            title: t('agents.team'),
            key: 'team',
            render: (_, a) => <span style={{ wordBreak: 'break-all' }}>{a.team}</span>,
          },
          { title: t('agents.status'), key: 'status', render: (_, a) => status(a) },
          {
            title: t('agents.actions'),
            key: 'actions',
            render: (_, a) => (
              <Space size={4} wrap>
                {a.lockedUntil !== null && (
                  <Button
                    size="small"
                    type="primary"
                    aria-label={t('agents.unlockLabel', { who: who(a) })}
                    onClick={() => setConfirming({ kind: 'unlock', agent: a })}
                  >
                    {t('agents.unlock')}
                  </Button>
                )}
                <Button
                  size="small"
                  aria-label={t('agents.resetLabel', { who: who(a) })}
                  onClick={() => setResetting(a)}
                >
                  {t('agents.resetPassword')}
                </Button>
                {a.active ? (
                  a.id !== me && (
                    <Button
                      size="small"
                      danger
                      aria-label={t('agents.deactivateLabel', { who: who(a) })}
                      onClick={() => setConfirming({ kind: 'deactivate', agent: a })}
                    >
                      {t('agents.deactivate')}
                    </Button>
                  )
                ) : (
                  <Button
                    size="small"
                    aria-label={t('agents.reactivateLabel', { who: who(a) })}
                    onClick={() => setConfirming({ kind: 'reactivate', agent: a })}
                  >
                    {t('agents.reactivate')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={confirming !== null}
        title={confirming && t(`agents.${confirming.kind}Title`)}
        okText={t('agents.confirm')}
        cancelText={t('agents.cancel')}
        okButtonProps={{ danger: confirming?.kind === 'deactivate', loading: busy }}
        onOk={() => confirming && void confirm(confirming)}
        onCancel={() => setConfirming(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {confirming && t(`agents.${confirming.kind}Confirm`, { who: who(confirming.agent) })}
        </Typography.Paragraph>
      </Modal>
      {adding && (
        <AddAgentDialog
          onDone={(added) => {
            setAdding(false);
            if (added) setDone(t('agents.added', { who: who(added) }));
          }}
        />
      )}
      {resetting && (
        <ResetPasswordDialog
          agent={resetting}
          onDone={(reset) => {
            setResetting(null);
            if (reset) setDone(t('agents.passwordReset', { who: who(reset) }));
          }}
        />
      )}
    </section>
  );
}

interface AddFields {
  employeeNo: string;
  name: string;
  role: Role;
  team: string;
  password: string;
}
const addFields = ['employeeNo', 'name', 'role', 'team', 'password'] as const;

function AddAgentDialog({ onDone }: { onDone(added: AdminAgent | null): void }) {
  const { t } = useTranslation('admin');
  const addAgent = useDesk((s) => s.addAgent);
  const [form] = Form.useForm<AddFields>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const save = async (v: AddFields) => {
    setSaving(true);
    try {
      onDone(await addAgent(v));
    } catch (err) {
      setError(showFieldIssues(form, err, addFields, t) ? null : err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('agents.addTitle')}
      okText={t('agents.save')}
      cancelText={t('agents.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => form.submit()}
      onCancel={() => onDone(null)}
      destroyOnHidden
    >
      <AdminError error={error} />
      <Form<AddFields>
        form={form}
        layout="vertical"
        aria-label={t('agents.addTitle')}
        initialValues={{ role: 'agent' }}
        onFinish={(v) => void save(v)}
      >
        <Form.Item
          label={t('agents.employeeNo')}
          name="employeeNo"
          extra={t('agents.employeeNoRule')}
          rules={[schemaRule(employeeNoSchema, t)]}
        >
          <Input autoComplete="off" maxLength={16} />
        </Form.Item>
        <Form.Item label={t('agents.name')} name="name" rules={[schemaRule(agentNameSchema, t)]}>
          <Input autoComplete="off" maxLength={32} showCount />
        </Form.Item>
        <Form.Item label={t('agents.role')} name="role">
          <Select<Role>
            aria-label={t('agents.role')}
            options={[
              { value: 'agent', label: t('roles.agent') },
              { value: 'lead', label: t('roles.lead') },
            ]}
          />
        </Form.Item>
        <Form.Item label={t('agents.team')} name="team" rules={[schemaRule(teamSchema, t)]}>
          <Input autoComplete="off" maxLength={32} showCount />
        </Form.Item>
        <Form.Item
          label={t('agents.password')}
          name="password"
          extra={t('agents.passwordRule')}
          dependencies={['employeeNo']}
          rules={[passwordRule(t, () => form.getFieldValue('employeeNo') as string | undefined)]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The password rules of shared/admin/rules.ts, the first one broken said in the UI language. */
function passwordRule(t: (key: string) => string, employeeNo: () => string | undefined) {
  return {
    validator: async (_rule: unknown, value: unknown) => {
      const password = typeof value === 'string' ? value : '';
      const problems = passwordProblems(password, employeeNo() ?? '');
      if (problems.length === 0 && newPasswordSchema.safeParse(password).success) return;
      throw new Error(problems.length > 0 ? t(`issues.${problems[0]}`) : t('agents.required'));
    },
  };
}

function ResetPasswordDialog({
  agent,
  onDone,
}: {
  agent: AdminAgent;
  onDone(reset: AdminAgent | null): void;
}) {
  const { t } = useTranslation('admin');
  const resetPassword = useDesk((s) => s.resetAgentPassword);
  const [form] = Form.useForm<{ password: string }>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const save = async (password: string) => {
    setSaving(true);
    try {
      onDone(await resetPassword(agent.id, password));
    } catch (err) {
      setError(showFieldIssues(form, err, ['password'], t) ? null : err);
    } finally {
      setSaving(false);
    }
  };
  const title = t('agents.resetTitle', { who: who(agent) });
  return (
    <Modal
      open
      title={title}
      okText={t('agents.save')}
      cancelText={t('agents.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => form.submit()}
      onCancel={() => onDone(null)}
      destroyOnHidden
    >
      <Typography.Paragraph>{t('agents.resetHint')}</Typography.Paragraph>
      <AdminError error={error} />
      <Form<{ password: string }>
        form={form}
        layout="vertical"
        aria-label={title}
        onFinish={(v) => void save(v.password)}
      >
        <Form.Item
          label={t('agents.newPassword')}
          name="password"
          extra={t('agents.passwordRule')}
          rules={[passwordRule(t, () => agent.employeeNo)]}
        >
          <Input.Password autoComplete="new-password" maxLength={128} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
