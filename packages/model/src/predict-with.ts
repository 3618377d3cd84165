import {
  MK_CLASSIFICATION_REGION,
  mkPosition,
  SPEED_OF_LIGHT_KMS,
  SUBTYPES_PER_CLASS,
  subtypeName,
} from '@spectra/core';
import { medianSnr, type Spectrum } from '@spectra/fits';
import { applyTemperature } from './calibrate.js';
import type { SavedModel } from './model-folder.js';
import { type ModelInput, modelInput } from './model-input.js';
import type { InferenceSet } from './predict-set.js';
import { MemorySampleStore } from './sample-store.js';
import { predictSubtypes } from './subtype-head.js';
import { domainDistance } from './training-domain.js';

/** Why a spectrum got no class. */
export type RejectionCode =
  | 'off-grid'
  | 'no-classification-region'
  | 'extragalactic'
  | 'low-snr'
  | 'unlike-training';

/** One classified spectrum. */
export interface Prediction {
  source: string;
  /**
   * The most probable class, or null when the spectrum is rejected (see `rejection`): it is not what the model
   * was trained on, and its class would be a confident guess about nothing.
   */
  className: string | null;
  /** Calibrated probability of the most probable class (temperature scaling of the model folder). */
  probability: number;
  probabilities: Record<string, number>;
  /** The k most probable classes, most probable first. */
  topK: Array<{ className: string; probability: number }>;
  /** Fraction of the model's grid the spectrum covers. */
  coverage: number;
  /** Subtype on the O0 = 0 … M9 = 69 scale, when the model has a subtype head and the spectrum is classified. */
  subtype: number | null;
  /** That subtype as a type, e.g. `G2` (rounded to the nearest subtype). */
  spectralType: string | null;
  /** Why the spectrum was not classified, or null. */
  rejection: { code: RejectionCode; reason: string } | null;
  warnings: string[];
}

/** Options of predict. */
export interface PredictOptions {
  /** Classes listed per spectrum, most probable first. @default 3 */
  topK?: number;
  /** Below this fraction of the model's grid covered, a spectrum is not classified. @default 0.1 */
  minCoverage?: number;
  /**
   * Below this fraction of the MK classification region (3,800–4,600 Å, MK_CLASSIFICATION_REGION) covered, a
   * spectrum is not classified, when the model's grid spans that region. @default 0.5
   */
  minMkRegionCoverage?: number;
  /** Below this median S/N per pixel, a spectrum is not classified. @default 3 */
  minSnr?: number;
  /** Above this |radial velocity| (from the file's redshift), a spectrum is not a Milky Way star. @default 1500 km/s */
  maxVelocityKms?: number;
  /**
   * A spectrum farther from every class of the training data than this many times the training spectra's own
   * DOMAIN_QUANTILE distance is not classified. @default 1.5
   */
  domainTolerance?: number;
  /** Worker threads that predict, for PARALLEL_INFERENCE_MIN_ROWS spectra or more. @default 1 */
  workers?: number;
}

/** Runs a network over store rows: in this thread, or spread over workers (Node). */
export type Infer = (model: SavedModel['model'], set: InferenceSet) => Promise<Float32Array> | Float32Array;

/**
 * predict with the inference step given (the Node entry spreads it over worker threads, the browser entry runs it
 * in the page): the same preprocessing, calibration, subtypes and "not a star" checks everywhere.
 */
/**
 * Classifies spectra with a saved model, preprocessing each exactly as the model's training data were, with the
 * model's calibrated probabilities. A spectrum that is not a star the model knows gets no class and the reason:
 * it covers too little of the grid, its redshift is extragalactic, its S/N is too low, or it lies farther from every
 * training class than the training spectra do (a galaxy, a QSO, an unknown kind of object).
 */
export async function predictWith(
  spectra: readonly Spectrum[],
  saved: SavedModel,
  options: PredictOptions,
  infer: Infer,
): Promise<Prediction[]> {
  const { preprocess, classNames, calibration, domain } = saved.metadata;
  const store = new MemorySampleStore(preprocess.grid.length, preprocess.channels);
  const inputs = spectra.map((spectrum) => {
    const input = modelInput(spectrum, preprocess);
    store.append(input.row);
    return input;
  });
  const k = classNames.length;
  const raw = await infer(saved.model, { store, rows: inputs.map((_, i) => i), classes: k });
  const probs = calibration ? applyTemperature(raw, calibration.temperature, k) : raw;
  const subtypes = saved.metadata.subtype
    ? predictSubtypes(saved.model, saved.metadata.subtype, { store, rows: inputs.map((_, i) => i) })
    : null;
  store.close();
  return spectra.map((spectrum, i) => {
    const row = Array.from(probs.subarray(i * k, (i + 1) * k));
    const ranked = row
      .map((probability, c) => ({ className: classNames[c], probability }))
      .sort((a, b) => b.probability - a.probability);
    const coverage = inputs[i].coverage;
    const warnings = [...inputs[i].warnings];
    if (coverage < 0.5)
      warnings.push(`the spectrum covers ${(coverage * 100).toFixed(0)}% of the model's wavelength grid`);
    const rejection = rejectionOf(spectrum, inputs[i], preprocess.channels, domain, options);
    if (rejection) warnings.push(`not classified: ${rejection.reason}`);
    return {
      source: spectrum.source ?? `spectrum ${i + 1}`,
      className: rejection ? null : ranked[0].className,
      probability: ranked[0].probability,
      probabilities: Object.fromEntries(classNames.map((name, c) => [name, row[c]])),
      topK: ranked.slice(0, options.topK ?? 3),
      coverage,
      ...subtypeOf(rejection || !subtypes ? null : subtypes[i], ranked[0].className),
      rejection,
      warnings,
    };
  });
}

function rejectionOf(
  spectrum: Spectrum,
  { coverage, mkRegionCoverage, row }: ModelInput,
  channels: number,
  domain: SavedModel['metadata']['domain'],
  options: PredictOptions,
): Prediction['rejection'] {
  const minCoverage = options.minCoverage ?? 0.1;
  if (coverage < minCoverage)
    return {
      code: 'off-grid',
      reason: `it covers ${(100 * coverage).toFixed(0)}% of the model's wavelength grid (less than ${100 * minCoverage}%)`,
    };
  // Without the blue-violet region the letters are guesses: test spectra of real stars cut to 4,500–10,000 Å score
  // 0.16 by star-grouped CV, against 0.83 with all of it and 0.71 cut to 3,900–6,800 Å (docs/model.md).
  const minRegion = options.minMkRegionCoverage ?? 0.5;
  if (mkRegionCoverage !== null && mkRegionCoverage < minRegion) {
    const { startAngstrom: low, endAngstrom: high } = MK_CLASSIFICATION_REGION;
    return {
      code: 'no-classification-region',
      reason: `it covers ${(100 * mkRegionCoverage).toFixed(0)}% of ${low.toLocaleString('en')}–${high.toLocaleString('en')} Å (rest frame), the blue-violet region the MK types are defined in (less than ${100 * minRegion}%)`,
    };
  }
  const z = spectrum.meta.redshift;
  const maxVelocity = options.maxVelocityKms ?? 1500;
  if (z !== undefined && Math.abs(z) * SPEED_OF_LIGHT_KMS > maxVelocity)
    return {
      code: 'extragalactic',
      reason: `its redshift z = ${z.toPrecision(4)} (${Math.round(Math.abs(z) * SPEED_OF_LIGHT_KMS).toLocaleString('en')} km/s) is not that of a star in the Milky Way`,
    };
  const snr = medianSnr(spectrum).median;
  const minSnr = options.minSnr ?? 3;
  if (snr !== null && snr < minSnr)
    return { code: 'low-snr', reason: `its median S/N per pixel is ${snr.toFixed(1)} (below ${minSnr})` };
  if (domain) {
    const distance = domainDistance(row, channels, domain.centroids);
    const limit = (options.domainTolerance ?? 1.5) * domain.distanceLimit;
    if (distance > limit)
      return {
        code: 'unlike-training',
        reason: `it is unlike every class the model was trained on (distance ${distance.toFixed(3)} to the nearest class mean; training spectra reach ${domain.distanceLimit.toFixed(3)})`,
      };
  }
  return null;
}

/**
 * The subtype estimate kept inside the predicted letter (a K star's subtype between K0 and K9), so the class and the
 * type never disagree, and its name.
 */
function subtypeOf(estimate: number | null, className: string): Pick<Prediction, 'subtype' | 'spectralType'> {
  if (estimate === null) return { subtype: null, spectralType: null };
  const position = mkPosition(className);
  const first = SUBTYPES_PER_CLASS * position;
  const subtype =
    position < 0 ? estimate : Math.min(first + SUBTYPES_PER_CLASS - 0.1, Math.max(first, estimate));
  const lastOfLetter = SUBTYPES_PER_CLASS * Math.floor(subtype / SUBTYPES_PER_CLASS) + SUBTYPES_PER_CLASS - 1;
  return {
    subtype,
    spectralType: subtypeName(Math.min(lastOfLetter, Math.round(subtype))),
  };
}
