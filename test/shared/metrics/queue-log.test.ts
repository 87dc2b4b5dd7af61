import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { queueLogChunkBytes } from '@shared/metrics/contract';
import {
  MAX_PROBLEMS,
  QueueLogReader,
  jsonTextBytes,
  parseQueueLog,
  queueFigures,
  splitByJsonBytes,
} from '@shared/metrics/queue-log';
import { bigQueueLog, queueLogChunks, queueLogSample, sampleStart } from '../../helpers/queue-log';

const t0 = sampleStart;
const log = queueLogSample().join('\n');

describe('queue_log import', () => {
  it('reads a realistic log: calls, outcomes, waits, RONA per agent; other events ignored', () => {
    const r = parseQueueLog(log);
    expect(r.problems).toEqual([]);
    expect(r.linesRead).toBe(15);
    expect(r.ignored).toBe(4); // QUEUESTART, ADDMEMBER, COMPLETECALLER, PAUSE
    expect(r.calls.map((c) => [c.callId, c.outcome, c.waitSeconds, c.agent])).toEqual([
      ['1764637200.1', 'answered', 12, 'PJSIP/1001'],
      ['1764637260.2', 'answered', 35, 'PJSIP/1002'],
      ['1764637300.3', 'abandoned', 48, null],
      ['1764637500.4', 'timeout', 120, null],
      ['1764637700.5', 'answered', 3, 'PJSIP/1001'],
    ]);
    expect(r.ringNoAnswer.get('PJSIP/1002')).toBe(1);
  });

  it('service level 80/20, abandon rate, ASA, longest wait, time to abandon — by hand', () => {
    const f = queueFigures(parseQueueLog(log).calls, t0 * 1000, (t0 + 3600) * 1000);
    expect(f).toEqual({
      offered: 5,
      answered: 3,
      abandoned: 1,
      serviceLevel: 2 / 5, // c1 (12 s) and c5 (3 s) within 20 s, of 5 offered
      thresholdSeconds: 20,
      abandonRate: 1 / 5,
      asaSeconds: (12 + 35 + 3) / 3,
      longestWaitSeconds: 120,
      averageTimeToAbandonSeconds: 48,
    });
  });

  it('no calls in the window: every figure unavailable (null), never zero', () => {
    const f = queueFigures(parseQueueLog(log).calls, 0, 1000);
    expect(f).toMatchObject({
      offered: 0,
      serviceLevel: null,
      abandonRate: null,
      asaSeconds: null,
    });
  });

  it('malformed lines are reported by line number; the rest is imported', () => {
    const bad = [
      `${t0}|a.1|kefu|NONE|ENTERQUEUE||1|1`,
      'garbage without pipes',
      `notatime|a.2|kefu|NONE|ENTERQUEUE||1|1`,
      `${t0 + 9}|a.1|kefu|PJSIP/1001|CONNECT|nine|x|1`,
      `${t0 + 10}|a.1|kefu|PJSIP/1001|CONNECT|10|x|1`,
      'x'.repeat(5000),
    ].join('\n');
    const r = parseQueueLog(bad);
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [2, 'too_few_fields'],
      [3, 'bad_time'],
      [4, 'bad_number'],
      [6, 'line_too_long'],
    ]);
    expect(r.calls).toEqual([
      expect.objectContaining({ callId: 'a.1', outcome: 'answered', waitSeconds: 10 }),
    ]);
  });

  it('a file of garbage: the first problems and their count, nothing imported', () => {
    const junk = Array.from({ length: 5000 }, (_, i) => `junk line ${i}`).join('\n');
    const r = parseQueueLog(junk);
    expect(r.calls).toEqual([]);
    expect(r.problemCount).toBe(5000);
    expect(r.problems).toHaveLength(MAX_PROBLEMS);
  });
});

/** Reads `text` as the import does: the console's chunks, each read as it arrives. */
function readInChunks(text: string, sliceBytes?: number) {
  const reader = new QueueLogReader();
  const chunks = queueLogChunks(text, sliceBytes);
  for (const chunk of chunks) {
    expect(jsonTextBytes(chunk)).toBeLessThanOrEqual(queueLogChunkBytes);
    reader.push(chunk);
  }
  return { result: reader.end(), chunks: chunks.length };
}

describe('queue_log read in chunks', () => {
  it('a realistic multi-MB day read in chunks gives the same calls, problems and figures as read whole', () => {
    const { text, badLines, repetitions } = bigQueueLog(6 * 1024 * 1024, t0);
    expect(text.length).toBeGreaterThan(6 * 1024 * 1024);
    const whole = parseQueueLog(text);
    const { result, chunks } = readInChunks(text);
    expect(chunks).toBeGreaterThanOrEqual(14); // 6 MB in 448 KiB slices
    expect(result.calls).toHaveLength(5 * repetitions);
    expect(result).toEqual(whole);
    // The malformed lines are reported by their line number in the whole file.
    expect(result.problems.map((p) => p.line)).toEqual(badLines);
    expect(result.problems.every((p) => p.reason === 'bad_time')).toBe(true);
    const to = (t0 + repetitions * 10 + 3600) * 1000;
    const figures = queueFigures(result.calls, t0 * 1000, to);
    expect(figures).toEqual(queueFigures(whole.calls, t0 * 1000, to));
    expect(figures).toMatchObject({
      offered: 5 * repetitions,
      answered: 3 * repetitions,
      abandoned: repetitions,
    });
  });

  it('a line cut between two chunks (and a CRLF cut between \\r and \\n) is read whole, with its number', () => {
    const lines = queueLogSample();
    const text = lines.join('\r\n');
    const cutInLine = text.indexOf('CONNECT|12') + 4; // inside line 5
    const cutInCrlf = text.indexOf('\r\n', text.indexOf('ABANDON')) + 1; // between \r and \n
    const reader = new QueueLogReader();
    reader.push(text.slice(0, cutInLine));
    reader.push(text.slice(cutInLine, cutInCrlf));
    reader.push(text.slice(cutInCrlf));
    expect(reader.end()).toEqual(parseQueueLog(text));
    expect(parseQueueLog(text).calls.map((c) => c.waitSeconds)).toEqual([12, 35, 48, 120, 3]);
  });

  it('any cut of a log with malformed lines reads the same as the whole text', () => {
    const text = [
      ...queueLogSample().slice(0, 6),
      'garbage without pipes',
      `notatime|a.2|kefu|NONE|ENTERQUEUE||1|1`,
      '',
      'x'.repeat(2500),
      ' '.repeat(2100),
      ...queueLogSample().slice(6),
      `${t0 + 9}|a.1|kefu|PJSIP/1001|CONNECT|nine|x|1`,
    ].join('\n');
    const whole = parseQueueLog(text);
    expect(whole.problems.map((p) => [p.line, p.reason])).toEqual([
      [7, 'too_few_fields'],
      [8, 'bad_time'],
      [10, 'line_too_long'],
      [21, 'bad_number'],
    ]);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 12 }),
        (cuts) => {
          const reader = new QueueLogReader();
          let from = 0;
          for (const at of [...cuts].sort((a, b) => a - b)) {
            reader.push(text.slice(from, at));
            from = at;
          }
          reader.push(text.slice(from));
          expect(reader.end()).toEqual(whole);
        },
      ),
    );
  });

  it('a line of 1 MB without a newline, sent in pieces: one line_too_long, no more kept than needed', () => {
    const reader = new QueueLogReader();
    for (let i = 0; i < 8; i++) reader.push('y'.repeat(128 * 1024));
    reader.push(`\n${queueLogSample()[2]!}\n   \n${'z'.repeat(3000)}`);
    const r = reader.end();
    expect(r.problems.map((p) => [p.line, p.reason])).toEqual([
      [1, 'line_too_long'],
      [4, 'line_too_long'],
    ]);
    expect(r.linesRead).toBe(3);
    // Blanks past the limit followed by text are one long line, not a blank one.
    const blanks = new QueueLogReader();
    blanks.push(' '.repeat(3000) + 'x');
    blanks.push('\n');
    expect(blanks.end().problems).toEqual([
      expect.objectContaining({ line: 1, reason: 'line_too_long' }),
    ]);
  });

  it('a Chinese character cut between two byte slices arrives whole', () => {
    const text = queueLogSample()
      .map((l) => l.replace('kefu', '客服队列'))
      .join('\n');
    const bytes = new TextEncoder().encode(text);
    for (let slice = 1; slice < 40; slice++) {
      expect(readInChunks(text, slice).result, `slices of ${slice} bytes`).toEqual(
        parseQueueLog(text),
      );
    }
    expect(parseQueueLog(text).calls[0]!.queue).toBe('客服队列');
    expect(bytes.length).toBeGreaterThan(text.length);
  });

  /** Characters that cost more than a byte on the wire, lone surrogate halves among them. */
  const oddText = (maxLength: number) =>
    fc.string({
      maxLength,
      unit: fc.oneof(
        fc.constantFrom('\uD83D', '\uDE00', '"', '\\', '\u0001', '\n', '客', 'é'),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
      ),
    });

  it('jsonTextBytes is the UTF-8 size of the text inside a JSON message', () => {
    fc.assert(
      fc.property(oddText(200), (s) => {
        expect(jsonTextBytes(s)).toBe(Buffer.byteLength(JSON.stringify(s)) - 2);
      }),
    );
  });

  it('splitByJsonBytes: pieces under the limit that join back, never splitting a surrogate pair', () => {
    fc.assert(
      fc.property(oddText(300), fc.integer({ min: 6, max: 40 }), (s, max) => {
        const pieces = splitByJsonBytes(s, max);
        expect(pieces.join('')).toBe(s);
        for (const p of pieces) {
          expect(p.length).toBeGreaterThan(0);
          expect(jsonTextBytes(p)).toBeLessThanOrEqual(max);
          expect(jsonTextBytes(p)).toBe(Buffer.byteLength(JSON.stringify(p)) - 2);
        }
      }),
    );
    // 512 KiB of control characters would be 3 MB on the wire: cut into pieces under the limit.
    const odd = '\u0001'.repeat(512 * 1024);
    const pieces = splitByJsonBytes(odd, queueLogChunkBytes);
    expect(pieces).toHaveLength(7); // 87 381 characters (6 bytes each) a piece
    expect(pieces.join('')).toBe(odd);
  });
});
