#!/usr/bin/env node
// Calibrates the generator's line opacity on the 59 O5–M9 PyHammer templates (Kesseli et al. 2017: co-added real
// SDSS BOSS spectra) and writes packages/synth/src/opacity-calibration.ts.
//
// Model of one template, in ln flux on a 1e-4 dex grid (3660–10150 Å):
//   ln F(λ) = ln B(λ, Teff) + ln S(λ) − Σ_j a_j φ_j(λ)
// B is the Planck function, S a smooth continuum correction (Gaussian bumps every 0.02 dex, either sign; a nuisance
// term that is not kept: the generator's continuum is the Planck function), and φ_j unit-area absorption profiles at
// SDSS resolution (R = 2000): for every line of the model's list a Gaussian core, plus a 2 Å and a 6 Å blend for
// metal lines and Lorentzian Stark wings of 5, 15 and 40 Å FWHM for hydrogen; molecular bands degrade to the red
// from their heads over 40, 120 and 300 Å; nothing broader, which would trade off against S. The amplitudes
// a_j ≥ 0 are apparent optical-depth areas (Å; the equivalent width of a weak line), found by non-negative least
// squares weighted by the template's PropErr. MK physics the templates cannot resolve is imposed by leaving
// components out: He II only in O stars, He I down to A1, molecular bands from K7 on, broad Stark wings only in
// O–F4 stars.
//
// The line list is the model's named lines (@spectra/lines centres) plus every absorption feature findLines
// detects (matched-filter S/N ≥ 3, EW ≥ 0.03 Å) at the same wavelength in at least two templates.
//
// Non-negative least squares: ml-fcnnls (mljs) did not finish in 15 minutes on 1,778 columns × 59 templates; the
// problem is sparse (most profiles span a few pixels), so projected coordinate descent on the sparse Gram matrix
// solves it in about 2 minutes. Run after a build: node packages/synth/scripts/calibrate-opacity.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const { readSpectrum } = await import(join(root, 'packages/fits/dist/index.js'));
const { airToVacuum, findLines } = await import(join(root, 'packages/lines/dist/index.js'));
const { opacityAllowed, teffFor } = await import(join(root, 'packages/synth/dist/index.js'));
const { subtypeIndex, SPEED_OF_LIGHT_KMS } = await import(join(root, 'packages/core/dist/index.js'));
const { rebin } = await import(join(root, 'packages/synth/scripts/template-realism.mjs'));
const dir = resolve(root, '../shared/fixtures/templates/pyhammer');

const R = 2000;
const grid = Float64Array.from(
  { length: Math.floor(Math.log10(10150 / 3660) / 1e-4) },
  (_, i) => 10 ** (Math.log10(3660) + i * 1e-4),
);
const n = grid.length;

// Lines the model names (vacuum centres from NIST air wavelengths), with their group for the MK constraints.
const HYDROGEN = [
  ['Hα', 6562.8],
  ['Hβ', 4861.33],
  ['Hγ', 4340.47],
  ['Hδ', 4101.74],
  ['Hε', 3970.07],
  ['H8', 3889.05],
  ['H9', 3835.38],
  ['H10', 3797.9],
  ['H11', 3770.63],
  ['H12', 3750.15],
  ['H13', 3734.37],
  ['P9', 9229.01],
  ['P10', 9014.91],
  ['P11', 8862.78],
  ['P12', 8750.47],
  ['P13', 8665.02],
  ['P14', 8598.39],
  ['P15', 8545.38],
  ['P16', 8502.48],
];
const HELIUM_II = [
  ['He II 4686', 4685.7],
  ['He II 4541', 4541.59],
  ['He II 4200', 4199.83],
  ['He II 5411', 5411.52],
];
const HELIUM_I = [
  ['He I 4026', 4026.19],
  ['He I 4471', 4471.48],
  ['He I 4922', 4921.93],
  ['He I 4388', 4387.93],
  ['He I 5876', 5875.62],
  ['He I 6678', 6678.15],
  ['He I 7065', 7065.19],
];
const METALS = [
  ['Ca II K', 3933.663],
  ['Ca II H', 3968.468],
  ['Ca I 4227', 4226.73],
  ['Mg b4', 5167.32],
  ['Mg b2', 5172.684],
  ['Mg b1', 5183.6],
  ['Na D2', 5889.951],
  ['Na D1', 5895.924],
  ['Fe I 5270', 5269.54],
  ['Fe I 5328', 5328.04],
  ['Fe I 4046', 4045.81],
  ['Fe I 4383', 4383.55],
  ['Fe I 4405', 4404.75],
  ['Fe II 5169', 5169.03],
  ['Sr II 4078', 4077.71],
  ['Ca II 8498', 8498.02],
  ['Ca II 8542', 8542.09],
  ['Ca II 8662', 8662.14],
];
const BANDS = [
  ['TiO 4955', 4954.6],
  ['TiO 5167', 5166.7],
  ['TiO 5448', 5448.5],
  ['TiO 6158', 6158.0],
  ['TiO 6651', 6651.0],
  ['TiO 7054', 7053.9],
  ['TiO 7589', 7589.3],
  ['TiO 8432', 8432.5],
  ['CaH 6382', 6382.0],
  ['CaH 6750', 6750.0],
  ['VO 7334', 7334.0],
  ['VO 7851', 7851.0],
];

const templates = [];
for (const row of readFileSync(join(dir, 'templates_index.csv'), 'utf8').trim().split('\n').slice(1)) {
  const [file, subtype] = row.split(',');
  if (subtype.startsWith('L')) continue;
  const spectrum = await readSpectrum(join(dir, file));
  const flux = rebin(spectrum.wavelength, spectrum.flux, grid);
  // Error of a bin's mean: sqrt(mean(e²) / count), with ~14 native pixels (7.15e-6 dex) per 1e-4 dex bin.
  const meanSquare = rebin(
    spectrum.wavelength,
    Float64Array.from(spectrum.error, (e) => e * e),
    grid,
  );
  const error = Float64Array.from(meanSquare, (v) => Math.sqrt(v / 14));
  templates.push({ subtype, index: subtypeIndex(subtype), flux, error });
}
templates.sort((a, b) => a.index - b.index);

// Absorption features seen in at least two templates at the same wavelength (within 1.2e-4 in ln λ).
const detections = [];
templates.forEach((t, k) => {
  const found = findLines(
    { wavelength: grid, flux: t.flux, uncertainty: 'none' },
    { type: 'absorption', thresholdSnr: 3, identify: false },
  );
  for (const line of found) if (line.ewAngstrom > 0.03) detections.push({ center: line.centerAngstrom, k });
});
detections.sort((a, b) => a.center - b.center);
const clusters = [];
for (const d of detections) {
  const last = clusters[clusters.length - 1];
  if (last && d.center - last.center < last.center * 1.2e-4) {
    last.items.push(d);
    last.center = last.items.reduce((s, x) => s + x.center, 0) / last.items.length;
  } else clusters.push({ center: d.center, items: [d] });
}
const named = [...HYDROGEN, ...HELIUM_II, ...HELIUM_I, ...METALS].map(([, air]) => airToVacuum(air));
const forest = clusters
  .filter((c) => new Set(c.items.map((x) => x.k)).size >= 2)
  .map((c) => c.center)
  .filter((c) => named.every((v) => Math.abs(v - c) >= 2));

// Components: [name, vacuum centre, profile, width, group]. Gaussian widths are the excess σ over the instrument.
const components = [];
for (const [name, air] of HYDROGEN) {
  const c = airToVacuum(air);
  components.push([name, c, 'gaussian', 0, 'H']);
  components.push([name, c, 'lorentzian', 5, 'H']);
  for (const fwhm of [15, 40]) components.push([name, c, 'lorentzian', fwhm, 'Hwing']);
}
for (const [group, list] of [
  ['HeII', HELIUM_II],
  ['HeI', HELIUM_I],
  ['metal', METALS],
]) {
  for (const [name, air] of list) {
    const c = airToVacuum(air);
    for (const blend of [0, 2, 6]) components.push([name, c, 'gaussian', blend, group]);
  }
}
for (const c of forest) {
  const name = `absorption ${c.toFixed(1)}`;
  components.push([name, c, 'gaussian', 0, 'metal']);
  components.push([name, c, 'gaussian', 2, 'metal']);
}
for (const [name, air] of BANDS) {
  for (const scale of [40, 120, 300]) components.push([name, airToVacuum(air), 'band', scale, 'band']);
}
const lineCount = components.length;
const KNOT = 0.02;
for (let mu = Math.log10(grid[0]) - KNOT; mu <= Math.log10(grid[n - 1]) + KNOT; mu += KNOT) {
  components.push(['continuum', 10 ** mu, 'continuum', mu, 'continuum']);
}
const p = components.length;

function lowerBound(target) {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (grid[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

// Sparse columns: the profile's values on [from, to).
const columns = components.map(([, c, profile, width]) => {
  const sigma = Math.hypot(c / (R * 2.3548), width);
  const [from, to] =
    profile === 'gaussian'
      ? [lowerBound(c - 6 * sigma), lowerBound(c + 6 * sigma)]
      : profile === 'band'
        ? [lowerBound(c - 3), n]
        : [0, n];
  const values = new Float64Array(to - from);
  for (let i = from; i < to; i++) {
    const x = grid[i] - c;
    let v;
    if (profile === 'gaussian') v = Math.exp(-0.5 * (x / sigma) ** 2) / (sigma * Math.sqrt(2 * Math.PI));
    else if (profile === 'lorentzian') v = width / 2 / Math.PI / (x * x + (width / 2) ** 2);
    else if (profile === 'band') v = ((x < 0 ? 1 + x / 3 : 1) * Math.exp(-Math.max(0, x) / width)) / width;
    // The continuum correction enters ln F with a plus sign; as a column of τ it is negative.
    else v = -Math.exp(-0.5 * ((Math.log10(grid[i]) - width) / KNOT) ** 2);
    values[i - from] = v;
  }
  return { from, to, values };
});

/** The weighted Gram matrix as sparse rows (columns overlap only where their supports do). */
function gram(weight) {
  const keys = components.map(() => []);
  const vals = components.map(() => []);
  const order = [...columns.keys()].sort((a, b) => columns[a].from - columns[b].from);
  for (let ii = 0; ii < p; ii++) {
    const a = order[ii];
    const ca = columns[a];
    for (let jj = ii; jj < p; jj++) {
      const b = order[jj];
      const cb = columns[b];
      if (cb.from >= ca.to) break;
      let sum = 0;
      for (let t = Math.max(ca.from, cb.from); t < Math.min(ca.to, cb.to); t++) {
        sum += weight[t] * ca.values[t - ca.from] * cb.values[t - cb.from];
      }
      if (sum === 0) continue;
      keys[a].push(b);
      vals[a].push(sum);
      if (a !== b) {
        keys[b].push(a);
        vals[b].push(sum);
      }
    }
  }
  return keys.map((k, j) => ({ keys: Int32Array.from(k), values: Float64Array.from(vals[j]) }));
}

/** min ‖X a − y‖²_W with a_j ≥ 0 for line components (continuum terms free), by projected coordinate descent. */
function solve(rows, rhs, free, active) {
  const a = new Float64Array(p);
  const diagonal = rows.map((row, j) => row.values[row.keys.indexOf(j)] ?? 0);
  const ridge = (1e-6 * diagonal.reduce((s, v) => s + v, 0)) / p;
  const gradient = Float64Array.from(rhs, (v) => -v);
  for (let sweep = 0; sweep < 3000; sweep++) {
    let change = 0;
    for (let j = 0; j < p; j++) {
      const d = diagonal[j] + ridge;
      if (!active[j] || !(diagonal[j] > 0)) continue;
      const next = free[j] ? a[j] - gradient[j] / d : Math.max(0, a[j] - gradient[j] / d);
      const step = next - a[j];
      if (step === 0) continue;
      a[j] = next;
      gradient[j] += ridge * step;
      const { keys, values } = rows[j];
      for (let q = 0; q < keys.length; q++) gradient[keys[q]] += step * values[q];
      change = Math.max(change, Math.abs(step) * Math.sqrt(d));
    }
    if (change < 1e-9) break;
  }
  return a;
}

const H = 6.62607015e-34;
const C = SPEED_OF_LIGHT_KMS * 1000;
const K_B = 1.380649e-23;
const planck = (angstrom, teff) => {
  const lambda = angstrom * 1e-10;
  return 1 / (lambda ** 5 * Math.expm1((H * C) / (lambda * K_B * teff)));
};
const free = components.map(([, , profile]) => profile === 'continuum');
const amplitudes = [];
const started = Date.now();
for (const t of templates) {
  const teff = teffFor(t.subtype, 'V');
  const target = new Float64Array(n);
  const weight = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = t.flux[i];
    if (!(f > 0)) continue;
    const relative = Number.isFinite(t.error[i]) ? t.error[i] / f : 0.01;
    if (relative > 0.5) continue;
    target[i] = -Math.log(f / planck(grid[i], teff));
    weight[i] = 1 / (relative ** 2 + 0.01 ** 2);
  }
  const rows = gram(weight);
  const rhs = Float64Array.from(columns, ({ from, to, values }) => {
    let sum = 0;
    for (let i = from; i < to; i++) sum += weight[i] * values[i - from] * target[i];
    return sum;
  });
  const active = components.map(([, , , , group]) => opacityAllowed(group, t.index));
  const a = solve(rows, rhs, free, active);
  amplitudes.push(Array.from(a.subarray(0, lineCount), (v) => Math.round(v * 1000)));
  process.stdout.write(`\r${t.subtype} fitted (${((Date.now() - started) / 1000).toFixed(0)} s)   `);
}
process.stdout.write('\n');

// Keep the components some template uses.
const used = [];
for (let j = 0; j < lineCount; j++) if (amplitudes.some((row) => row[j] > 0)) used.push(j);
const round = (v, digits) => Number(v.toFixed(digits));
const text = `// Generated by scripts/calibrate-opacity.mjs from the PyHammer templates (Kesseli et al. 2017, ApJS 230, 16:
// co-added SDSS BOSS spectra). Do not edit by hand; rerun the script.

/** A component of the line opacity: [name, vacuum centre Å, profile, width Å, group]. */
export type OpacityComponent = [string, number, 'gaussian' | 'lorentzian' | 'band', number, string];

/** Template subtypes, in the order of each row of OPACITY_AMPLITUDES_MA. */
export const OPACITY_SUBTYPES: string[] = ${JSON.stringify(templates.map((t) => t.subtype))};

/**
 * Absorption components. Gaussian width: extra σ (Å) added in quadrature to the instrument's (blends); Lorentzian:
 * FWHM (Å, Stark wings); band: e-folding length (Å) redwards of the head.
 */
export const OPACITY_COMPONENTS: OpacityComponent[] = ${JSON.stringify(
  used.map((j) => {
    const [name, c, profile, width, group] = components[j];
    return [name, round(c, 2), profile, width, group];
  }),
)};

/** Fitted optical-depth area of each component (mÅ) in each template: one row per subtype. */
export const OPACITY_AMPLITUDES_MA: number[][] = ${JSON.stringify(amplitudes.map((row) => used.map((j) => row[j])))};
`;
writeFileSync(join(root, 'packages/synth/src/opacity-calibration.ts'), text);
console.log(
  `wrote ${used.length} components (${forest.length} detected lines) for ${templates.length} subtypes in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
