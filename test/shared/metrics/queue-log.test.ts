import { describe, expect, it } from 'vitest';
import { MAX_PROBLEMS, parseQueueLog, queueFigures } from '@shared/metrics/queue-log';

// 2026-12-02 09:00:00 Asia/Shanghai = 1764637200 (01:00 UTC).
const t0 = 1_764_637_200;
/** A realistic excerpt: Asterisk 16+ writes ENTERQUEUE with url|callerid|position. */
const log = [
  `${t0 - 60}|NONE|NONE|NONE|QUEUESTART||||`,
  `${t0 - 30}|NONE|kefu|PJSIP/1001|ADDMEMBER||||`,
  // c1: answered after 12 s, completed by the caller.
  `${t0}|1764637200.1|kefu|NONE|ENTERQUEUE||13800138000|1`,
  `${t0 + 5}|1764637200.1|kefu|PJSIP/1002|RINGNOANSWER|5000`,
  `${t0 + 12}|1764637200.1|kefu|PJSIP/1001|CONNECT|12|1764637212.5|7`,
  `${t0 + 200}|1764637200.1|kefu|PJSIP/1001|COMPLETECALLER|12|188|1`,
  // c2: answered after 35 s (outside 20 s).
  `${t0 + 60}|1764637260.2|kefu|NONE|ENTERQUEUE||13900139000|1`,
  `${t0 + 95}|1764637260.2|kefu|PJSIP/1002|CONNECT|35|1764637295.7|4`,
  // c3: the caller gave up after 48 s.
  `${t0 + 100}|1764637300.3|kefu|NONE|ENTERQUEUE||13700137000|1`,
  `${t0 + 148}|1764637300.3|kefu|NONE|ABANDON|1|1|48`,
  // c4: the queue timed out after 120 s.
  `${t0 + 300}|1764637500.4|kefu|NONE|ENTERQUEUE||01087654321|1`,
  `${t0 + 420}|1764637500.4|kefu|NONE|EXITWITHTIMEOUT|1|1|120`,
  // c5: answered at once.
  `${t0 + 500}|1764637700.5|kefu|NONE|ENTERQUEUE||13600136000|1`,
  `${t0 + 503}|1764637700.5|kefu|PJSIP/1001|CONNECT|3|1764637703.9|2`,
  `${t0 + 600}|NONE|kefu|PJSIP/1001|PAUSE|||`,
].join('\n');

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
