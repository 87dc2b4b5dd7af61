/**
 * A refused request in the agent's language: a title from the error code (with main's structured
 * details, e.g. the lockout's minutes) and, where main said more, a translated description — the
 * fields it refused, the state that forbade the action. Main's English message is never shown.
 */
import type { FormInstance } from 'antd';
import type { TFunction } from 'i18next';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState } from '@shared/session/agent-state';
import { useDesk } from '../app/context';
import type { UiError } from './errors';
import { asUiError } from './errors';

export interface ErrorText {
  title: string;
  description: string | null;
}

/** The last part of an issue's path: `phones.0` → `phones`, `account.aor` → `aor`. */
function fieldOf(path: string): string {
  const parts = path.split('.').filter((p) => !/^\d+$/.test(p));
  return parts[parts.length - 1] ?? path;
}

/** A field's name as the forms show it ('the input' for one the table does not know). */
export function fieldLabel(t: TFunction, path: string): string {
  return t(`common:fields.${fieldOf(path)}`, { defaultValue: t('common:fields.unknown') });
}

/** What is wrong with one field, in the agent's language (next to the field, or in the alert). */
export function issueText(t: TFunction, issue: { path: string; code?: string }): string {
  const field = fieldOf(issue.path);
  if (issue.code) {
    return t(`common:issues.${issue.code}`, {
      field: fieldLabel(t, issue.path),
      defaultValue: t('common:issues.invalid', { field: fieldLabel(t, issue.path) }),
    });
  }
  // Main checks some fields' shape itself (SIP accounts): say what the shape must be.
  return t(`common:fieldRules.${field}`, {
    field: fieldLabel(t, issue.path),
    defaultValue: t('common:issues.invalid', { field: fieldLabel(t, issue.path) }),
  });
}

export function errorText(t: TFunction, error: UiError, state: AgentState | null): ErrorText {
  const minutes = error.details?.['minutes'];
  const title =
    error.code === 'ACCOUNT_LOCKED' && typeof minutes === 'number'
      ? t('common:errorsWithDetails.ACCOUNT_LOCKED', { minutes })
      : t(`common:errors.${error.code}`);
  let description: string | null = null;
  if (error.issues && error.issues.length > 0) {
    const problems = [...new Set(error.issues.map((i) => issueText(t, i)))];
    description = t('common:errorsWithDetails.fields', { fields: problems.join('；') });
  } else if (error.code === 'ILLEGAL_TRANSITION' && state) {
    const label =
      'reason' in state
        ? `${t(`session:status.${state.status}`)} · ${t(`session:reasons.${state.reason}`)}`
        : t(`session:status.${state.status}`);
    description = t('common:errorsWithDetails.inState', { state: label });
  }
  return { title, description };
}

/** errorText with the current agent state (for ILLEGAL_TRANSITION) and language. */
export function useErrorText(): (error: UiError) => ErrorText {
  const { t } = useTranslation('common');
  const state = useDesk((s) => s.session?.state ?? null);
  return useCallback((error: UiError) => errorText(t, error, state), [t, state]);
}

/**
 * Puts main's field issues next to their fields in an antd form (only fields the form has).
 * Returns true when every issue found its field, so no alert needs to repeat them.
 */
export function showIssuesOnFields<T>(
  t: TFunction,
  form: FormInstance<T>,
  error: unknown,
  fields: readonly string[],
): boolean {
  const issues = asUiError(error).issues ?? [];
  const placed = issues.filter((i) => fields.includes(fieldOf(i.path)));
  const byField = new Map<string, string[]>();
  for (const i of placed) {
    const f = fieldOf(i.path);
    byField.set(f, [...(byField.get(f) ?? []), issueText(t, i)]);
  }
  form.setFields(
    [...byField].map(([name, errors]) => ({ name: name as never, errors: [...new Set(errors)] })),
  );
  return issues.length > 0 && placed.length === issues.length;
}
