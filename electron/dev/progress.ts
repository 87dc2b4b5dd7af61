/**
 * Progress of a long seed (the full benchmark set takes half an hour): rows done per table, the
 * rate, and the time left, printed at most every two seconds and at each table's end.
 */
export type ProgressListener = (table: string, done: number, total: number) => void;

export function seedProgress(
  write: (line: string) => void,
  now: () => number = () => performance.now(),
  everyMs = 2000,
): ProgressListener {
  let table = '';
  let tableStarted = 0;
  let lastReport = -Infinity;
  return (name, done, total) => {
    const t = now();
    if (name !== table) {
      table = name;
      tableStarted = t;
      lastReport = t;
    }
    if (t - lastReport < everyMs && done !== total) return;
    lastReport = t;
    const seconds = (t - tableStarted) / 1000;
    const rate = seconds > 0 ? done / seconds : 0;
    const eta = rate > 0 && done < total ? ` · ETA ${clock((total - done) / rate)}` : '';
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    write(
      `  ${table}: ${done.toLocaleString('en')}/${total.toLocaleString('en')} (${pct}%)` +
        ` · ${Math.round(rate).toLocaleString('en')} rows/s${eta}\n`,
    );
  };
}

function clock(seconds: number): string {
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, '0')}`;
}
