#!/usr/bin/env node
// bench/pipeline/scale: does the cost of a survey grow linearly with its size, and memory stay flat? For each size
// (default 10k, 30k, 100k synthetic spectra; made once with `spectra synth` and kept in the cache folder), runs
// `spectra provenance` (every table, preprocessing log included) and `spectra predict` (the pretrained classifier,
// CSV) over the folder, and prints wall time, peak RSS (the child's VmHWM, worker threads included) and time per
// spectrum; then the ratios between sizes. provenance reads with the cores available; predict with --workers.
// Needs a build. --only provenance|predict runs one of the two. Usage:
//   node bench/pipeline/scale.mjs [--sizes 10000,30000,100000] [--cache DIR] [--workers N] [--only STAGE]
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMeasured } from '../lib/run-measured.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const bin = join(root, 'packages/cli/dist/bin.js');
const argv = process.argv.slice(2);
const value = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const sizes = value('--sizes', '10000,30000,100000').split(',').map(Number);
const cache = resolve(value('--cache', join(tmpdir(), 'spectra-scale-cache')));
const workers = Number(value('--workers', availableParallelism()));
const only = value('--only', null);
const skipped = { seconds: Number.NaN, peakMiB: Number.NaN };

/** Runs the CLI, measured (wall seconds, peak RSS); the CSV of predict is measured, not kept. */
const run = async (args) => {
  const { seconds, peakMb } = await runMeasured(bin, args, { sampleMs: 200 });
  return { seconds, peakMiB: peakMb };
};

const results = [];
for (const size of sizes) {
  const perClass = Math.round(size / 7);
  const data = join(cache, `survey-${size}`);
  if (!existsSync(join(data, 'labels.csv'))) {
    rmSync(data, { recursive: true, force: true });
    mkdirSync(data, { recursive: true });
    const made = await run([
      'synth',
      data,
      '--per-class',
      String(perClass),
      '--seed',
      '5',
      '--quiet',
      '--workers',
      String(workers),
    ]);
    console.log(`made ${perClass * 7} spectra in ${data} (${made.seconds.toFixed(0)} s)`);
  }
  // Every file read once before timing, so each size runs from the page cache (as a second pass over a survey
  // does) rather than from however much of it an earlier size left there.
  const warm = performance.now();
  const bytes = warmPageCache(data);
  console.log(
    `read ${(bytes / 2 ** 30).toFixed(1)} GiB of ${data} into the page cache (${((performance.now() - warm) / 1000).toFixed(0)} s)`,
  );
  const out = join(cache, `out-${size}`);
  rmSync(out, { recursive: true, force: true });
  const provenance =
    only === 'predict'
      ? skipped
      : await run([
          'provenance',
          data,
          '--metadata-table',
          join(out, 'meta.parquet'),
          '--spectra-manifest',
          join(out, 'manifest.parquet'),
          '--preproc-log',
          join(out, 'log.parquet'),
          '--label-table',
          join(out, 'labels.parquet'),
          '--quiet',
        ]);
  const predict =
    only === 'provenance' ? skipped : await run(['predict', data, '--csv', '--workers', String(workers)]);
  const n = perClass * 7;
  results.push({ n, provenance, predict });
  console.log(
    `${String(n).padStart(7)} spectra: provenance ${provenance.seconds.toFixed(1)} s (${((provenance.seconds / n) * 1000).toFixed(2)} ms each, peak ${provenance.peakMiB.toFixed(0)} MiB), ` +
      `predict ${predict.seconds.toFixed(1)} s (${((predict.seconds / n) * 1000).toFixed(2)} ms each, peak ${predict.peakMiB.toFixed(0)} MiB)`,
  );
}
const [first] = results;
for (const r of results.slice(1)) {
  const scale = r.n / first.n;
  console.log(
    `${first.n} → ${r.n} (×${scale.toFixed(1)}): provenance time ×${(r.provenance.seconds / first.provenance.seconds).toFixed(2)}, ` +
      `RSS ×${(r.provenance.peakMiB / first.provenance.peakMiB).toFixed(2)}; predict time ×${(r.predict.seconds / first.predict.seconds).toFixed(2)}, RSS ×${(r.predict.peakMiB / first.predict.peakMiB).toFixed(2)}`,
  );
}

/** Reads every file under a folder once (1 MiB at a time); returns the bytes read. */
function warmPageCache(folder) {
  const buffer = Buffer.alloc(2 ** 20);
  let total = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const fd = openSync(join(entry.parentPath ?? entry.path, entry.name), 'r');
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) total += n;
    closeSync(fd);
  }
  return total;
}
