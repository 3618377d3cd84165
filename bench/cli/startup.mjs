#!/usr/bin/env node
// bench/cli/startup: how long `spectra --version`, `--help` and `inspect FILE` take from a cold process (the
// commands import only what they use: TensorFlow, vega and the tables' libraries load only for the commands that
// need them). Median of 11 runs each. Usage: node bench/cli/startup.mjs (after the build)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const fixture = resolve(root, '../shared/fixtures/spectra/sdss-spec/spec-3586-55181-0500.fits');
const cases = [
  ['--version', ['--version']],
  ['--help', ['--help']],
  ['inspect FILE', ['inspect', fixture]],
  ['bare node', null],
];
for (const [name, args] of cases) {
  if (name === 'inspect FILE' && !existsSync(fixture)) {
    console.log(`${name.padEnd(14)} skipped: no ${fixture}`);
    continue;
  }
  const times = [];
  for (let i = 0; i < 11; i++) {
    const started = performance.now();
    const run = spawnSync(process.execPath, args ? [bin, ...args] : ['-e', '0'], { encoding: 'utf8' });
    times.push(performance.now() - started);
    if (run.status !== 0) throw new Error(`${name} failed: ${run.stderr}`);
  }
  times.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(14)} ${(times[5] / 1000).toFixed(3)} s (median of 11; min ${(times[0] / 1000).toFixed(3)} s)`,
  );
}
