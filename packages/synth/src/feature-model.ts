import { airToVacuum } from '@spectra/lines';
import { FOREST_LINES, FOREST_SUBTYPES, TEMPLATE_STRENGTHS } from './line-strengths.js';
import { type LuminosityClass, subtypeIndex } from './mk-calibration.js';
import { piecewiseLinear } from './piecewise-linear.js';

/** An absorption feature of the model: where (vacuum Å) and how strong (EW Å, or band depth). */
export interface FeatureLine {
  name: string;
  centerAngstrom: number;
  /** Equivalent width, Å (lines) or peak depth (bands). */
  strength: number;
  kind: 'line' | 'broad' | 'band';
  /** Hydrogen lines: Stark (pressure) broadening gives shallow cores and wide Lorentzian wings. */
  stark?: boolean;
}

const HYDROGEN = new Set(['Halpha', 'Hbeta', 'Hgamma', 'Hdelta', 'H8', 'H9', 'P12', 'P11']);

/**
 * Which lines carry each calibrated feature, with the share of its strength each line gets. Centres are
 * vacuum (from NIST air by Morton 2000, via @spectra/lines).
 */
const LINE_FEATURES: Record<string, Array<[string, number, number]>> = {
  Halpha: [['Hα', 6562.8, 1]],
  Hbeta: [['Hβ', 4861.33, 1]],
  Hgamma: [['Hγ', 4340.47, 1]],
  Hdelta: [
    ['Hδ', 4101.74, 1],
    ['Hε', 3970.07, 0.95],
  ],
  H8: [['H8', 3889.05, 1]],
  H9: [
    ['H9', 3835.38, 1],
    ['H10', 3797.9, 0.9],
    ['H11', 3770.63, 0.8],
    ['H12', 3750.15, 0.7],
    ['H13', 3734.37, 0.6],
  ],
  P12: [
    ['P12', 8750.47, 1],
    ['P13', 8665.02, 0.95],
    ['P14', 8598.39, 0.9],
    ['P15', 8545.38, 0.85],
    ['P16', 8502.48, 0.8],
  ],
  P11: [
    ['P11', 8862.78, 1],
    ['P10', 9014.91, 1.05],
    ['P9', 9229.01, 1.1],
    ['Pε', 9545.97, 1.15],
  ],
  CaK: [
    ['Ca II K', 3933.663, 1],
    ['Ca II H', 3968.468, 0.9],
  ],
  CaI4227: [['Ca I 4227', 4226.73, 1]],
  HeI4026: [['He I 4026', 4026.19, 1]],
  HeI4471: [
    ['He I 4471', 4471.48, 1],
    ['He I 4922', 4921.93, 0.5],
    ['He I 4388', 4387.93, 0.4],
    ['He I 7065', 7065.19, 0.4],
  ],
  HeI5876: [['He I 5876', 5875.62, 1]],
  HeI6678: [['He I 6678', 6678.15, 1]],
  HeII4686: [['He II 4686', 4685.7, 1]],
  HeII4542: [
    ['He II 4541', 4541.59, 1],
    ['He II 4200', 4199.83, 0.8],
  ],
  HeII5411: [['He II 5411', 5411.52, 1]],
  Mgb: [
    ['Mg b4', 5167.32, 0.25],
    ['Mg b2', 5172.684, 0.35],
    ['Mg b1', 5183.6, 0.4],
  ],
  NaD: [
    ['Na D2', 5889.951, 0.55],
    ['Na D1', 5895.924, 0.45],
  ],
  Fe5270: [
    ['Fe I 5270', 5269.54, 1],
    ['Fe I 4046', 4045.81, 0.5],
    ['Fe I 4383', 4383.55, 0.6],
    ['Fe I 4405', 4404.75, 0.4],
    ['Fe I 4064', 4063.59, 0.35],
    ['Fe I 4072', 4071.74, 0.3],
    ['Fe I 4132', 4132.06, 0.25],
    ['Fe I 4144', 4143.87, 0.3],
    ['Fe II 5169', 5169.03, 0.3],
    ['Fe II 5018', 5018.44, 0.25],
    ['Fe II 4924', 4923.93, 0.2],
    ['Sr II 4078', 4077.71, 0.25],
  ],
  Fe5335: [['Fe I 5328', 5328.04, 1]],
  CaT8542: [
    ['Ca II 8542', 8542.09, 1],
    ['Ca II 8498', 8498.02, 0.45],
  ],
  CaT8662: [['Ca II 8662', 8662.14, 1]],
};

/** Broad features (G band) modelled as one wide Gaussian of the measured EW. */
const BROAD_FEATURES: Record<string, [string, number]> = { Gband: ['G band', 4300.3] };

/** Molecular band heads (air Å, as in the line list); bands are degraded to the red. */
const BAND_FEATURES: Record<string, [string, number]> = {
  TiO4955: ['TiO 4955', 4954.6],
  TiO5167: ['TiO 5167', 5166.7],
  TiO5448: ['TiO 5448', 5448.5],
  TiO6158: ['TiO 6158', 6158.0],
  TiO6651: ['TiO 6651', 6651.0],
  TiO7054: ['TiO 7054', 7053.9],
  TiO7589: ['TiO 7589', 7589.3],
  TiO8432: ['TiO 8432', 8432.5],
  CaH6382: ['CaH 6382', 6382.0],
  CaH6750: ['CaH 6750', 6750.0],
  VO7334: ['VO 7334', 7334.0],
  VO7851: ['VO 7851', 7851.0],
};

/**
 * Physics the template measurements cannot resolve on their own, as MK classification states it: He II only in
 * O stars; He I in O, B and the earliest A stars; molecular bands from late K on. Outside these ranges the
 * measured window strengths are blends of other lines or noise, and the model sets them to zero.
 */
function allowed(feature: string, index: number): boolean {
  // Paschen lines need hot atmospheres; in cooler stars the windows measure Ca II, Fe and Mg blends.
  if (feature === 'P12' || feature === 'P11') return index < 32;
  // H9–H13 crowd the Balmer limit in hot stars; in G–M stars the window measures metal blends (the forest has them).
  if (feature === 'H9') return index < 40;
  if (feature.startsWith('HeII')) return index < 10;
  if (feature.startsWith('HeI')) return index <= 21;
  if (feature.startsWith('TiO') || feature.startsWith('VO')) return index >= 57;
  if (feature.startsWith('CaH')) return index >= 57;
  return true;
}

/** Gravity sensitivity for giants (III) relative to dwarfs: Na I, Ca I and CaH weaker, Ca II triplet stronger. */
const GIANT_SCALE: Record<string, number> = {
  NaD: 0.6,
  CaI4227: 0.7,
  CaH6382: 0.3,
  CaH6750: 0.3,
  CaT8542: 1.25,
  CaT8662: 1.25,
};

/** Features whose strength scales with metallicity as 10^(0.5 [Fe/H]). */
const METALLIC = new Set(['CaK', 'CaI4227', 'Mgb', 'NaD', 'Fe5270', 'Fe5335', 'CaT8542', 'CaT8662', 'Gband']);

const smoothed = smoothStrengths();

/** The lines, broad features and bands of a star, with strengths from the empirical MK calibration. */
export function featureLines(subtype: string, luminosity: LuminosityClass, fehDex: number): FeatureLine[] {
  const index = subtypeIndex(subtype);
  const out: FeatureLine[] = [];
  const strength = (feature: string) => {
    if (!allowed(feature, index)) return 0;
    let value = interpolateStrength(feature, index);
    if (luminosity === 'III') value *= GIANT_SCALE[feature] ?? 1;
    if (METALLIC.has(feature)) value *= 10 ** (0.5 * fehDex);
    return value;
  };
  for (const [feature, lines] of Object.entries(LINE_FEATURES)) {
    const total = strength(feature);
    if (total <= 0) continue;
    for (const [name, air, share] of lines) {
      const stark = HYDROGEN.has(feature) ? { stark: true } : {};
      out.push({ name, centerAngstrom: airToVacuum(air), strength: total * share, kind: 'line', ...stark });
    }
  }
  for (const [feature, [name, air]] of Object.entries(BROAD_FEATURES)) {
    const total = strength(feature);
    if (total > 0) out.push({ name, centerAngstrom: airToVacuum(air), strength: total, kind: 'broad' });
  }
  for (const [feature, [name, air]] of Object.entries(BAND_FEATURES)) {
    const depth = Math.min(0.95, strength(feature));
    if (depth > 0) out.push({ name, centerAngstrom: airToVacuum(air), strength: depth, kind: 'band' });
  }
  const named = out.filter((f) => f.kind === 'line').map((f) => f.centerAngstrom);
  const metals = 10 ** (0.5 * fehDex);
  for (const { center, points } of forest) {
    if (named.some((c) => Math.abs(c - center) < 4)) continue;
    const ew = piecewiseLinear(points, index) * metals;
    if (ew > 0.05)
      out.push({ name: `forest ${center.toFixed(1)}`, centerAngstrom: center, strength: ew, kind: 'line' });
  }
  return out;
}

/** The empirical weak-line forest, each line's EW smoothed over three neighbouring subtypes. */
const forest = FOREST_LINES.map(([center, ews]) => {
  const indices = FOREST_SUBTYPES.map(subtypeIndex);
  const points: Array<[number, number]> = indices.map((index, k) => {
    const window = ews.slice(Math.max(0, k - 1), k + 2).sort((a, b) => a - b);
    return [index, window[window.length >> 1]];
  });
  return { center, points };
});

/** Calibrated strength of one feature at a subtype index, interpolated between measured subtypes. */
export function interpolateStrength(feature: string, index: number): number {
  const points = smoothed[feature];
  return points ? piecewiseLinear(points, index) : 0;
}

/** Running median over five neighbouring subtypes of each measured strength, clamped at zero. */
function smoothStrengths(): Record<string, Array<[number, number]>> {
  const rows = TEMPLATE_STRENGTHS.map((row) => ({ index: subtypeIndex(row.subtype), row }));
  const features = Object.keys(TEMPLATE_STRENGTHS[0]).filter((k) => k !== 'subtype');
  const out: Record<string, Array<[number, number]>> = {};
  for (const feature of features) {
    out[feature] = rows.map(({ index }, k) => {
      const window = rows.slice(Math.max(0, k - 2), k + 3).map((r) => r.row[feature] as number);
      window.sort((a, b) => a - b);
      return [index, Math.max(0, window[window.length >> 1])];
    });
  }
  return out;
}
