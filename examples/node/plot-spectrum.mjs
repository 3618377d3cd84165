// Figure 1 for one file: node examples/node/plot-spectrum.mjs spec.fits figure.png (or .svg / .html)
import { readSpectrum } from '@spectra/fits';
import { spectrumLinesFigure } from '@spectra/pipeline';
import { writeFigure } from '@spectra/plot';

const [file, out] = process.argv.slice(2);
const { spec, lines } = spectrumLinesFigure(await readSpectrum(file));
await writeFigure(out, spec);
console.log(`${out}: ${lines} lines marked`);
