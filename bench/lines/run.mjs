#!/usr/bin/env node
// bench/lines: the same seeded spectra (injected Gaussian/Voigt lines at S/N 5..100) through @spectra/lines'
// findLines, specutils (fit_generic_continuum + find_lines_derivative) and scipy find_peaks, in one run:
// recall, precision and median centre error per S/N, and spectra/s. Usage: node bench/lines/run.mjs [--per-snr N]
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePython, runPythonJson } from '../lib/python-tools.mjs';

const root = resolve(fileURLToPath(import.meta.url), '../../..');
const { findLines } = await import(join(root, 'packages/lines/dist/index.js'));
const { injectedLineSpectrum, scoreDetections } = await import(
  join(root, 'tools/test-fixtures/dist/index.js')
);
const perArg = process.argv.indexOf('--per-snr');
const perSnr = perArg > 0 ? Number(process.argv[perArg + 1]) : 20;
const SNRS = [5, 10, 20, 50, 100];

const spectra = SNRS.flatMap((snr) =>
  Array.from({ length: perSnr }, (_, k) => injectedLineSpectrum(1000 + k, snr)),
);
for (const s of spectra.slice(0, 10)) findLines(s);
const t0 = performance.now();
const ours = spectra.map((s) => findLines(s));
const oursSeconds = (performance.now() - t0) / 1000;

const python = ensurePython(
  ['specutils', 'scipy', 'astropy'],
  ['python3-specutils', 'python3-scipy', 'python3-astropy'],
);
const dir = mkdtempSync(join(tmpdir(), 'spectra-bench-lines-'));
const input = join(dir, 'spectra.json');
writeFileSync(
  input,
  JSON.stringify(
    spectra.map((s) => ({
      wavelength: Array.from(s.wavelength),
      flux: Array.from(s.flux),
      ivar: Array.from(s.ivar),
    })),
  ),
);
const script = `
import sys, json, time, warnings
import numpy as np
warnings.simplefilter('ignore')
import astropy.units as u
import specutils, scipy
from specutils import Spectrum1D
from specutils.fitting import fit_generic_continuum, find_lines_derivative
from scipy.signal import find_peaks
data = json.load(open(sys.argv[1]))
arrays = [(np.array(d['wavelength']), np.array(d['flux']), np.array(d['ivar'])) for d in data]
def run_specutils(w, f, iv):
    spec = Spectrum1D(flux=f * u.Jy, spectral_axis=w * u.AA)
    cont = fit_generic_continuum(spec)(spec.spectral_axis)
    sub = spec - cont
    sigma = np.median(1 / np.sqrt(iv))
    table = find_lines_derivative(sub, flux_threshold=4 * sigma * u.Jy)
    return [(int(i), str(t)) for i, t in zip(table['line_center_index'], table['line_type'])]
def run_scipy(w, f, iv):
    spec = Spectrum1D(flux=f * u.Jy, spectral_axis=w * u.AA)
    cont = fit_generic_continuum(spec)(spec.spectral_axis).value
    y = f / cont - 1
    sigma = np.median(1 / np.sqrt(iv) / cont)
    out = []
    for sign, kind in ((-1, 'absorption'), (1, 'emission')):
        peaks, _ = find_peaks(sign * y, height=4 * sigma, distance=3)
        out += [(int(p), kind) for p in peaks]
    return out
result = {'versions': {'specutils': specutils.__version__, 'scipy': scipy.__version__}}
for name, fn in (('specutils', run_specutils), ('scipy', run_scipy)):
    fn(*arrays[0])
    t = time.perf_counter()
    result[name] = [fn(*a) for a in arrays]
    result[name + '_seconds'] = time.perf_counter() - t
print(json.dumps(result))
`;
const py = runPythonJson(python, script, [input]);

const rows = [];
for (const [index, snr] of SNRS.entries()) {
  const slice = (list) => list.slice(index * perSnr, (index + 1) * perSnr);
  const score = (detections) => {
    let tp = 0;
    let truth = 0;
    let found = 0;
    const errors = [];
    slice(spectra).forEach((s, k) => {
      const d = detections[k];
      const r = scoreDetections(s.lines, d);
      tp += r.truePositives;
      truth += s.lines.length;
      found += d.length;
      errors.push(...r.centerErrorsPixels);
    });
    errors.sort((a, b) => a - b);
    return {
      recall: tp / truth,
      precision: found ? tp / found : 1,
      median: errors[errors.length >> 1] ?? Number.NaN,
    };
  };
  const asDetections = (list) =>
    list.map((pairs) => pairs.map(([centerPixel, type]) => ({ centerPixel, type })));
  rows.push({
    snr,
    ours: score(slice(ours)),
    specutils: score(asDetections(slice(py.specutils))),
    scipy: score(asDetections(slice(py.scipy))),
  });
}
const f = (x) => x.toFixed(3);
console.log(
  `bench/lines: ${spectra.length} spectra (${perSnr} per S/N, 40 injected lines each, 3800 pixels); specutils ${py.versions.specutils}, scipy ${py.versions.scipy}`,
);
console.log(
  '| S/N | findLines recall | precision | median centre error (px) | specutils recall | precision | centre error | scipy find_peaks recall | precision | centre error |',
);
console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) {
  console.log(
    `| ${r.snr} | ${f(r.ours.recall)} | ${f(r.ours.precision)} | ${f(r.ours.median)} | ${f(r.specutils.recall)} | ${f(r.specutils.precision)} | ${f(r.specutils.median)} | ${f(r.scipy.recall)} | ${f(r.scipy.precision)} | ${f(r.scipy.median)} |`,
  );
}
const rate = (seconds) => (spectra.length / seconds).toFixed(1);
console.log(
  `\nspeed: findLines ${rate(oursSeconds)} spectra/s, specutils ${rate(py.specutils_seconds)} spectra/s, scipy (with specutils' continuum) ${rate(py.scipy_seconds)} spectra/s`,
);
console.log(
  `ratio: ${(py.specutils_seconds / oursSeconds).toFixed(1)}x specutils, ${(py.scipy_seconds / oursSeconds).toFixed(1)}x scipy`,
);
