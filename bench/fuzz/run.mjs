#!/usr/bin/env node
// The long fuzz run: the same seeded mutations as the test suite (every HDU and every column decoded), many more of
// them; reports untyped errors, cases over 1 s, the worst decoded bytes per input byte, the largest heap growth of
// one case, and peak RSS.
// Usage: node bench/fuzz/run.mjs [MUTATIONS]   (default 100000; the test suite runs 3000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const mutations = process.argv[2] ?? '100000';
const reportFile = join(mkdtempSync(join(tmpdir(), 'spectra-fuzz-')), 'report.json');
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', 'packages/fits/src/fuzz.test.ts', '--testTimeout', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: {
    ...process.env,
    SPECTRA_FUZZ_MUTATIONS: mutations,
    SPECTRA_FUZZ_LONG: '1',
    SPECTRA_FUZZ_REPORT: reportFile,
  },
});
console.log(
  `fuzz: ${mutations} mutations in ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status}`,
);
try {
  console.log(readFileSync(reportFile, 'utf8'));
} catch {
  console.log('fuzz: no report written (the run failed before the end)');
}
process.exit(result.status ?? 1);
