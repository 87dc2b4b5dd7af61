import { Alert, Button, Card, Checkbox, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { InputProps } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { dispositions } from '@shared/softphone/call-state';
import { anomalyKinds } from '@shared/waybills/anomalies';
import { trackingStatuses } from '@shared/waybills/tracking';
import type {
  Catalog,
  Condition,
  ScriptDoc,
  ScriptKey,
  Step,
  StepKind,
} from '@shared/scripts/model';
import { checkpointItems, fieldTypes, scriptDocSchema, scriptKeys } from '@shared/scripts/model';
import type { Problem } from '@shared/scripts/validate';
import { insertableVariables, validateScript } from '@shared/scripts/validate';
import { useDesk } from '../../../app/context';
import type { ScriptsSlice } from '../slice';

const stepKinds: StepKind[] = ['say', 'ask', 'checkpoint', 'branch', 'jump', 'end'];
const conditionKinds: Condition['on'][] = [
  'field',
  'direction',
  'caller_known',
  'customer_class',
  'key_account',
  'has_waybill',
  'waybill_status',
  'anomaly',
];

/** A new step of a kind, with a free id and the first step as its target. */
/** A text field with its name in front of it (the field's accessible name too). */
function Labelled({ label, ...input }: Omit<InputProps, 'aria-label'> & { label: string }) {
  return (
    <Space.Compact>
      <Space.Addon>{label}</Space.Addon>
      <Input aria-label={label} {...input} />
    </Space.Compact>
  );
}

function newStep(kind: StepKind, doc: ScriptDoc): Step {
  let n = doc.steps.length + 1;
  while (doc.steps.some((s) => s.id === `step_${n}`)) n++;
  const id = `step_${n}`;
  const to = doc.start;
  switch (kind) {
    case 'say':
      return { id, kind, text: '', next: to };
    case 'ask':
      return {
        id,
        kind,
        text: '',
        field: { id: `field_${n}`, type: 'text', label: '', required: true },
        next: to,
      };
    case 'checkpoint':
      return { id, kind, item: 'greeting', text: '', next: to };
    case 'branch':
      return { id, kind, cases: [{ when: [{ on: 'has_waybill', is: true }], to }], otherwise: to };
    case 'jump':
      return { id, kind, to };
    case 'end':
      return { id, kind, disposition: 'other' };
  }
}

function defaultCondition(on: Condition['on'], fields: string[]): Condition {
  switch (on) {
    case 'field':
      return { on, field: fields[0] ?? '', op: 'set' };
    case 'direction':
      return { on, is: 'inbound' };
    case 'caller_known':
    case 'key_account':
    case 'has_waybill':
      return { on, is: true };
    case 'customer_class':
      return { on, in: ['A'] };
    case 'waybill_status':
      return { on, in: ['STALLED'] };
    case 'anomaly':
      return { on, in: ['stalled'] };
  }
}

/** A problem in the lead's words: the step, the item or the limit, never an internal code. */
export function problemText(p: Problem, t: TFunction): string {
  let detail = p.detail ?? '';
  if (p.code === 'missing_required' || p.code === 'required_not_listed')
    detail = t(`items.${detail}`);
  if (p.code === 'too_long') detail = detail.split(':')[1] ?? detail;
  return t(`problems.${p.code}`, { step: p.step ?? '', detail });
}

function ConditionEditor({
  cond,
  fields,
  onChange,
  onRemove,
}: {
  cond: Condition;
  fields: string[];
  onChange: (c: Condition) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('scripts');
  const { t: tw } = useTranslation('waybills');
  const yesNo = [
    { value: 'true', label: t('editor.yes') },
    { value: 'false', label: t('editor.no') },
  ];
  return (
    <Space wrap>
      <Select
        aria-label={t('editor.condition')}
        value={cond.on}
        onChange={(on: Condition['on']) => onChange(defaultCondition(on, fields))}
        options={conditionKinds.map((k) => ({ value: k, label: t(`editor.conditionKinds.${k}`) }))}
        style={{ minWidth: 140 }}
      />
      {cond.on === 'field' && (
        <>
          <Select
            aria-label={t('editor.conditionKinds.field')}
            value={cond.field}
            onChange={(field: string) => onChange({ ...cond, field })}
            options={fields.map((f) => ({ value: f, label: f }))}
            style={{ minWidth: 120 }}
          />
          <Select
            aria-label={t('editor.op')}
            value={cond.op}
            onChange={(op: typeof cond.op) =>
              onChange(
                op === 'set' || op === 'unset'
                  ? { on: 'field', field: cond.field, op }
                  : { ...cond, op, value: cond.value ?? '' },
              )
            }
            options={(['eq', 'ne', 'gt', 'lt', 'set', 'unset'] as const).map((o) => ({
              value: o,
              label: t(`editor.ops.${o}`),
            }))}
          />
          {cond.op !== 'set' && cond.op !== 'unset' && (
            <Input
              aria-label={t('editor.value')}
              value={String(cond.value ?? '')}
              onChange={(e) => {
                const v = e.target.value;
                onChange({
                  ...cond,
                  value:
                    /^-?\d+(\.\d+)?$/.test(v) && (cond.op === 'gt' || cond.op === 'lt')
                      ? Number(v)
                      : v,
                });
              }}
              style={{ width: 140 }}
            />
          )}
        </>
      )}
      {cond.on === 'direction' && (
        <Select
          aria-label={t('editor.value')}
          value={cond.is}
          onChange={(is: 'inbound' | 'outbound') => onChange({ on: 'direction', is })}
          options={[
            { value: 'inbound', label: t('editor.inbound') },
            { value: 'outbound', label: t('editor.outbound') },
          ]}
        />
      )}
      {(cond.on === 'caller_known' || cond.on === 'key_account' || cond.on === 'has_waybill') && (
        <Select
          aria-label={t('editor.value')}
          value={String(cond.is)}
          onChange={(v: string) => onChange({ on: cond.on, is: v === 'true' })}
          options={yesNo}
        />
      )}
      {cond.on === 'customer_class' && (
        <Select
          mode="multiple"
          aria-label={t('editor.value')}
          value={cond.in}
          onChange={(v: ('A' | 'B' | 'C')[]) => onChange({ on: 'customer_class', in: v })}
          options={['A', 'B', 'C'].map((c) => ({ value: c, label: c }))}
          style={{ minWidth: 120 }}
        />
      )}
      {cond.on === 'waybill_status' && (
        <Select
          mode="multiple"
          aria-label={t('editor.value')}
          value={cond.in}
          onChange={(v: (typeof trackingStatuses)[number][]) =>
            onChange({ on: 'waybill_status', in: v })
          }
          options={trackingStatuses.map((s) => ({ value: s, label: tw(`tracking.${s}`) }))}
          style={{ minWidth: 200 }}
        />
      )}
      {cond.on === 'anomaly' && (
        <Select
          mode="multiple"
          aria-label={t('editor.value')}
          value={cond.in}
          onChange={(v: (typeof anomalyKinds)[number][]) => onChange({ on: 'anomaly', in: v })}
          options={anomalyKinds.map((a) => ({ value: a, label: tw(`anomaly.${a}.title`) }))}
          style={{ minWidth: 200 }}
        />
      )}
      <Button onClick={onRemove}>{t('editor.remove')}</Button>
    </Space>
  );
}

function StepEditor({
  step,
  doc,
  catalog,
  index,
  onChange,
  onMove,
  onRemove,
}: {
  step: Step;
  doc: ScriptDoc;
  catalog: Catalog;
  index: number;
  onChange: (s: Step) => void;
  onMove: (delta: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation('scripts');
  const { t: ts } = useTranslation('softphone');
  const ids = doc.steps.map((s) => ({
    value: s.id,
    label: s.title ? `${s.title}（${s.id}）` : s.id,
  }));
  const fields = [...new Set(doc.steps.flatMap((s) => (s.kind === 'ask' ? [s.field.id] : [])))];
  const variables = insertableVariables(doc);
  const target = (
    label: string,
    value: string | undefined,
    set: (v: string) => void,
    options = ids,
  ) => (
    <label>
      {label}{' '}
      <Select
        aria-label={label}
        value={value}
        onChange={set}
        options={options}
        style={{ minWidth: 200 }}
      />
    </label>
  );
  const textEditor = (value: string, set: (v: string) => void) => (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Input.TextArea
        aria-label={t('editor.text')}
        value={value}
        autoSize
        onChange={(e) => set(e.target.value)}
      />
      <Select
        aria-label={t('editor.insertVariable')}
        placeholder={t('editor.insertVariable')}
        value={null}
        onChange={(v: string) => set(`${value}{${v}}`)}
        options={variables.map((v) => ({
          value: v,
          label: v.startsWith('field.') ? `${t('vars.field')}：${v.slice(6)}` : t(`vars.${v}`),
        }))}
        style={{ minWidth: 200 }}
      />
    </Space>
  );
  return (
    <Card
      size="small"
      title={`${index + 1}. ${t(`editor.kinds.${step.kind}`)} · ${step.title ?? step.id}`}
      extra={
        <Space>
          <Button aria-label={`${t('editor.moveUp')} ${step.id}`} onClick={() => onMove(-1)}>
            ↑
          </Button>
          <Button aria-label={`${t('editor.moveDown')} ${step.id}`} onClick={() => onMove(1)}>
            ↓
          </Button>
          <Button danger aria-label={`${t('editor.remove')} ${step.id}`} onClick={onRemove}>
            {t('editor.remove')}
          </Button>
        </Space>
      }
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <Labelled
            label={t('editor.id')}
            value={step.id}
            onChange={(e) => onChange({ ...step, id: e.target.value })}
          />
          <Labelled
            label={t('editor.stepTitle')}
            value={step.title ?? ''}
            onChange={(e) => {
              const { title: _, ...rest } = step;
              onChange(e.target.value === '' ? (rest as Step) : { ...step, title: e.target.value });
            }}
          />
        </Space>
        {(step.kind === 'say' || step.kind === 'ask' || step.kind === 'checkpoint') &&
          textEditor(step.text, (text) => onChange({ ...step, text }))}
        {step.kind === 'checkpoint' && (
          <Select
            aria-label={t('editor.item')}
            value={step.item}
            onChange={(item: Step & { kind: 'checkpoint' } extends { item: infer I } ? I : never) =>
              onChange({ ...step, item })
            }
            options={checkpointItems.map((i) => ({ value: i, label: t(`items.${i}`) }))}
            style={{ minWidth: 220 }}
          />
        )}
        {step.kind === 'ask' && (
          <Space wrap>
            <Labelled
              label={t('editor.fieldId')}
              value={step.field.id}
              onChange={(e) => onChange({ ...step, field: { ...step.field, id: e.target.value } })}
            />
            <Labelled
              label={t('editor.fieldLabel')}
              value={step.field.label}
              onChange={(e) =>
                onChange({ ...step, field: { ...step.field, label: e.target.value } })
              }
            />
            <Select
              aria-label={t('editor.fieldType')}
              value={step.field.type}
              onChange={(type: (typeof fieldTypes)[number]) => {
                const { options: _, ...field } = step.field;
                onChange({
                  ...step,
                  field:
                    type === 'choice' ? { ...field, type, options: ['', ''] } : { ...field, type },
                });
              }}
              options={fieldTypes.map((f) => ({ value: f, label: t(`editor.fieldTypes.${f}`) }))}
            />
            <Labelled
              label={t('editor.hint')}
              value={step.field.hint ?? ''}
              onChange={(e) =>
                onChange({ ...step, field: { ...step.field, hint: e.target.value } })
              }
            />
            {step.field.type === 'choice' && (
              <Input.TextArea
                aria-label={t('editor.options')}
                placeholder={t('editor.options')}
                autoSize
                value={(step.field.options ?? []).join('\n')}
                onChange={(e) =>
                  onChange({
                    ...step,
                    field: { ...step.field, options: e.target.value.split('\n') },
                  })
                }
              />
            )}
            <Checkbox
              checked={step.fillsWaybill ?? false}
              onChange={(e) => onChange({ ...step, fillsWaybill: e.target.checked })}
            >
              {t('editor.fillsWaybill')}
            </Checkbox>
          </Space>
        )}
        {(step.kind === 'say' || step.kind === 'ask' || step.kind === 'checkpoint') &&
          target(t('editor.next'), step.next, (next) => onChange({ ...step, next }))}
        {step.kind === 'branch' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text strong>{t('editor.cases')}</Typography.Text>
            {step.cases.map((c, ci) => (
              <Card key={ci} size="small">
                {c.when.map((cond, wi) => (
                  <ConditionEditor
                    key={wi}
                    cond={cond}
                    fields={fields}
                    onChange={(nc) => {
                      const cases = step.cases.map((x, i) =>
                        i === ci ? { ...x, when: x.when.map((w, j) => (j === wi ? nc : w)) } : x,
                      );
                      onChange({ ...step, cases });
                    }}
                    onRemove={() => {
                      const cases = step.cases
                        .map((x, i) =>
                          i === ci ? { ...x, when: x.when.filter((_, j) => j !== wi) } : x,
                        )
                        .filter((x) => x.when.length > 0);
                      if (cases.length > 0) onChange({ ...step, cases });
                    }}
                  />
                ))}
                <Button
                  onClick={() => {
                    const cases = step.cases.map((x, i) =>
                      i === ci
                        ? { ...x, when: [...x.when, defaultCondition('has_waybill', fields)] }
                        : x,
                    );
                    onChange({ ...step, cases });
                  }}
                >
                  {t('editor.condition')} +
                </Button>
                {target(t('editor.goTo'), c.to, (to) =>
                  onChange({
                    ...step,
                    cases: step.cases.map((x, i) => (i === ci ? { ...x, to } : x)),
                  }),
                )}
              </Card>
            ))}
            <Button
              onClick={() =>
                onChange({
                  ...step,
                  cases: [
                    ...step.cases,
                    { when: [defaultCondition('has_waybill', fields)], to: doc.start },
                  ],
                })
              }
            >
              {t('editor.addCase')}
            </Button>
            {target(t('editor.otherwise'), step.otherwise, (otherwise) =>
              onChange({ ...step, otherwise }),
            )}
          </Space>
        )}
        {step.kind === 'jump' && (
          <Space wrap>
            <Select
              aria-label={t('editor.jumpScript')}
              value={step.script ?? doc.key}
              onChange={(script: ScriptKey) =>
                onChange(
                  script === doc.key
                    ? {
                        id: step.id,
                        kind: 'jump',
                        to: doc.start,
                        ...(step.title && { title: step.title }),
                      }
                    : {
                        id: step.id,
                        kind: 'jump',
                        script,
                        ...(step.title && { title: step.title }),
                      },
                )
              }
              options={scriptKeys.map((k) => ({
                value: k,
                label: k === doc.key ? t('editor.sameScript') : t(`scripts.${k}`),
              }))}
              style={{ minWidth: 160 }}
            />
            {target(
              t('editor.goTo'),
              step.to,
              (to) => onChange({ ...step, to }),
              step.script && step.script !== doc.key
                ? (catalog[step.script]?.steps ?? []).map((s) => ({
                    value: s.id,
                    label: s.title ?? s.id,
                  }))
                : ids,
            )}
          </Space>
        )}
        {step.kind === 'end' && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {textEditor(step.text ?? '', (text) => onChange({ ...step, text }))}
            <Select
              aria-label={t('editor.disposition')}
              value={step.disposition}
              onChange={(disposition: (typeof dispositions)[number]) =>
                onChange({ ...step, disposition })
              }
              options={dispositions.map((d) => ({ value: d, label: ts(`dispositions.${d}`) }))}
              style={{ minWidth: 160 }}
            />
          </Space>
        )}
      </Space>
    </Card>
  );
}

/** Two versions side by side, step by step. */
function VersionDiff({ left, right }: { left: ScriptDoc; right: ScriptDoc }) {
  const { t } = useTranslation('scripts');
  const ids = [...new Set([...left.steps.map((s) => s.id), ...right.steps.map((s) => s.id)])];
  const show = (s: Step | undefined) =>
    s ? ('text' in s && s.text ? s.text : t(`editor.kinds.${s.kind}`)) : '';
  const rows = ids.map((id) => {
    const a = left.steps.find((s) => s.id === id);
    const b = right.steps.find((s) => s.id === id);
    const status = !a
      ? 'added'
      : !b
        ? 'removed'
        : JSON.stringify(a) === JSON.stringify(b)
          ? 'same'
          : 'changed';
    return { key: id, id, left: show(a), right: show(b), status };
  });
  return (
    <Table
      size="small"
      pagination={false}
      dataSource={rows}
      rowClassName={(r) => `diff-${r.status}`}
      columns={[
        { title: t('editor.id'), dataIndex: 'id' },
        { title: t('editor.left'), dataIndex: 'left' },
        { title: t('editor.right'), dataIndex: 'right' },
        {
          title: '',
          dataIndex: 'status',
          render: (s: string) => (
            <Tag
              color={
                s === 'same'
                  ? 'default'
                  : s === 'changed'
                    ? 'orange'
                    : s === 'added'
                      ? 'green'
                      : 'red'
              }
            >
              {t(`editor.${s}`)}
            </Tag>
          ),
        },
      ]}
    />
  );
}

/**
 * The lead's script editor: pick a script, edit its steps with forms (variables inserted from a
 * list, branch conditions from pickers), see the problems as you type, preview the draft in the
 * script panel as an agent would, publish it as a new version with a note, compare two versions
 * side by side, and roll back by publishing an old version again. Leads only (main refuses
 * everyone else).
 */
export function ScriptEditor() {
  const { t } = useTranslation('scripts');
  const versions = useDesk((s) => s.scriptVersions);
  const load = useDesk((s) => s.loadScriptVersions);
  const [key, setKey] = useState<ScriptKey>('generic');
  // Kept here: publishing opens the new version in a fresh draft, and the result stays said.
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    void load(key);
  }, [key, load]);
  const latest = versions?.key === key ? versions.versions[0] : undefined;
  return (
    <section aria-label={t('editor.title')}>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Select
          aria-label={t('editor.script')}
          value={key}
          onChange={(k: ScriptKey) => {
            setMessage(null);
            setKey(k);
          }}
          options={scriptKeys.map((k) => ({ value: k, label: t(`scripts.${k}`) }))}
          style={{ minWidth: 180 }}
        />
        {versions && latest ? (
          // A fresh draft whenever another script or a new version is opened.
          <DraftEditor
            key={`${key}:${latest.version}`}
            scriptKey={key}
            versions={versions}
            setMessage={setMessage}
          />
        ) : (
          <Typography.Text>{t('panel.loading')}</Typography.Text>
        )}
        {message && (
          <Alert
            type={message.ok ? 'success' : 'error'}
            role="alert"
            showIcon
            title={message.text}
          />
        )}
      </Space>
    </section>
  );
}

function DraftEditor({
  scriptKey: key,
  versions,
  setMessage,
}: {
  scriptKey: ScriptKey;
  versions: NonNullable<ScriptsSlice['scriptVersions']>;
  setMessage: (m: { ok: boolean; text: string } | null) => void;
}) {
  const { t } = useTranslation('scripts');
  const published = useDesk((s) => s.publishedScripts);
  const publish = useDesk((s) => s.publishScript);
  const rollback = useDesk((s) => s.rollbackScript);
  const preview = useDesk((s) => s.startPractice);
  const latest = versions.versions[0]!;
  const [draft, setDraft] = useState<ScriptDoc>(() => structuredClone(latest.doc));
  const basedOn = latest.version;
  const [note, setNote] = useState('');
  const [rollbackNote, setRollbackNote] = useState('');
  const [addKind, setAddKind] = useState<StepKind>('say');
  const [selected, setSelected] = useState(-1);
  const [diff, setDiff] = useState<[number, number] | null>(() => {
    const older = versions.versions[1]?.version;
    return older === undefined ? null : [older, latest.version];
  });

  const catalog = useMemo<Catalog>(
    () => Object.fromEntries((published ?? []).map((v) => [v.key, v.doc])),
    [published],
  );
  const problems = useMemo((): string[] => {
    const shape = scriptDocSchema.safeParse(draft);
    if (!shape.success) {
      return shape.error.issues.map((i) => {
        const n = i.path[0] === 'steps' && typeof i.path[1] === 'number' ? i.path[1] : null;
        const step = n === null ? '' : (draft.steps[n]?.id ?? String(n + 1));
        return t('problems.shape', { step });
      });
    }
    return validateScript(shape.data, { ...catalog, [draft.key]: shape.data }).map((p) =>
      problemText(p, t),
    );
  }, [draft, catalog, t]);

  const setStep = (i: number, s: Step) =>
    setDraft({ ...draft, steps: draft.steps.map((x, j) => (j === i ? s : x)) });
  const move = (i: number, delta: -1 | 1) => {
    const j = i + delta;
    if (j < 0 || j >= draft.steps.length) return;
    const steps = [...draft.steps];
    [steps[i], steps[j]] = [steps[j]!, steps[i]!];
    setDraft({ ...draft, steps });
  };
  const byVersion = (v: number) => versions.versions.find((x) => x.version === v)?.doc;

  return (
    <>
      <Space orientation="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Tag>{t('panel.version', { version: basedOn })}</Tag>
          <Button onClick={() => preview(key, draft)} disabled={problems.length > 0}>
            {t('editor.preview')}
          </Button>
          <Button
            onClick={() => {
              setDraft(structuredClone(versions.versions[0]!.doc));
              setMessage(null);
            }}
          >
            {t('editor.reset')}
          </Button>
        </Space>
        {versions.pendingShipped && (
          <Alert
            type="info"
            showIcon
            title={t('editor.pendingShipped', { revision: versions.pendingShipped.revision })}
            action={
              <Button onClick={() => setDraft(structuredClone(versions.pendingShipped!.doc))}>
                {t('editor.loadShipped')}
              </Button>
            }
          />
        )}

        <div role="status" aria-live="polite">
          {problems.length === 0 ? (
            <Alert type="success" showIcon title={t('editor.valid')} />
          ) : (
            <Alert
              type="warning"
              showIcon
              title={t('editor.problems', { count: problems.length })}
              description={
                <ul aria-label={t('editor.problems', { count: problems.length })}>
                  {problems.map((p, i) => (
                    <li key={i}>{p}</li>
                  ))}
                </ul>
              }
            />
          )}
        </div>

        <Card size="small" title={t('editor.required')}>
          <Checkbox.Group
            aria-label={t('editor.required')}
            value={draft.required}
            onChange={(v) => setDraft({ ...draft, required: v })}
            options={checkpointItems.map((i) => ({ value: i, label: t(`items.${i}`) }))}
          />
        </Card>

        <Typography.Title level={5}>{t('editor.steps')}</Typography.Title>
        {/* Every step in one line; the one being edited opens its form (one form at a time). */}
        <ol aria-label={t('editor.steps')} style={{ paddingLeft: 20, margin: 0 }}>
          {draft.steps.map((s, i) => (
            <li key={i}>
              <Button
                type={i === selected ? 'primary' : 'link'}
                aria-label={`${t('editor.edit')} ${s.title ?? s.id}`}
                aria-expanded={i === selected}
                onClick={() => setSelected(i === selected ? -1 : i)}
              >
                {`${t(`editor.kinds.${s.kind}`)} · ${s.title ?? s.id}`}
              </Button>
            </li>
          ))}
        </ol>
        {draft.steps[selected] && (
          <StepEditor
            step={draft.steps[selected]}
            doc={draft}
            catalog={catalog}
            index={selected}
            onChange={(n) => setStep(selected, n)}
            onMove={(d) => {
              move(selected, d);
              setSelected(Math.min(Math.max(selected + d, 0), draft.steps.length - 1));
            }}
            onRemove={() => {
              setDraft({ ...draft, steps: draft.steps.filter((_, j) => j !== selected) });
              setSelected(-1);
            }}
          />
        )}
        <Space>
          <Select
            aria-label={t('editor.kind')}
            value={addKind}
            onChange={setAddKind}
            options={stepKinds.map((k) => ({ value: k, label: t(`editor.kinds.${k}`) }))}
          />
          <Button
            onClick={() => {
              setDraft({ ...draft, steps: [...draft.steps, newStep(addKind, draft)] });
              setSelected(draft.steps.length);
            }}
          >
            {t('editor.addStep')}
          </Button>
        </Space>

        <Space.Compact style={{ width: '100%' }}>
          <Input
            aria-label={t('editor.note')}
            placeholder={t('editor.note')}
            value={note}
            maxLength={200}
            onChange={(e) => setNote(e.target.value)}
          />
          <Button
            type="primary"
            disabled={problems.length > 0 || note.trim() === ''}
            onClick={async () => {
              const r = await publish(scriptDocSchema.parse(draft), note.trim(), basedOn);
              if (typeof r === 'string') setMessage({ ok: false, text: t(`errors.${r}`) });
              else {
                setNote('');
                setMessage({ ok: true, text: t('editor.published', { version: r.version }) });
              }
            }}
          >
            {t('editor.publish')}
          </Button>
        </Space.Compact>

        <Card size="small" title={t('editor.versions')}>
          <Input
            aria-label={t('editor.rollbackNote')}
            placeholder={t('editor.rollbackNote')}
            value={rollbackNote}
            maxLength={200}
            onChange={(e) => setRollbackNote(e.target.value)}
            style={{ marginBottom: 8 }}
          />
          <ul aria-label={t('editor.versions')} style={{ listStyle: 'none', padding: 0 }}>
            {versions.versions.map((v) => (
              <li key={v.version} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                <span>
                  {t('editor.versionLine', {
                    version: v.version,
                    at: new Date(v.publishedAt).toLocaleString(),
                    who: v.publishedBy
                      ? `${v.publishedBy.name}（${v.publishedBy.employeeNo}）`
                      : t('editor.shipped'),
                    note: v.note,
                  })}
                </span>
                {v.version !== versions.versions[0]!.version && (
                  <Button
                    size="small"
                    disabled={rollbackNote.trim() === ''}
                    aria-label={`${t('editor.rollback')} ${t('panel.version', { version: v.version })}`}
                    onClick={async () => {
                      const r = await rollback(key, v.version, rollbackNote.trim());
                      if (typeof r === 'string') setMessage({ ok: false, text: t(`errors.${r}`) });
                      else {
                        setRollbackNote('');
                        setMessage({
                          ok: true,
                          text: t('editor.published', { version: r.version }),
                        });
                      }
                    }}
                  >
                    {t('editor.rollback')}
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </Card>

        {versions.versions.length > 1 && (
          <Card size="small" title={t('editor.diff')}>
            <Space style={{ marginBottom: 8 }}>
              {([0, 1] as const).map((side) => (
                <Select
                  key={side}
                  aria-label={side === 0 ? t('editor.left') : t('editor.right')}
                  value={diff?.[side]}
                  onChange={(v: number) =>
                    setDiff((d) => (side === 0 ? [v, d?.[1] ?? v] : [d?.[0] ?? v, v]))
                  }
                  options={versions.versions.map((v) => ({
                    value: v.version,
                    label: t('panel.version', { version: v.version }),
                  }))}
                />
              ))}
            </Space>
            {diff && byVersion(diff[0]) && byVersion(diff[1]) && (
              <VersionDiff left={byVersion(diff[0])!} right={byVersion(diff[1])!} />
            )}
          </Card>
        )}
      </Space>
    </>
  );
}
