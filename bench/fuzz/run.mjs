#!/usr/bin/env node
// The long fuzz run: the same seeded mutations as the test suite, many more of them, with peak memory reported.
// Usage: node bench/fuzz/run.mjs [MUTATIONS]   (default 100000; the test suite runs 3000)
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const mutations = process.argv[2] ?? '100000';
const started = Date.now();
const result = spawnSync('npx', ['vitest', 'run', 'packages/fits/src/fuzz.test.ts', '--testTimeout', '0'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, SPECTRA_FUZZ_MUTATIONS: mutations, SPECTRA_FUZZ_LONG: '1' },
});
console.log(
  `fuzz: ${mutations} mutations in ${((Date.now() - started) / 1000).toFixed(0)} s, exit ${result.status}`,
);
process.exit(result.status ?? 1);
