import { type ContinuumFit, type ContinuumOptions, fitContinuum, robustSigma } from './fit-continuum.js';
import { type IdentifyOptions, identifyLines } from './identify-lines.js';
import { lineList } from './line-list.js';
import { measureBands } from './measure-bands.js';
import { goodPixels, hasIvar, type SpectrumInput } from './spectrum-input.js';

/** One detected feature (one row of the fixed-schema line table). */
export interface DetectedLine {
  /** Observed centre, Å (sub-pixel). */
  centerAngstrom: number;
  /** Centre as a fractional pixel index. */
  centerPixel: number;
  type: 'absorption' | 'emission';
  /** Depth (absorption) or height (emission) in continuum units. */
  depth: number;
  /** Detection significance of the matched-filter amplitude. */
  snr: number;
  fwhmAngstrom: number;
  /** ∫(1 − F/Fc) dλ: positive for absorption, negative for emission (specutils' convention). */
  ewAngstrom: number;
  ewErrAngstrom: number;
  /** Filled when identified. */
  elem: string | null;
  transition: string | null;
  restAngstrom: number | null;
  velocityOffsetKms: number | null;
  /** How sure the identification is (see identifyLines); null when unidentified. */
  confidence: 'high' | 'medium' | 'low' | null;
}

/** Column order of the line table (CSV output and docs). */
export const DETECTED_LINE_COLUMNS: ReadonlyArray<keyof DetectedLine> = [
  'centerAngstrom',
  'centerPixel',
  'type',
  'depth',
  'snr',
  'fwhmAngstrom',
  'ewAngstrom',
  'ewErrAngstrom',
  'elem',
  'transition',
  'restAngstrom',
  'velocityOffsetKms',
  'confidence',
];

/** Options for findLines. */
export interface FindLinesOptions {
  /** Detection threshold in matched-filter S/N. Default 4. */
  thresholdSnr?: number;
  /** Which features to look for. Default both. */
  type?: 'both' | 'absorption' | 'emission';
  /** Gaussian σ of the matched filter, pixels. Default 1.5 (SDSS: about one resolution element). */
  filterSigmaPixels?: number;
  /**
   * Width of the running median subtracted before detection, pixels (a high-pass that keeps continuum-scale
   * residuals from counting as lines). Default 51; 0 turns it off.
   */
  baselinePixels?: number;
  /** A precomputed continuum fit; otherwise fitContinuum(spectrum, continuum options) is used. */
  continuum?: ContinuumFit;
  continuumOptions?: ContinuumOptions;
  /** AND-mask bits that make a pixel unusable. Default: the survey's own bad pixels (`spectrum.badPixels`). */
  maskBits?: number;
  /** Identify against the line list after detection (redshift, radial velocity, tolerance). */
  identify?: IdentifyOptions | false;
  /**
   * Also look for broad emission (quasar lines, thousands of km/s wide) with a matched filter of σ = 8 pixels on
   * the un-high-passed residual, named against the emission lines of AGN within 2,000 km/s. Default: on when
   * identifying at z > 0.05 (an extragalactic source), off otherwise.
   */
  broadLines?: boolean;
}

/** σ of the broad-line matched filter, pixels (≈ 1,800 km/s FWHM on the SDSS grid). */
const BROAD_SIGMA_PIXELS = 8;
/** Velocity tolerance for naming a broad line (broad lines are shifted and asymmetric). */
const BROAD_TOLERANCE_KMS = 2000;

/**
 * Finds emission and absorption features with a matched filter on the continuum-normalised spectrum.
 * Thresholds are in S/N from ivar (or from a robust noise estimate when the file has no uncertainties);
 * masked pixels never produce lines. Each feature is measured: sub-pixel centre, depth, FWHM, equivalent width
 * with its error; and identified when `identify` is given.
 */
export function findLines(spectrum: SpectrumInput, options: FindLinesOptions = {}): DetectedLine[] {
  const { thresholdSnr = 4, type = 'both', filterSigmaPixels = 1.5, maskBits } = options;
  const n = spectrum.flux.length;
  const fit = options.continuum ?? fitContinuum(spectrum, { maskBits, ...options.continuumOptions });
  const good = goodPixels(spectrum, maskBits);
  const y = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (good[i] && Number.isFinite(fit.normalized[i])) {
      y[i] = fit.normalized[i] - 1;
      weight[i] = fit.normalizedIvar[i];
    }
  }
  if (!hasIvar(spectrum)) estimateWeights(y, weight, good, fit);
  const detect = subtractRunningMedian(y, weight, options.baselinePixels ?? 51);

  const radius = Math.max(2, Math.ceil(3 * filterSigmaPixels));
  const kernel = Array.from({ length: 2 * radius + 1 }, (_, k) =>
    Math.exp(-0.5 * ((k - radius) / filterSigmaPixels) ** 2),
  );
  // Matched filter twice: on the high-passed residual (immune to continuum-scale misfit) and on the plain residual
  // (immune to the median being pulled by a neighbouring strong line). A line must pass both.
  const { amplitude, snr } = matchedFilter(detect, weight, kernel, radius);
  const plain = detect === y ? { amplitude, snr } : matchedFilter(y, weight, kernel, radius);
  const candidates: DetectedLine[] = [];
  for (let i = 1; i < n - 1; i++) {
    if (weight[i] <= 0 || weight[i - 1] <= 0 || weight[i + 1] <= 0) continue;
    const s = snr[i];
    const p = plain.snr[i];
    const absorption = s <= -thresholdSnr && p <= -thresholdSnr && type !== 'emission';
    const emission = s >= thresholdSnr && p >= thresholdSnr && type !== 'absorption';
    if (!absorption && !emission) continue;
    const sign = absorption ? -1 : 1;
    let extremum = true;
    for (let k = -radius; k <= radius && extremum; k++) {
      const j = i + k;
      if (k === 0 || j < 0 || j >= n) continue;
      if (sign * snr[j] > sign * s || (sign * snr[j] === sign * s && k < 0)) extremum = false;
    }
    if (extremum)
      candidates.push(
        measure(
          spectrum,
          y,
          weight,
          amplitude,
          i,
          absorption ? 'absorption' : 'emission',
          Math.min(Math.abs(s), Math.abs(p)),
        ),
      );
  }
  candidates.sort((a, b) => b.snr - a.snr);
  const kept: DetectedLine[] = [];
  for (const candidate of candidates) {
    const close = kept.some(
      (k) =>
        k.type === candidate.type &&
        Math.abs(k.centerPixel - candidate.centerPixel) < Math.max(2 * filterSigmaPixels, 2),
    );
    if (!close) kept.push(candidate);
  }
  kept.sort((a, b) => a.centerAngstrom - b.centerAngstrom);
  const broadPass = options.broadLines ?? (options.identify ? (options.identify.z ?? 0) > 0.05 : false);
  const broad = broadPass
    ? findLines(spectrum, {
        ...options,
        type: 'emission',
        filterSigmaPixels: BROAD_SIGMA_PIXELS,
        baselinePixels: 0,
        continuum: fit,
        identify: false,
        broadLines: false,
      })
    : [];
  const overlaps = (a: DetectedLine, b: DetectedLine) =>
    a.type === 'emission' &&
    b.type === 'emission' &&
    Math.abs(a.centerPixel - b.centerPixel) < 2 * BROAD_SIGMA_PIXELS;
  const byWavelength = (a: DetectedLine, b: DetectedLine) => a.centerAngstrom - b.centerAngstrom;
  if (!options.identify)
    return [...kept, ...broad.filter((b) => !kept.some((k) => overlaps(k, b)))].sort(byWavelength);
  const spectralType = spectrum.meta?.spectralType ?? spectrum.meta?.subClass;
  const identify: IdentifyOptions = {
    frame: spectrum.frame === 'air' ? 'air' : 'vacuum',
    ...(spectralType && { spectralType }),
    ...options.identify,
  };
  const narrow = identifyLines(kept, identify);
  const agnLines = (identify.lines ?? lineList).filter((l) => l.mk_range === 'any' || l.elem === 'H I');
  const wide = identifyLines(broad, { ...identify, toleranceKms: BROAD_TOLERANCE_KMS, lines: agnLines });
  // A named narrow line wins over a broad detection at its place; a named broad line wins over an unnamed narrow
  // peak on top of it (the narrow filter catching the core of a broad line). Molecular bands are measured as
  // band-depth indices (measureBands), not as narrow features.
  const bands =
    type === 'emission'
      ? []
      : measureBands(spectrum, { ...identify, frame: identify.frame ?? 'vacuum', maskBits });
  return [
    ...narrow.filter((n) => n.elem || !wide.some((w) => w.elem && overlaps(n, w))),
    ...wide.filter((w) => !narrow.some((n) => overlaps(n, w) && (n.elem || !w.elem))),
    ...bands,
  ].sort(byWavelength);
}

function measure(
  spectrum: SpectrumInput,
  y: Float64Array,
  weight: Float64Array,
  amplitude: Float64Array,
  i: number,
  type: DetectedLine['type'],
  snr: number,
): DetectedLine {
  const n = y.length;
  const { wavelength } = spectrum;
  const a0 = amplitude[i - 1];
  const a1 = amplitude[i];
  const a2 = amplitude[i + 1];
  const curvature = a0 - 2 * a1 + a2;
  const offset = curvature !== 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (a0 - a2)) / curvature)) : 0;
  const centerPixel = i + offset;
  const centerAngstrom = interpolate(wavelength, centerPixel);
  const sign = type === 'absorption' ? -1 : 1;
  const local = (j: number) => (weight[j] > 0 ? sign * y[j] : Number.NaN);
  const depth = peakHeight(local(i - 1), local(i), local(i + 1));
  const half = depth / 2;
  const edge = (direction: 1 | -1) => {
    let j = i;
    while (j + direction > 0 && j + direction < n - 1 && Math.abs(j - i) < 60) {
      const next = j + direction;
      const value = local(next);
      if (!Number.isFinite(value)) return next;
      if (value <= half) {
        const previous = Math.min(local(j), depth);
        const fraction = previous === value ? 0 : (previous - half) / (previous - value);
        return j + direction * fraction;
      }
      j = next;
    }
    return j;
  };
  const left = edge(-1);
  const right = edge(1);
  const fwhmAngstrom = Math.max(0, interpolate(wavelength, right) - interpolate(wavelength, left));
  const fwhmPixels = Math.max(1, right - left);
  const reach = Math.max(3, Math.round(1.5 * fwhmPixels));
  let ew = 0;
  let ewVariance = 0;
  for (let j = Math.max(1, i - reach); j <= Math.min(n - 2, i + reach); j++) {
    if (weight[j] <= 0) continue;
    const dLambda = (wavelength[j + 1] - wavelength[j - 1]) / 2;
    ew += -y[j] * dLambda;
    ewVariance += (dLambda * dLambda) / weight[j];
  }
  return {
    centerAngstrom,
    centerPixel,
    type,
    depth,
    snr,
    fwhmAngstrom,
    ewAngstrom: ew,
    ewErrAngstrom: Math.sqrt(ewVariance),
    elem: null,
    transition: null,
    restAngstrom: null,
    velocityOffsetKms: null,
    confidence: null,
  };
}

/**
 * Peak height of a Gaussian through three samples (a parabola in log space); the largest sample when the
 * three are not all positive or not peaked.
 */
function peakHeight(a0: number, a1: number, a2: number): number {
  const largest = Math.max(0, Number.isFinite(a1) ? a1 : 0);
  if (!(a0 > 0 && a1 > 0 && a2 > 0)) return largest;
  const l0 = Math.log(a0);
  const l1 = Math.log(a1);
  const l2 = Math.log(a2);
  const curvature = l0 - 2 * l1 + l2;
  if (curvature >= 0) return largest;
  const offset = (0.5 * (l0 - l2)) / curvature;
  if (Math.abs(offset) > 1) return largest;
  return Math.exp(l1 - 0.25 * (l0 - l2) * offset);
}

/** Weighted Gaussian matched filter: the best-fit amplitude of the kernel at each pixel and its S/N. */
function matchedFilter(values: Float64Array, weight: Float64Array, kernel: number[], radius: number) {
  const n = values.length;
  const amplitude = new Float64Array(n);
  const snr = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (weight[i] <= 0) continue;
    let numerator = 0;
    let denominator = 0;
    let support = 0;
    for (let k = -radius; k <= radius; k++) {
      const j = i + k;
      if (j < 0 || j >= n || weight[j] <= 0) continue;
      const g = kernel[k + radius];
      numerator += g * values[j] * weight[j];
      denominator += g * g * weight[j];
      support++;
    }
    if (denominator <= 0 || support < radius + 1) continue;
    amplitude[i] = numerator / denominator;
    snr[i] = amplitude[i] * Math.sqrt(denominator);
  }
  return { amplitude, snr };
}

/** y minus its running median over `width` usable pixels (centred); y itself when width is 0. */
function subtractRunningMedian(y: Float64Array, weight: Float64Array, width: number): Float64Array {
  if (width <= 0) return y;
  const n = y.length;
  const half = Math.floor(width / 2);
  const out = new Float64Array(n);
  // A sorted sliding window of the usable values: each step inserts one value and removes one, O(width).
  const window = new Float64Array(width + 1);
  let size = 0;
  const insert = (value: number) => {
    let at = size;
    while (at > 0 && window[at - 1] > value) {
      window[at] = window[at - 1];
      at--;
    }
    window[at] = value;
    size++;
  };
  const remove = (value: number) => {
    let at = 0;
    while (at < size && window[at] !== value) at++;
    window.copyWithin(at, at + 1, size);
    size--;
  };
  for (let j = 0; j <= Math.min(n - 1, half); j++) if (weight[j] > 0) insert(y[j]);
  for (let i = 0; i < n; i++) {
    if (i > 0) {
      const entering = i + half;
      const leaving = i - half - 1;
      if (entering < n && weight[entering] > 0) insert(y[entering]);
      if (leaving >= 0 && weight[leaving] > 0) remove(y[leaving]);
    }
    if (weight[i] > 0 && size > 0) out[i] = y[i] - window[size >> 1];
  }
  return out;
}

/** Without ivar: σ from the robust scatter of first differences of the normalised flux, in 200-pixel windows. */
function estimateWeights(y: Float64Array, weight: Float64Array, good: Uint8Array, fit: ContinuumFit) {
  const n = y.length;
  const window = 200;
  for (let start = 0; start < n; start += window) {
    const end = Math.min(n, start + window);
    const differences: number[] = [];
    for (let i = start + 1; i < end; i++)
      if (good[i] && good[i - 1] && Number.isFinite(fit.normalized[i])) differences.push(y[i] - y[i - 1]);
    const sigma = robustSigma(differences) / Math.SQRT2;
    for (let i = start; i < end; i++)
      weight[i] = good[i] && Number.isFinite(fit.normalized[i]) ? 1 / (sigma * sigma) : 0;
  }
}

function interpolate(values: ArrayLike<number>, position: number): number {
  const i = Math.max(0, Math.min(values.length - 2, Math.floor(position)));
  const t = position - i;
  return values[i] + (values[i + 1] - values[i]) * t;
}
