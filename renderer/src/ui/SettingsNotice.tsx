import { Alert } from 'antd';

/** What a settings card last has to say: saved (`ok`), or why loading or saving failed. */
export interface SettingsNoticeText {
  ok: boolean;
  text: string;
}

/**
 * A lead's settings card's outcome above its form: a status when the change was saved, an alert
 * when the card could not load or save; nothing until either happens.
 */
export function SettingsNotice({ notice }: { notice: SettingsNoticeText | null }) {
  if (!notice) return null;
  return (
    <Alert
      type={notice.ok ? 'success' : 'error'}
      role={notice.ok ? 'status' : 'alert'}
      showIcon
      title={notice.text}
      style={{ marginBottom: 8 }}
    />
  );
}
