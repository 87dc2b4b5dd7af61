import { Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { revealReasons } from '@shared/waybills/contract';
import { useDesk } from '../../../app/context';
import { useDialer } from '../../softphone';

/**
 * A party's phone on the open waybill: masked until the agent gives a reason to reveal it (the
 * reason is audited), and click-to-dial through main (which dials the full number).
 */
export function PartyPhone({ party, masked }: { party: 'sender' | 'receiver'; masked: string }) {
  const { t } = useTranslation('waybills');
  const revealed = useDesk((s) => s.revealed[party]);
  const revealPhone = useDesk((s) => s.revealPhone);
  const waybillId = useDesk((s) => s.detail?.waybill.id);
  const { canDial, dialParty } = useDialer();
  const [asking, setAsking] = useState(false);
  const dialLabel = party === 'sender' ? t('waybill.callSender') : t('waybill.callReceiver');
  return (
    <Space>
      <Typography.Text aria-label={`${t(`waybill.${party}`)}${t('waybill.phone')}`}>
        {revealed ?? masked}
      </Typography.Text>
      {!revealed && (
        <Button
          size="small"
          onClick={() => setAsking(true)}
          aria-label={`${t('waybill.reveal')}（${t(`waybill.${party}`)}）`}
        >
          {t('waybill.reveal')}
        </Button>
      )}
      <Button
        size="small"
        disabled={!canDial || !waybillId}
        aria-label={dialLabel}
        onClick={() => waybillId && void dialParty(waybillId, party)}
      >
        {dialLabel}
      </Button>
      <Modal
        open={asking}
        title={t('waybill.revealTitle')}
        footer={null}
        onCancel={() => setAsking(false)}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('waybill.revealReason')}</Typography.Paragraph>
        <Space wrap>
          {revealReasons.map((r) => (
            <Button
              key={r}
              onClick={() => {
                setAsking(false);
                void revealPhone(party, r);
              }}
            >
              {t(`revealReasons.${r}`)}
            </Button>
          ))}
        </Space>
      </Modal>
    </Space>
  );
}
