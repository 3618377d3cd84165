import { SPEED_OF_LIGHT_KMS as C_KMS, parseSpectralType } from '@spectra/core';
import { readSpectrum } from '@spectra/fits';
import { fixturePath, hasSharedFixtures, missingFixturesMessage } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { findLines } from './find-lines.js';
import { fitContinuum } from './fit-continuum.js';
import { lineList, mkRangeOf } from './line-list.js';
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

describe.skipIf(!hasSharedFixtures)('identifications an astronomer would sign', () => {
  const read = (path: string) => readSpectrum(fixturePath(`spectra/${path}`));

  it('the G1V, F3/F5V and M1 stars get no identification outside the line’s MK range', async () => {
    for (const path of [
      'sdss-spec/spec-3586-55181-0500.fits',
      'sdss-spec/spec-4961-55719-0378.fits',
      'sdss-spec/spec-0618-52049-0372.fits',
    ]) {
      const spectrum = await read(path);
      const type = parseSpectralType(spectrum.meta.subClass)!.subtype!;
      const named = findLines(spectrum, { identify: { z: spectrum.meta.redshift } }).filter(
        (l) => l.transition,
      );
      expect(named.length, path).toBeGreaterThan(15);
      for (const line of named) {
        const entry = lineList.find((l) => l.transition === line.transition)!;
        const [from, to] = mkRangeOf(entry);
        expect(
          type >= from && type <= to,
          `${path}: ${line.transition} (${entry.mk_range}) in a ${spectrum.meta.subClass}`,
        ).toBe(true);
      }
    }
  });

  it('the M1 star has its TiO bands, measured as band depths; the G1V star has the G band and no TiO', async () => {
    const m = findLines(await read('sdss-spec/spec-0618-52049-0372.fits'), { identify: {} });
    const tio = m.filter((l) => l.elem === 'TiO');
    expect(tio.length).toBeGreaterThanOrEqual(5);
    for (const band of tio) expect(band.depth).toBeGreaterThan(0.05);
    const g = findLines(await read('sdss-spec/spec-3586-55181-0500.fits'), { identify: {} });
    expect(g.some((l) => l.transition === 'G band')).toBe(true);
    expect(g.some((l) => l.elem === 'TiO' || l.elem === 'CaH')).toBe(false);
  });

  it('the z = 2.23 quasar gets its broad UV lines: Lyα, Si IV + O IV], C IV, C III]', async () => {
    const spectrum = await read('sdss-spspec/spSpec-51993-0542-631.fit');
    const named = findLines(spectrum, { identify: { z: spectrum.meta.redshift } })
      .filter((l) => l.type === 'emission' && l.transition)
      .map((l) => l.transition);
    expect(named).toEqual(expect.arrayContaining(['Lyα', 'Si IV+O IV] 1400', 'C IV 1549', 'C III] 1909']));
  });

  it('library stars are read in air, and their velocities agree with the headers within 10 km/s', async () => {
    // MILES spectra are at rest; Indo-US spectra are as observed: OBJRV (heliocentric) minus VHELIO (the
    // heliocentric correction of the observation, as IRAF's rvcorrect writes it for a zero observed velocity).
    for (const [path, expected] of [
      ['miles/MILES_res2.50_star_m0001V.fits', () => 0],
      ['miles/MILES_res2.50_star_m0004V.fits', () => 0],
      ['indo-us/F4V__107113.fits', (h: (k: string) => number) => h('OBJRV') - h('VHELIO')],
      ['indo-us/K0III__107418.fits', (h: (k: string) => number) => h('OBJRV') - h('VHELIO')],
    ] as const) {
      const spectrum = await read(path);
      expect(spectrum.frame, path).toBe('air');
      expect(spectrum.frameSource, path).toBe('layout');
      const want = expected((k: string) => spectrum.header.number(k)!);
      expect(Math.abs(measureRadialVelocity(spectrum).rvKms - want), path).toBeLessThan(10);
      // Read as vacuum, the same spectrum would be ~85 km/s off: the frame matters.
      const wrong = measureRadialVelocity({ ...spectrum, frame: 'vacuum' }).rvKms;
      expect(Math.abs(wrong - want), path).toBeGreaterThan(60);
    }
    const overridden = await readSpectrum(fixturePath('spectra/miles/MILES_res2.50_star_m0001V.fits'), {
      frame: 'vacuum',
    });
    expect([overridden.frame, overridden.frameSource]).toEqual(['vacuum', 'option']);
  });

  it('the K0III library star gets no hot-star lines (He II, Si III/IV) in air', async () => {
    const spectrum = await read('indo-us/K0III__107418.fits');
    const named = findLines(spectrum, { identify: {} }).filter((l) => l.transition);
    expect(named.some((l) => ['He II', 'Si III', 'Si IV'].includes(l.elem!))).toBe(false);
    expect(named.filter((l) => l.confidence === 'high').length).toBeGreaterThan(20);
  });
});
