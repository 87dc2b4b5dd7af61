import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { Session } from '@shared/contract';
import { ContractError } from '@shared/common/errors';
import type { Catalog, ScriptDoc, ScriptKey, ScriptVersion } from '@shared/scripts/model';
import { scriptDocSchema, scriptKeys } from '@shared/scripts/model';
import { validateScript } from '@shared/scripts/validate';
import { shippedScripts } from '../../../../electron/core/features/scripts/shipped/scripts';
import { baseHandlers, createFakeApi } from '../../fake-api';
import { renderDesk, signedInSession } from '../../fixtures';

const now = Date.now();
const catalog: Catalog = Object.fromEntries(
  scriptKeys.map((k) => [k, scriptDocSchema.parse(shippedScripts[k].doc)]),
);
const lead = (): Session => {
  const s = signedInSession({ status: 'ready' }, now);
  return { ...s, agent: { ...s.agent, employeeNo: '9001', name: '李娜', role: 'lead' } };
};

function setup(session: Session) {
  const store: Record<string, ScriptVersion[]> = Object.fromEntries(
    scriptKeys.map((key) => [
      key,
      [
        {
          key,
          version: 1,
          doc: catalog[key]!,
          note: '出厂话术',
          source: 'shipped' as const,
          publishedAt: now,
          publishedBy: null,
        },
      ],
    ]),
  );
  const api = createFakeApi({
    ...baseHandlers,
    'auth.session': () => session,
    'scripts.published': () => scriptKeys.map((k) => store[k]![0]!),
    'scripts.versions': ({ key }) => ({ versions: store[key]!, pendingShipped: null }),
    'scripts.publish': ({ key, doc, note, basedOn }) => {
      if (store[key]![0]!.version !== basedOn)
        throw new ContractError('BAD_ARGUMENT', 'stale', [
          { path: 'basedOn', message: 'stale_version' },
        ]);
      if (validateScript(doc, { ...catalog, [key]: doc }).length > 0)
        throw new Error('invalid published');
      const v: ScriptVersion = {
        key,
        version: basedOn + 1,
        doc,
        note,
        source: 'lead',
        publishedAt: now,
        publishedBy: { employeeNo: '9001', name: '李娜' },
      };
      store[key]!.unshift(v);
      return v;
    },
    'scripts.rollback': ({ key, version, note }) => {
      const old = store[key]!.find((v) => v.version === version)!;
      const v = { ...old, version: store[key]![0]!.version + 1, note, source: 'lead' as const };
      store[key]!.unshift(v);
      return v;
    },
  });
  renderDesk(api);
  return { api, store };
}

const greetingOf = (doc: ScriptDoc) => doc.steps.find((s) => s.id === 'open_greet');

describe('script editor (leads)', () => {
  it('edits the greeting with validation as you type, previews it, publishes v2 with a note, diffs and rolls back', async () => {
    const user = userEvent.setup();
    const { api, store } = setup(lead());
    await user.click(await screen.findByRole('tab', { name: '话术管理' }));
    const editor = await screen.findByRole('region', { name: '话术编辑（值班长）' });
    await within(editor).findByText('校验通过，可以发布');
    await user.click(within(editor).getByRole('button', { name: '编辑 开场问候' }));
    const greet = within(editor).getByRole('textbox', { name: '话术内容' });
    expect((greet as HTMLTextAreaElement).value).toBe(
      '您好，{company}，工号{agent.no}，很高兴为您服务。',
    );

    // An unknown variable: refused as you type, in Chinese, naming the step; publish disabled.
    await user.clear(greet);
    await user.click(greet);
    await user.paste('您好，{customer.age}');
    await within(editor).findByText('步骤「open_greet」使用了未知变量：customer.age');
    expect(within(editor).getByRole('button', { name: '发布为新版本' })).toHaveProperty(
      'disabled',
      true,
    );
    // Dropping 工号… fixed with the variable picker instead.
    await user.clear(greet);
    await user.click(greet);
    await user.paste('您好，工号');
    const picker = within(greet.closest('.ant-space') as HTMLElement).getByRole('combobox', {
      name: '插入变量',
    });
    await user.click(picker);
    await user.click(await screen.findByTitle('工号'));
    expect((greet as HTMLTextAreaElement).value).toBe('您好，工号{agent.no}');
    await within(editor).findByText('校验通过，可以发布');

    // Live preview: the draft runs in the script panel as an agent would see it.
    await user.click(within(editor).getByRole('button', { name: '预览' }));
    expect((await screen.findByTestId('script-text')).textContent).toBe('您好，工号9001');
    expect(api.calls.filter((c) => c.name === 'scripts.act')).toHaveLength(0);

    // Publish needs a note.
    const publish = within(editor).getByRole('button', { name: '发布为新版本' });
    expect(publish).toHaveProperty('disabled', true);
    await user.click(within(editor).getByRole('textbox', { name: '发布说明' }));
    await user.paste('开场语更简短');
    await user.click(publish);
    expect(await screen.findByText('已发布第 2 版')).toBeTruthy();
    const sent = api.calls.find((c) => c.name === 'scripts.publish')!.args as {
      doc: ScriptDoc;
      note: string;
      basedOn: number;
    };
    expect(sent.note).toBe('开场语更简短');
    expect(sent.basedOn).toBe(1);
    expect(greetingOf(sent.doc)).toMatchObject({ text: '您好，工号{agent.no}' });
    expect(store['generic']![0]!.version).toBe(2);

    // Side-by-side diff of v1 and v2: only the greeting changed.
    const diff = await screen.findByRole('table');
    const changed = within(diff)
      .getAllByRole('row')
      .filter((r) => within(r).queryByText('有改动'));
    expect(changed.map((r) => within(r).getAllByRole('cell')[0]!.textContent)).toEqual([
      'open_greet',
    ]);

    // Roll back to v1 (a note is required): published as v3.
    const rollback = await screen.findByRole('button', { name: '回滚到此版本 第 1 版' });
    expect(rollback).toHaveProperty('disabled', true);
    await user.click(screen.getByRole('textbox', { name: '回滚说明' }));
    await user.paste('恢复原开场语');
    await user.click(rollback);
    expect(await screen.findByText('已发布第 3 版')).toBeTruthy();
    expect(api.calls.filter((c) => c.name === 'scripts.rollback').map((c) => c.args)).toEqual([
      { key: 'generic', version: 1, note: '恢复原开场语' },
    ]);
  }, 120_000);

  it('edits branch conditions from pickers and flags an unreachable step', async () => {
    const user = userEvent.setup();
    setup(lead());
    await user.click(await screen.findByRole('tab', { name: '话术管理' }));
    const editor = await screen.findByRole('region', { name: '话术编辑（值班长）' });
    await within(editor).findByText('校验通过，可以发布');
    // Add an end step nobody reaches.
    await user.click(within(editor).getByRole('button', { name: '添加步骤' }));
    await within(editor).findByText(/步骤「step_\d+」无法到达/);
    // The first branch (呼叫方向) is edited with pickers: its value is a choice, not typed.
    await user.click(within(editor).getByRole('button', { name: /^编辑 direction$/ }));
    const direction = within(editor).getAllByRole('combobox', { name: '条件' })[0]!;
    expect(direction.closest('.ant-select')!.textContent).toContain('呼叫方向');
  }, 60_000);

  it('is not offered to agents', async () => {
    setup(signedInSession({ status: 'ready' }, now));
    await screen.findByRole('tab', { name: '查件' });
    expect(screen.queryByRole('tab', { name: '话术管理' })).toBeNull();
  });
});

export type { ScriptKey };
