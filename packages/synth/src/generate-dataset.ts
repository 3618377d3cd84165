import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  deriveSeed,
  MK_CLASSES,
  type MkClass,
  type Random,
  seededRandom,
  writeFileAtomic,
} from '@spectra/core';
import { writeFits } from '@spectra/fits';
import { stringify } from 'csv-stringify/sync';
import { gzipSync } from 'fflate';
import { hasGiant, loggFor, SUBTYPES, teffFor } from './mk-calibration.js';
import { observe } from './noise-model.js';
import { clamp, round } from './numbers.js';
import { modelSpectrum, type StarParameters } from './spectrum-model.js';
import {
  FORMAT_GRIDS,
  fileNameOf,
  type Placement,
  type SurveyFormat,
  type SyntheticRecord,
  surveyHdus,
} from './survey-formats.js';

/**
 * The columns of the label catalogue the generator writes, by role (the `--catalog-*-field` values to read it
 * with), and the decorations some of its ids carry.
 */
export const SYNTH_CATALOG = {
  fields: {
    object: 'OBJECT_ID',
    spectral: 'SPECTRAL_CLASS',
    luminosity: 'LUMINOSITY_CLASS',
    teff: 'TEFF',
    logg: 'LOGG',
    feh: 'FE_H',
    quality: 'PARAMFLAG',
  },
  prefix: 'SDSS_',
  suffix: '_dr17',
} as const;

/** The reference README's Table A: spectra per class (5,480 in all). */
export const TABLE_A_COUNTS: Record<MkClass, number> = {
  O: 320,
  B: 540,
  A: 720,
  F: 940,
  G: 1120,
  K: 980,
  M: 860,
};
/** Table A's median S/N per class. */
export const TABLE_A_MEDIAN_SNR: Record<MkClass, number> = {
  O: 35,
  B: 42,
  A: 55,
  F: 60,
  G: 58,
  K: 52,
  M: 48,
};

/** Data releases the generator imitates: pipeline version and MJD range. */
export const RELEASES = {
  DR17: { run2d: 'v5_13_2', mjd: [55000, 59000] as const, snrScale: 1 },
  DR18: { run2d: 'v6_0_4', mjd: [59100, 59800] as const, snrScale: 0.85 },
  DR19: { run2d: 'v6_1_3', mjd: [59800, 60300] as const, snrScale: 0.8 },
} as const;
export type Release = keyof typeof RELEASES;

/** Options for planning and generating a synthetic survey. */
export interface SynthOptions {
  /** Spectra per class; default Table A. */
  counts?: Partial<Record<MkClass, number>>;
  /** The same count for every class (overrides counts). */
  perClass?: number;
  /** Seed; the same seed gives byte-identical files. Default 17. */
  seed?: number;
  /** Layouts to write; `mix` puts 70% sdss-spec, 15% spSpec and 15% LAMOST on plates. Default sdss-spec. */
  formats?: SurveyFormat[] | 'mix';
  /** Median S/N is drawn around Table A's class median and clamped to this range. Default [5, 150]. */
  snrRange?: [number, number];
  /** Radial velocities drawn uniformly in this range, km/s; default N(0, 35) clipped to ±300. */
  rvRangeKms?: [number, number];
  /** E(B−V) drawn uniformly in this range; default an exponential of mean 0.05 clipped to [0, 0.5]. */
  ebvRange?: [number, number];
  /** Release to imitate. Default DR17. */
  release?: Release;
  /**
   * Several releases, with relative weights: each plate is drawn from one of them (S/N, MJDs and RUN2D follow it).
   * Overrides release.
   */
  releases?: Partial<Record<Release, number>>;
  /** Fraction of catalogue rows left out. Default 0.02. */
  missingLabelFraction?: number;
  /** Fraction of catalogue ids decorated with a `SDSS_` prefix or `_dr17` suffix. Default 0.03. */
  decoratedLabelFraction?: number;
}

/** One planned spectrum: the star, where it was observed, and its seed. */
export interface PlannedSpectrum extends Placement {
  index: number;
  letter: MkClass;
  star: StarParameters;
  snrTarget: number;
  seed: number;
  /** The plate's release when the dataset mixes several. */
  release?: Release;
}

/** Plans the whole dataset deterministically (no spectra computed yet). */
export function planDataset(options: SynthOptions = {}): PlannedSpectrum[] {
  const seed = options.seed ?? 17;
  const random = seededRandom(deriveSeed(seed, 0xffffffff));
  const counts = Object.fromEntries(
    MK_CLASSES.map((c) => [
      c,
      options.perClass ?? options.counts?.[c] ?? (options.counts ? 0 : TABLE_A_COUNTS[c]),
    ]),
  ) as Record<MkClass, number>;
  const release = RELEASES[options.release ?? 'DR17'];
  const [snrMin, snrMax] = options.snrRange ?? [5, 150];
  const stars: Array<{ letter: MkClass; star: StarParameters; snrTarget: number }> = [];
  for (const letter of MK_CLASSES) {
    for (let k = 0; k < counts[letter]; k++) {
      const subtypes = SUBTYPES[letter];
      const subtype = subtypes[Math.floor(random.uniform() * subtypes.length)];
      const luminosity = hasGiant(subtype) && random.uniform() < 0.3 ? 'III' : 'V';
      const rvKms = options.rvRangeKms
        ? options.rvRangeKms[0] + random.uniform() * (options.rvRangeKms[1] - options.rvRangeKms[0])
        : clamp(35 * random.normal(), -300, 300);
      const ebv = options.ebvRange
        ? options.ebvRange[0] + random.uniform() * (options.ebvRange[1] - options.ebvRange[0])
        : clamp(-0.05 * Math.log(Math.max(random.uniform(), 1e-9)), 0, 0.5);
      const letterIndex = MK_CLASSES.indexOf(letter);
      const vsiniKms =
        letterIndex <= 2
          ? 50 + 200 * random.uniform()
          : letterIndex === 3
            ? 10 + 70 * random.uniform()
            : 2 + 8 * random.uniform();
      const star: StarParameters = {
        subtype,
        luminosity,
        teffK: teffFor(subtype, luminosity),
        loggCgs: loggFor(subtype, luminosity),
        fehDex: clamp(-0.2 + 0.3 * random.normal(), -2, 0.5),
        rvKms,
        vsiniKms,
        ebv,
        rMag: 15.5 + 3 * random.uniform(),
      };
      const snrTarget = clamp(
        TABLE_A_MEDIAN_SNR[letter] * release.snrScale * Math.exp(0.45 * random.normal()),
        snrMin,
        snrMax,
      );
      stars.push({ letter, star, snrTarget });
    }
  }
  // Shuffle, then fill plates of 20–60 of our spectra; some plates are observed on two nights.
  for (let i = stars.length - 1; i > 0; i--) {
    const j = Math.floor(random.uniform() * (i + 1));
    [stars[i], stars[j]] = [stars[j], stars[i]];
  }
  const formats = options.formats ?? ['sdss-spec'];
  const usedPlates = new Set<string>();
  const planned: PlannedSpectrum[] = [];
  let at = 0;
  while (at < stars.length) {
    // Plates of 20–60 of our spectra; a small dataset gets smaller plates so that it still has groups to split.
    const [low, high] =
      stars.length >= 2000
        ? [20, 60]
        : [Math.max(4, Math.round(stars.length / 60)), Math.max(10, Math.round(stars.length / 20))];
    const size = Math.min(stars.length - at, random.integer(low, high));
    const format = pickFormat(formats, random);
    const mixed = options.releases ? pickWeighted(options.releases, random) : undefined;
    const plateRelease = mixed ? RELEASES[mixed] : release;
    const { plate, mjds } = pickPlate(format, plateRelease, random, usedPlates);
    const ra = 360 * random.uniform();
    const dec = -10 + 80 * random.uniform();
    const fibers = new Set<number>();
    for (let k = 0; k < size; k++) {
      const { letter, star, snrTarget } = stars[at + k];
      let fiber = random.integer(1, format === 'lamost-image' ? 250 : 1000);
      while (fibers.has(fiber)) fiber = (fiber % 1000) + 1;
      fibers.add(fiber);
      planned.push({
        index: at + k,
        letter,
        star,
        snrTarget: mixed
          ? clamp((snrTarget * plateRelease.snrScale) / release.snrScale, snrMin, snrMax)
          : snrTarget,
        ...(mixed && { release: mixed }),
        format,
        plate,
        mjd: mjds[k % mjds.length],
        fiber,
        raDeg: (ra + 1.5 * (random.uniform() - 0.5) + 360) % 360,
        decDeg: dec + 1.5 * (random.uniform() - 0.5),
        seed: deriveSeed(seed, at + k),
      });
    }
    at += size;
  }
  return planned;
}

/** Computes one planned spectrum: model, noise, masks, and the record its file is written from. */
export function renderSpectrum(plan: PlannedSpectrum, options: SynthOptions = {}): SyntheticRecord {
  const random = seededRandom(plan.seed);
  const grid = FORMAT_GRIDS[plan.format];
  const coeff0 = Math.round((grid.coeff0 + 1e-4 * random.integer(0, 10)) * 1e4) / 1e4;
  const wavelength = Float64Array.from({ length: grid.pixels }, (_, i) => 10 ** (coeff0 + 1e-4 * i));
  const model = modelSpectrum(plan.star, wavelength, grid.resolvingPower);
  const observation = observe(model, wavelength, plan.snrTarget, random);
  const release = plan.release ?? options.release ?? 'DR17';
  return {
    star: plan.star,
    format: plan.format,
    plate: plan.plate,
    mjd: plan.mjd,
    fiber: plan.fiber,
    raDeg: plan.raDeg,
    decDeg: plan.decDeg,
    exptimeS: 900 * random.integer(3, 8),
    run2d:
      plan.format === 'sdss-spspec'
        ? '26'
        : plan.format === 'lamost-image'
          ? 'v2.9.7'
          : RELEASES[release].run2d,
    release,
    heliocentricCorrectionKms: 30 * (random.uniform() - 0.5),
    coeff0,
    observation,
    model: Float32Array.from(model),
    objectId: `${1237650000000000000n + BigInt(plan.plate) * 100000000n + BigInt(plan.fiber) * 10000n + BigInt(plan.index % 10000)}`,
  };
}

/** The bytes of a rendered spectrum's file (gzip for LAMOST). */
export function spectrumFileBytes(record: SyntheticRecord): Uint8Array {
  const bytes = writeFits(surveyHdus(record));
  return record.format === 'lamost-image' ? gzipSync(bytes, { level: 6, mtime: 0 }) : bytes;
}

/** What generateDataset wrote. */
export interface DatasetSummary {
  outDir: string;
  files: string[];
  counts: Record<MkClass, number>;
  catalogPath: string;
  catalogRows: number;
  plates: number;
}

/**
 * Writes a synthetic survey: one directory per class letter, each spectrum in its layout, and `labels.csv`
 * (the label catalogue). Files are written atomically; the same options write byte-identical files.
 */
export async function generateDataset(
  outDir: string,
  options: SynthOptions = {},
  onProgress?: (done: number, total: number) => void,
  render: RenderFiles = renderInOrder,
): Promise<DatasetSummary> {
  const plan = planDataset(options);
  const files: string[] = [];
  const counts = Object.fromEntries(MK_CLASSES.map((c) => [c, 0])) as Record<MkClass, number>;
  for (const letter of MK_CLASSES) await mkdir(join(outDir, letter), { recursive: true });
  const labels: Array<[string, string, string, number, number, number, number]> = [];
  const random = seededRandom(deriveSeed(options.seed ?? 17, 0xfffffffe));
  let k = 0;
  for await (const { name, bytes } of render(plan, options)) {
    const item = plan[k];
    const path = join(outDir, item.letter, name);
    await writeFileAtomic(path, bytes);
    files.push(path);
    counts[item.letter]++;
    const stem = name.replace(/\.fits\.gz$|\.fits$|\.fit$/, '');
    const flag = random.uniform() < 0.05 ? 1 : 0;
    const decorate = random.uniform();
    const missing = random.uniform() < (options.missingLabelFraction ?? 0.02);
    const decorated = decorate < (options.decoratedLabelFraction ?? 0.03);
    const id = decorated
      ? decorate < (options.decoratedLabelFraction ?? 0.03) / 2
        ? `${SYNTH_CATALOG.prefix}${stem}`
        : `${stem}${SYNTH_CATALOG.suffix}`
      : stem;
    if (!missing) {
      labels.push([
        id,
        item.star.subtype,
        item.star.luminosity,
        Math.round(item.star.teffK + 80 * random.normal()),
        round(item.star.loggCgs + 0.15 * random.normal(), 2),
        round(item.star.fehDex + 0.1 * random.normal(), 2),
        flag,
      ]);
    }
    k++;
    // (not `onProgress?.(++k, …)`: optional calls skip their arguments when there is no callback)
    onProgress?.(k, plan.length);
  }
  const catalogPath = join(outDir, 'labels.csv');
  await writeFileAtomic(
    catalogPath,
    stringify(labels, {
      header: true,
      columns: Object.values(SYNTH_CATALOG.fields),
    }),
  );
  const plates = new Set(plan.map((p) => `${p.format}-${p.plate}`)).size;
  return { outDir, files, counts, catalogPath, catalogRows: labels.length, plates };
}

function pickFormat(formats: SurveyFormat[] | 'mix', random: Random): SurveyFormat {
  if (formats === 'mix') {
    const u = random.uniform();
    return u < 0.7 ? 'sdss-spec' : u < 0.85 ? 'sdss-spspec' : 'lamost-image';
  }
  return formats[Math.floor(random.uniform() * formats.length)];
}

function pickPlate(
  format: SurveyFormat,
  release: (typeof RELEASES)[Release],
  random: Random,
  used: Set<string>,
) {
  const [low, high, mjdLow, mjdHigh] =
    format === 'sdss-spspec'
      ? [266, 2974, 51600, 54600]
      : format === 'lamost-image'
        ? [1000, 9999, 55859, 58000]
        : [3500, 12500, ...release.mjd];
  let plate = random.integer(low, high);
  while (used.has(`${format}-${plate}`)) plate = plate >= high ? low : plate + 1;
  used.add(`${format}-${plate}`);
  const first = random.integer(mjdLow, mjdHigh - 10);
  const mjds = random.uniform() < 0.15 ? [first, first + random.integer(1, 9)] : [first];
  return { plate, mjds };
}

function pickWeighted(weights: Partial<Record<Release, number>>, random: Random): Release {
  const entries = (Object.entries(weights) as Array<[Release, number]>).filter(([, w]) => w > 0);
  const total = entries.reduce((a, [, w]) => a + w, 0);
  let u = random.uniform() * total;
  for (const [release, w] of entries) {
    u -= w;
    if (u < 0) return release;
  }
  return entries[entries.length - 1][0];
}

/** One rendered file: its name and bytes. */
export interface RenderedFile {
  name: string;
  bytes: Uint8Array;
}

/** Renders planned spectra to file bytes, yielding them in plan order (in this thread, or a worker pool's). */
export type RenderFiles = (plan: PlannedSpectrum[], options: SynthOptions) => AsyncIterable<RenderedFile>;

/** Renders one planned spectrum to its file (what a worker thread does). */
export function renderFile(item: PlannedSpectrum, options: SynthOptions): RenderedFile {
  const record = renderSpectrum(item, options);
  return { name: fileNameOf(record), bytes: spectrumFileBytes(record) };
}

async function* renderInOrder(plan: PlannedSpectrum[], options: SynthOptions): AsyncIterable<RenderedFile> {
  for (const item of plan) yield renderFile(item, options);
}
