import { Button, Card, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { ErrorAlert } from '../../../ui/ErrorAlert';

interface Fields {
  employeeNo: string;
  password: string;
}

export function SignInPage() {
  const { t } = useTranslation(['session', 'common']);
  const signIn = useDesk((s) => s.signIn);
  const busy = useDesk((s) => s.busy);
  const [form] = Form.useForm<Fields>();

  const onFinish = async (values: Fields) => {
    const ok = await signIn(values.employeeNo.trim(), values.password);
    // The password never stays in the form after an attempt, right or wrong.
    form.setFieldValue('password', '');
    if (!ok) form.getFieldInstance('password')?.focus?.();
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
            rules={[{ required: true, whitespace: true, message: t('signIn.employeeNoRequired') }]}
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
