/**
 * The PBX queue_log import in chunks, through the dispatcher on real SQLite: begin (refused by the
 * declared size) → chunks (read as they arrive, nothing written) → finish (one transaction).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestName } from '@shared/contract';
import {
  maxPendingQueueImports,
  maxQueueLogBytes,
  queueLogChunkBytes,
} from '@shared/metrics/contract';
import { parseQueueLog, queueFigures } from '@shared/metrics/queue-log';
import type { TestDesk } from '../../../helpers/desk';
import { TEST_PASSWORD, addAgent } from '../../../helpers/desk';
import { bigQueueLog, queueLogChunks } from '../../../helpers/queue-log';
import { tableRows } from '../../../helpers/refusals';
import { auditCount, dispatcherRequests, signedInDesk } from '../../../helpers/requests';

const MIN = 60_000;
// The test clock starts 2026-11-22 09:00 Asia/Shanghai; the queue log is of that morning.
const t0 = Date.UTC(2026, 10, 22, 0, 0, 0) / 1000; // 08:00 local
const queueLog = [
  `${t0 - 60}|NONE|NONE|NONE|QUEUESTART||||`,
  `${t0}|q.1|kefu|NONE|ENTERQUEUE||13800138000|1`,
  `${t0 + 12}|q.1|kefu|PJSIP/1001|CONNECT|12|q.1b|7`,
  `${t0 + 60}|q.2|kefu|NONE|ENTERQUEUE||13900139000|1`,
  `${t0 + 95}|q.2|kefu|PJSIP/1001|CONNECT|35|q.2b|4`,
  'this is not a queue_log line',
  `${t0 + 100}|q.3|kefu|NONE|ENTERQUEUE||13700137000|1`,
  `${t0 + 148}|q.3|kefu|NONE|ABANDON|1|1|48`,
  `yesterday|q.4|kefu|NONE|ENTERQUEUE||1|1`,
  `${t0 + 300}|q.5|kefu|NONE|ENTERQUEUE||01087654321|1`,
  `${t0 + 420}|q.5|kefu|NONE|EXITWITHTIMEOUT|1|1|abc`,
  `${t0 + 500}|q.6|kefu|NONE|ENTERQUEUE||13600136000|1`,
  `${t0 + 503}|q.6|kefu|PJSIP/1002|CONNECT|3|q.6b|2`,
].join('\n');

const watched = ['metric_queue_calls', 'metric_queue_imports', 'audit_log'];
const day = { fromDay: '2026-11-22', toDay: '2026-11-22' };

describe('queue_log import in chunks', () => {
  let desk: TestDesk;
  afterEach(() => desk?.cleanup());

  const { call, refused } = dispatcherRequests(() => desk);
  const everything = () => tableRows(desk, watched);
  const open = async (employeeNo: string) => {
    desk = await signedInDesk(employeeNo);
  };

  /** Sends `text` as the console does; every message stays under the host's 1 MB. */
  async function begin(text: string, sliceBytes?: number) {
    const size = Buffer.byteLength(text);
    const { importId } = await call('metrics.queueLogBegin', { fileName: 'queue_log', size });
    const chunks = queueLogChunks(text, sliceBytes);
    for (const [index, chunk] of chunks.entries()) {
      const args = { importId, index, text: chunk };
      const message = JSON.stringify({ id: 1, name: 'metrics.queueLogChunk', args });
      expect(Buffer.byteLength(message)).toBeLessThan(1024 * 1024);
      await call('metrics.queueLogChunk', args);
    }
    return { importId, chunks: chunks.length };
  }
  async function importLog(text: string, sliceBytes?: number) {
    const { importId, chunks } = await begin(text, sliceBytes);
    return call('metrics.queueLogFinish', { importId, chunks });
  }

  it('a realistic multi-MB day in chunks: the same figures as the text parsed whole; malformed lines by their line number; nothing written before finish', async () => {
    await open('9001');
    const { text, badLines, repetitions } = bigQueueLog(3 * 1024 * 1024, t0, { stepSeconds: 4 });
    expect(Buffer.byteLength(text)).toBeGreaterThan(3 * 1024 * 1024);
    const before = everything();
    const { importId, chunks } = await begin(text);
    expect(chunks).toBeGreaterThanOrEqual(7);
    expect(everything()).toEqual(before); // chunks read, nothing written
    const r = await call('metrics.queueLogFinish', { importId, chunks });
    const whole = parseQueueLog(text);
    expect(r).toEqual({
      linesRead: whole.linesRead,
      calls: 5 * repetitions,
      newCalls: 5 * repetitions,
      ignored: whole.ignored,
      problemCount: badLines.length,
      problems: badLines.map((line) => ({ line, reason: 'bad_time' })),
    });
    const view = await call('metrics.team', day);
    expect(view.queue).toEqual(
      queueFigures(whole.calls, Date.UTC(2026, 10, 21, 16), Date.UTC(2026, 10, 22, 16)),
    );
    expect(view.queue).toMatchObject({ offered: 5 * repetitions, answered: 3 * repetitions });
    // Audited once, with the file's name and counts.
    expect(
      desk.db.raw
        .prepare("SELECT subject, detail FROM audit_log WHERE action = 'queue_log_import'")
        .all(),
    ).toEqual([
      {
        subject: 'queue_log',
        detail: JSON.stringify({
          lines: whole.linesRead,
          calls: 5 * repetitions,
          newCalls: 5 * repetitions,
          problems: badLines.length,
        }),
      },
    ]);
  });

  it('malformed lines reported by line number across chunk boundaries, the rest imported; the same lines again change nothing', async () => {
    await open('9001');
    expect((await call('metrics.team', day)).queue).toBeNull();
    // 40-byte slices: most lines are cut between two chunks.
    const r = await importLog(queueLog, 40);
    expect(r.problems).toEqual([
      { line: 6, reason: 'too_few_fields' },
      { line: 9, reason: 'bad_time' },
      { line: 11, reason: 'bad_number' },
    ]);
    expect(r).toMatchObject({ linesRead: 13, calls: 4, newCalls: 4, problemCount: 3, ignored: 1 });
    const view = await call('metrics.team', day);
    expect(view.queue).toEqual({
      offered: 4,
      answered: 3,
      abandoned: 1,
      serviceLevel: 2 / 4, // 12 s and 3 s within 20 s
      thresholdSeconds: 20,
      abandonRate: 1 / 4,
      asaSeconds: (12 + 35 + 3) / 3,
      longestWaitSeconds: 48,
      averageTimeToAbandonSeconds: 48,
    });
    const again = await importLog(queueLog);
    expect(again).toMatchObject({ calls: 4, newCalls: 0 });
    expect((await call('metrics.team', day)).queue).toEqual(view.queue);
    expect(auditCount(desk, 'queue_log_import')).toBe(2);
  });

  it('100 MB declared: refused at begin by its size, nothing read or written; a file of nothing but garbage refused at finish; bad arguments refused', async () => {
    await open('9001');
    const before = everything();
    const big = await refused('metrics.queueLogBegin', {
      fileName: 'big.log',
      size: 100 * 1024 * 1024,
    });
    expect(big).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'size', message: 'too_long' }],
    });
    const justOver = await refused('metrics.queueLogBegin', {
      fileName: 'x.log',
      size: maxQueueLogBytes + 1,
    });
    expect(justOver).toMatchObject({ issues: [{ path: 'size', message: 'too_long' }] });
    // Exactly at the limit is taken.
    await call('metrics.queueLogBegin', { fileName: 'x.log', size: maxQueueLogBytes });

    const junk = 'ÿØÿà JFIF\nnot|a|log\n' + 'x'.repeat(3000);
    const { importId, chunks } = await begin(junk);
    expect(await refused('metrics.queueLogFinish', { importId, chunks })).toMatchObject({
      code: 'BAD_ARGUMENT',
      issues: [{ path: 'text', message: 'unreadable' }],
    });
    expect((await refused('metrics.queueLogFinish', { importId, chunks })).code).toBe('NOT_FOUND');

    const shapes: [RequestName, unknown][] = [
      ['metrics.queueLogBegin', { fileName: '', size: 10 }],
      ['metrics.queueLogBegin', { fileName: '  ', size: 10 }],
      ['metrics.queueLogBegin', { fileName: 'q', size: 0 }],
      ['metrics.queueLogBegin', { fileName: 'q', size: 1.5 }],
      ['metrics.queueLogBegin', { fileName: 'q', size: '10' }],
      ['metrics.queueLogBegin', { fileName: 'q', text: queueLog }],
      ['metrics.queueLogChunk', { importId: 'x', index: -1, text: 'a' }],
      ['metrics.queueLogChunk', { importId: 'x', index: 0, text: 42 }],
      ['metrics.queueLogChunk', { importId: '', index: 0, text: 'a' }],
      // Over the chunk limit by length, or by its size on the wire (escapes).
      [
        'metrics.queueLogChunk',
        { importId: 'x', index: 0, text: 'y'.repeat(queueLogChunkBytes + 1) },
      ],
      ['metrics.queueLogChunk', { importId: 'x', index: 0, text: '\u0001'.repeat(100_000) }],
      ['metrics.queueLogFinish', { importId: 'x' }],
      ['metrics.queueLogFinish', { importId: 'x', chunks: -1 }],
      ['metrics.queueLogAbort', {}],
    ];
    for (const [name, args] of shapes) {
      expect((await refused(name, args)).code, `${name} ${JSON.stringify(args).slice(0, 80)}`).toBe(
        'BAD_ARGUMENT',
      );
    }
    expect(everything()).toEqual(before);
  });

  it('unknown id, chunk after finish, finish twice, out of order, more than declared, chunks missing: clear errors, nothing written', async () => {
    await open('9001');
    const before = everything();
    const lines = queueLog.split('\n');
    const first = lines.slice(0, 5).join('\n') + '\n';
    const rest = lines.slice(5).join('\n');

    expect(
      (await refused('metrics.queueLogChunk', { importId: 'nope', index: 0, text: first })).code,
    ).toBe('NOT_FOUND');
    expect((await refused('metrics.queueLogFinish', { importId: 'nope', chunks: 0 })).code).toBe(
      'NOT_FOUND',
    );

    // Out of order: refused, and the import is dropped.
    const size = Buffer.byteLength(queueLog);
    const a = await call('metrics.queueLogBegin', { fileName: 'q', size });
    await call('metrics.queueLogChunk', { importId: a.importId, index: 0, text: first });
    expect(
      await refused('metrics.queueLogChunk', { importId: a.importId, index: 2, text: rest }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'index', message: 'format' }] });
    expect(
      (await refused('metrics.queueLogChunk', { importId: a.importId, index: 1, text: rest })).code,
    ).toBe('NOT_FOUND');

    // More text than declared.
    const b = await call('metrics.queueLogBegin', { fileName: 'q', size: 20 });
    expect(
      await refused('metrics.queueLogChunk', { importId: b.importId, index: 0, text: first }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'text', message: 'too_long' }] });

    // Finish with a chunk missing — by count, or by bytes (the count agrees but the file shrank
    // while it was read): refused, nothing written; the import is kept for the rest.
    const c = await call('metrics.queueLogBegin', { fileName: 'q', size });
    await call('metrics.queueLogChunk', { importId: c.importId, index: 0, text: first });
    // The same chunk again (its reply lost): taken as read, nothing counted twice.
    expect(
      await call('metrics.queueLogChunk', { importId: c.importId, index: 0, text: first }),
    ).toMatchObject({ received: first.length });
    expect(
      await refused('metrics.queueLogFinish', { importId: c.importId, chunks: 2 }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'chunks', message: 'incomplete' }] });
    expect(
      await refused('metrics.queueLogFinish', { importId: c.importId, chunks: 1 }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'chunks', message: 'incomplete' }] });
    expect(everything()).toEqual(before);
    // A different text under an index already read is not a resend: refused.
    expect(
      await refused('metrics.queueLogChunk', { importId: c.importId, index: 0, text: rest }),
    ).toMatchObject({ code: 'BAD_ARGUMENT', issues: [{ path: 'index', message: 'format' }] });
    const c2 = await call('metrics.queueLogBegin', { fileName: 'q', size });
    await call('metrics.queueLogChunk', { importId: c2.importId, index: 0, text: first });
    expect(
      (await refused('metrics.queueLogFinish', { importId: c2.importId, chunks: 1 })).code,
    ).toBe('BAD_ARGUMENT');
    await call('metrics.queueLogChunk', { importId: c2.importId, index: 1, text: rest });
    const whole = await call('metrics.queueLogFinish', { importId: c2.importId, chunks: 2 });
    expect(whole.calls).toBeGreaterThan(0);
    const once = everything();

    // Finished: a later chunk and a second finish are refused; written once.
    const { importId, chunks } = await begin(queueLog);
    await call('metrics.queueLogFinish', { importId, chunks });
    const written = everything();
    expect(once).not.toEqual(before);
    expect(
      (await refused('metrics.queueLogChunk', { importId, index: chunks, text: first })).code,
    ).toBe('NOT_FOUND');
    expect((await refused('metrics.queueLogFinish', { importId, chunks })).code).toBe('NOT_FOUND');
    expect(everything()).toEqual(written);
  });

  it('unfinished imports do not pile up: capped per session, dropped when idle, at sign-out, or by abort; another session cannot use one', async () => {
    await open('9001');
    addAgent(desk.db, { employeeNo: '9002', name: '王芳', role: 'lead' });
    const before = everything();
    const begin1 = () => call('metrics.queueLogBegin', { fileName: 'q', size: 1000 });
    const alive = async (importId: string) => {
      const out = await desk.dispatcher.dispatch('metrics.queueLogChunk', {
        importId,
        index: 0,
        text: 'x',
      });
      return out.ok || out.error.code !== 'NOT_FOUND';
    };

    // The cap: a new one drops the oldest.
    const ids = [];
    for (let i = 0; i <= maxPendingQueueImports; i++) ids.push((await begin1()).importId);
    expect(await alive(ids[0]!)).toBe(false);
    for (const id of ids.slice(1)) expect(await alive(id)).toBe(true);
    expect(desk.metrics.queueImportsPending()).toBe(maxPendingQueueImports);

    // Abort drops it; a second abort finds nothing.
    expect(await call('metrics.queueLogAbort', { importId: ids[1]! })).toEqual({ dropped: true });
    expect(await call('metrics.queueLogAbort', { importId: ids[1]! })).toEqual({ dropped: false });
    expect(await alive(ids[1]!)).toBe(false);

    // Idle for more than 10 minutes: dropped.
    const idle = (await begin1()).importId;
    desk.clock.advance(10 * MIN + 1);
    expect(await alive(idle)).toBe(false);

    // Signed out: this session's imports are gone; the next lead cannot use them.
    const left = (await begin1()).importId;
    expect(desk.metrics.queueImportsPending()).toBeGreaterThan(0);
    desk.session.signOut();
    expect(desk.metrics.queueImportsPending()).toBe(0); // dropped at sign-out, not kept for later
    await desk.session.signIn('9002', TEST_PASSWORD);
    expect(await alive(left)).toBe(false);
    expect(await call('metrics.queueLogAbort', { importId: left })).toEqual({ dropped: false });
    // Nothing imported (the audit log has the sign-out and sign-in, nothing of the imports).
    const { audit_log: _audit, ...queueTables } = everything();
    const { audit_log: _before, ...queueTablesBefore } = before;
    expect(queueTables).toEqual(queueTablesBefore);
    expect(auditCount(desk, 'queue_log_import')).toBe(0);
  });

  it('an agent gets FORBIDDEN at every step, even with the id of an import a lead began; nothing changes', async () => {
    await open('9001');
    const { importId } = await call('metrics.queueLogBegin', {
      fileName: 'q',
      size: Buffer.byteLength(queueLog),
    });
    desk.session.signOut();
    await desk.session.signIn('1001', TEST_PASSWORD);
    const before = everything();
    for (const [name, args] of [
      ['metrics.queueLogBegin', { fileName: 'queue_log', size: 1000 }],
      ['metrics.queueLogChunk', { importId, index: 0, text: queueLog }],
      ['metrics.queueLogFinish', { importId, chunks: 0 }],
      ['metrics.queueLogAbort', { importId }],
    ] as const) {
      expect((await refused(name, args)).code, name).toBe('FORBIDDEN');
    }
    expect(everything()).toEqual(before);
  });
});
