#!/usr/bin/env node
// bench/train/realstars: star-grouped k-fold cross-validation of the default training recipe of `spectra pipeline`
// on real library stars (../shared/realstars, written as SDSS spec files by its build.py), and — in the same run,
// on the same folds and the same preprocessed inputs — scikit-learn logistic regression and nearest centroid
// (Debian's python3-sklearn) and a Keras 1-D CNN (bench/.venv, see bench/train/run.mjs). Every number is the mean ±
// std over the folds; no star is on both sides of a fold. Reports letter accuracy overall and per S/N, within one
// letter, subtype RMS, the letter the subtype head's estimate falls in, expected calibration error (raw and after
// temperature scaling) and training seconds.
// Usage (after a build): node bench/train/realstars.mjs [--data DIR] [--folds 5] [--epochs 30] [--seed 1]
//   [--grid START,END,LENGTH] [--continuum|--no-continuum] [--clip LOW,HIGH|--no-clip] [--augment NOISE,SHIFT,TILT,MASKP|--no-augment]
//   [--no-class-weights] [--subtype-weight W] [--reduce-lr FACTOR,PATIENCE|--no-reduce-lr] [--patience N] [--min-delta D] [--weight-average DECAY] [--neighbour-smoothing S] [--cnn JSON] [--batch-size N] [--ensemble N] [--no-python] [--workers N] [--json OUT]
//   [--subtype-variants] [--predictions OUT.jsonl] [--train-fraction F] [--exclude-conflicts] [--blend] [--tta PIXELS]
//   [--hold-out-libraries NAME,NAME...] [--channels 1|2] [--test-ranges LOW-HIGH,...] [--calibration-stars|--calibration-split]
// --ensemble N trains N networks per fold (seeds SEED, SEED+1, ...) and averages their probabilities.
// --subtype-variants also fits the subtype head on the validation spectra, and on both, and scores each.
// --blend also trains the product's logistic-regression baseline on each fold and scores it alone and averaged with
// the CNN's probabilities (weights 0.25 and 0.5 on the baseline): do the two models err on different spectra?
// --tta P also scores test-time augmentation: the probabilities averaged over each test spectrum and its copies
// shifted by ±1…±P grid pixels (edges filled as missing).
// --test-ranges 3900-6800,... also scores the test spectra cut to each range (Å; the rest of the grid missing, as
// preprocessing leaves uncovered pixels): how the model does on a survey or library that covers less.
// --exclude-conflicts leaves the stars the build marks teff_letter_conflict (catalogued type two or more letters from
// their temperature: known label noise) out of training and validation; they stay in the test folds.
// --calibration-stars fits the temperature on stars that neither train nor stop the network (the half of the next
// fold's stars that validation does not take, so training loses them) and prints, beside it, the test ECE the
// validation stars' temperature gives on the same networks. --calibration-split takes them from the validation stars
// instead (half of them, by the star's hash; the other half stops training), as the product can: training keeps
// every star it had.
// --train-fraction F trains on that share of each fold's training stars (chosen by the star's hash): a learning
// curve, for what more labelled stars would buy.
// --hold-out-libraries A,B makes one fold per library named (labels.csv `library`): its spectra are the test set
// and every star it holds is left out of training and validation (a star in two libraries is on one side only) —
// how the recipe does on a library it never saw (another instrument, resolution, flux calibration and typing).
// Validation: a tenth of the other stars, by the star's hash.
// --predictions writes one JSON line per test spectrum of every fold (spec id, star, S/N, true letter and subtype,
// raw and calibrated probabilities, the subtype head's estimate) and per validation spectrum (raw probabilities:
// what the temperature is fitted on), each with its `split`, for analyses the summary does not make.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const model = await import(join(root, 'packages/model/dist/index.js'));
const { prepareDataset } = await import(join(root, 'packages/pipeline/dist/index.js'));
const { seededRandom, MK_CLASSES, classOfSubtype } = await import(join(root, 'packages/core/dist/index.js'));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const FOLDS = Number(value('--folds', 5));
const EPOCHS = Number(value('--epochs', 30));
const SEED = Number(value('--seed', 1));
const WORKERS = Number(value('--workers', availableParallelism()));
const ENSEMBLE = Number(value('--ensemble', 1));
const TRAIN_FRACTION = Number(value('--train-fraction', 1));
const EXCLUDE_CONFLICTS = flag('--exclude-conflicts');
const CALIBRATION_STARS = flag('--calibration-stars') || flag('--calibration-split');
const CALIBRATION_SPLIT = flag('--calibration-split');
const HELD_OUT_LIBRARIES = value('--hold-out-libraries', '')
  .split(',')
  .filter((name) => name !== '');
const data = resolve(value('--data', join(root, '../realstars-build')));
const builder = resolve(root, '../shared/realstars/build.py');

if (!existsSync(join(data, 'labels.csv'))) {
  if (!existsSync(builder)) {
    console.log(
      `bench/train/realstars: skipped: no ${data} and no ${builder} (the real-star set is not here)`,
    );
    process.exit(0);
  }
  console.log(`building the real-star set into ${data} (${builder}) ...`);
  execFileSync('/usr/bin/python3', [builder, '--out', data], { stdio: 'inherit' });
}

// The recipe: the library's defaults, with the overrides given on the command line.
const recipe = model.defaultRecipe();
const preprocess = { ...recipe.preprocess };
const grid = value('--grid', undefined);
if (grid) {
  const [startAngstrom, endAngstrom, length] = grid.split(',').map(Number);
  preprocess.grid = { startAngstrom, endAngstrom, length };
}
if (flag('--no-continuum')) preprocess.continuum = false;
const clip = value('--clip', undefined);
if (clip) preprocess.clip = clip.split(',').map(Number);
if (flag('--no-clip')) delete preprocess.clip;
if (flag('--continuum')) preprocess.continuum = true;
if (value('--channels', undefined)) preprocess.channels = Number(value('--channels'));
const fit = { ...recipe.fit, epochs: EPOCHS, workers: WORKERS, seed: SEED };
if (flag('--no-augment')) fit.augment = undefined;
if (flag('--no-class-weights')) fit.classWeights = false;
if (value('--subtype-weight', undefined)) fit.subtypeWeight = Number(value('--subtype-weight'));
const cnnJson = value('--cnn', undefined);
if (cnnJson) fit.cnn = { ...fit.cnn, ...JSON.parse(cnnJson) };
const reduceLr = value('--reduce-lr', undefined);
if (reduceLr) {
  const [factor, patience] = reduceLr.split(',').map(Number);
  fit.reduceLearningRate = { factor, patience };
}
if (flag('--no-reduce-lr')) fit.reduceLearningRate = undefined;
if (value('--patience', undefined)) fit.patience = Number(value('--patience'));
if (value('--min-delta', undefined)) fit.minDelta = Number(value('--min-delta'));
if (value('--weight-average', undefined)) fit.weightAverage = Number(value('--weight-average'));
if (value('--neighbour-smoothing', undefined))
  fit.neighbourSmoothing = Number(value('--neighbour-smoothing'));
if (value('--batch-size', undefined)) fit.batchSize = Number(value('--batch-size'));
const augment = value('--augment', undefined);
if (augment) {
  const [noise, shiftPixels, tilt, maskProbability] = augment.split(',').map(Number);
  fit.augment = { noise, shiftPixels, tilt, maskProbability };
}

const labels = new Map();
// A real CSV reader: a star's name can hold a comma (`"Mel ,22 0296 Cl"`).
const parseCsv = createRequire(join(root, 'packages/provenance/package.json'))('csv-parse/sync').parse;
for (const row of parseCsv(readFileSync(join(data, 'labels.csv')), { columns: true })) {
  labels.set(row.spec_id, {
    group: row.group,
    letter: row.letter,
    snr: Number(row.snr_target),
    conflict: row.teff_letter_conflict === '1',
    library: row.library,
  });
}
for (const name of HELD_OUT_LIBRARIES)
  if (![...labels.values()].some((l) => l.library === name)) {
    console.error(`--hold-out-libraries: no spectra of library '${name}' in ${data}/labels.csv`);
    process.exit(2);
  }
const FOLD_COUNT = HELD_OUT_LIBRARIES.length || FOLDS;

const { backend } = await model.selectBackend();
const scratch = mkdtempSync(join(tmpdir(), 'spectra-realstars-'));
let started = performance.now();
const { dataset, report } = await prepareDataset(data, {
  preprocess,
  workers: WORKERS,
  labelCatalog: join(data, 'labels.csv'),
  catalogFields: { object: 'spec_id', spectral: 'sptype' },
  scratchDir: scratch,
});
const readSeconds = (performance.now() - started) / 1000;
const classNames = dataset.classNames;

// Folds by star: the groups of each letter dealt round-robin in a seeded order, so every fold has every letter.
const random = seededRandom(SEED);
const groupsByLetter = new Map();
for (const s of dataset.samples) {
  const { group, letter } = labels.get(s.specId);
  if (!groupsByLetter.has(letter)) groupsByLetter.set(letter, new Set());
  groupsByLetter.get(letter).add(group);
}
const foldOf = new Map();
let deal = 0;
for (const letter of MK_CLASSES) {
  const groups = [...(groupsByLetter.get(letter) ?? [])].sort();
  for (let i = groups.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [groups[i], groups[j]] = [groups[j], groups[i]];
  }
  for (const g of groups) if (!foldOf.has(g)) foldOf.set(g, deal++ % FOLDS);
}
// Library folds: the stars each held-out library holds (by group, so a star observed by two libraries is tested
// once and never trained on).
const heldOutFoldOf = new Map();
HELD_OUT_LIBRARIES.forEach((name, fold) => {
  for (const l of labels.values()) if (l.library === name) heldOutFoldOf.set(l.group, fold);
});

const results = [];
const exports = [];
const predictionLines = [];
for (let fold = 0; fold < FOLD_COUNT; fold++) {
  const validationFold = (fold + 1) % FOLDS;
  // Validation (early stopping, temperature): half the groups of the next fold, chosen by the group name's hash (with
  // library folds, a tenth of the other stars).
  const splitOf = (s) => {
    const { group, library, conflict } = labels.get(s.specId);
    const byLibrary = HELD_OUT_LIBRARIES.length > 0;
    if (byLibrary ? library === HELD_OUT_LIBRARIES[fold] : foldOf.get(group) === fold) return 'test';
    // A held-out library's star seen in another library's files is not trained on either.
    if (byLibrary && heldOutFoldOf.get(group) === fold) return 'unused';
    if (EXCLUDE_CONFLICTS && conflict) return 'unused';
    const validation = byLibrary
      ? hash(group) % 10 === 0
      : foldOf.get(group) === validationFold && hash(group) % 2 === 0;
    // (A high bit: FNV-1a's lowest bit is the parity of the characters, the same for every validation star here.)
    if (validation && CALIBRATION_SPLIT)
      return (hash(`${group}/calibration`) >>> 16) % 2 ? 'calibration' : 'validation';
    if (validation) return 'validation';
    // --calibration-stars: the other half of the next fold's stars fit the temperature and are not trained on
    // (marked as test spectra apart from the scored ones: training never reads the test split).
    if (CALIBRATION_STARS && !CALIBRATION_SPLIT && !byLibrary && foldOf.get(group) === validationFold)
      return 'calibration';
    if (hash(`${group}/train`) % 1000 >= TRAIN_FRACTION * 1000) return 'unused';
    return 'train';
  };
  const samples = dataset.samples
    .map((s) => {
      const split = splitOf(s);
      return split === 'calibration' ? { ...s, split: 'test', calibration: true } : { ...s, split };
    })
    .filter((s) => s.split !== 'unused');
  const view = model.createDataset({
    classNames,
    samples,
    store: dataset.stores.default,
    choices: dataset.choices.default,
  });
  started = performance.now();
  const members = [];
  for (let m = 0; m < ENSEMBLE; m++)
    members.push(await model.fitClassifier(view, { ...fit, seed: SEED + m }));
  const trained = members[0];
  const trainSeconds = (performance.now() - started) / 1000;
  const test = view.set('test', 'default', (s) => !s.calibration);
  const validation = view.set('validation');
  const calibrationSet = CALIBRATION_STARS ? view.set('test', 'default', (s) => s.calibration) : null;
  const averaged = async (set) => {
    let sum;
    for (const member of members) {
      const p = await model.predictSetInWorkers(member.model, set, WORKERS);
      if (!sum) sum = Float32Array.from(p);
      else for (let i = 0; i < p.length; i++) sum[i] += p[i];
    }
    for (let i = 0; i < sum.length; i++) sum[i] /= members.length;
    return sum;
  };
  const probs = await averaged(test);
  const k = classNames.length;
  const testRows = test.store.read(test.rows);
  const width = test.store.length * test.store.channels;
  let ttaAccuracy = null;
  if (value('--tta', undefined)) {
    const reach = Number(value('--tta'));
    const { length, channels } = test.store;
    const sum = Float32Array.from(probs);
    for (let shift = -reach; shift <= reach; shift++) {
      if (shift === 0) continue;
      const store = new model.MemorySampleStore(length, channels);
      for (let i = 0; i < test.rows.length; i++) {
        const row = testRows.subarray(i * width, (i + 1) * width);
        const moved = new Float32Array(width); // flux 0 (the centred continuum) and mask 0 where nothing moved in
        for (let p = 0; p < length; p++) {
          const from = p - shift;
          if (from < 0 || from >= length) continue;
          for (let c = 0; c < channels; c++) moved[p * channels + c] = row[from * channels + c];
        }
        store.append(moved);
      }
      const shifted = await model.predictSetInWorkers(
        trained.model,
        { store, rows: test.rows.map((_, i) => i), classes: k },
        WORKERS,
      );
      for (let i = 0; i < sum.length; i++) sum[i] += shifted[i];
    }
    ttaAccuracy = accuracyOf(sum, test.labels, k);
    console.log(`fold ${fold + 1}: test-time augmentation ±${reach} px: ${ttaAccuracy.toFixed(3)}`);
  }
  // --test-ranges: the test spectra cut to a wavelength range (pixels outside it missing, as preprocessing leaves
  // them: the continuum, and 0 in the mask channel), as a survey or library with less coverage would give them.
  const ranges = {};
  for (const range of value('--test-ranges', '')
    .split(',')
    .filter((r) => r !== '')) {
    const [low, high] = range.split('-').map(Number);
    const { centers } = model.gridEdges(preprocess.grid);
    const { length, channels } = test.store;
    const store = new model.MemorySampleStore(length, channels);
    for (let i = 0; i < test.rows.length; i++) {
      const cut = Float32Array.from(testRows.subarray(i * width, (i + 1) * width));
      for (let p = 0; p < length; p++)
        if (centers[p] < low || centers[p] > high)
          for (let c = 0; c < channels; c++) cut[p * channels + c] = 0;
      store.append(cut);
    }
    const cutProbs = await model.predictSetInWorkers(
      trained.model,
      { store, rows: test.rows.map((_, i) => i), classes: k },
      WORKERS,
    );
    ranges[range] = accuracyOf(cutProbs, test.labels, k);
  }
  if (Object.keys(ranges).length) console.log(`fold ${fold + 1}: cut to ${JSON.stringify(ranges)}`);
  let baselineProbs = null;
  const blends = {};
  if (flag('--blend')) {
    const baseline = await model.fitClassifier(view, {
      ...fit,
      architecture: 'baseline',
      subtypeWeight: 0,
      seed: SEED,
    });
    baselineProbs = await model.predictSetInWorkers(baseline.model, test, WORKERS);
    baseline.model.dispose();
    blends.baseline = accuracyOf(baselineProbs, test.labels, k);
    for (const w of [0.25, 0.5])
      blends[`blend ${w}`] = accuracyOf(
        probs.map((p, i) => (1 - w) * p + w * baselineProbs[i]),
        test.labels,
        k,
      );
    console.log(`fold ${fold + 1}: ${JSON.stringify(blends)}`);
  }
  const validationProbs = await averaged(validation);
  const validationTemperature = model.fitTemperature(validationProbs, validation.labels, classNames.length);
  const temperature = calibrationSet
    ? model.fitTemperature(await averaged(calibrationSet), calibrationSet.labels, classNames.length)
    : validationTemperature;
  const calibrated = model.applyTemperature(probs, temperature, classNames.length);
  const input = {
    classNames,
    labels: test.labels,
    snr: test.samples.map((s) => labels.get(s.specId).snr),
    subtype: test.samples.map((s) => s.subtype),
  };
  // The subtype head (ridge regression on the network's features), fitted on the training fold.
  const trainFold = view.set('train');
  const head = model.fitSubtypeHead(
    trained.model,
    trainFold,
    trainFold.samples.map((s) => s.subtype),
  );
  if (head) input.predictedSubtype = model.predictSubtypes(trained.model, head, test);
  const raw = model.evaluatePredictions({ ...input, probs });
  // --subtype-variants: other ways to fit the head, each scored on the same test stars.
  const subtypeVariants = {};
  if (flag('--subtype-variants')) {
    const both = {
      store: trainFold.store,
      rows: [...trainFold.rows, ...validation.rows],
      samples: [...trainFold.samples, ...validation.samples],
    };
    const variants = [
      ['validation', validation],
      ['train + validation', both],
    ];
    if (head) subtypeVariants.train = raw.subtypeRms;
    for (const [name, set] of variants) {
      const variant = model.fitSubtypeHead(
        trained.model,
        set,
        set.samples.map((s) => s.subtype),
      );
      if (!variant) continue;
      const predictedSubtype = model.predictSubtypes(trained.model, variant, test);
      subtypeVariants[name] = model.evaluatePredictions({ ...input, probs, predictedSubtype }).subtypeRms;
    }
    console.log(`fold ${fold + 1}: subtype RMS by head ${JSON.stringify(subtypeVariants)}`);
  }
  // The letter the subtype head's estimate falls in, scored like the classifier's letter (an ordinal read-out).
  let headLetter = null;
  if (input.predictedSubtype) {
    const right = input.predictedSubtype.filter(
      (estimate, i) => classNames.indexOf(classOfSubtype(estimate)) === test.labels[i],
    ).length;
    headLetter = right / test.rows.length;
  }
  // How often a real test star would be rejected as unlike the training data (predict's domain check, tolerance 1.5).
  const domain = model.trainingDomain(trainFold.store, trainFold.rows, trainFold.labels, trainFold.classes);
  let rejected = 0;
  for (let i = 0; i < test.rows.length; i++) {
    const distance = model.domainDistance(
      testRows.subarray(i * width, (i + 1) * width),
      test.store.channels,
      domain.centroids,
    );
    if (distance > 1.5 * domain.distanceLimit) rejected++;
  }
  const cal = model.evaluatePredictions({ ...input, probs: calibrated });
  // With calibration stars, also the temperature the validation stars would have given, on the same network.
  const eceValidationTemperature = calibrationSet
    ? model.evaluatePredictions({
        ...input,
        probs: model.applyTemperature(probs, validationTemperature, classNames.length),
      }).ece
    : null;
  if (calibrationSet)
    console.log(
      `fold ${fold + 1}: T ${temperature.toFixed(2)} from ${calibrationSet.rows.length} calibration spectra (ECE ${raw.ece.toFixed(3)} → ${cal.ece.toFixed(3)}), T ${validationTemperature.toFixed(2)} from the validation spectra (→ ${eceValidationTemperature.toFixed(3)})`,
    );
  if (value('--predictions', undefined)) {
    // One line per spectrum: what identifies it, its label and probabilities, and `extra` fields.
    const line = (split, set, i, setProbs, extra = {}) => {
      const s = set.samples[i];
      const { group, snr } = labels.get(s.specId);
      return JSON.stringify({
        fold,
        split,
        specId: s.specId,
        group,
        snr,
        label: classNames[set.labels[i]],
        probs: Array.from(setProbs.subarray(i * k, (i + 1) * k)),
        ...extra,
      });
    };
    // The validation spectra too (raw probabilities): what the temperature was fitted on.
    for (let i = 0; i < validation.rows.length; i++)
      predictionLines.push(line('validation', validation, i, validationProbs));
    for (let i = 0; i < test.rows.length; i++)
      predictionLines.push(
        line('test', test, i, probs, {
          subtype: test.samples[i].subtype ?? null,
          calibrated: Array.from(calibrated.subarray(i * k, (i + 1) * k)),
          predictedSubtype: input.predictedSubtype ? input.predictedSubtype[i] : null,
          ...(baselineProbs && { baseline: Array.from(baselineProbs.subarray(i * k, (i + 1) * k)) }),
        }),
      );
  }
  const bySnr = {};
  for (const snr of [5, 10, 20, 40]) {
    const idx = test.samples.map((s, i) => (labels.get(s.specId).snr === snr ? i : -1)).filter((i) => i >= 0);
    bySnr[snr] = accuracyOf(probs, test.labels, k, idx);
  }
  results.push({
    fold,
    test: test.rows.length,
    accuracy: raw.accuracy,
    bySnr,
    withinOne: raw.withinOneLetter,
    subtypeRms: raw.subtypeRms,
    headLetter,
    ece: raw.ece,
    eceCalibrated: cal.ece,
    eceValidationTemperature,
    temperature,
    rejected: rejected / test.rows.length,
    epochs: trained.history.length,
    trainSeconds,
    history: trained.history.map(({ epoch, loss, valLoss, valAccuracy, seconds }) => ({
      epoch,
      loss,
      valLoss,
      valAccuracy,
      seconds,
    })),
    subtypeVariants,
    blends,
    tta: ttaAccuracy,
    ranges,
  });
  for (const member of members) member.model.dispose();
  console.log(
    `fold ${fold + 1}/${FOLD_COUNT}${HELD_OUT_LIBRARIES.length ? ` (${HELD_OUT_LIBRARIES[fold]} held out)` : ''}: ${test.rows.length} test spectra, accuracy ${raw.accuracy.toFixed(3)}, ${trained.history.length} epochs in ${trainSeconds.toFixed(0)} s`,
  );
  if (!flag('--no-python')) exports.push(exportFold(view, fold));
}

const stat = (values) => {
  const v = values.filter((x) => x !== null && Number.isFinite(x));
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  const std = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, v.length - 1));
  return { mean, std };
};
const fmt = ({ mean, std }, digits = 3) => `${mean.toFixed(digits)} ± ${std.toFixed(digits)}`;
const summary = {
  recipe: { preprocess, fit: { ...fit, workers: undefined } },
  spectra: report.read,
  stars: foldOf.size,
  accuracy: stat(results.map((r) => r.accuracy)),
  ...(results.every((r) => r.bySnr[5] !== null) && { snr5: stat(results.map((r) => r.bySnr[5])) }),
  snr10: stat(results.map((r) => r.bySnr[10])),
  snr20: stat(results.map((r) => r.bySnr[20])),
  snr40: stat(results.map((r) => r.bySnr[40])),
  withinOne: stat(results.map((r) => r.withinOne)),
  subtypeRms: stat(results.map((r) => r.subtypeRms)),
  headLetter: results.every((r) => r.headLetter !== null) ? stat(results.map((r) => r.headLetter)) : null,
  ece: stat(results.map((r) => r.ece)),
  eceCalibrated: stat(results.map((r) => r.eceCalibrated)),
  trainSeconds: stat(results.map((r) => r.trainSeconds)),
  rejected: stat(results.map((r) => r.rejected)),
  epochs: stat(results.map((r) => r.epochs)),
};
console.log(
  `\nbench/train/realstars: ${summary.spectra} spectra of ${summary.stars} stars, ${HELD_OUT_LIBRARIES.length ? `one fold per held-out library (${HELD_OUT_LIBRARIES.join(', ')})` : `${FOLDS}-fold CV by star`}, read + preprocess ${readSeconds.toFixed(0)} s, ${WORKERS} workers on ${backend}`,
);
console.log(
  `recipe: grid ${preprocess.grid.startAngstrom}–${preprocess.grid.endAngstrom} Å × ${preprocess.grid.length}, continuum ${preprocess.continuum}, epochs ≤ ${EPOCHS}${fit.augment ? `, augmentation ${JSON.stringify(fit.augment)}` : ''}`,
);
console.log(
  `  @spectra/model CNN     letter ${fmt(summary.accuracy)}  ${summary.snr5 ? `S/N5 ${fmt(summary.snr5)}  ` : ''}S/N10 ${fmt(summary.snr10)}  S/N20 ${fmt(summary.snr20)}  S/N40 ${fmt(summary.snr40)}  within one ${fmt(summary.withinOne, 4)}  subtype RMS ${fmt(summary.subtypeRms, 2)}  ECE ${fmt(summary.ece)} → ${fmt(summary.eceCalibrated)} calibrated  train ${fmt(summary.trainSeconds, 0)} s  real stars rejected as unlike the training data ${fmt(summary.rejected, 4)}  folds ${results.map((r) => r.accuracy.toFixed(3)).join(' ')}`,
);
if (CALIBRATION_STARS)
  console.log(
    `  temperature from calibration stars: ECE ${fmt(summary.ece)} → ${fmt(summary.eceCalibrated)}; from the validation stars on the same networks → ${fmt(stat(results.map((r) => r.eceValidationTemperature)))}`,
  );
if (summary.headLetter)
  console.log(`  letter read from the subtype head's estimate (ordinal): ${fmt(summary.headLetter)}`);
if (results[0].tta !== null)
  console.log(`  test-time augmentation: letter ${fmt(stat(results.map((r) => r.tta)))}`);
for (const range of Object.keys(results[0].ranges))
  console.log(`  test spectra cut to ${range} Å: letter ${fmt(stat(results.map((r) => r.ranges[range])))}`);
for (const name of Object.keys(results[0].blends))
  console.log(`  ${name}: letter ${fmt(stat(results.map((r) => r.blends[name])))}`);
for (const name of Object.keys(results[0].subtypeVariants))
  console.log(
    `  subtype head fitted on ${name}: RMS ${fmt(stat(results.map((r) => r.subtypeVariants[name])), 2)}`,
  );
if (exports.length) pythonComparisons();
if (value('--predictions', undefined))
  writeFileSync(value('--predictions'), `${predictionLines.join('\n')}\n`);
if (value('--json', undefined))
  writeFileSync(value('--json'), `${JSON.stringify({ summary, results }, null, 1)}\n`);
dataset.close();
rmSync(scratch, { recursive: true, force: true });

/** Share of the spectra at `indices` (every one by default) whose highest of `k` probabilities is their label. */
function accuracyOf(p, trueLabels, k, indices = trueLabels.map((_, i) => i)) {
  if (!indices.length) return null;
  const right = indices.filter((i) => argmax(p.subarray(i * k, (i + 1) * k)) === trueLabels[i]).length;
  return right / indices.length;
}

function argmax(row) {
  let best = 0;
  for (let i = 1; i < row.length; i++) if (row[i] > row[best]) best = i;
  return best;
}

function hash(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}

/** The fold's flux channel (train, test) and labels for the Python models, as float32 files. */
function exportFold(view, fold) {
  const out = { fold };
  for (const split of ['train', 'validation', 'test']) {
    const set = view.set(split);
    const x = set.store.read(set.rows);
    const flux = new Float32Array(set.rows.length * set.store.length);
    for (let i = 0; i < flux.length; i++) flux[i] = x[i * set.store.channels];
    const path = join(scratch, `fold${fold}-${split}.f32`);
    writeFileSync(path, flux);
    out[split] = {
      path,
      rows: set.rows.length,
      labels: Array.from(set.labels),
      snr: set.samples.map((s) => labels.get(s.specId).snr),
    };
  }
  out.length = view.stores.default.length;
  out.classes = classNames.length;
  return out;
}

/** Logistic regression and nearest centroid (python3-sklearn), and the Keras CNN when bench/.venv has it. */
function pythonComparisons() {
  const spec = join(scratch, 'folds.json');
  writeFileSync(spec, JSON.stringify({ folds: exports, classNames }));
  const script = join(root, 'bench/train/realstars_python.py');
  const venvPython = join(root, 'bench/.venv/bin/python');
  const runs = [['/usr/bin/python3', 'sklearn']];
  if (existsSync(venvPython)) runs.push([venvPython, 'keras']);
  else console.log('  Keras: skipped (no bench/.venv; node bench/train/run.mjs makes it)');
  for (const [python, which] of runs) {
    const result = spawnSync(python, [script, spec, which], {
      encoding: 'utf8',
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' },
    });
    if (result.status !== 0) {
      console.log(`  ${which}: failed (${(result.stderr || '').trim().split('\n').at(-1)})`);
      continue;
    }
    for (const line of result.stdout.trim().split('\n')) console.log(`  ${line}`);
  }
}
