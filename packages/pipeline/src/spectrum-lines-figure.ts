import type { Spectrum } from '@spectra/fits';
import { findLines, fitContinuum, goodPixels } from '@spectra/lines';
import { type FigureSpec, type SpectrumFigureInput, spectrumFigure } from '@spectra/plot';

/** Options for spectrumLinesFigure. */
export interface SpectrumLinesFigureOptions {
  /** Redshift the lines are identified at. @default the file's Z, else 0 */
  z?: number;
  /** Draw the ±1σ band when the file has uncertainties. @default true */
  errorBand?: boolean;
}

/**
 * Figure 1 for one spectrum: the continuum fit and line search of @spectra/lines, identified features marked (in
 * the observed frame, at the file's redshift), the survey's bad pixels as mask ticks, the ±1σ band when the file
 * has uncertainties. The one assembly of Figure 1 that the pipeline, `spectra plot`, the scripts and the notebook use.
 */
export function spectrumLinesFigure(
  spectrum: Spectrum,
  options: SpectrumLinesFigureOptions = {},
): { spec: FigureSpec; lines: number } {
  const fit = fitContinuum(spectrum);
  const z = options.z ?? spectrum.meta.redshift ?? 0;
  const lines = findLines(spectrum, { continuum: fit, identify: { z } }).filter((l) => l.transition);
  const good = goodPixels(spectrum);
  const name = spectrum.source?.split(/[\\/]/).pop() ?? 'spectrum';
  const input: SpectrumFigureInput = {
    title: `${name}${spectrum.meta.subClass ? ` (${spectrum.meta.subClass})` : ''}`,
    wavelength: spectrum.wavelength,
    flux: spectrum.flux,
    normalized: fit.normalized,
    masked: Uint8Array.from(good, (g) => (g ? 0 : 1)),
    lines: lines.map((l) => ({
      wavelength: l.centerAngstrom,
      kind: l.type,
      label: l.transition!,
      details: { EW_A: Number(l.ewAngstrom.toFixed(2)), SNR: Number(l.snr.toFixed(1)) },
    })),
    ...(spectrum.fluxUnit && { fluxUnit: spectrum.fluxUnit }),
    ...(spectrum.uncertainty !== 'none' && options.errorBand !== false && { ivar: spectrum.ivar }),
  };
  return { spec: spectrumFigure(input), lines: lines.length };
}
