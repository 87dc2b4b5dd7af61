import { Button, Form, Input, Modal, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SipHealth } from '@shared/softphone/contract';
import { useDesk } from '../../../app/context';
import { DevicesPanel } from './DevicesPanel';

const color: Record<SipHealth['state'], string> = {
  unconfigured: 'default',
  connecting: 'orange',
  registered: 'green',
  failed: 'red',
};

interface Fields {
  server: string;
  aor: string;
  authUser: string;
  password: string;
  displayName?: string;
}

/** Registration health (docs/DESIGN.md §2): state, round-trip time, last error; opens the SIP settings. */
export function SipChip() {
  const { t } = useTranslation('softphone');
  const health = useDesk((s) => s.sipHealth);
  const configure = useDesk((s) => s.configureSoftphone);
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<Fields>();
  const state = health?.state ?? 'unconfigured';
  const label = `${t(`sip.${state}`)}${state === 'registered' && typeof health?.rttMs === 'number' ? ` · ${Math.round(health.rttMs)} ms` : ''}`;

  return (
    <>
      <Tooltip title={health?.lastError ?? undefined}>
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
        cancelText={t('sip.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form<Fields>
          form={form}
          layout="vertical"
          onFinish={(v) =>
            void configure({ ...v, displayName: v.displayName || undefined }).then((ok) => {
              if (ok) setOpen(false);
            })
          }
        >
          <Form.Item label={t('sip.server')} name="server" rules={[{ required: true }]}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
          <Form.Item label={t('sip.aor')} name="aor" rules={[{ required: true }]}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
          <Form.Item label={t('sip.authUser')} name="authUser" rules={[{ required: true }]}>
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item label={t('sip.password')} name="password" rules={[{ required: true }]}>
            <Input.Password autoComplete="new-password" maxLength={128} />
          </Form.Item>
          <Form.Item label={t('sip.displayName')} name="displayName">
            <Input maxLength={64} />
          </Form.Item>
        </Form>
        <DevicesPanel />
      </Modal>
    </>
  );
}
