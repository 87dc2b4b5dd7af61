/**
 * Asterisk queue_log text for the metrics tests: a realistic excerpt (Asterisk 16+ writes
 * ENTERQUEUE with url|callerid|position) and a multi-MB day made of it, repeated with shifted times
 * and call ids — the size a real PBX writes in a day.
 */
import { queueLogChunkBytes, queueLogSliceBytes } from '@shared/metrics/contract';
import { splitByJsonBytes } from '@shared/metrics/queue-log';

/** 2026-12-02 09:00:00 Asia/Shanghai (01:00 UTC), in epoch seconds. */
export const sampleStart = 1_764_637_200;

/**
 * The excerpt's 15 lines, its calls starting at `t0` (epoch seconds); `tag` makes the call ids
 * of a repetition its own. Five calls: answered 12 s (RONA on 1002 first), answered 35 s,
 * abandoned 48 s, timed out 120 s, answered 3 s; QUEUESTART, ADDMEMBER, COMPLETECALLER and PAUSE
 * are read and ignored.
 */
export function queueLogSample(t0 = sampleStart, tag = ''): string[] {
  const id = (n: number) => `${t0 + [0, 60, 100, 300, 500][n - 1]!}.${n}${tag}`;
  return [
    `${t0 - 60}|NONE|NONE|NONE|QUEUESTART||||`,
    `${t0 - 30}|NONE|kefu|PJSIP/1001|ADDMEMBER||||`,
    `${t0}|${id(1)}|kefu|NONE|ENTERQUEUE||13800138000|1`,
    `${t0 + 5}|${id(1)}|kefu|PJSIP/1002|RINGNOANSWER|5000`,
    `${t0 + 12}|${id(1)}|kefu|PJSIP/1001|CONNECT|12|1764637212.5|7`,
    `${t0 + 200}|${id(1)}|kefu|PJSIP/1001|COMPLETECALLER|12|188|1`,
    `${t0 + 60}|${id(2)}|kefu|NONE|ENTERQUEUE||13900139000|1`,
    `${t0 + 95}|${id(2)}|kefu|PJSIP/1002|CONNECT|35|1764637295.7|4`,
    `${t0 + 100}|${id(3)}|kefu|NONE|ENTERQUEUE||13700137000|1`,
    `${t0 + 148}|${id(3)}|kefu|NONE|ABANDON|1|1|48`,
    `${t0 + 300}|${id(4)}|kefu|NONE|ENTERQUEUE||01087654321|1`,
    `${t0 + 420}|${id(4)}|kefu|NONE|EXITWITHTIMEOUT|1|1|120`,
    `${t0 + 500}|${id(5)}|kefu|NONE|ENTERQUEUE||13600136000|1`,
    `${t0 + 503}|${id(5)}|kefu|PJSIP/1001|CONNECT|3|1764637703.9|2`,
    `${t0 + 600}|NONE|kefu|PJSIP/1001|PAUSE|||`,
  ];
}

/**
 * A day's queue_log of at least `minBytes`: the excerpt again and again, each time `stepSeconds`
 * later with its own call ids; every `badEvery`-th repetition is followed by one malformed line
 * (a bad time), whose line numbers are returned.
 */
export function bigQueueLog(
  minBytes: number,
  t0: number,
  opts: { stepSeconds?: number; badEvery?: number } = {},
): { text: string; badLines: number[]; repetitions: number } {
  const { stepSeconds = 10, badEvery = 500 } = opts;
  const lines: string[] = [];
  const badLines: number[] = [];
  let bytes = 0;
  let i = 0;
  while (bytes < minBytes) {
    for (const l of queueLogSample(t0 + i * stepSeconds, `-${i}`)) {
      lines.push(l);
      bytes += l.length + 1;
    }
    i++;
    if (i % badEvery === 0) {
      lines.push(`yesterday|x.${i}|kefu|NONE|ENTERQUEUE||1|1`);
      badLines.push(lines.length);
    }
  }
  return { text: lines.join('\n') + '\n', badLines, repetitions: i };
}

/**
 * The chunks the console sends for `text`: UTF-8 slices of `sliceBytes`, a streaming decode (a
 * character cut between slices arrives whole), each piece cut under the wire limit.
 */
export function queueLogChunks(text: string, sliceBytes = queueLogSliceBytes): string[] {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder('utf-8');
  const chunks: string[] = [];
  for (let at = 0; at < bytes.length; at += sliceBytes) {
    const end = Math.min(bytes.length, at + sliceBytes);
    const piece = decoder.decode(bytes.subarray(at, end), { stream: end < bytes.length });
    chunks.push(...splitByJsonBytes(piece, queueLogChunkBytes));
  }
  return chunks;
}
