import { render, screen } from '@testing-library/react';
import { createElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { WaybillDetail } from '@shared/waybills/contract';
import { Anomalies } from '../../../../renderer/src/features/waybills/components/Anomalies';
import { createTestI18n } from '../../fixtures';

const anomaly = (estimated: boolean) => ({
  kind: 'return_requested' as const,
  since: Date.now() - 3_600_000,
  deadline: Date.now() + 86_400_000,
  remainingMs: 86_400_000,
  expired: false,
  estimated,
  reportBy: Date.now() + 20 * 86_400_000,
  reportWindowClosed: false,
});

function show(estimated: boolean, language: 'zh-CN' | 'en' = 'zh-CN') {
  const detail = { anomalies: [anomaly(estimated)] } as unknown as WaybillDetail;
  return render(
    createElement(
      I18nextProvider,
      { i18n: createTestI18n(language) },
      createElement(Anomalies, { detail, timeZone: 'Asia/Shanghai' }),
    ),
  );
}

describe('a deadline without the official holiday schedule', () => {
  it('says it was counted on weekdays, in the agent’s language; an official one says nothing', () => {
    const { unmount } = show(true);
    expect(screen.getByText('按工作日估算').getAttribute('title')).toContain('尚无官方节假日');
    unmount();
    show(false);
    expect(screen.queryByText('按工作日估算')).toBeNull();
  });

  it('English', () => {
    show(true, 'en');
    expect(screen.getByText('estimated on weekdays')).toBeTruthy();
  });
});
