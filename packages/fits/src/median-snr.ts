import type { Spectrum } from './spectrum.js';

/**
 * Median S/N per pixel: the median of flux·√ivar over the survey's good pixels (`spectrum.badPixels` = 0).
 * Null when the file carries no uncertainties or no pixel qualifies.
 */
export function medianSnr(spectrum: Spectrum): { median: number | null; goodPixels: number } {
  if (spectrum.uncertainty === 'none') return { median: null, goodPixels: 0 };
  const snr: number[] = [];
  for (let i = 0; i < spectrum.flux.length; i++) {
    if (!spectrum.badPixels[i]) snr.push(spectrum.flux[i] * Math.sqrt(spectrum.ivar[i]));
  }
  if (snr.length === 0) return { median: null, goodPixels: 0 };
  snr.sort((a, b) => a - b);
  const mid = snr.length >> 1;
  return { median: snr.length % 2 ? snr[mid] : (snr[mid - 1] + snr[mid]) / 2, goodPixels: snr.length };
}
