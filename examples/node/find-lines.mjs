// Measure a radial velocity and identify lines: node examples/node/find-lines.mjs path/to/spec.fits
import { readSpectrum } from '@spectra/fits';
import { findLines, measureRadialVelocity } from '@spectra/lines';

const spectrum = await readSpectrum(process.argv[2]);
const { rvKms, rvErrKms } = measureRadialVelocity(spectrum);
console.log(`radial velocity ${rvKms.toFixed(1)} ± ${rvErrKms.toFixed(1)} km/s`);
const lines = findLines(spectrum, { identify: { rvKms } });
for (const line of lines.filter((l) => l.transition)) {
  console.log(
    `${line.transition.padEnd(12)} ${line.centerAngstrom.toFixed(2)} Å  EW ${line.ewAngstrom.toFixed(2)} Å`,
  );
}
