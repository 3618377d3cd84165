// Read a spectrum and look at it: node examples/node/read-spectrum.mjs path/to/spec.fits
import { readSpectrum } from '@spectra/fits';

const path = process.argv[2];
const spectrum = await readSpectrum(path);
console.log(spectrum.format); // e.g. 'sdss-spec'
console.log(spectrum.wavelength[0].toFixed(4), spectrum.frame); // first wavelength in Å, and 'vacuum'
console.log(spectrum.meta.className, spectrum.meta.subClass); // e.g. 'STAR', 'G1V (95128)'
console.log(spectrum.flux.length, spectrum.issues.length); // pixels, and recoverable problems found
