// Figure 1 for one file: node examples/node/plot-spectrum.mjs spec.fits figure.png (or .svg / .html)
import { readSpectrum } from '@spectra/fits';
import { findLines, fitContinuum } from '@spectra/lines';
import { spectrumFigure, writeFigure } from '@spectra/plot';

const [file, out] = process.argv.slice(2);
const spectrum = await readSpectrum(file);
const continuum = fitContinuum(spectrum);
const lines = findLines(spectrum, { continuum, identify: { z: spectrum.meta.redshift ?? 0 } }).filter(
  (l) => l.transition,
);
const spec = spectrumFigure({
  title: spectrum.source,
  wavelength: spectrum.wavelength,
  flux: spectrum.flux,
  normalized: continuum.normalized,
  ivar: spectrum.ivar,
  lines: lines.map((l) => ({ wavelength: l.centerAngstrom, kind: l.type, label: l.transition })),
});
await writeFigure(out, spec);
console.log(`${out}: ${lines.length} lines marked`);
