#!/usr/bin/env node
// bench/slurm: the sharded commands on a real scheduler. Brings up a one-node Slurm cluster on this machine
// (one-node-cluster.sh: Debian's slurm-wlm and munge; needs root), submits job arrays of N tasks — `spectra
// provenance --shard $SLURM_ARRAY_TASK_ID/N` (part files, then `spectra merge`), the same with `--hive` (a dataset
// DuckDB reads in place), and `spectra predict --shard` (outputs concatenated) — waits for them, and checks that the
// results equal one single-machine run. A bench rather than a test: it installs system packages and runs daemons.
// Usage (after a build, as root): node bench/slurm/run.mjs [--spectra-per-class 40] [--tasks 4]
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const argv = process.argv.slice(2);
const value = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const perClass = Number(value('--spectra-per-class', 40));
const tasks = Number(value('--tasks', 4));

execFileSync('bash', [join(root, 'bench/slurm/one-node-cluster.sh')], { stdio: 'inherit' });
const { generateDataset } = await import(join(root, 'packages/synth/dist/index.js'));
const { DuckDBInstance } = createRequire(join(root, 'packages/cli/package.json'))('@duckdb/node-api');

const work = mkdtempSync(join(tmpdir(), 'spectra-slurm-'));
const data = join(work, 'data');
const synth = await generateDataset(data, { perClass, seed: 11, formats: 'mix' });
const files = [...synth.files].sort();
writeFileSync(join(work, 'files.txt'), `${files.join('\n')}\n`);
const tables = (dir) =>
  `--metadata-table ${dir}/meta.parquet --spectra-manifest ${dir}/manifest.csv --preproc-log ${dir}/log.csv ` +
  `--label-table ${dir}/labels.csv --manifest-created-at 2026-01-01T00:00:00Z --quiet`;

/** Submits a job array running `command` (with $SLURM_ARRAY_TASK_ID) and waits for it; returns the seconds. */
function array(name, command) {
  const script = join(work, `${name}.sh`);
  mkdirSync(join(work, 'logs'), { recursive: true });
  writeFileSync(
    script,
    `#!/bin/bash\n#SBATCH --job-name=${name}\n#SBATCH --array=1-${tasks}\n#SBATCH --cpus-per-task=1\n` +
      `#SBATCH --output=${work}/logs/${name}-%a.log\nset -euo pipefail\n${command}\n`,
  );
  const started = performance.now();
  execFileSync('sbatch', ['--wait', '--parsable', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  return (performance.now() - started) / 1000;
}
const spectra = (args) => execFileSync(process.execPath, [bin, ...args], { encoding: 'utf8' });

const report = [];
// 1. provenance in N shards, merged, against one run.
const sharded = join(work, 'sharded');
const partsSeconds = array(
  'provenance',
  `${process.execPath} ${bin} provenance ${data} --shard \${SLURM_ARRAY_TASK_ID}/${tasks} ${tables(sharded)}`,
);
spectra(['merge', ...['meta.parquet', 'manifest.csv', 'log.csv', 'labels.csv'].map((f) => join(sharded, f))]);
const whole = join(work, 'whole');
let started = performance.now();
spectra(['provenance', data, ...tables(whole).split(' ')]);
const wholeSeconds = (performance.now() - started) / 1000;
for (const f of ['manifest.csv', 'log.csv', 'labels.csv'])
  if (readFileSync(join(sharded, f), 'utf8') !== readFileSync(join(whole, f), 'utf8'))
    throw new Error(`${f}: the merged shards differ from the single-machine run`);
const db = await (await DuckDBInstance.create(':memory:')).connect();
const rows = async (sql) => JSON.stringify((await db.runAndReadAll(sql)).getRowObjectsJson());
const wholeMeta = await rows(`SELECT * FROM '${whole}/meta.parquet' ORDER BY spec_id`);
if ((await rows(`SELECT * FROM '${sharded}/meta.parquet' ORDER BY spec_id`)) !== wholeMeta)
  throw new Error('meta.parquet: the merged shards differ from the single-machine run');
report.push(
  `provenance: ${tasks} array tasks + merge equal one run (${files.length} spectra; array ${partsSeconds.toFixed(1)} s, one process ${wholeSeconds.toFixed(1)} s)`,
);

// 2. the same with --hive: nothing to merge, DuckDB reads the dataset in place.
const hive = join(work, 'hive');
const hiveSeconds = array(
  'provenance-hive',
  `${process.execPath} ${bin} provenance ${data} --shard \${SLURM_ARRAY_TASK_ID}/${tasks} --hive ${tables(hive)}`,
);
const hiveMeta = await rows(
  `SELECT * EXCLUDE (shard) FROM read_parquet('${hive}/meta/**/*.parquet', hive_partitioning = true) ORDER BY spec_id`,
);
if (hiveMeta !== wholeMeta) throw new Error('the Hive dataset differs from the single-machine table');
report.push(
  `provenance --hive: ${tasks} partitions read in place by DuckDB equal one run (array ${hiveSeconds.toFixed(1)} s)`,
);

// 3. predict in N shards (the pretrained classifier), outputs concatenated, against one run.
const predictions = join(work, 'predictions');
mkdirSync(predictions, { recursive: true });
const predictSeconds = array(
  'predict',
  `${process.execPath} ${bin} predict --shard \${SLURM_ARRAY_TASK_ID}/${tasks} --csv --workers 1 $(cat ${work}/files.txt) > ${predictions}/part-\${SLURM_ARRAY_TASK_ID}.csv`,
);
const parts = Array.from({ length: tasks }, (_, i) =>
  readFileSync(join(predictions, `part-${i + 1}.csv`), 'utf8')
    .trim()
    .split('\n'),
);
const joined = [parts[0][0], ...parts.flatMap((p) => p.slice(1))].join('\n');
started = performance.now();
const single = spectra(['predict', '--csv', '--workers', '1', ...files]).trim();
const singleSeconds = (performance.now() - started) / 1000;
if (joined !== single) throw new Error('predict: the concatenated shards differ from one run');
report.push(
  `predict: ${tasks} array tasks concatenated equal one run (array ${predictSeconds.toFixed(1)} s, one process ${singleSeconds.toFixed(1)} s)`,
);

console.log(
  `bench/slurm on a one-node Slurm cluster (${execFileSync('sinfo', ['-V'], { encoding: 'utf8' }).trim()}), work in ${work}`,
);
for (const line of report) console.log(`  ${line}`);
