import { median } from './median.js';
import type { Spectrum } from './spectrum.js';

/**
 * Median S/N per pixel: the median of flux·√ivar over the survey's good pixels (`spectrum.badPixels` = 0).
 * Null when the file carries no uncertainties or no pixel qualifies.
 */
export function medianSnr(spectrum: Spectrum): { median: number | null; goodPixels: number } {
  if (spectrum.uncertainty === 'none') return { median: null, goodPixels: 0 };
  const all = new Float64Array(spectrum.flux.length);
  let n = 0;
  for (let i = 0; i < spectrum.flux.length; i++) {
    if (!spectrum.badPixels[i]) all[n++] = spectrum.flux[i] * Math.sqrt(spectrum.ivar[i]);
  }
  if (n === 0) return { median: null, goodPixels: 0 };
  return { median: median(all.subarray(0, n)), goodPixels: n };
}
