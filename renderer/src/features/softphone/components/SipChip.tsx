import { Button, Descriptions, Form, Modal, Tag, Tooltip, Typography } from 'antd';
import { useContext, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestResult } from '@shared/contract';
import type { SipHealth } from '@shared/softphone/contract';
import { DeskStoreContext, useDesk, useDeskApi } from '../../../app/context';
import { showIssuesOnFields } from '../../../ui/error-text';
import type { UiError } from '../../../ui/errors';
import { DevicesPanel } from './DevicesPanel';
import type { SipAccountFields } from './sip-account-form';
import {
  accountArgs,
  DialogError,
  SipAccountFormItems,
  sipAccountFieldNames,
} from './sip-account-form';
import { SipAccountsDialog } from './SipAccountsDialog';

const color: Record<SipHealth['state'], string> = {
  unconfigured: 'default',
  connecting: 'orange',
  registered: 'green',
  failed: 'red',
};

type MyAccount = RequestResult<'softphone.myAccount'>;

/** What the chip says: registered (with the round trip), why not (ADR 0011), or connecting. */
function useChipText(health: SipHealth | null): { label: string; tip: string[] } {
  const { t } = useTranslation('softphone');
  const state = health?.state ?? 'unconfigured';
  const failure = health?.failure ?? null;
  const label =
    state === 'registered'
      ? `${t('sip.registered')}${typeof health?.rttMs === 'number' ? ` · ${Math.round(health.rttMs)} ms` : ''}`
      : state === 'unconfigured'
        ? t('accounts.noAccount')
        : failure
          ? t(`accounts.failures.${failure}`)
          : t(`sip.${state}`);
  const tip: string[] = [];
  if (health?.lastError) tip.push(t('accounts.detail', { error: health.lastError }));
  if (state === 'connecting' && (health?.attempts ?? 0) > 0) {
    tip.push(t('accounts.retrying', { attempts: health?.attempts }));
  }
  if (state === 'unconfigured') tip.push(t('accounts.askLead'));
  return { label, tip };
}

/**
 * Registration health (docs/DESIGN.md §2): state, round-trip time, why it fails; opens the
 * softphone settings — the agent's own account (if the lead lets agents set it), the audio
 * devices, and for a lead the agents' accounts (ADR 0011).
 */
export function SipChip() {
  const { t } = useTranslation('softphone');
  const api = useDeskApi();
  const health = useDesk((s) => s.sipHealth);
  const isLead = useDesk((s) => s.session?.agent.role === 'lead');
  const configure = useDesk((s) => s.configureSoftphone);
  const [open, setOpen] = useState(false);
  const [manage, setManage] = useState(false);
  const [mine, setMine] = useState<MyAccount | null>(null);
  const store = useContext(DeskStoreContext);
  const [formError, setFormError] = useState<UiError | null>(null);
  const [form] = Form.useForm<SipAccountFields>();
  const state = health?.state ?? 'unconfigured';
  const { label, tip } = useChipText(health);
  // Without an answer (an older main), the form is offered as before.
  const canConfigure = mine?.canConfigure ?? true;

  useEffect(() => {
    if (!open) return;
    // The form outlives the dialog: nothing typed last time (least of all a password) stays.
    form.resetFields();
    let live = true;
    api.request('softphone.myAccount', {}).then(
      (m) => {
        if (!live) return;
        setMine(m);
        const a = m.account;
        if (a) {
          // Prefill what the agent has not typed yet (never the password: main does not send it).
          const values = {
            server: a.server,
            aor: a.aor,
            authUser: a.authUser,
            displayName: a.displayName ?? '',
          };
          const keys = Object.keys(values) as (keyof typeof values)[];
          form.setFieldsValue(
            Object.fromEntries(
              keys.filter((k) => !form.isFieldTouched(k)).map((k) => [k, values[k]]),
            ),
          );
        }
      },
      () => live && setMine(null),
    );
    return () => {
      live = false;
    };
  }, [open, api, form]);

  return (
    <>
      <Tooltip
        title={
          tip.length > 0 ? (
            <>
              {tip.map((line) => (
                <div key={line}>{line}</div>
              ))}
            </>
          ) : undefined
        }
      >
        <Button
          size="small"
          type="text"
          onClick={() => setOpen(true)}
          aria-label={`${t('sip.label')}：${label}`}
        >
          <Tag
            color={color[state]}
            role="status"
            aria-label={t('sip.label')}
            style={{ marginInlineEnd: 0 }}
          >
            {label}
          </Tag>
        </Button>
      </Tooltip>
      <Modal
        open={open}
        title={t('sip.settings')}
        okText={t('sip.save')}
        cancelText={canConfigure ? t('sip.cancel') : t('accounts.close')}
        // Read-only for an agent the lead assigns accounts to: nothing to save.
        footer={canConfigure ? undefined : (_, { CancelBtn }) => <CancelBtn />}
        onCancel={() => {
          setOpen(false);
          setFormError(null);
        }}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        {canConfigure ? (
          <Form<SipAccountFields>
            form={form}
            // Its own field ids: the lead's account form can be open on top with the same fields.
            name="own-sip-account"
            layout="vertical"
            onFinish={(v) =>
              void configure({ ...accountArgs(v), password: v.password ?? '' }).then((ok) => {
                setFormError(null);
                if (ok) return setOpen(false);
                // Main's refusal stays in the dialog: by the fields it names, else above them.
                const error = store?.getState().error ?? null;
                if (!showIssuesOnFields(t, form, error, sipAccountFieldNames)) setFormError(error);
                store?.getState().clearError();
              })
            }
          >
            <DialogError error={formError} />
            <SipAccountFormItems form={form} passwordRequired />
          </Form>
        ) : (
          <OwnAccount mine={mine} />
        )}
        {isLead && (
          <Button onClick={() => setManage(true)} style={{ marginBottom: 12 }}>
            {t('accounts.manage')}
          </Button>
        )}
        <DevicesPanel />
      </Modal>
      {isLead && <SipAccountsDialog open={manage} onClose={() => setManage(false)} />}
    </>
  );
}

/** The agent's account, read-only: the lead assigns it. */
function OwnAccount({ mine }: { mine: MyAccount | null }) {
  const { t } = useTranslation('softphone');
  const a = mine?.account;
  return (
    <section aria-label={t('sip.settings')} style={{ marginBottom: 12 }}>
      {a ? (
        <Descriptions
          size="small"
          column={1}
          items={[
            { key: 'aor', label: t('accounts.aor'), children: a.aor },
            { key: 'server', label: t('accounts.server'), children: a.server },
            { key: 'authUser', label: t('sip.authUser'), children: a.authUser },
          ]}
        />
      ) : (
        <Typography.Paragraph>{t('accounts.noAccount')}</Typography.Paragraph>
      )}
      <Typography.Text type="secondary">
        {a ? t('accounts.assignedByLead') : t('accounts.askLead')}
      </Typography.Text>
    </section>
  );
}
