import { Button, Form, Modal, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestResult } from '@shared/contract';
import type { AgentSipAccount, SipAccountPolicy } from '@shared/softphone/contract';
import { formatLocalTime } from '@shared/waybills/summary';
import { useDeskApi } from '../../../app/context';
import { useTimeZone } from '../../session';
import type { SipAccountFields } from './sip-account-form';
import { accountArgs, DialogError, SipAccountFormItems } from './sip-account-form';

type Accounts = RequestResult<'softphone.accounts'>;

/** How an agent is named on screen: 工号 and name (never their internal id). */
const who = (a: AgentSipAccount) => `${a.agent.employeeNo} ${a.agent.name}`;

/**
 * The lead's view of the agents' softphone accounts (ADR 0011): who has which SIP address, set or
 * change one (the password kept when left empty), remove one, and the desk's two rules — 示闲 only
 * with a registered softphone, agents setting their own account.
 */
export function SipAccountsDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation('softphone');
  const api = useDeskApi();
  const timeZone = useTimeZone();
  const [data, setData] = useState<Accounts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState<AgentSipAccount | null>(null);
  const [removing, setRemoving] = useState<AgentSipAccount | null>(null);

  // Bumped to read the list again after a change.
  const [version, setVersion] = useState(0);
  const reload = () => setVersion((v) => v + 1);
  useEffect(() => {
    if (!open) return;
    let live = true;
    api.request('softphone.accounts', {}).then(
      (accounts) => {
        if (!live) return;
        setData(accounts);
        setError(null);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [open, api, version]);

  const setPolicy = async (patch: Partial<SipAccountPolicy>) => {
    try {
      const policy = await api.request('softphone.setAccountPolicy', patch);
      setData((d) => d && { ...d, policy });
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  const remove = async (entry: AgentSipAccount) => {
    try {
      await api.request('softphone.removeAccount', { agentId: entry.agent.id });
      setRemoving(null);
      reload();
    } catch (err) {
      setRemoving(null);
      setError(err);
    }
  };

  return (
    <Modal
      open={open}
      title={t('accounts.title')}
      width={960}
      onCancel={onClose}
      footer={
        <Button onClick={onClose} type="primary">
          {t('accounts.close')}
        </Button>
      }
      destroyOnHidden
    >
      <DialogError error={error} />
      {data && (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Switch
              aria-label={t('accounts.policyReady')}
              checked={data.policy.readyRequiresPhone}
              onChange={(readyRequiresPhone) => void setPolicy({ readyRequiresPhone })}
            />
            <span>{t('accounts.policyReady')}</span>
            <Switch
              aria-label={t('accounts.policySelf')}
              checked={data.policy.agentsConfigureOwn}
              onChange={(agentsConfigureOwn) => void setPolicy({ agentsConfigureOwn })}
            />
            <span>{t('accounts.policySelf')}</span>
          </Space>
          <Table<AgentSipAccount>
            aria-label={t('accounts.title')}
            size="small"
            // 工号 is unique and is what the lead reads; the internal id stays off the page.
            rowKey={(a) => a.agent.employeeNo}
            pagination={false}
            dataSource={data.agents}
            columns={[
              {
                title: t('accounts.employeeNo'),
                key: 'employeeNo',
                render: (_, a) => a.agent.employeeNo,
              },
              { title: t('accounts.name'), key: 'name', render: (_, a) => a.agent.name },
              {
                title: t('accounts.aor'),
                key: 'aor',
                render: (_, a) => a.account?.aor ?? <Tag>{t('accounts.unassigned')}</Tag>,
              },
              {
                title: t('accounts.server'),
                key: 'server',
                render: (_, a) => a.account?.server ?? '',
              },
              {
                title: t('accounts.updated'),
                key: 'updated',
                render: (_, a) =>
                  a.account &&
                  `${formatLocalTime(a.account.updatedAt, timeZone)} · ${
                    a.account.updatedBy
                      ? `${a.account.updatedBy.employeeNo} ${a.account.updatedBy.name}`
                      : t('accounts.migrated')
                  }`,
              },
              {
                title: t('accounts.actions'),
                key: 'actions',
                render: (_, a) => (
                  <Space>
                    <Button
                      size="small"
                      aria-label={t('accounts.editLabel', { who: who(a) })}
                      onClick={() => setEditing(a)}
                    >
                      {t('accounts.edit')}
                    </Button>
                    {a.account && (
                      <Button
                        size="small"
                        danger
                        aria-label={t('accounts.removeLabel', { who: who(a) })}
                        onClick={() => setRemoving(a)}
                      >
                        {t('accounts.remove')}
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Space>
      )}
      {editing && (
        <AccountForm
          entry={editing}
          onDone={(saved) => {
            setEditing(null);
            if (saved) reload();
          }}
        />
      )}
      <Modal
        open={removing !== null}
        title={t('accounts.removeTitle')}
        okText={t('accounts.remove')}
        okButtonProps={{ danger: true }}
        cancelText={t('accounts.cancel')}
        onOk={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>
          {removing && t('accounts.removeConfirm', { who: who(removing) })}
        </Typography.Paragraph>
      </Modal>
    </Modal>
  );
}

/** Sets or changes one agent's account; main's refusal stays in the form. */
function AccountForm({ entry, onDone }: { entry: AgentSipAccount; onDone(saved: boolean): void }) {
  const { t } = useTranslation('softphone');
  const api = useDeskApi();
  const [form] = Form.useForm<SipAccountFields>();
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const a = entry.account;
  const save = async (v: SipAccountFields) => {
    setSaving(true);
    try {
      await api.request('softphone.assignAccount', { agentId: entry.agent.id, ...accountArgs(v) });
      onDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('accounts.formTitle', { who: who(entry) })}
      okText={t('accounts.save')}
      cancelText={t('accounts.cancel')}
      okButtonProps={{ loading: saving }}
      onOk={() => form.submit()}
      onCancel={() => onDone(false)}
      destroyOnHidden
    >
      <DialogError error={error} />
      <Form<SipAccountFields>
        form={form}
        name="agent-sip-account"
        layout="vertical"
        initialValues={
          a
            ? {
                server: a.server,
                aor: a.aor,
                authUser: a.authUser,
                displayName: a.displayName ?? '',
              }
            : {}
        }
        onFinish={(v) => void save(v)}
      >
        <SipAccountFormItems form={form} passwordRequired={!a} />
      </Form>
    </Modal>
  );
}
