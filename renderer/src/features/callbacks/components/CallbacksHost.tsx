import { App, Button, Space } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { useShortcuts } from '../../../ui/useShortcuts';
import { dueText } from './CallbacksPanel';
import { PromiseCallback } from './PromiseCallback';

/**
 * Always on screen while signed in: the 承诺回电 form (its shortcut works anywhere, e.g. during a call) and
 * the reminders of call-backs main says are due soon — an in-app notice with 现在回拨, and a
 * desktop notification when the agent allowed them (the console may be behind another window).
 */
export function CallbacksHost() {
  const { t } = useTranslation('callbacks');
  const { notification } = App.useApp();
  const due = useDesk((s) => s.callbacksDue);
  const callbacks = useDesk((s) => s.callbacks);
  const timeZone = useDesk((s) => s.deskInfo?.timeZone ?? 'Asia/Shanghai');
  const dismiss = useDesk((s) => s.dismissCallbackReminder);
  const dialCallback = useDesk((s) => s.dialCallback);
  const formOpen = useDesk((s) => s.callbackFormOpen);
  const setFormOpen = useDesk((s) => s.setCallbackFormOpen);
  useShortcuts({ 'callbacks.promise': () => setFormOpen(true) }, !formOpen);
  useEffect(() => {
    for (const id of due) {
      const c = callbacks.find((x) => x.id === id);
      if (!c) continue;
      const body = t('reminder.body', {
        time: dueText(c.dueAt, Date.now(), timeZone),
        who: c.customerName ?? t('panel.customerUnknown'),
        masked: c.numberMasked,
        reason: c.reason,
      });
      notification.warning({
        key: `callback-${id}`,
        title: t('reminder.title'),
        description: body,
        duration: 0,
        onClose: () => dismiss(id),
        actions: (
          <Space>
            <Button
              size="small"
              type="primary"
              onClick={() => {
                notification.destroy(`callback-${id}`);
                dismiss(id);
                void dialCallback(id);
              }}
            >
              {t('reminder.dial')}
            </Button>
            <Button
              size="small"
              onClick={() => {
                notification.destroy(`callback-${id}`);
                dismiss(id);
              }}
            >
              {t('reminder.later')}
            </Button>
          </Space>
        ),
      });
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(t('reminder.title'), { body, tag: `callback-${id}` });
      }
    }
  }, [due, callbacks, notification, t, timeZone, dismiss, dialCallback]);
  return formOpen ? <PromiseCallback onDone={() => setFormOpen(false)} /> : null;
}
