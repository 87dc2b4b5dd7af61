#!/usr/bin/env node
// `npm test`: every gate, in the order a failure is cheapest to see.
//   test bed → native module check → typecheck → lint → format → build → unit/integration → e2e
// The test bed (Debian's Chromium, CJK fonts for readable screenshots) is installed with apt-get
// when run as root (CI); otherwise this says exactly what to install and fails. It never skips.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { ensurePackages } from './testbed.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const isRoot = process.getuid?.() === 0;
const started = performance.now();

function sh(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...opts });
  return r.status === 0;
}

function gate(name, cmd, args, opts) {
  const t = performance.now();
  console.log(`\n▶ ${name}`);
  if (!sh(cmd, args, opts)) {
    console.error(`\n✗ ${name} failed`);
    process.exit(1);
  }
  console.log(`✓ ${name} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

// 1. Test bed (scripts/testbed.mjs): installed as root, else exactly what to install.
{
  const t = performance.now();
  console.log('\n▶ test bed');
  const bed = [
    'chromium',
    'fonts-noto-cjk',
    'kamailio',
    'kamailio-websocket-modules',
    'sip-tester',
    'rtpengine-daemon',
  ];
  if (!ensurePackages(bed)) {
    console.error('\n✗ test bed incomplete');
    process.exit(1);
  }
  console.log(`✓ test bed (${((performance.now() - t) / 1000).toFixed(1)} s)`);
}

// 2. better-sqlite3 must be the Node build here (the Electron build lives in .electron-native/).
const probe = spawnSync(
  process.execPath,
  ['-e', "new (require('better-sqlite3'))(':memory:').close()"],
  { cwd: root, encoding: 'utf8' },
);
if (probe.status !== 0) {
  console.log(
    'better-sqlite3 does not load under Node; rebuilding it for Node:\n' +
      probe.stderr.split('\n').slice(0, 3).join('\n'),
  );
  gate('rebuild better-sqlite3 for Node', 'npm', ['rebuild', 'better-sqlite3']);
}

const bin = (name) => join(root, 'node_modules', '.bin', name);
gate('typecheck', bin('tsc'), ['-b']);
gate('lint (zero warnings)', bin('eslint'), ['--max-warnings', '0', '.']);
gate('format', bin('prettier'), ['--check', '.', '--log-level', 'warn']);
gate('build', process.execPath, ['scripts/build.mjs']);

// 3. Tests. Vitest's JSON report gives the counts for the closing line.
const reports = mkdtempSync(join(tmpdir(), 'courier-desk-test-'));
const counts = { passed: 0, failed: 0, skipped: 0 };
/**
 * What failed, kept short for the end of the output: a CI log is often read from its tail only,
 * and the full vitest output above it may be cut. Each failure: file › test, then the head of
 * its message (ANSI stripped).
 */
const digest = [];
const retried = [];
const stripAnsi = (s) => stripVTControlCharacters(s);
function collectFailures(report) {
  for (const file of report.testResults ?? []) {
    const rel = file.name.startsWith(root) ? file.name.slice(root.length) : file.name;
    if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) {
      digest.push(`✗ ${rel}\n    ${stripAnsi(file.message ?? 'failed to load').slice(0, 1500)}`);
    }
    for (const a of file.assertionResults ?? []) {
      const failures = a.failureMessages ?? [];
      if (a.status !== 'failed' && failures.length === 0) continue;
      const message = stripAnsi(failures.join('\n'))
        .split('\n')
        .slice(0, 40)
        .join('\n    ')
        .slice(0, 4000);
      // A test that passed with failure messages passed on a retry: listed, never hidden.
      const what = a.status === 'failed' ? '✗' : '↻ passed on retry, first failed:';
      (a.status === 'failed' ? digest : retried).push(
        `${what} ${rel} › ${a.fullName ?? a.title}\n    ${message}`,
      );
    }
  }
}
/** Runs vitest for some projects; `prefix` (a command and its args) wraps it, e.g. in unshare. */
function vitest(name, projects, prefix = []) {
  const out = join(reports, `${name}.json`);
  const args = [
    'run',
    ...projects.flatMap((p) => ['--project', p]),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ];
  const t = performance.now();
  console.log(`\n▶ ${name}`);
  const command = [...prefix, bin('vitest'), ...args];
  const ok = sh(command[0], command.slice(1));
  if (existsSync(out)) {
    const r = JSON.parse(readFileSync(out, 'utf8'));
    counts.passed += r.numPassedTests;
    counts.failed += r.numFailedTests + (r.numTotalTestSuites > 0 && r.numTotalTests === 0 ? 1 : 0);
    counts.skipped += r.numPendingTests + r.numTodoTests;
    collectFailures(r);
  } else {
    counts.failed += 1;
  }
  console.log(`${ok ? '✓' : '✗'} ${name} (${((performance.now() - t) / 1000).toFixed(1)} s)`);
  return ok;
}

const unitOk = vitest('unit + integration tests', ['shared', 'main', 'renderer']);
// End-to-end in a network namespace with only loopback up, so nothing can leave the machine
// (docs/DESIGN.md §2). Needs root (CI); elsewhere the tests still bind 127.0.0.1 only.
const canIsolate =
  isRoot && existsSync('/usr/bin/unshare') && spawnSync('unshare', ['-n', 'true']).status === 0;
if (!canIsolate)
  console.log('note: not root or no unshare — e2e runs without network isolation (127.0.0.1 only)');
const isolate = ['unshare', '-n', 'sh', '-c', 'ip link set lo up && exec "$@"', 'sh'];
const e2eOk = vitest('end-to-end tests (Chromium)', ['e2e'], canIsolate ? isolate : []);
rmSync(reports, { recursive: true, force: true });

if (retried.length > 0) {
  console.log(`\n${retried.length} test(s) passed only on a retry:`);
  for (const d of retried) console.log(`\n${d}`);
}
if (digest.length > 0) {
  console.log(`\n${digest.length} failure(s), in short:`);
  for (const d of digest) console.log(`\n${d}`);
}
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`\nnpm test finished in ${seconds} s`);
console.log(
  `${counts.passed} passed (${retried.length} on a retry), ${counts.failed} failed, ${counts.skipped} skipped`,
);
process.exit(unitOk && e2eOk && counts.failed === 0 && counts.passed > 0 ? 0 : 1);
