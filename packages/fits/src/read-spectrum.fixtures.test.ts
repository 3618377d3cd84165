import {
  type ExpectedArray,
  expectedFixtures,
  fixturePath,
  hasSharedFixtures,
  missingFixturesMessage,
} from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { readFits } from './fits-file.js';
import { readSpectrum } from './read-spectrum.js';

if (!hasSharedFixtures) console.warn(missingFixturesMessage);

const ASTROPY_TYPES: Record<string, string> = {
  PrimaryHDU: 'primary',
  ImageHDU: 'image',
  BinTableHDU: 'bintable',
  TableHDU: 'table',
};

/** The adapter each fixture family must be read by. */
const LAYOUTS: Record<string, RegExp> = {
  'sdss-spec': /^sdss-spec$/,
  'sdss-spspec': /^sdss-spspec$/,
  lamost: /^lamost-(image|table)$/,
  apogee: /^apogee-(apstar|aspcapstar|apvisit)$/,
  mastar: /^mastar-image$/,
  miles: /^image-1d$/,
  'indo-us': /^image-1d$/,
  edge: /^sdss-image-1d$/,
  pyhammer: /^pyhammer-template$/,
};

/** Compares one array with astropy's summary: n, values at indices, sum of finite values, min, max, non-finite count. */
function expectMatches(actual: ArrayLike<number>, expected: ExpectedArray, tolerance: number, label: string) {
  expect(actual.length, `${label} n`).toBe(expected.n);
  for (const [index, value] of Object.entries(expected.at)) {
    expect(
      relative(actual[Number(index)], value),
      `${label}[${index}] = ${actual[Number(index)]} vs ${value}`,
    ).toBeLessThanOrEqual(tolerance);
  }
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let nonfinite = 0;
  for (let i = 0; i < actual.length; i++) {
    const v = actual[i];
    if (!Number.isFinite(v)) {
      nonfinite++;
      continue;
    }
    sum += v;
    min = Math.min(min, v);
    max = Math.max(max, v);
  }
  expect(nonfinite, `${label} non-finite count`).toBe(expected.nonfinite);
  expect(relative(sum, expected.sum), `${label} sum ${sum} vs ${expected.sum}`).toBeLessThanOrEqual(
    Math.max(tolerance, 1e-6),
  );
  expect(relative(min, expected.min), `${label} min`).toBeLessThanOrEqual(tolerance);
  expect(relative(max, expected.max), `${label} max`).toBeLessThanOrEqual(tolerance);
}

function relative(a: number, b: number): number {
  if (a === b) return 0;
  return Math.abs(a - b) / Math.max(Math.abs(b), 1e-30);
}

function nonzero(mask: ArrayLike<number> | undefined): number {
  let count = 0;
  for (let i = 0; i < (mask?.length ?? 0); i++) if (mask![i] !== 0) count++;
  return count;
}

describe.skipIf(!hasSharedFixtures)('readSpectrum on real survey files, checked against astropy 5.2', () => {
  for (const expected of expectedFixtures()) {
    const path = fixturePath(
      expected.file.startsWith('spectra/') || expected.file.startsWith('templates/')
        ? expected.file
        : `spectra/${expected.file}`,
    );

    it(`readFits(${expected.file}) lists the HDUs astropy lists`, async () => {
      const file = await readFits(path);
      expect(file.hdus.length).toBe(expected.hdus.length);
      for (const hdu of expected.hdus) {
        const ours = file.hdus[hdu.index];
        expect(ours.type === 'primary' ? 'primary' : ours.type, `HDU ${hdu.index} type`).toBe(
          ASTROPY_TYPES[hdu.type],
        );
        expect(ours.bitpix, `HDU ${hdu.index} BITPIX`).toBe(hdu.bitpix);
        if (hdu.name && hdu.index > 0) expect(ours.name).toBe(hdu.name);
        if (hdu.shape) expect(ours.isImage ? ours.shape : [], `HDU ${hdu.index} shape`).toEqual(hdu.shape);
        if (hdu.rows !== undefined) {
          const table = ours.table();
          expect(table.rows).toBe(hdu.rows);
          expect(table.columns.map((c) => ({ name: c.name, format: c.format.trim() }))).toEqual(hdu.columns);
        }
      }
    });

    it(`readFits(${expected.file}) gives astropy's header values`, async () => {
      const file = await readFits(path);
      const dataHeader = file.hdus[expected.spectrum.hdu]?.header;
      for (const [keyword, value] of Object.entries(expected.header)) {
        const ours = file.primary.header.get(keyword) ?? dataHeader?.get(keyword);
        if (typeof value === 'number') expect(relative(Number(ours), value), keyword).toBeLessThan(1e-12);
        // astropy's summary strips strings; FITS keeps leading blanks, so compare trimmed.
        else if (typeof value === 'string') expect(String(ours).trim(), keyword).toBe(value);
        else expect(ours, keyword).toEqual(value);
      }
    });

    it(`readSpectrum(${expected.file}) reconstructs wavelengths to 1e-9 and data to 1e-6 (${expected.spectrum.rule})`, async () => {
      const s = expected.spectrum;
      if (s.wavelength_solution === null) {
        await expect(readSpectrum(path)).rejects.toMatchObject({ code: 'SPECTRA_NO_WAVELENGTH' });
        const pixels = await readSpectrum(path, { allowPixelGrid: true });
        expect(pixels.grid.kind).toBe('pixel');
        expectMatches(pixels.flux, s.flux, 1e-6, 'flux');
        return;
      }
      const spectrum = await readSpectrum(path);
      expect(spectrum.format).toMatch(LAYOUTS[expected.format]);
      expectMatches(spectrum.wavelength, s.wavelength!, 1e-9, 'wavelength');
      expectMatches(spectrum.flux, s.flux, 1e-6, 'flux');
      if (s.ivar) expectMatches(spectrum.ivar, s.ivar, 1e-6, 'ivar');
      if (s.error) expectMatches(spectrum.error!, s.error, 1e-6, 'error');
      if (s.resolution) expectMatches(spectrum.resolution!, s.resolution, 1e-6, 'resolution');
      if (s.and_mask_nonzero !== undefined) expect(nonzero(spectrum.andMask)).toBe(s.and_mask_nonzero);
      if (s.or_mask_nonzero !== undefined) expect(nonzero(spectrum.orMask)).toBe(s.or_mask_nonzero);
      if (s.labels?.class !== undefined) expect(spectrum.meta.className).toBe(s.labels.class);
      if (s.labels?.subclass) expect(spectrum.meta.subClass).toBe(s.labels.subclass);
      if (s.labels?.z !== undefined) expect(relative(spectrum.meta.redshift!, s.labels.z)).toBeLessThan(1e-6);
      for (let i = 1; i < spectrum.wavelength.length; i++) {
        if (spectrum.wavelength[i] <= spectrum.wavelength[i - 1])
          throw new Error(`wavelengths not ascending at ${i}`);
      }
    });
  }
});

describe.skipIf(!hasSharedFixtures)('LAMOST medium resolution: both arms', () => {
  it('med-58625-…: COADD_B (4898–5390 Å) and COADD_R (6272–6845 Å) in one spectrum, the gap unusable', async () => {
    const spectrum = await readSpectrum(
      fixturePath('spectra/lamost/med-58625-TD192102N424113K01_sp12-076.fits.gz'),
    );
    expect(spectrum.format).toBe('lamost-mrs');
    const w = spectrum.wavelength;
    const blue = Array.from(w).filter((x) => x < 6000);
    const red = Array.from(w).filter((x) => x > 6000);
    expect([blue[0], blue[blue.length - 2]].map((x) => Math.round(x))).toEqual([4898, 5390]);
    expect([red[1], red[red.length - 1]].map((x) => Math.round(x))).toEqual([6272, 6845]);
    for (let i = 1; i < w.length; i++) expect(w[i]).toBeGreaterThan(w[i - 1]);
    // No usable pixel inside the gap.
    w.forEach((x, i) => {
      if (x > 5390 && x < 6271.7) expect(spectrum.badPixels[i], `${x} Å`).toBe(1);
    });
    expect(spectrum.frame).toBe('vacuum');
  });
});
