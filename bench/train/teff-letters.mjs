#!/usr/bin/env node
// bench/train/teff-letters: how far a star's catalogued letter follows its temperature, on the real-star set's MILES
// stars (the library that gives Teff and log g). For every star, the letter that the best possible temperature cuts
// would give it: six thresholds on Teff, hotter to cooler O…M, placed to agree with as many catalogue letters as
// possible (dynamic programming over the stars sorted by Teff; fitted on all of them at once, so an upper bound for
// any rule that reads the temperature alone), for all stars and separately for dwarfs (log g ≥ 3.5) and giants.
// With --predictions (bench/train/realstars.mjs --predictions OUT.jsonl) it also scores those predictions per
// library and on the same MILES dwarfs and giants.
// Usage: node bench/train/teff-letters.mjs [--data DIR] [--predictions OUT.jsonl]
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { MK_CLASSES } = await import(join(root, 'packages/core/dist/index.js'));
const argv = process.argv.slice(2);
const value = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
const data = resolve(value('--data', join(root, '../realstars-build')));
if (!existsSync(join(data, 'labels.csv'))) {
  console.log(`bench/train/teff-letters: skipped: no ${data}/labels.csv (build it: see ../shared/realstars)`);
  process.exit(0);
}

// A real CSV reader: a star's name can hold a comma (`"Mel ,22 0296 Cl"`).
const parseCsv = createRequire(join(root, 'packages/provenance/package.json'))('csv-parse/sync').parse;
const rows = parseCsv(readFileSync(join(data, 'labels.csv')), { columns: true });
const bySpec = new Map(rows.map((r) => [r.spec_id, r]));
const stars = new Map();
for (const r of rows) stars.set(`${r.library}/${r.star}`, r);
const number = (text) => (text === undefined || text === '' || text === '--' ? Number.NaN : Number(text));
const miles = [...stars.values()].filter((s) => s.library === 'MILES' && Number.isFinite(number(s.teff)));
const isGiant = (s) => number(s.logg) < 3.5;

/** The most catalogue letters that monotone Teff cuts can reproduce (letters ordered hot to cool). */
function bestCuts(list) {
  const sorted = list.map((s) => [number(s.teff), MK_CLASSES.indexOf(s.letter)]).sort((a, b) => b[0] - a[0]);
  let best = new Array(MK_CLASSES.length).fill(0);
  for (const [, letter] of sorted) {
    const next = [];
    let carried = 0;
    for (let k = 0; k < MK_CLASSES.length; k++) {
      carried = Math.max(carried, best[k]);
      next.push(carried + (letter === k ? 1 : 0));
    }
    best = next;
  }
  return Math.max(...best) / sorted.length;
}

const share = (x) => x.toFixed(3);
console.log(`bench/train/teff-letters: ${miles.length} MILES stars with Teff in ${data}`);
console.log(
  `  the best Teff cuts reproduce the catalogue letter of ${share(bestCuts(miles))} of them; dwarfs (log g ≥ 3.5, ${miles.filter((s) => !isGiant(s)).length}) ${share(bestCuts(miles.filter((s) => !isGiant(s))))}, giants (${miles.filter(isGiant).length}) ${share(bestCuts(miles.filter(isGiant)))} (cuts fitted per group)`,
);

const predictions = value('--predictions', undefined);
if (predictions) {
  const tally = new Map();
  const count = (key, right) => {
    const t = tally.get(key) ?? [0, 0];
    t[0] += right ? 1 : 0;
    t[1]++;
    tally.set(key, t);
  };
  for (const line of readFileSync(predictions, 'utf8').trim().split('\n')) {
    const p = JSON.parse(line);
    const row = bySpec.get(p.specId);
    if (!row || (p.split ?? 'test') !== 'test') continue;
    const probs = p.calibrated ?? p.probs;
    const predicted = MK_CLASSES[probs.indexOf(Math.max(...probs))];
    const right = predicted === p.label;
    count('every test spectrum', right);
    count(row.library, right);
    if (row.library === 'MILES' && Number.isFinite(number(row.logg)))
      count(isGiant(row) ? 'MILES giants' : 'MILES dwarfs', right);
  }
  console.log(`  the predictions of ${predictions}, letter accuracy:`);
  for (const [key, [right, n]] of tally)
    console.log(`    ${key.padEnd(20)} ${share(right / n)} (${n} spectra)`);
}
