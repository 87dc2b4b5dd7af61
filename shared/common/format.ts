/** Formats a duration in ms as H:MM:SS (or M:SS under an hour) for timers in the status bar. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = h > 0 ? String(m).padStart(2, '0') : String(m);
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Masks a mainland mobile/landline number for display: 13812345678 → 138****5678 (docs/DOMAIN.md §7). */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s+/g, '');
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** A deadline's distance, readable at a glance: "2天3小时", "45分钟" (or "2 d 3 h", "45 min"). */
export function formatSpan(ms: number, language: 'zh-CN' | 'en' = 'zh-CN'): string {
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const zh = language === 'zh-CN';
  if (d > 0) return zh ? `${d}天${h}小时` : `${d} d ${h} h`;
  if (h > 0) return zh ? `${h}小时${m}分钟` : `${h} h ${m} min`;
  return zh ? `${m}分钟` : `${m} min`;
}
