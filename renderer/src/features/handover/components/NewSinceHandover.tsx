/**
 * The shift already has a handover, and open items came up after it (a call-back promised later,
 * a complaint registered, an order not delivered): they are listed as the form lists items, and
 * one button puts them into the book — the handover itself while unsigned, else a correction of
 * the signed one. Sign-out is refused until they are in (首问责任制 at the shift change).
 */
import { Alert, Button, Card, List, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Compiled } from '@shared/handover/contract';
import { useDesk } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { ItemSummary, Refusal } from './parts';

export function NewSinceHandover({ draft }: { draft: Compiled }) {
  const { t } = useTranslation('handover');
  const addCompiled = useDesk((s) => s.addCompiledToHandover);
  const closeHandoverForm = useDesk((s) => s.closeHandoverForm);
  const signOut = useDesk((s) => s.signOut);
  const [error, setError] = useState<UiError | null>(null);
  const [busy, setBusy] = useState(false);
  const missing = new Set(draft.notInBook);
  const items = draft.items.filter((i) => missing.has(i.key));
  const signed = draft.handover?.status === 'signed';

  if (items.length === 0) {
    return (
      <Alert
        type="success"
        showIcon
        title={t('newItems.allIn')}
        action={
          <Space>
            <Button size="small" onClick={() => void signOut()}>
              {t('form.signOut')}
            </Button>
            <Button size="small" onClick={closeHandoverForm}>
              {t('detail.close')}
            </Button>
          </Space>
        }
      />
    );
  }
  const title = t('newItems.title', { count: items.length });
  return (
    <Card size="small" role="region" aria-label={title} title={title}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert
          type="warning"
          showIcon
          title={t('newItems.intro', { count: items.length })}
          {...(signed && { description: t('newItems.signed') })}
        />
        <List
          size="small"
          aria-label={t('newItems.list')}
          dataSource={items}
          renderItem={(item) => (
            <List.Item>
              <ItemSummary item={item} />
            </List.Item>
          )}
        />
        <Refusal error={error} />
        <Space>
          <Button
            type="primary"
            loading={busy}
            onClick={() => {
              setBusy(true);
              void addCompiled().then((e) => {
                setError(e);
                setBusy(false);
              });
            }}
          >
            {t('newItems.add', { count: items.length })}
          </Button>
          <Button onClick={closeHandoverForm}>{t('form.cancel')}</Button>
        </Space>
      </Space>
    </Card>
  );
}
