/**
 * One handover in full: the receiver accepts or queries each item, the lead comments, reassigns
 * and signs off; once signed it is read-only and its author may only add a correction.
 */
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Input,
  List,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Handover, HandoverItem } from '@shared/handover/contract';
import { useDesk } from '../../../app/context';
import type { UiError } from '../../../ui/errors';
import { ItemSummary, MetricsSnapshot, Refusal, useTimeText } from './parts';

const ackColours = { pending: 'default', accepted: 'green', queried: 'gold' } as const;

/** Accept, or query with a comment (the receiver's acknowledgement). */
function Acknowledge({ item }: { item: HandoverItem }) {
  const { t } = useTranslation('handover');
  const acknowledge = useDesk((s) => s.acknowledgeHandoverItem);
  const [querying, setQuerying] = useState(false);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  const [missing, setMissing] = useState(false);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button
          type="primary"
          size="small"
          aria-label={`${t('ack.accept')} ${item.title}`}
          onClick={() => void acknowledge(item.id, 'accept', null).then(setError)}
        >
          {t('ack.accept')}
        </Button>
        <Button
          size="small"
          aria-label={`${t('ack.query')} ${item.title}`}
          onClick={() => {
            if (!querying) {
              setQuerying(true);
              return;
            }
            if (comment.trim() === '') {
              setMissing(true);
              return;
            }
            setMissing(false);
            void acknowledge(item.id, 'query', comment.trim()).then(setError);
          }}
        >
          {t('ack.query')}
        </Button>
        {querying && (
          <Input
            size="small"
            aria-label={`${t('ack.comment')} ${item.title}`}
            placeholder={t('ack.comment')}
            maxLength={500}
            status={missing ? 'error' : ''}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            style={{ width: 240 }}
          />
        )}
      </Space>
      {missing && <Alert type="error" role="alert" title={t('ack.commentRequired')} />}
      <Refusal error={error} />
    </Space>
  );
}

/** The lead's comment and reassignment of one item. */
function LeadItemActions({ item }: { item: HandoverItem }) {
  const { t } = useTranslation('handover');
  const team = useDesk((s) => s.handoverTeam);
  const comment = useDesk((s) => s.commentHandoverItem);
  const reassign = useDesk((s) => s.reassignHandoverItem);
  const [text, setText] = useState(item.leadComment ?? '');
  const [error, setError] = useState<UiError | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input
          size="small"
          aria-label={`${t('review.comment')} ${item.title}`}
          placeholder={t('review.comment')}
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.target.value)}
          style={{ width: 220 }}
        />
        <Button
          size="small"
          disabled={text.trim() === ''}
          onClick={() => void comment(item.id, text.trim()).then(setError)}
        >
          {t('review.commentSave')}
        </Button>
        {item.ack !== 'accepted' && (
          <Select<string>
            size="small"
            aria-label={`${t('review.reassign')} ${item.title}`}
            placeholder={t('review.reassign')}
            style={{ width: 160 }}
            value={item.assignee?.id ?? null}
            onChange={(agentId) => void reassign(item.id, agentId).then(setError)}
            options={team.map((p) => ({ value: p.id, label: `${p.name}（${p.employeeNo}）` }))}
          />
        )}
      </Space>
      <Refusal error={error} />
    </Space>
  );
}

function SignOff({ handover }: { handover: Handover }) {
  const { t } = useTranslation('handover');
  const signOff = useDesk((s) => s.signOffHandover);
  const [note, setNote] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        aria-label={t('review.signNote')}
        placeholder={t('review.signNoteHint')}
        rows={2}
        maxLength={1000}
        value={note}
        onChange={(e) => setNote(e.target.value)}
      />
      <Button
        type="primary"
        onClick={() => void signOff(handover.id, note.trim() || null).then(setError)}
      >
        {t('review.signOff')}
      </Button>
      <Refusal error={error} />
    </Space>
  );
}

function Correction({ handover }: { handover: Handover }) {
  const { t } = useTranslation('handover');
  const submit = useDesk((s) => s.submitHandover);
  const [text, setText] = useState('');
  const [error, setError] = useState<UiError | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        aria-label={t('detail.correctText')}
        rows={2}
        maxLength={2000}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <Button
        disabled={text.trim() === ''}
        onClick={() =>
          void submit({ note: text.trim(), removed: [], added: [], correctsId: handover.id }).then(
            setError,
          )
        }
      >
        {t('detail.correct')}
      </Button>
      <Refusal error={error} />
    </Space>
  );
}

export function HandoverDetail({ handover }: { handover: Handover }) {
  const { t } = useTranslation('handover');
  const me = useDesk((s) => s.session?.agent);
  const showHandover = useDesk((s) => s.showHandover);
  const time = useTimeText();
  const isLead = me?.role === 'lead';
  const signed = handover.status === 'signed';
  const mayAcknowledge = (i: HandoverItem) =>
    !signed &&
    i.removedReason === null &&
    i.ack === 'pending' &&
    me !== undefined &&
    (i.assignee
      ? i.assignee.id === me.id
      : handover.author.id !== me.id && (!handover.receiver || handover.receiver.id === me.id));
  const who = (p: { name: string; employeeNo: string }) => `${p.name}（${p.employeeNo}）`;
  return (
    <Card
      size="small"
      role="region"
      aria-label={t('detail.title')}
      title={
        <Space>
          {t('detail.title')}
          <Tag color={signed ? 'green' : 'orange'}>{t(`detail.status.${handover.status}`)}</Tag>
          {handover.correctsId && <Tag>{t('detail.correction')}</Tag>}
        </Space>
      }
      extra={
        <Button size="small" onClick={() => void showHandover(null)}>
          {t('detail.close')}
        </Button>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('detail.author')}>{who(handover.author)}</Descriptions.Item>
          <Descriptions.Item label={t('detail.receiver')}>
            {handover.receiver ? who(handover.receiver) : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.shift')}>
            {time(handover.shiftStartedAt)}
          </Descriptions.Item>
          <Descriptions.Item label={t('detail.submittedAt')}>
            {time(handover.submittedAt)}
          </Descriptions.Item>
        </Descriptions>
        {handover.note && <Typography.Paragraph>{handover.note}</Typography.Paragraph>}
        <MetricsSnapshot metrics={handover.metrics} />
        <List
          size="small"
          dataSource={handover.items}
          renderItem={(i) => (
            <List.Item>
              <Space orientation="vertical" style={{ width: '100%' }}>
                <ItemSummary item={i} />
                {i.removedReason !== null ? (
                  <Typography.Text delete type="secondary">
                    {t('form.removed', { reason: i.removedReason })}
                  </Typography.Text>
                ) : (
                  <Space wrap size={4}>
                    <Tag color={ackColours[i.ack]}>{t(`ack.states.${i.ack}`)}</Tag>
                    {i.ackBy && i.ackAt !== null && (
                      <Typography.Text type="secondary">
                        {t('ack.by', { name: i.ackBy.name, time: time(i.ackAt) })}
                      </Typography.Text>
                    )}
                    {i.ackComment && <Typography.Text>{i.ackComment}</Typography.Text>}
                    {i.transferred && <Tag color="green">{t('ack.transferred')}</Tag>}
                    {i.assignee && <Tag>{t('detail.assignee', { name: i.assignee.name })}</Tag>}
                    {i.leadComment && (
                      <Typography.Text type="warning">
                        {t('detail.leadComment', { text: i.leadComment })}
                      </Typography.Text>
                    )}
                  </Space>
                )}
                {mayAcknowledge(i) && <Acknowledge item={i} />}
                {isLead && !signed && i.removedReason === null && <LeadItemActions item={i} />}
              </Space>
            </List.Item>
          )}
        />
        {signed && handover.signedBy && handover.signedAt !== null && (
          <Alert
            type="success"
            title={t('detail.signed', {
              name: handover.signedBy.name,
              time: time(handover.signedAt),
            })}
            {...(handover.signNote && { description: handover.signNote })}
          />
        )}
        {isLead && !signed && <SignOff handover={handover} />}
        {signed && <Typography.Text type="secondary">{t('detail.readOnly')}</Typography.Text>}
        {signed && me?.id === handover.author.id && <Correction handover={handover} />}
      </Space>
    </Card>
  );
}
