import { goodPixels, hasIvar, type SpectrumInput } from './spectrum-input.js';
import { fitSpline, splineBasis } from './spline-basis.js';

/** Options for fitContinuum. */
export interface ContinuumOptions {
  /**
   * `sigma-clip` (default): iterative spline fit that rejects absorption harder than emission.
   * `upper-envelope`: a spline through the upper envelope (a high percentile per window), for M stars whose
   * molecular bands leave no true continuum.
   */
  method?: 'sigma-clip' | 'upper-envelope';
  /** Spline knot spacing in log10 λ. Default 0.02 dex (≈ 230 Å at 5000 Å); 0.01 dex for the upper envelope. */
  knotSpacingDex?: number;
  /** Reject pixels this many robust σ below the fit (absorption). Default 1.5. */
  lowRejectSigma?: number;
  /** Reject pixels this many robust σ above the fit (emission, cosmics). Default 3. */
  highRejectSigma?: number;
  /** Most clipping iterations. Default 15. */
  maxIterations?: number;
  /** AND-mask bits that exclude a pixel. Default: the survey's own bad pixels (`spectrum.badPixels`). */
  maskBits?: number;
  /** Window for the upper envelope, Å. Default 100 (wider than the gaps between TiO band heads' peaks). */
  envelopeWindowAngstrom?: number;
  /** Percentile of each window taken as the envelope. Default 98. */
  envelopePercentile?: number;
}

/** A continuum fit. */
export interface ContinuumFit {
  continuum: Float64Array;
  /** flux / continuum; NaN where the pixel is masked or the continuum is not positive. */
  normalized: Float64Array;
  /** ivar of the normalised flux (ivar · continuum²); 0 where masked. */
  normalizedIvar: Float64Array;
  /** 1 where the pixel was used in the final fit. */
  used: Uint8Array;
  iterations: number;
  method: 'sigma-clip' | 'upper-envelope';
}

/**
 * Fits a smooth continuum: a cubic B-spline in log10 λ, weighted by ivar, with masked pixels excluded and
 * asymmetric sigma clipping so that absorption lines do not drag it down.
 */
export function fitContinuum(spectrum: SpectrumInput, options: ContinuumOptions = {}): ContinuumFit {
  const {
    method = 'sigma-clip',
    knotSpacingDex = options.method === 'upper-envelope' ? 0.01 : 0.02,
    lowRejectSigma = 1.5,
    highRejectSigma = 3,
    maxIterations = 15,
    maskBits,
    envelopeWindowAngstrom = 100,
    envelopePercentile = 98,
  } = options;
  const n = spectrum.flux.length;
  const good = goodPixels(spectrum, maskBits);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.log10(spectrum.wavelength[i]);
  const first = good.indexOf(1);
  const last = good.lastIndexOf(1);
  const continuum = new Float64Array(n).fill(Number.NaN);
  const used = new Uint8Array(n);
  if (first < 0 || last <= first) return finish(spectrum, continuum, used, good, 0, method);
  const xMin = x[first];
  const xMax = x[last];
  const weights = new Float64Array(n);
  const ivarKnown = hasIvar(spectrum);
  for (let i = 0; i < n; i++) weights[i] = good[i] ? (ivarKnown ? spectrum.ivar![i] : 1) : 0;

  if (method === 'upper-envelope') {
    const { ax, ay, aw } = envelopeAnchors(spectrum, x, good, envelopeWindowAngstrom, envelopePercentile);
    const spline = fitSpline(ax, ay, aw, xMin, xMax, knotSpacingDex);
    for (let i = 0; i < n; i++) continuum[i] = spline.evaluate(Math.min(xMax, Math.max(xMin, x[i])));
    for (let i = 0; i < n; i++) used[i] = good[i];
    return finish(spectrum, continuum, used, good, 1, method);
  }

  const active = Float64Array.from(weights);
  const basis = splineBasis(x, xMin, xMax, knotSpacingDex);
  const scaled = new Float64Array(n);
  const residuals = new Float64Array(n);
  const sqrtIvar = Float64Array.from({ length: n }, (_, i) =>
    ivarKnown && good[i] ? Math.sqrt(spectrum.ivar![i]) : 1,
  );
  const flux = Float64Array.from(spectrum.flux);
  // Without uncertainties, residuals are fractions of the continuum, and their scale is floored at 0.2% so that a
  // noiseless spectrum is not clipped down to the few pixels the spline happens to match exactly.
  const floor = ivarKnown ? 0 : 0.002;
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    basis.fit(flux, active, continuum);
    let count = 0;
    for (let i = 0; i < n; i++) {
      if (!good[i]) continue;
      scaled[i] = ivarKnown
        ? (flux[i] - continuum[i]) * sqrtIvar[i]
        : (flux[i] - continuum[i]) / Math.abs(continuum[i] || 1);
      if (active[i] > 0) residuals[count++] = scaled[i];
    }
    const sigma = Math.max(floor, robustSigma(residuals.subarray(0, count)));
    let changed = 0;
    for (let i = 0; i < n; i++) {
      if (!good[i]) continue;
      const keep = scaled[i] > -lowRejectSigma * sigma && scaled[i] < highRejectSigma * sigma;
      const next = keep ? weights[i] : 0;
      if (next > 0 !== active[i] > 0) changed++;
      active[i] = next;
    }
    if (changed <= n * 1e-3) break;
  }
  for (let i = 0; i < n; i++) used[i] = active[i] > 0 ? 1 : 0;
  return finish(spectrum, continuum, used, good, iterations + 1, method);
}

function finish(
  spectrum: SpectrumInput,
  continuum: Float64Array,
  used: Uint8Array,
  good: Uint8Array,
  iterations: number,
  method: ContinuumFit['method'],
): ContinuumFit {
  const n = continuum.length;
  const normalized = new Float64Array(n);
  const normalizedIvar = new Float64Array(n);
  const ivarKnown = hasIvar(spectrum);
  for (let i = 0; i < n; i++) {
    const c = continuum[i];
    if (good[i] && c > 0) {
      normalized[i] = spectrum.flux[i] / c;
      normalizedIvar[i] = ivarKnown ? spectrum.ivar![i] * c * c : 0;
    } else {
      normalized[i] = Number.NaN;
    }
  }
  return { continuum, normalized, normalizedIvar, used, iterations, method };
}

/** 1.4826 × the median absolute deviation from the median. */
export function robustSigma(values: ArrayLike<number>): number {
  if (values.length === 0) return 1;
  const work = Float64Array.from(values);
  const median = select(work, work.length >> 1);
  for (let i = 0; i < work.length; i++) work[i] = Math.abs(work[i] - median);
  const mad = select(work, work.length >> 1);
  return mad > 0 ? 1.4826 * mad : 1;
}

/** The k-th smallest value (Hoare's quickselect, in place, expected O(n)). */
function select(values: Float64Array, k: number): number {
  let left = 0;
  let right = values.length - 1;
  while (left < right) {
    const pivot = values[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (values[i] < pivot) i++;
      while (values[j] > pivot) j--;
      if (i <= j) {
        const t = values[i];
        values[i] = values[j];
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) right = j;
    else if (k >= i) left = i;
    else return values[k];
  }
  return values[k];
}

function envelopeAnchors(
  spectrum: SpectrumInput,
  x: Float64Array,
  good: Uint8Array,
  windowAngstrom: number,
  percentile: number,
) {
  const ax: number[] = [];
  const ay: number[] = [];
  const aw: number[] = [];
  const n = x.length;
  let start = 0;
  while (start < n) {
    const limit = spectrum.wavelength[start] + windowAngstrom;
    let end = start;
    while (end < n && spectrum.wavelength[end] < limit) end++;
    const values: Array<[number, number]> = [];
    for (let i = start; i < end; i++) if (good[i]) values.push([spectrum.flux[i], x[i]]);
    if (values.length >= 5) {
      values.sort((a, b) => a[0] - b[0]);
      const k = Math.min(values.length - 1, Math.floor((percentile / 100) * values.length));
      ax.push(values[k][1]);
      ay.push(values[k][0]);
      aw.push(1);
    }
    start = Math.max(end, start + 1);
  }
  return { ax, ay, aw };
}
