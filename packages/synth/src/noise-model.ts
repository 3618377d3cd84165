import type { Random } from '@spectra/core';
import { airToVacuum } from '@spectra/lines';

/** SDSS AND/OR-mask bits the generator sets (SPPIXMASK). */
export const MASK_BITS = { FULLREJECT: 1 << 18, BRIGHTSKY: 1 << 23, NODATA: 1 << 24 } as const;

/** Bright night-sky emission lines (air Å) with relative strengths: [O I], Na I, and the strongest OH lines. */
const SKY_LINES_AIR: Array<[number, number]> = [
  [5577.34, 60],
  [5889.95, 12],
  [5895.92, 10],
  [6300.3, 30],
  [6363.78, 10],
  [6498.73, 6],
  [6863.96, 12],
  [7316.28, 14],
  [7340.88, 16],
  [7571.75, 10],
  [7750.64, 18],
  [7794.11, 20],
  [7821.5, 14],
  [7913.71, 18],
  [7993.33, 22],
  [8344.6, 28],
  [8399.17, 30],
  [8430.17, 26],
  [8827.1, 34],
  [8885.85, 32],
  [8919.64, 28],
  [8943.4, 26],
  [8958.08, 36],
  [8988.58, 34],
  [9375.96, 30],
  [9439.67, 36],
  [9872.14, 32],
  [10013.99, 38],
];
const SKY_LINES = SKY_LINES_AIR.map(([air, strength]) => [airToVacuum(air), strength] as const);

/** The observed arrays of one spectrum. */
export interface Observation {
  flux: Float32Array;
  ivar: Float32Array;
  andMask: Int32Array;
  orMask: Int32Array;
  sky: Float32Array;
  /** Median S/N per pixel over unmasked pixels. */
  snMedian: number;
}

/**
 * Observes a model spectrum: photon noise from object and sky through a BOSS-like throughput, scaled so the
 * median S/N per pixel is `snr`; sky-subtraction residuals at bright sky lines (flagged BRIGHTSKY); and, now and
 * then, a run of rejected pixels (FULLREJECT, ivar = 0).
 */
export function observe(
  model: Float64Array,
  wavelength: Float64Array,
  snr: number,
  random: Random,
): Observation {
  const n = model.length;
  const throughput = new Float64Array(n);
  const sky = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const lambda = wavelength[i];
    throughput[i] = 0.04 + 0.26 * Math.exp(-0.5 * ((lambda - 6400) / 1700) ** 2);
    sky[i] = 1.5 + lambda / 4000;
  }
  const skyLine = new Float64Array(n);
  for (const [center, strength] of SKY_LINES) {
    const sigma = center / (2000 * 2.3548);
    for (let i = 0; i < n; i++) {
      const x = (wavelength[i] - center) / sigma;
      if (Math.abs(x) < 5) skyLine[i] += strength * Math.exp(-0.5 * x * x);
    }
  }
  // Variance per unit gain g: (F + S)·T / (T² g). Pick g so the median S/N hits the target.
  const snrAtUnitGain: number[] = [];
  for (let i = 0; i < n; i++) {
    const variance = (Math.max(model[i], 0) + sky[i] + skyLine[i]) / throughput[i];
    snrAtUnitGain.push(model[i] / Math.sqrt(variance));
  }
  snrAtUnitGain.sort((a, b) => a - b);
  const gain = (snr / Math.max(1e-9, snrAtUnitGain[n >> 1])) ** 2;
  const flux = new Float32Array(n);
  const ivar = new Float32Array(n);
  const andMask = new Int32Array(n);
  const orMask = new Int32Array(n);
  const skyOut = new Float32Array(n);
  const achieved: number[] = [];
  for (let i = 0; i < n; i++) {
    const variance = (Math.max(model[i], 0) + sky[i] + skyLine[i]) / (throughput[i] * gain);
    const sigma = Math.sqrt(variance);
    const residual = skyLine[i] > 0.5 ? 0.03 * skyLine[i] * random.normal() : 0;
    flux[i] = model[i] + sigma * random.normal() + residual;
    ivar[i] = 1 / variance;
    skyOut[i] = sky[i] + skyLine[i];
    if (skyLine[i] > 5 * sky[i]) {
      andMask[i] |= MASK_BITS.BRIGHTSKY;
      orMask[i] |= MASK_BITS.BRIGHTSKY;
    }
  }
  if (random.uniform() < 0.3) {
    const length = random.integer(3, 20);
    const start = random.integer(0, n - length - 1);
    for (let i = start; i < start + length; i++) {
      ivar[i] = 0;
      andMask[i] |= MASK_BITS.FULLREJECT;
      orMask[i] |= MASK_BITS.FULLREJECT;
    }
  }
  for (let i = 0; i < n; i++)
    if (ivar[i] > 0 && andMask[i] === 0) achieved.push(flux[i] * Math.sqrt(ivar[i]));
  achieved.sort((a, b) => a - b);
  return { flux, ivar, andMask, orMask, sky: skyOut, snMedian: achieved[achieved.length >> 1] ?? 0 };
}
