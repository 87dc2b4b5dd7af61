import type { DescriptionsProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../../../app/context';
import { ShortcutSummary } from '../../../ui/ShortcutSummary';

/** The softphone's lines on the shift tab: offers refused while not ready, the call shortcuts. */
export function useShiftCallDetails(): NonNullable<DescriptionsProps['items']> {
  const { t } = useTranslation('softphone');
  const refused = useDesk((s) => s.phone?.refusedNotReady ?? 0);
  return [
    { key: 'refused', label: t('call.refusedCount'), children: refused },
    {
      key: 'callShortcuts',
      label: t('call.shortcuts'),
      // A whole row at every width (the shift panel's columns: 1, then 2, then 3 at xxl).
      span: { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 3 },
      children: <ShortcutSummary feature="softphone" />,
    },
  ];
}
