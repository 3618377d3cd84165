import type { Spectrum } from '@spectra/fits';
import { badPixelBits, findLines, fitContinuum, goodPixels } from '@spectra/lines';
import type { FigureSpec as TopLevelSpec } from '@spectra/plot';
import { type SpectrumFigureInput, spectrumFigure, writeFigure } from '@spectra/plot';

/**
 * Figure 1 for one spectrum: continuum fit and line search from @spectra/lines, identified features marked (in the
 * observed frame, at the file's redshift).
 */
export function spectrumWithLinesFigure(spectrum: Spectrum): { spec: TopLevelSpec; lines: number } {
  const fit = fitContinuum(spectrum);
  const lines = findLines(spectrum, { continuum: fit, identify: { z: spectrum.meta.redshift ?? 0 } }).filter(
    (l) => l.transition,
  );
  const good = goodPixels(spectrum, badPixelBits(spectrum.format));
  const input: SpectrumFigureInput = {
    title: `${spectrum.source ?? 'spectrum'}${spectrum.meta.subClass ? ` (${spectrum.meta.subClass})` : ''}`,
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
    ...(spectrum.uncertainty !== 'none' && { ivar: spectrum.ivar }),
  };
  return { spec: spectrumFigure(input), lines: lines.length };
}

/** Writes one figure as PNG and interactive HTML beside it; returns both paths. */
export async function writeFigurePair(pngPath: string, spec: TopLevelSpec): Promise<string[]> {
  const html = `${pngPath.replace(/\.(png|svg)$/i, '')}.html`;
  await writeFigure(pngPath, spec);
  await writeFigure(html, spec);
  return [pngPath, html];
}

/** Opens a file in the user's browser only when someone is there to see it: a TTY, a display, not CI. */
export async function showIfInteractive(path: string, allowed: boolean): Promise<boolean> {
  const display =
    process.platform === 'darwin' ||
    process.platform === 'win32' ||
    !!process.env.DISPLAY ||
    !!process.env.WAYLAND_DISPLAY;
  if (!allowed || !process.stdout.isTTY || !display || process.env.CI) return false;
  const { default: open } = await import('open');
  await open(path, { wait: false }).catch(() => undefined);
  return true;
}
