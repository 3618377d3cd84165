import { SPEED_OF_LIGHT_KMS as C_KMS, parseSpectralType } from '@spectra/core';
import { airToVacuum } from './air-vacuum.js';
import type { DetectedLine } from './find-lines.js';
import { type LineListEntry, lineList, mkRangeOf } from './line-list.js';
import { goodPixels, type SpectrumInput } from './spectrum-input.js';

/** Options for measureBands. */
export interface MeasureBandsOptions {
  /** Redshift. Default 0. */
  z?: number;
  /** Radial velocity, km/s. Default 0. */
  rvKms?: number;
  /** Medium of the observed wavelengths. Default: the spectrum's frame, else vacuum. */
  frame?: 'vacuum' | 'air';
  /** A band counts as present when its depth is ≥ this many σ. Default 3. */
  minSnr?: number;
  /** …and at least this deep (fraction of the continuum). Default 0.05. */
  minDepth?: number;
  /** The star's MK type: a band outside its MK range is not reported. Default: from the spectrum's meta, else unknown. */
  spectralType?: string;
  /** AND-mask bits that make a pixel unusable. Default: the survey's own bad pixels. */
  maskBits?: number;
}

/** Rest-frame windows of a band index, Å in air: the band, and the continuum beside it. */
interface BandWindows {
  band: [number, number];
  continuum: Array<[number, number]>;
}

/**
 * The windows of each band. The G band uses the Lick G4300 index (Worthey et al. 1994); the red-degraded heads of
 * TiO, CaH and VO compare the 30 Å redward of the head with the 20 Å just blueward of it (as the TiO5/CaH indices of
 * Reid, Hawley & Gizis 1995 do at their heads).
 */
function windowsOf(entry: LineListEntry): BandWindows {
  if (entry.elem === 'CH')
    return {
      band: [4281.375, 4316.375],
      continuum: [
        [4266.375, 4282.625],
        [4318.875, 4335.125],
      ],
    };
  const head = entry.lambda_air_A;
  return { band: [head + 1, head + 31], continuum: [[head - 22, head - 2]] };
}

/**
 * Measures the molecular bands of the line list (G band, TiO, CaH, VO) as band-depth indices — 1 − ⟨F⟩band /
 * ⟨F⟩continuum, with σ from the inverse variance — rather than as narrow features, which band heads are not.
 * Returns one row per band present (depth ≥ minDepth and ≥ minSnr σ), in the line table's shape: `depth` the
 * index, `snr` the depth over its σ, `fwhmAngstrom` the band window, `ewAngstrom` depth × window.
 */
export function measureBands(spectrum: SpectrumInput, options: MeasureBandsOptions = {}): DetectedLine[] {
  const { z = 0, rvKms = 0, minSnr = 3, minDepth = 0.05 } = options;
  const frame = options.frame ?? (spectrum.frame === 'air' ? 'air' : 'vacuum');
  const type =
    parseSpectralType(options.spectralType ?? spectrum.meta?.spectralType ?? spectrum.meta?.subClass)
      ?.subtype ?? null;
  const shift = (1 + z) * (1 + rvKms / C_KMS);
  const good = goodPixels(spectrum, options.maskBits);
  const { wavelength, flux, ivar } = spectrum;
  const toObserved = (air: number) => (frame === 'air' ? air : airToVacuum(air)) * shift;
  const mean = (range: [number, number]) => {
    const [from, to] = range.map(toObserved);
    let sum = 0;
    let variance = 0;
    let n = 0;
    for (let i = 0; i < wavelength.length; i++) {
      if (wavelength[i] < from || wavelength[i] > to || !good[i]) continue;
      sum += flux[i];
      variance += ivar && ivar[i] > 0 ? 1 / ivar[i] : 0;
      n++;
    }
    return n >= 3 ? { value: sum / n, sigma: Math.sqrt(variance) / n, n } : null;
  };
  const out: DetectedLine[] = [];
  for (const entry of lineList) {
    if (entry.kind !== 'band' || !entry.use_flag) continue;
    const windows = windowsOf(entry);
    const band = mean(windows.band);
    const sides = windows.continuum.map(mean);
    if (!band || sides.some((c) => c === null)) continue;
    const continuum = sides.reduce((a, c) => a + c!.value, 0) / sides.length;
    const continuumSigma = Math.sqrt(sides.reduce((a, c) => a + c!.sigma ** 2, 0)) / sides.length;
    if (!(continuum > 0)) continue;
    const depth = 1 - band.value / continuum;
    const sigma = Math.hypot(band.sigma / continuum, (band.value * continuumSigma) / continuum ** 2);
    const snr = sigma > 0 ? depth / sigma : Number.POSITIVE_INFINITY;
    const [from, to] = mkRangeOf(entry);
    const inRange = type === null || (type >= from && type <= to);
    // Outside its MK range a band is not reported at all: a band-depth index cannot tell a band from the atomic
    // lines (Mg b under TiO 5167) or telluric bands (O2 A under TiO 7589) that fall in its window.
    if (depth < minDepth || snr < minSnr || !inRange) continue;
    const head = toObserved(entry.lambda_air_A);
    const width = windows.band[1] - windows.band[0];
    out.push({
      centerAngstrom: head,
      centerPixel: pixelOf(wavelength, head),
      type: 'absorption',
      depth,
      snr,
      fwhmAngstrom: width,
      ewAngstrom: depth * width,
      ewErrAngstrom: sigma * width,
      elem: entry.elem,
      transition: entry.transition,
      restAngstrom: frame === 'air' ? entry.lambda_air_A : entry.lambda_rest_A,
      velocityOffsetKms: null,
      confidence: type === null ? 'medium' : 'high',
    });
  }
  return out;
}

function pixelOf(wavelength: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = wavelength.length - 1;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (wavelength[mid] <= value) low = mid;
    else high = mid;
  }
  const span = wavelength[high] - wavelength[low];
  return span > 0 ? low + (value - wavelength[low]) / span : low;
}
