import { SPEED_OF_LIGHT_KMS as C_KMS } from '@spectra/core';
import { readSpectrum } from '@spectra/fits';
import { fixturePath, hasSharedFixtures, missingFixturesMessage } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { findLines } from './find-lines.js';
import { fitContinuum } from './fit-continuum.js';
import { measureRadialVelocity } from './radial-velocity.js';

if (!hasSharedFixtures) console.warn(missingFixturesMessage);

describe.skipIf(!hasSharedFixtures)('lines in real SDSS spectra', () => {
  const gStar = () => readSpectrum(fixturePath('spectra/sdss-spec/spec-3586-55181-0500.fits'));

  it('spec-3586-55181-0500 (G1V): the normalised spectrum sits at 1 ± 0.02 in line-free windows', async () => {
    const spectrum = await gStar();
    const fit = fitContinuum(spectrum);
    for (const [from, to] of [
      [5600, 5640],
      [6040, 6080],
      [6600, 6640],
      [8700, 8740],
    ]) {
      const values: number[] = [];
      spectrum.wavelength.forEach((w, i) => {
        if (w >= from && w <= to && Number.isFinite(fit.normalized[i])) values.push(fit.normalized[i]);
      });
      values.sort((a, b) => a - b);
      expect(Math.abs(values[values.length >> 1] - 1), `${from}-${to} Å`).toBeLessThanOrEqual(0.02);
    }
  });

  it('spec-3586-55181-0500 (G1V): identifies Hα, Hβ, Na D, Mg b, Ca II H and K in absorption', async () => {
    const spectrum = await gStar();
    const lines = findLines(spectrum, { identify: { z: spectrum.meta.redshift } });
    const absorption = new Set(
      lines.filter((l) => l.type === 'absorption' && l.transition).map((l) => l.transition),
    );
    for (const name of ['Hα', 'Hβ', 'Ca II H', 'Ca II K']) expect(absorption, name).toContain(name);
    expect(
      ['Na D1', 'Na D2'].some((n) => absorption.has(n)),
      'Na D',
    ).toBe(true);
    expect(
      ['Mg b1', 'Mg b2', 'Mg b4'].some((n) => absorption.has(n)),
      'Mg b',
    ).toBe(true);
  });

  it("spec-3586-55181-0500 (G1V): measureRadialVelocity agrees with the pipeline's c·Z within 15 km/s", async () => {
    const spectrum = await gStar();
    const rv = measureRadialVelocity(spectrum);
    const pipeline = C_KMS * spectrum.meta.redshift!;
    expect(pipeline).toBeCloseTo(-30.35, 1);
    expect(Math.abs(rv.rvKms - pipeline)).toBeLessThan(15);
    expect(rv.rvErrKms).toBeGreaterThan(0);
    expect(rv.rvErrKms).toBeLessThan(30);
  });

  it('spec-3586-55181-0500 against the PyHammer G1 template gives the same velocity', async () => {
    const spectrum = await gStar();
    const template = await readSpectrum(fixturePath('templates/pyhammer/G1_+0.0_Dwarf.fits'));
    const rv = measureRadialVelocity(spectrum, { template });
    expect(Math.abs(rv.rvKms - C_KMS * spectrum.meta.redshift!)).toBeLessThan(15);
  });

  it('spec-0332-52367-0639 (QSO, z = 0.1006): Hα and Hβ are found in emission once z is given', async () => {
    const spectrum = await readSpectrum(fixturePath('spectra/sdss-spec/spec-0332-52367-0639.fits'));
    const lines = findLines(spectrum, { identify: { z: spectrum.meta.redshift } });
    const emission = new Set(
      lines.filter((l) => l.type === 'emission' && l.transition).map((l) => l.transition),
    );
    expect(emission).toContain('Hα');
    expect(emission).toContain('Hβ');
    expect(emission).toContain('[O III] 5007');
  });
});
