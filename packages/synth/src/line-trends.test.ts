import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSpectrum } from '@spectra/fits';
import { fitContinuum } from '@spectra/lines';
import { fixturePath, hasSharedFixtures } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { typicalStar } from './mk-calibration.js';
import { modelSpectrum } from './spectrum-model.js';

const WINDOWS: Record<string, [number, number, 'ew' | 'band']> = {
  Hbeta: [4848, 4878, 'ew'],
  CaK: [3925, 3945, 'ew'],
  NaD: [5885, 5900, 'ew'],
  TiO7054: [7060, 7100, 'band'],
};

function measure(wavelength: ArrayLike<number>, flux: ArrayLike<number>) {
  const clipped = fitContinuum({ wavelength, flux, uncertainty: 'none' });
  const envelope = fitContinuum({ wavelength, flux, uncertainty: 'none' }, { method: 'upper-envelope' });
  const out: Record<string, number> = {};
  for (const [name, [from, to, kind]] of Object.entries(WINDOWS)) {
    const fit = kind === 'ew' ? clipped : envelope;
    let sum = 0;
    let count = 0;
    for (let i = 1; i < wavelength.length; i++) {
      if (wavelength[i] < from || wavelength[i] > to || !Number.isFinite(fit.normalized[i])) continue;
      sum +=
        kind === 'ew' ? (1 - fit.normalized[i]) * (wavelength[i] - wavelength[i - 1]) : 1 - fit.normalized[i];
      count++;
    }
    out[name] = kind === 'ew' ? sum : sum / Math.max(1, count);
  }
  return out;
}

/** Pearson correlation: does the synthetic strength rise and fall with subtype as the template's does? */
function pearson(a: number[], b: number[]): number {
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const ma = mean(a);
  const mb = mean(b);
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe.skipIf(!hasSharedFixtures)(
  'line-strength trends of synthetic spectra follow the PyHammer templates',
  async () => {
    const dir = fixturePath('templates/pyhammer');
    const rows = hasSharedFixtures
      ? readFileSync(join(dir, 'templates_index.csv'), 'utf8').trim().split('\n').slice(1)
      : [];
    const grid = Float64Array.from({ length: 3900 }, (_, i) => 10 ** (Math.log10(3700) + i * 1e-4));
    const real: Array<Record<string, number>> = [];
    const synthetic: Array<Record<string, number>> = [];
    for (const row of rows) {
      const [file, subtype] = row.split(',');
      if (subtype.startsWith('L')) continue;
      const template = await readSpectrum(join(dir, file));
      real.push(measure(template.wavelength, template.flux));
      synthetic.push(measure(grid, modelSpectrum(typicalStar(subtype), grid, 2000)));
    }

    it.each(Object.keys(WINDOWS))('%s versus subtype: correlation with the templates ≥ 0.8', (feature) => {
      const rho = pearson(
        real.map((r) => r[feature]),
        synthetic.map((s) => s[feature]),
      );
      expect(rho).toBeGreaterThanOrEqual(0.8);
    });
  },
);
