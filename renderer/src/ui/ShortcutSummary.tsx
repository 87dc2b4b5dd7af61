import { Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Feature } from '../app/keymap';
import { shortcutsOf } from '../app/keymap';

/** One feature's shortcuts from the keymap, as one line: "示闲 F2 · 示忙 F3 · 小休 F4". */
export function ShortcutSummary({ feature }: { feature: Feature }) {
  const { t } = useTranslation();
  return (
    <Typography.Text>
      {shortcutsOf(feature)
        .map((s) => `${t(s.label)} ${s.combo}`)
        .join(' · ')}
    </Typography.Text>
  );
}
