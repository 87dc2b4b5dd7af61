/**
 * The shift-end form (业务交接本): the compiled open items, most urgent first — each may be removed
 * with a reason — the agent's own items (system problems, incidents) and the note.
 */
import { Alert, Button, Card, Checkbox, Empty, Input, List, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Compiled, FreeItem, FreeItemKind, Urgency } from '@shared/handover/contract';
import { freeItemKinds, urgencies } from '@shared/handover/contract';
import { useDesk } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { ItemSummary, MetricsSnapshot, Refusal, UrgencyTag } from './parts';

function AddItem({ onAdd }: { onAdd: (item: FreeItem) => void }) {
  const { t } = useTranslation('handover');
  const [kind, setKind] = useState<FreeItemKind>('system_problem');
  const [urgency, setUrgency] = useState<Urgency>('amber');
  const [text, setText] = useState('');
  const [major, setMajor] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  return (
    <Space wrap align="start">
      <Select<FreeItemKind>
        aria-label={t('form.addKind')}
        value={kind}
        style={{ width: 120 }}
        onChange={setKind}
        options={freeItemKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
      />
      <Select<Urgency>
        aria-label={t('form.addUrgency')}
        value={urgency}
        style={{ width: 100 }}
        onChange={setUrgency}
        options={urgencies.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
      />
      <Input
        aria-label={t('form.addText')}
        placeholder={t('form.addText')}
        value={text}
        maxLength={500}
        status={problem ? 'error' : ''}
        style={{ width: 280 }}
        onChange={(e) => setText(e.target.value)}
      />
      {kind === 'incident' && (
        <Checkbox checked={major} onChange={(e) => setMajor(e.target.checked)}>
          {t('form.major')}
        </Checkbox>
      )}
      <Button
        onClick={() => {
          if (text.trim() === '') {
            setProblem(t('form.textRequired'));
            return;
          }
          onAdd({ kind, urgency, text: text.trim(), major: kind === 'incident' && major });
          setText('');
          setMajor(false);
          setProblem(null);
        }}
      >
        {t('form.add')}
      </Button>
      {problem && <span role="alert">{problem}</span>}
    </Space>
  );
}

export function HandoverForm({ draft }: { draft: Compiled }) {
  const { t } = useTranslation('handover');
  const submitHandover = useDesk((s) => s.submitHandover);
  const closeHandoverForm = useDesk((s) => s.closeHandoverForm);
  /** Items being removed: key → the reason typed so far. */
  const [removed, setRemoved] = useState<Record<string, string>>({});
  const [added, setAdded] = useState<FreeItem[]>([]);
  const [note, setNote] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [missingReason, setMissingReason] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    const removals = Object.entries(removed).map(([key, reason]) => ({
      key,
      reason: reason.trim(),
    }));
    if (removals.some((r) => r.reason === '')) {
      setMissingReason(true);
      return;
    }
    setMissingReason(false);
    setBusy(true);
    setError(
      await submitHandover({ note: note.trim(), removed: removals, added, correctsId: null }),
    );
    setBusy(false);
  };

  return (
    <Card size="small" role="region" aria-label={t('form.title')} title={t('form.title')}>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Alert type="warning" showIcon title={t('form.intro')} />
        <MetricsSnapshot metrics={draft.metrics} />
        {draft.items.length === 0 && added.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('form.empty')} />
        ) : (
          <List
            size="small"
            aria-label={t('form.items')}
            header={t('form.items')}
            dataSource={[
              ...draft.items.map((item) => ({ item, free: null as number | null })),
              ...added.map((f, i) => ({
                item: {
                  key: `free:${i}`,
                  kind: f.kind,
                  refId: null,
                  urgency: f.urgency,
                  reason: 'free' as const,
                  anomaly: null,
                  dueAt: null,
                  title: f.text,
                  customer: null,
                  waybill: null,
                  major: f.kind === 'incident' && f.major,
                },
                free: i,
              })),
            ]}
            renderItem={({ item, free }) => {
              const removing = Object.hasOwn(removed, item.key);
              return (
                <List.Item
                  actions={[
                    removing ? (
                      <Button
                        key="undo"
                        size="small"
                        aria-label={`${t('form.undo')} ${item.title}`}
                        onClick={() => {
                          const rest = { ...removed };
                          delete rest[item.key];
                          setRemoved(rest);
                        }}
                      >
                        {t('form.undo')}
                      </Button>
                    ) : (
                      <Button
                        key="remove"
                        size="small"
                        danger
                        aria-label={`${t('form.remove')} ${item.title}`}
                        onClick={() =>
                          free === null
                            ? setRemoved({ ...removed, [item.key]: '' })
                            : setAdded(added.filter((_, i) => i !== free))
                        }
                      >
                        {t('form.remove')}
                      </Button>
                    ),
                  ]}
                >
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <ItemSummary item={item} />
                    {free !== null && added[free]!.major && <UrgencyTag urgency="red" />}
                    {removing && (
                      <Input
                        aria-label={`${t('form.removeReason')} ${item.title}`}
                        placeholder={t('form.removeReasonHint')}
                        maxLength={200}
                        status={missingReason && !removed[item.key]!.trim() ? 'error' : ''}
                        value={removed[item.key]}
                        onChange={(e) => setRemoved({ ...removed, [item.key]: e.target.value })}
                      />
                    )}
                  </Space>
                </List.Item>
              );
            }}
          />
        )}
        <AddItem onAdd={(item) => setAdded([...added, item])} />
        <Input.TextArea
          aria-label={t('form.note')}
          placeholder={t('form.noteHint')}
          rows={3}
          maxLength={2000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        {missingReason && <Alert type="error" role="alert" title={t('form.reasonRequired')} />}
        <Refusal error={error} />
        <Space>
          <Button type="primary" loading={busy} onClick={() => void submit()}>
            {t('form.submit')}
          </Button>
          <Button onClick={closeHandoverForm}>{t('form.cancel')}</Button>
        </Space>
      </Space>
    </Card>
  );
}
