/**
 * Main's refusals in the admin area, in the lead's language: field problems (BAD_ARGUMENT with the
 * admin issue codes of shared/admin/rules.ts) beside their fields, everything else as one alert
 * naming the error code's text — never main's English message or an internal key.
 */
import { Alert } from 'antd';
import type { FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { AdminIssueCode } from '@shared/admin/rules';
import { isAdminIssueCode } from '@shared/admin/rules';
import { ContractError } from '@shared/common/errors';
import { toUiError } from '../../../ui/errors';

/** The admin issue codes of a refusal, by field path. */
export function issuesOf(err: unknown): { path: string; code: AdminIssueCode }[] {
  if (!(err instanceof ContractError) || err.code !== 'BAD_ARGUMENT') return [];
  return (err.issues ?? []).flatMap((i) =>
    isAdminIssueCode(i.message) ? [{ path: i.path, code: i.message }] : [],
  );
}

/**
 * Puts a refusal's field problems next to the form's fields; true if every problem found a field
 * (nothing else to say), false if the caller should show the refusal as a whole.
 */
export function showFieldIssues<T extends object>(
  form: FormInstance<T>,
  err: unknown,
  fields: readonly string[],
  t: (key: string) => string,
): boolean {
  const issues = issuesOf(err).filter((i) => fields.includes(i.path));
  if (issues.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const i of issues)
    byField.set(i.path, [...(byField.get(i.path) ?? []), t(`issues.${i.code}`)]);
  form.setFields([...byField].map(([name, errors]) => ({ name: name as never, errors })));
  const all = err instanceof ContractError ? (err.issues ?? []) : [];
  return all.length === issues.length;
}

/** An antd rule checking a field with the contract's own schema, its problem in the UI language. */
export function schemaRule(schema: z.ZodType, t: (key: string) => string): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const parsed = schema.safeParse(value ?? '');
      if (parsed.success) return;
      const code = parsed.error.issues.map((i) => i.message).find(isAdminIssueCode);
      throw new Error(code ? t(`issues.${code}`) : t('agents.required'));
    },
  };
}

/** A refused request as one alert: what the code means, and any field problems in words. */
export function AdminError({ error }: { error: unknown }) {
  const { t } = useTranslation(['admin', 'common']);
  if (!error) return null;
  const ui = toUiError(error);
  const issues = issuesOf(error);
  return (
    <Alert
      type="error"
      role="alert"
      showIcon
      title={t(`common:errors.${ui.code}`)}
      {...(issues.length > 0 && {
        description: issues.map((i) => t(`admin:issues.${i.code}`)).join('；'),
      })}
      style={{ marginBottom: 12 }}
    />
  );
}
