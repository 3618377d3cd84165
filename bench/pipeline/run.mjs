#!/usr/bin/env node
// Wall time, peak RSS and per-stage times of `spectra demo` (Table A, 5,480 spectra, every export, figure and
// experiment) and of a 20k-spectrum `spectra pipeline` run with every table, on this machine. Targets (issue 7/7):
// the demo in ≤ 3 minutes and ≤ 2 GB on 2 cores. Needs a build. Usage: node bench/pipeline/run.mjs [--skip-20k]
// Peak RSS is the child's VmHWM from /proc (worker threads included), sampled until it exits.
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMeasured } from '../lib/run-measured.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');

const run = (args) => runMeasured(bin, args);

const lastJson = (stdout) => JSON.parse(stdout.trim().split('\n').at(-1));
const scratch = mkdtempSync(join(tmpdir(), 'spectra-bench-pipeline-'));
console.log(`machine: ${availableParallelism()} cores, Node ${process.version}`);
try {
  const demo = await run(['demo', join(scratch, 'demo'), '--quiet', '--json']);
  const summary = lastJson(demo.stdout);
  console.log(
    `spectra demo (5,480 spectra, all exports, ablation, release shift): ${demo.seconds.toFixed(0)} s, peak RSS ${demo.peakMb.toFixed(0)} MB (targets 180 s, 2048 MB)`,
  );
  console.log(
    `  stages: synth ${summary.synthSeconds.toFixed(1)} s, ${Object.entries(summary.stageSeconds)
      .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
      .join(', ')}`,
  );
  console.log(
    `  test accuracy ${(100 * summary.test.accuracy).toFixed(1)}% (baseline ${(100 * summary.baseline.accuracy).toFixed(1)}%)`,
  );
  if (!process.argv.includes('--skip-20k')) {
    const data = join(scratch, 'data20k');
    const synth = await run([
      'synth',
      data,
      '--counts',
      'O=1170,B=1970,A=2630,F=3430,G=4090,K=3580,M=3130',
      '--formats',
      'mix',
      '--quiet',
      '--json',
    ]);
    console.log(
      `spectra synth 20,000 spectra: ${synth.seconds.toFixed(0)} s, peak RSS ${synth.peakMb.toFixed(0)} MB`,
    );
    const out = join(scratch, 'out20k');
    const pipeline = await run([
      'pipeline',
      data,
      '--out-dir',
      out,
      '--epochs',
      '2',
      '--quiet',
      '--json',
      '--scratch-dir',
      scratch,
      '--metadata-table',
      join(out, 'meta.parquet'),
      '--spectra-manifest',
      join(out, 'manifest.csv'),
      '--preproc-log',
      join(out, 'log.parquet'),
      '--label-table',
      join(out, 'labels.parquet'),
      '--label-catalog',
      join(data, 'labels.csv'),
      '--catalog-object-field',
      'OBJECT_ID',
      '--catalog-spectral-field',
      'SPECTRAL_CLASS',
      '--catalog-luminosity-field',
      'LUMINOSITY_CLASS',
      '--catalog-strip-prefix',
      'SDSS_',
      '--catalog-strip-suffix',
      '_dr17',
    ]);
    const s = lastJson(pipeline.stdout);
    console.log(
      `spectra pipeline 20,000 spectra (2 epochs, all tables, scratch-file samples): ${pipeline.seconds.toFixed(0)} s, peak RSS ${pipeline.peakMb.toFixed(0)} MB`,
    );
    console.log(
      `  stages: ${Object.entries(s.stageSeconds)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')}`,
    );
    console.log(`  test accuracy ${(100 * s.test.accuracy).toFixed(1)}%`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
