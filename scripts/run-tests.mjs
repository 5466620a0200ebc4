#!/usr/bin/env node
// `npm test`: runs every suite and ends with one line, `N passed, N failed` (skips on the line before),
// totalled over all of them, so CI and people read the same number.
//
// Suites:
//  1. vitest (test/**/*.test.ts) — default reporter streamed, JSON reporter to a temp file.
//  2. every package.json script named `test:suite:<name>` (e.g. the PySpark conformance suite).
//     It runs with TIDEMARK_RESULT_FILE=test/output/results/<name>.json and must write
//     {"passed": n, "failed": n, "skipped": n} there. A suite that exits non-zero without
//     writing the file counts as one failure.
//  3. extra result files: paths listed in TIDEMARK_EXTRA_RESULTS (separated by the platform's
//     path delimiter), and any test/output/results/*.json written during this run.
// Arguments after `npm test --` go to vitest; when there are any, only vitest runs (a filtered
// run should not start the slow suites).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const resultsDir = join(root, 'test/output/results');
const vitestArgs = process.argv.slice(2);
// Whole seconds: some filesystems store coarse mtimes.
const startedAt = Math.floor(Date.now() / 1000) * 1000;
const env = { ...process.env, TZ: 'UTC' };

/** @type {{ name: string, passed: number, failed: number, skipped: number }[]} */
const suites = [];
let anyFailure = false;

function count(value) {
  return Number.isInteger(value) && value >= 0 ? value : 0;
}

function runVitest() {
  const jsonFile = join(tmpdir(), `tidemark-vitest-${process.pid}-${Date.now()}.json`);
  const vitestBin = join(root, 'node_modules/vitest/vitest.mjs');
  const result = spawnSync(
    process.execPath,
    [
      vitestBin,
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${jsonFile}`,
      ...vitestArgs,
    ],
    { cwd: root, env, stdio: 'inherit' },
  );
  if (result.status !== 0) anyFailure = true;

  const suite = { name: 'vitest', passed: 0, failed: 0, skipped: 0 };
  if (existsSync(jsonFile)) {
    const report = JSON.parse(readFileSync(jsonFile, 'utf8'));
    rmSync(jsonFile, { force: true });
    suite.passed = count(report.numPassedTests);
    suite.failed = count(report.numFailedTests);
    suite.skipped = count(report.numPendingTests) + count(report.numTodoTests);
    // A test file that fails to load reports no tests at all; count it so it is not invisible.
    for (const file of report.testResults ?? []) {
      if (file.status === 'failed' && (file.assertionResults ?? []).length === 0) suite.failed += 1;
    }
  } else if (result.status !== 0) {
    suite.failed = 1;
  }
  if (result.status !== 0 && suite.failed === 0) {
    // e.g. an unhandled error between tests, or no test files matched.
    suite.failed = 1;
  }
  suites.push(suite);
}

function readResultFile(name, file) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  return {
    name,
    passed: count(data.passed),
    failed: count(data.failed),
    skipped: count(data.skipped),
  };
}

function runScriptSuites(counted) {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const names = Object.keys(pkg.scripts ?? {}).filter((s) => s.startsWith('test:suite:'));
  for (const script of names) {
    const name = script.slice('test:suite:'.length);
    const file = join(resultsDir, `${name}.json`);
    mkdirSync(resultsDir, { recursive: true });
    rmSync(file, { force: true });
    console.log(`\n▶ ${script}`);
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const result = spawnSync(npm, ['run', '--silent', script], {
      cwd: root,
      env: { ...env, TIDEMARK_RESULT_FILE: file },
      stdio: 'inherit',
    });
    if (result.status !== 0) anyFailure = true;
    if (existsSync(file)) {
      const suite = readResultFile(name, file);
      if (result.status !== 0 && suite.failed === 0) suite.failed = 1;
      suites.push(suite);
    } else {
      suites.push({ name, passed: 0, failed: result.status === 0 ? 0 : 1, skipped: 0 });
      if (result.status === 0) console.log(`  (${script} wrote no ${relative(root, file)})`);
    }
    counted.add(resolve(file));
  }
}

function addResultFiles(counted) {
  const files = (process.env.TIDEMARK_EXTRA_RESULTS ?? '')
    .split(delimiter)
    .filter(Boolean)
    .map((f) => resolve(f));
  if (existsSync(resultsDir)) {
    for (const entry of readdirSync(resultsDir)) {
      const file = join(resultsDir, entry);
      // Files older than this run are left from an earlier one; counting them would double up.
      if (entry.endsWith('.json') && statSync(file).mtimeMs >= startedAt) files.push(file);
    }
  }
  for (const file of files) {
    if (counted.has(file)) continue;
    counted.add(file);
    const rel = relative(root, file);
    const name = rel.startsWith('..') ? file : rel;
    try {
      suites.push(readResultFile(name, file));
    } catch (error) {
      console.error(`Could not read test results ${name}: ${error.message}`);
      suites.push({ name, passed: 0, failed: 1, skipped: 0 });
    }
  }
}

runVitest();
const counted = new Set();
if (vitestArgs.length === 0) runScriptSuites(counted);
addResultFiles(counted);

const total = { passed: 0, failed: 0, skipped: 0 };
for (const suite of suites) {
  total.passed += suite.passed;
  total.failed += suite.failed;
  total.skipped += suite.skipped;
}
if (total.failed > 0) anyFailure = true;
if (suites.length > 1) {
  console.log('');
  for (const s of suites) {
    console.log(`  ${s.name}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped`);
  }
}
// Skipped tests get their own line before the total, so the last line is always exactly
// `N passed, N failed` (what CI reads).
if (total.skipped > 0) console.log(`${total.skipped} skipped`);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(anyFailure ? 1 : 0);
