import { seededRandom } from '@spectra/core';

/** A line injected into a synthetic spectrum, with the truth a detector should recover. */
export interface InjectedLine {
  centerAngstrom: number;
  centerPixel: number;
  /** Depth (absorption) or height (emission) in continuum units. */
  depth: number;
  type: 'absorption' | 'emission';
  fwhmPixels: number;
  profile: 'gaussian' | 'voigt';
}

/** A seeded SDSS-sampled spectrum (log10 λ step 1e-4) with Gaussian and pseudo-Voigt lines at known places. */
export interface InjectedLineSpectrum {
  wavelength: Float64Array;
  flux: Float32Array;
  ivar: Float32Array;
  lines: InjectedLine[];
  snr: number;
}

/**
 * Makes a spectrum with a smooth sloped continuum, `count` lines (depths 0.25–0.6, FWHM 2–4 pixels, 20% emission,
 * 30% pseudo-Voigt) separated by at least 12 pixels, and Gaussian noise at S/N `snr` per pixel.
 */
export function injectedLineSpectrum(
  seed: number,
  snr: number,
  count = 40,
  pixels = 3800,
): InjectedLineSpectrum {
  const random = seededRandom(seed);
  const wavelength = new Float64Array(pixels);
  for (let i = 0; i < pixels; i++) wavelength[i] = 10 ** (3.58 + 1e-4 * i);
  const continuum = Float64Array.from(
    wavelength,
    (l) => 100 * (1 + 0.3 * Math.sin(l / 900)) * (5000 / l) ** 0.5,
  );
  const lines: InjectedLine[] = [];
  let attempts = 0;
  while (lines.length < count && attempts++ < 10000) {
    const centerPixel = 30 + random.uniform() * (pixels - 60);
    if (lines.some((l) => Math.abs(l.centerPixel - centerPixel) < 12)) continue;
    const at = Math.floor(centerPixel);
    const centerAngstrom = wavelength[at] + (wavelength[at + 1] - wavelength[at]) * (centerPixel - at);
    lines.push({
      centerAngstrom,
      centerPixel,
      depth: 0.25 + 0.35 * random.uniform(),
      type: random.uniform() < 0.2 ? 'emission' : 'absorption',
      fwhmPixels: 2 + 2 * random.uniform(),
      profile: random.uniform() < 0.3 ? 'voigt' : 'gaussian',
    });
  }
  const flux = new Float32Array(pixels);
  const ivar = new Float32Array(pixels);
  for (let i = 0; i < pixels; i++) {
    let shape = 1;
    for (const line of lines) {
      const dx = i - line.centerPixel;
      if (Math.abs(dx) > 10 * line.fwhmPixels) continue;
      const sigma = line.fwhmPixels / 2.3548;
      const gauss = Math.exp(-0.5 * (dx / sigma) ** 2);
      const lorentz = 1 / (1 + ((2 * dx) / line.fwhmPixels) ** 2);
      const profile = line.profile === 'voigt' ? 0.5 * gauss + 0.5 * lorentz : gauss;
      shape += (line.type === 'absorption' ? -1 : 1) * line.depth * profile;
    }
    const noise = continuum[i] / snr;
    flux[i] = continuum[i] * shape + noise * random.normal();
    ivar[i] = 1 / (noise * noise);
  }
  return { wavelength, flux, ivar, lines, snr };
}

/** Recall, precision and centre error of detections against injected truth (match within `tolerancePixels`). */
export function scoreDetections(
  truth: readonly InjectedLine[],
  detections: ReadonlyArray<{ centerPixel: number; type: string }>,
  tolerancePixels = 2,
): { recall: number; precision: number; centerErrorsPixels: number[]; truePositives: number } {
  const used = new Set<number>();
  const centerErrorsPixels: number[] = [];
  for (const line of truth) {
    let best = -1;
    let bestDistance = tolerancePixels;
    detections.forEach((d, k) => {
      const distance = Math.abs(d.centerPixel - line.centerPixel);
      if (!used.has(k) && d.type === line.type && distance <= bestDistance) {
        best = k;
        bestDistance = distance;
      }
    });
    if (best >= 0) {
      used.add(best);
      centerErrorsPixels.push(bestDistance);
    }
  }
  return {
    recall: truth.length ? used.size / truth.length : 1,
    precision: detections.length ? used.size / detections.length : 1,
    centerErrorsPixels,
    truePositives: used.size,
  };
}
