import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useContext } from 'react';
import { DeskStoreContext, useDesk } from '../../../app/context';
import { ErrorAlert } from '../../../ui/ErrorAlert';
import { showIssuesOnFields } from '../../../ui/error-text';

/** The 工号's shape, as main checks it (shared/session/contract.ts): said next to the field. */
const employeeNoShape = /^[A-Za-z0-9]{3,16}$/;

interface Fields {
  employeeNo: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation(['session', 'common', 'app']);
  const signIn = useDesk((s) => s.signIn);
  const busy = useDesk((s) => s.busy);
  const notice = useDesk((s) => s.notice);
  const [form] = Form.useForm<Fields>();
  const store = useContext(DeskStoreContext);

  const onFinish = async (values: Fields) => {
    const ok = await signIn(values.employeeNo.trim(), values.password);
    // The password never stays in the form after an attempt, right or wrong.
    form.setFieldValue('password', '');
    if (ok) return;
    // Main's field issues go next to their fields (and then need no alert of their own).
    const error = store?.getState().error;
    if (error && showIssuesOnFields(t, form, error, ['employeeNo', 'password'])) {
      store?.getState().clearError();
    }
    form.getFieldInstance('password')?.focus?.();
  };

  return (
    <main
      style={{ display: 'grid', placeItems: 'center', minHeight: '100vh', background: '#f0f2f5' }}
    >
      <Card style={{ width: 380 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          {t('common:app.title')}
        </Typography.Title>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t('signIn.title')}
        </Typography.Title>
        {notice && (
          <Alert
            type="warning"
            role="alert"
            showIcon
            title={t(`app:connection.${notice}`)}
            description={t(`app:connection.${notice}Hint`)}
            style={{ marginBottom: 12 }}
          />
        )}
        <ErrorAlert />
        <Form<Fields>
          form={form}
          layout="vertical"
          onFinish={(v) => void onFinish(v)}
          requiredMark={false}
          aria-label={t('signIn.title')}
        >
          <Form.Item
            label={t('signIn.employeeNo')}
            name="employeeNo"
            rules={[
              { required: true, whitespace: true, message: t('signIn.employeeNoRequired') },
              {
                validator: (_, v: string | undefined) =>
                  !v?.trim() || employeeNoShape.test(v.trim())
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('common:fieldRules.employeeNo'))),
              },
            ]}
          >
            <Input autoFocus autoComplete="username" maxLength={16} />
          </Form.Item>
          <Form.Item
            label={t('signIn.password')}
            name="password"
            rules={[{ required: true, message: t('signIn.passwordRequired') }]}
          >
            <Input.Password autoComplete="current-password" maxLength={128} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('signIn.submit')}
          </Button>
        </Form>
      </Card>
    </main>
  );
}
