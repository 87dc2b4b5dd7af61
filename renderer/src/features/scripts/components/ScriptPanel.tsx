import { Alert, Button, Card, Input, Select, Space, Tag, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useMemo, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RunView } from '@shared/scripts/contract';
import type { HoldPhrase } from '@shared/scripts/evidence';
import { holdEtiquetteMet, holdPhrases, recordedInsurance } from '@shared/scripts/evidence';
import type { ScriptKey } from '@shared/scripts/model';
import { scriptKeys } from '@shared/scripts/model';
import type { Segment } from '@shared/scripts/run';
import { renderText, showCaptured } from '@shared/scripts/run';
import { useDesk } from '../../../app/context';
import type { ShortcutId } from '../../../app/keymap';
import { comboOf } from '../../../app/keymap';
import { useShortcuts } from '../../../ui/useShortcuts';
import type { ScriptRunView } from '../slice';
import { selectScriptView } from '../slice';

/** A script control with its shortcut, declared for assistive tech and shown. */
function KeyButton({ shortcut, children, ...props }: ButtonProps & { shortcut: ShortcutId }) {
  const combo = comboOf(shortcut);
  return (
    <Button {...props} aria-keyshortcuts={combo}>
      {children}
      <kbd style={{ marginLeft: 4, fontSize: 11 }}>{combo}</kbd>
    </Button>
  );
}

/** A variable's label for its placeholder: 【客户姓名】, 【记录项：回电时间】. */
function placeholder(name: string, view: ScriptRunView, t: TFunction): string {
  if (name.startsWith('field.')) {
    const id = name.slice(6);
    const ask = view.doc.steps.find((s) => s.kind === 'ask' && s.field.id === id);
    return `【${ask?.kind === 'ask' ? ask.field.label : t('vars.field')}】`;
  }
  return `【${t(`vars.${name}`, { defaultValue: t('vars.field') })}】`;
}

function Filled({ segments, view }: { segments: Segment[]; view: ScriptRunView }) {
  const { t } = useTranslation('scripts');
  return (
    <>
      {segments.map((s, i) =>
        s.kind === 'text' ? (
          <span key={i}>{s.text}</span>
        ) : s.value === null ? (
          <mark key={i} data-placeholder={s.name} style={{ background: '#fff1b8' }}>
            {placeholder(s.name, view, t)}
          </mark>
        ) : (
          <strong key={i}>{s.value}</strong>
        ),
      )}
    </>
  );
}

/**
 * On the 下单 script's 保价 step: an order taken on the call proves the item by its recorded
 * outcome (Art. 21), not the tick; without an order form the agent confirms here.
 */
function InsuranceNote({ run }: { run: RunView | null }) {
  const { t } = useTranslation('scripts');
  const orders = run?.evidence.orders ?? [];
  const recorded = recordedInsurance(orders);
  // Only an order that offered 保价 waits for an outcome; one no offer applied to leaves the tick.
  const last = orders.filter((o) => o.offered).at(-1);
  return (
    <div>
      <Typography.Text type="secondary">{t('order.note')}</Typography.Text>
      {recorded?.insurance ? (
        <Alert
          type="success"
          showIcon
          title={t('order.recorded', {
            number: recorded.number,
            outcome: t(`order.outcomes.${recorded.insurance}`),
          })}
        />
      ) : (
        last && (
          <Alert type="warning" showIcon title={t('order.notRecorded', { number: last.number })} />
        )
      )}
    </div>
  );
}

/**
 * Hold etiquette on the call's real hold (shared/scripts/evidence.ts): shown from the moment the
 * agent holds until the phrases for every hold are confirmed — ask and say how long while the
 * caller waits (they were said just before the hold), thank after the resume. Main refuses a
 * confirmation without a hold, and thanks while still on hold.
 */
function HoldEtiquetteCard({ run, onHold }: { run: RunView; onHold: boolean }) {
  const { t } = useTranslation('scripts');
  const confirm = useDesk((s) => s.confirmHoldPhrases);
  const holds = run.evidence.holds;
  const current = run.run.hold?.hold === holds.count ? run.run.hold.phrases : [];
  const met = holdEtiquetteMet(run.run.hold, holds);
  const due: HoldPhrase[] = holdPhrases.filter(
    (p) => !current.includes(p) && (!onHold || p !== 'thanks'),
  );
  useShortcuts(
    { 'scripts.holdPhrases': () => void confirm(due) },
    run.closedAt === null && due.length > 0,
  );
  return (
    <Card
      size="small"
      type="inner"
      role="region"
      title={t(onHold ? 'hold.title' : 'hold.titleAfter')}
      aria-label={t('items.hold_etiquette')}
    >
      <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
        {t('hold.intro')}
        {holds.count > 1 && ` ${t('hold.count', { count: holds.count })}`}
      </Typography.Paragraph>
      <ul style={{ listStyle: 'none', padding: 0, margin: '0 0 8px', fontSize: 16 }}>
        {holdPhrases.map((p) => (
          <li key={p}>
            {t(`hold.${p}`)}
            {current.includes(p) && (
              <Tag color="green" style={{ marginLeft: 8 }}>
                {t('hold.said')}
              </Tag>
            )}
          </li>
        ))}
      </ul>
      {met && !onHold ? (
        <Tag color="green">{t('hold.done')}</Tag>
      ) : (
        due.length > 0 &&
        run.closedAt === null && (
          <KeyButton
            shortcut="scripts.holdPhrases"
            type="primary"
            onClick={() => void confirm(due)}
          >
            {t(onHold ? 'hold.confirmBefore' : 'hold.confirmThanks')}
          </KeyButton>
        )
      )}
    </Card>
  );
}

/**
 * The script beside the call controls: the current step in large type with the call's details
 * filled in, its controls (each with a shortcut), the open compliance items at all times, what
 * was captured, search across the steps, switching the script, and — once the call is over —
 * closing the script (with a reason while items are open). Without a call: practice mode.
 */
export function ScriptPanel() {
  const { t } = useTranslation('scripts');
  const { t: tp } = useTranslation('softphone');
  const callScript = useDesk((s) => s.callScript);
  const practice = useDesk((s) => s.practice);
  const view = useMemo(() => selectScriptView({ callScript, practice }), [callScript, practice]);
  const published = useDesk((s) => s.publishedScripts);
  const error = useDesk((s) => s.scriptError);
  const phone = useDesk((s) => s.phone);
  const act = useDesk((s) => s.scriptAct);
  const close = useDesk((s) => s.closeCallScript);
  const startCallScript = useDesk((s) => s.startCallScript);
  const startPractice = useDesk((s) => s.startPractice);
  const openOrderForm = useDesk((s) => s.openOrderForm);
  const stopPractice = useDesk((s) => s.stopPractice);
  const [input, setInput] = useState('');
  const [query, setQuery] = useState('');
  const [reason, setReason] = useState('');
  const [practiceKey, setPracticeKey] = useState<ScriptKey>('generic');
  const inputRef = useRef<HTMLInputElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const switchRef = useRef<HTMLDivElement>(null);

  const call = phone?.call ?? null;
  const callLive = call !== null && call.phase === 'active';
  const callOver = callScript !== null && (!callLive || call?.id !== callScript.callId);
  const step = view?.doc.steps.find((s) => s.id === view.run.step);
  const closed = view !== null && view.closedAt !== null;
  const canAct = view !== null && !closed;
  // The call's own run (not practice), while its call is the one on the line.
  const liveRun = view?.mode === 'call' && callScript && !callOver ? callScript : null;
  const onHold = call !== null && call.hold !== 'none' && call.hold !== 'hold_failed';
  const showHold =
    liveRun !== null &&
    (onHold ||
      (liveRun.evidence.holds.count > 0 &&
        !holdEtiquetteMet(liveRun.run.hold, liveRun.evidence.holds)));
  const orderScript = liveRun !== null && view?.run.script === 'order';
  const fillOrder = () => {
    if (liveRun) openOrderForm({ customerId: call?.customerId ?? null, callId: liveRun.callId });
  };
  useShortcuts({ 'scripts.orderForm': fillOrder }, orderScript);

  const submit = async () => {
    if (!step || !canAct) return;
    if (step.kind === 'say') await act({ type: 'next' });
    else if (step.kind === 'ask' && (await act({ type: 'capture', input }))) setInput('');
  };
  useShortcuts(
    {
      'scripts.next': () => void submit(),
      'scripts.back': () => void act({ type: 'back' }),
      'scripts.met': () => {
        if (step?.kind === 'checkpoint') void act({ type: 'checkpoint', outcome: 'met' });
      },
      'scripts.skip': () => {
        if (step?.kind === 'checkpoint') void act({ type: 'checkpoint', outcome: 'skipped' });
      },
      'scripts.search': () => searchRef.current?.focus(),
      'scripts.switch': () => switchRef.current?.querySelector('input')?.focus(),
    },
    canAct,
  );

  const matches = useMemo(() => {
    const q = query.trim();
    if (!view || q === '') return [];
    return view.doc.steps.filter(
      (s) =>
        (s.kind === 'say' || s.kind === 'ask' || s.kind === 'checkpoint') &&
        `${s.title ?? ''} ${s.text}`.includes(q),
    );
  }, [query, view]);

  const scriptName = (key: ScriptKey) => t(`scripts.${key}`);
  const scriptOptions = scriptKeys
    .filter((k) => !published || published.some((p) => p.key === k))
    .map((k) => ({ value: k, label: scriptName(k) }));

  if (!view) {
    return (
      <div>
        <Card size="small" title={t('panel.title')}>
          {callLive && !callScript && <Typography.Text>{t('panel.loading')}</Typography.Text>}
          {!callLive && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Typography.Text type="secondary">{t('panel.practiceHint')}</Typography.Text>
              <Space>
                <Select
                  aria-label={t('panel.pickScript')}
                  value={practiceKey}
                  onChange={setPracticeKey}
                  options={scriptOptions}
                  style={{ minWidth: 180 }}
                />
                <Button
                  onClick={() => startPractice(practiceKey)}
                  disabled={!published || published.length === 0}
                >
                  {t('panel.startPractice')}
                </Button>
              </Space>
            </Space>
          )}
          {error && <Alert type="error" role="alert" showIcon title={t(`errors.${error}`)} />}
        </Card>
      </div>
    );
  }

  const title = view.doc.title;
  const items = view.run.required;
  return (
    <div>
      <Card
        size="small"
        title={
          <Space>
            <span>{t('panel.title')}</span>
            <Tag>{`${title} · ${t('panel.version', { version: view.version })}`}</Tag>
            {view.mode === 'practice' && <Tag color="blue">{t('panel.practice')}</Tag>}
          </Space>
        }
        extra={
          <Space>
            <div ref={switchRef}>
              <Select
                aria-label={t('panel.switchScript')}
                aria-keyshortcuts={comboOf('scripts.switch')}
                value={view.run.script}
                disabled={!canAct}
                onChange={(script: ScriptKey) => {
                  if (view.mode === 'call' && callScript && view.run.path.length === 0)
                    void startCallScript(callScript.callId, script);
                  else void act({ type: 'switch', script });
                }}
                options={scriptOptions}
                style={{ minWidth: 160 }}
              />
            </div>
            {view.mode === 'practice' && (
              <Button onClick={stopPractice}>{t('panel.stopPractice')}</Button>
            )}
          </Space>
        }
      >
        <Space orientation="vertical" style={{ width: '100%' }} size="middle">
          {/* Who and what the script is about (the screen pop's customer and waybill). */}
          <Typography.Text type="secondary" data-testid="script-context">
            {[
              view.context.customer
                ? t('panel.customer', { name: view.context.customer.name })
                : t('panel.unknownCaller'),
              view.context.waybill && t('panel.waybill', { number: view.context.waybill.number }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Typography.Text>
          {/* Open compliance items, visible at all times. */}
          <div role="list" aria-label={t('panel.open')}>
            <Typography.Text strong>{t('panel.open')}：</Typography.Text>
            {view.open.length === 0 ? (
              <Tag color="green" role="listitem">
                {t('panel.noneOpen')}
              </Tag>
            ) : (
              view.open.map((item) => (
                <Tag
                  key={item}
                  role="listitem"
                  color={view.run.checkpoints[item] === 'skipped' ? 'red' : 'orange'}
                >
                  {t(`items.${item}`)}
                </Tag>
              ))
            )}
            {items
              .filter((i) => !view.open.includes(i))
              .map((item) => (
                <Tag key={item} color="green">
                  {`✓ ${t(`items.${item}`)}`}
                </Tag>
              ))}
          </div>

          {/* On hold: the etiquette comes first, above the step the agent paused on. */}
          {showHold && liveRun && <HoldEtiquetteCard run={liveRun} onHold={onHold} />}

          {step && (
            <div aria-label={t('panel.step')} aria-live="polite">
              {step.title && <Typography.Text type="secondary">{step.title}</Typography.Text>}
              {step.kind === 'checkpoint' && (
                <div>
                  <Tag color="purple">
                    {t('panel.checkpoint', { item: t(`items.${step.item}`) })}
                  </Tag>
                </div>
              )}
              {'text' in step && step.text !== undefined && (
                <p
                  style={{ fontSize: 22, lineHeight: 1.6, margin: '4px 0' }}
                  data-testid="script-text"
                >
                  <Filled
                    segments={renderText(step.text, view.context, view.run.values, view.doc)}
                    view={view}
                  />
                </p>
              )}
              {step.kind === 'checkpoint' && step.item === 'hold_etiquette' && (
                <Typography.Text type="secondary">{t('hold.stepNote')}</Typography.Text>
              )}
              {step.kind === 'checkpoint' && step.item === 'insurance_rules' && (
                <InsuranceNote run={liveRun} />
              )}
              {step.kind === 'end' && view.run.ended && (
                <Alert
                  type="success"
                  showIcon
                  title={t('panel.ended', {
                    disposition: tp(`dispositions.${view.run.ended.disposition}`),
                  })}
                />
              )}
            </div>
          )}

          {canAct && step?.kind === 'ask' && step.field.type === 'choice' && (
            <Space wrap>
              {(step.field.options ?? []).map((o) => (
                <Button
                  key={o}
                  aria-label={t('panel.option', { option: o })}
                  onClick={() => void act({ type: 'capture', input: o })}
                >
                  {o}
                </Button>
              ))}
            </Space>
          )}
          {canAct && step?.kind === 'ask' && step.field.type !== 'choice' && (
            <Space.Compact style={{ width: '100%' }}>
              <Input
                ref={(el) => {
                  inputRef.current = el?.input ?? null;
                }}
                aria-label={step.field.label}
                placeholder={step.field.hint}
                value={input}
                maxLength={200}
                onChange={(e) => setInput(e.target.value)}
                onPressEnter={() => void submit()}
              />
              <KeyButton shortcut="scripts.next" type="primary" onClick={() => void submit()}>
                {t('panel.submit')}
              </KeyButton>
            </Space.Compact>
          )}
          {canAct && step?.kind === 'ask' && step.field.hint && step.field.type !== 'choice' && (
            <Typography.Text type="secondary">
              {t('panel.fieldHint', { hint: step.field.hint })}
            </Typography.Text>
          )}

          {canAct && (
            <Space wrap>
              {step?.kind === 'say' && (
                <KeyButton shortcut="scripts.next" type="primary" onClick={() => void submit()}>
                  {t('panel.next')}
                </KeyButton>
              )}
              {step?.kind === 'checkpoint' && (
                <>
                  <KeyButton
                    shortcut="scripts.met"
                    type="primary"
                    onClick={() => void act({ type: 'checkpoint', outcome: 'met' })}
                  >
                    {t('panel.met')}
                  </KeyButton>
                  <KeyButton
                    shortcut="scripts.skip"
                    onClick={() => void act({ type: 'checkpoint', outcome: 'skipped' })}
                  >
                    {t('panel.skip')}
                  </KeyButton>
                </>
              )}
              <KeyButton
                shortcut="scripts.back"
                disabled={view.run.history.length === 0}
                onClick={() => void act({ type: 'back' })}
              >
                {t('panel.back')}
              </KeyButton>
            </Space>
          )}

          {orderScript && (
            <KeyButton shortcut="scripts.orderForm" onClick={fillOrder}>
              {t('order.fill')}
            </KeyButton>
          )}

          {error && <Alert type="error" role="alert" showIcon title={t(`errors.${error}`)} />}

          <div>
            <Typography.Text strong>{t('panel.captured')}</Typography.Text>
            <dl aria-label={t('panel.captured')} style={{ margin: 0 }}>
              {Object.keys(view.run.values).length === 0 && (
                <Typography.Text type="secondary">{t('panel.nothingCaptured')}</Typography.Text>
              )}
              {Object.entries(view.run.values).map(([id, value]) => {
                const ask = view.doc.steps.find((s) => s.kind === 'ask' && s.field.id === id);
                const field = ask?.kind === 'ask' ? ask.field : null;
                return (
                  <div key={id} style={{ display: 'flex', gap: 8 }}>
                    <dt>{field?.label ?? t('vars.field')}</dt>
                    <dd style={{ margin: 0 }}>{showCaptured(value, field?.type ?? 'text')}</dd>
                  </div>
                );
              })}
            </dl>
          </div>

          {canAct && (
            <div>
              <Input
                ref={(el) => {
                  searchRef.current = el?.input ?? null;
                }}
                aria-label={t('panel.search')}
                aria-keyshortcuts={comboOf('scripts.search')}
                placeholder={t('panel.searchPlaceholder')}
                value={query}
                allowClear
                onChange={(e) => setQuery(e.target.value)}
              />
              {query.trim() !== '' && (
                <ul aria-label={t('panel.search')} style={{ listStyle: 'none', padding: 0 }}>
                  {matches.length === 0 && <li>{t('panel.noMatch')}</li>}
                  {matches.map((s) => (
                    <li key={s.id}>
                      <Button
                        type="link"
                        onClick={() => {
                          setQuery('');
                          void act({ type: 'goto', step: s.id });
                        }}
                      >
                        {t('panel.goTo', { title: s.title ?? s.id })}
                      </Button>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}

          {view.mode === 'call' && callOver && !closed && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              {view.open.length > 0 && (
                <Input.TextArea
                  aria-label={t('panel.closeReason')}
                  placeholder={t('panel.closeReasonHint')}
                  value={reason}
                  maxLength={200}
                  onChange={(e) => setReason(e.target.value)}
                />
              )}
              <Button type="primary" onClick={() => void close(reason)}>
                {t('panel.close')}
              </Button>
            </Space>
          )}
          {closed && (
            <Alert
              type="info"
              showIcon
              title={t('panel.closed')}
              description={
                view.openReason ? t('panel.reasonGiven', { reason: view.openReason }) : undefined
              }
            />
          )}
        </Space>
      </Card>
    </div>
  );
}
