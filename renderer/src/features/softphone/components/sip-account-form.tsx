/**
 * The SIP account fields both dialogs share (the agent's own, in the chip's settings; the lead's,
 * for any agent): the auth user defaults to the SIP address's user part (shown as its
 * placeholder, sent when left empty), and main's refusal is shown inside the dialog (its field
 * issues next to their fields, DialogError for the rest).
 */
import { Alert, Form, Input } from 'antd';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../ui/error-text';
import { asUiError } from '../../../ui/errors';

export interface SipAccountFields {
  server: string;
  aor: string;
  authUser?: string;
  password?: string;
  displayName?: string;
}

/** The user part of a SIP address (`sip:1001@pbx` → `1001`), or '' if it has none. */
export function authUserOf(aor: string | undefined): string {
  return /^sips?:([^@]*)@/i.exec(aor?.trim() ?? '')?.[1] ?? '';
}

/** The fields as main takes them: auth user filled from the address, empty optionals left out. */
export function accountArgs(v: SipAccountFields): {
  server: string;
  aor: string;
  authUser: string;
  password?: string;
  displayName?: string;
} {
  const password = v.password ?? '';
  const displayName = v.displayName?.trim() ?? '';
  return {
    server: v.server,
    aor: v.aor,
    authUser: v.authUser?.trim() || authUserOf(v.aor),
    ...(password !== '' && { password }),
    ...(displayName !== '' && { displayName }),
  };
}

export function SipAccountFormItems({
  form,
  passwordRequired,
}: {
  form: FormInstance<SipAccountFields>;
  passwordRequired: boolean;
}) {
  const { t } = useTranslation('softphone');
  const aor = Form.useWatch('aor', form);
  return (
    <>
      <Form.Item label={t('sip.server')} name="server" rules={[{ required: true }]}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item label={t('sip.aor')} name="aor" rules={[{ required: true }]}>
        <Input autoComplete="off" maxLength={200} />
      </Form.Item>
      <Form.Item label={t('sip.authUser')} name="authUser" extra={t('accounts.authUserDefault')}>
        <Input autoComplete="off" maxLength={64} placeholder={authUserOf(aor)} />
      </Form.Item>
      <Form.Item
        label={t('sip.password')}
        name="password"
        rules={[{ required: passwordRequired }]}
        {...(!passwordRequired && { extra: t('accounts.passwordKeep') })}
      >
        <Input.Password autoComplete="new-password" maxLength={128} />
      </Form.Item>
      <Form.Item label={t('sip.displayName')} name="displayName">
        <Input maxLength={64} />
      </Form.Item>
    </>
  );
}

/** The form's fields, for main's field issues (ui/error-text.ts puts them next to each). */
export const sipAccountFieldNames = ['server', 'aor', 'authUser', 'password', 'displayName'];

/** A refused request inside a dialog, in the agent's language (never main's English message). */
export function DialogError({ error }: { error: unknown }) {
  const describe = useErrorText();
  if (!error) return null;
  const { title, description } = describe(asUiError(error));
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={title}
      description={description}
      style={{ marginBottom: 12 }}
    />
  );
}
