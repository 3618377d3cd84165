import { readSpectrum } from '@spectra/fits';
import { fileNameOf, planDataset, renderSpectrum, spectrumFileBytes } from '@spectra/synth';
import { fixturePath, hasSharedFixtures } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { PREPROCESS_STEPS, type PreprocessStep, preprocessSpectrum } from './preprocess-spectrum.js';
import { resampleFlux } from './resample-flux.js';

describe('resampleFlux', () => {
  const fine = Float64Array.from({ length: 4000 }, (_, i) => 4000 + i * 0.5);
  const line = Float64Array.from(fine, (w) => 10 - 6 * Math.exp(-0.5 * ((w - 5000) / 3) ** 2));
  const ones = new Float64Array(fine.length).fill(1);
  const good = new Uint8Array(fine.length).fill(1);
  const edges = Float64Array.from({ length: 301 }, (_, k) => 4200 + k * 5);

  it('conserves flux: the integral of a line survives resampling to coarser pixels', () => {
    const out = resampleFlux(fine, line, ones, good, edges);
    const integral = (values: ArrayLike<number>, widths: (i: number) => number, from: number, to: number) => {
      let s = 0;
      for (let i = from; i < to; i++) s += (10 - values[i]) * widths(i);
      return s;
    };
    const before = integral(line, () => 0.5, 1700, 2300);
    const k0 = Math.round((4850 - 4200) / 5);
    const after = integral(out.flux, () => 5, k0, k0 + 60);
    expect(Math.abs(after - before) / before).toBeLessThan(1e-3);
    // Edges at 4700–4705 Å cut two 0.5-Å pixels in half: var = Σw²σ² / (Σw)² = (2·0.25² + 9·0.5²) / 5².
    expect(out.ivar[100]).toBeCloseTo(25 / 2.375, 9);
  });

  it('leaves out bad pixels and reports how much of each new pixel was covered', () => {
    const holes = Uint8Array.from(good);
    for (let i = 1000; i < 1100; i++) holes[i] = 0;
    const out = resampleFlux(fine, ones, ones, holes, edges);
    const k = Math.round((4525 - 4200) / 5);
    expect(out.coverage[k]).toBe(0);
    expect(out.flux[k]).toBeNaN();
    expect(out.coverage[k - 20]).toBe(1);
  });
});

describe('preprocessSpectrum', async () => {
  const plan = planDataset({ counts: { G: 1 }, seed: 3, rvRangeKms: [150, 150], snrRange: [80, 90] })[0];
  const record = renderSpectrum(plan);
  const spectrum = await readSpectrum(spectrumFileBytes(record), { name: fileNameOf(record) });

  it('brings a star to rest on the common grid, normalised, reporting every step it applied', () => {
    const steps: Array<{ name: string; params: Record<string, unknown>; sum: number }> = [];
    const record = (list: typeof steps) => (step: PreprocessStep) =>
      list.push({
        name: step.name,
        params: step.params,
        sum: Array.from(step.result as Float32Array).reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0),
      });
    const out = preprocessSpectrum(spectrum, { onStep: record(steps) });
    expect(out.flux.length).toBe(3840);
    expect(out.z).toBeCloseTo(150 / 299792.458, 6);
    // Hα sits at its rest wavelength now.
    let minimum = Number.POSITIVE_INFINITY;
    let at = 0;
    out.wavelength.forEach((w, k) => {
      if (w > 6540 && w < 6590 && out.flux[k] < minimum) [minimum, at] = [out.flux[k], w];
    });
    expect(Math.abs(at - 6564.6)).toBeLessThan(2);
    expect(steps.map((r) => r.name)).toEqual([...PREPROCESS_STEPS]);
    for (const step of steps) expect(typeof step.params.applied, step.name).toBe('boolean');
    expect(steps.find((s) => s.name === 'continuum_normalise')?.params.applied).toBe(true);
    const again: typeof steps = [];
    preprocessSpectrum(spectrum, { onStep: record(again) });
    expect(again).toEqual(steps);
  });

  it('marks grid pixels the spectrum does not reach with a mask and the fill value, not with zeros', () => {
    const out = preprocessSpectrum(spectrum, {
      grid: { startAngstrom: 3000, endAngstrom: 11000, length: 2000 },
    });
    expect(out.mask[0]).toBe(0);
    expect(out.flux[0]).toBe(1);
    expect(out.mask[1000]).toBe(1);
    expect(out.warnings).toEqual([]);
  });

  it('clamps the normalised flux into the clip range and reports how many pixels it clamped', () => {
    // A spike a hundred times the continuum and a hole far below zero, as noise over a faint blue end makes them.
    const spiked = { ...spectrum, flux: Float32Array.from(spectrum.flux) };
    const near = (w: number) => spectrum.wavelength.findIndex((x) => x > w);
    spiked.flux[near(5000)] *= 100;
    spiked.flux[near(6000)] = -50 * spectrum.flux[near(6000)];
    const params: Record<string, unknown>[] = [];
    const onStep = (step: PreprocessStep) => {
      if (step.name === 'continuum_normalise') params.push(step.params);
    };
    const plain = preprocessSpectrum(spiked, { onStep });
    const clipped = preprocessSpectrum(spiked, { clip: [-1, 4], onStep });
    expect(Math.max(...plain.flux)).toBeGreaterThan(10);
    expect(Math.min(...plain.flux)).toBeLessThan(-10);
    expect(Math.max(...clipped.flux)).toBe(4);
    expect(Math.min(...clipped.flux)).toBe(-1);
    expect(params[0].clip).toBeUndefined();
    expect(params[1]).toMatchObject({ clip: [-1, 4] });
    expect(params[1].clipped).toBeGreaterThanOrEqual(2);
    // Pixels inside the range are untouched.
    const inside = plain.flux.findIndex((v, k) => plain.mask[k] === 1 && v > 0.5 && v < 1.5);
    expect(clipped.flux[inside]).toBe(plain.flux[inside]);
    expect(() => preprocessSpectrum(spiked, { clip: [2, 1] })).toThrow(RangeError);
  });

  it.skipIf(!hasSharedFixtures)(
    'the real G1V star: the whole default grid is covered and sits near 1',
    async () => {
      const real = await readSpectrum(fixturePath('spectra/sdss-spec/spec-3586-55181-0500.fits'));
      const out = preprocessSpectrum(real);
      const valid = out.mask.reduce((a, b) => a + b, 0);
      expect(valid).toBeGreaterThan(3700);
      const sorted = Array.from(out.flux).sort((a, b) => a - b);
      expect(sorted[sorted.length >> 1]).toBeGreaterThan(0.9);
      expect(sorted[sorted.length >> 1]).toBeLessThan(1.05);
    },
  );
});
