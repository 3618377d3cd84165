import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFits, spectrumFromFits } from '@spectra/fits';
import { fixturePath, hasSharedFixtures, missingFixturesMessage } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { manifestRow, sha256File } from './manifest-row.js';
import { metadataRow, validateIsoDate } from './metadata-row.js';
import { specIdFromPath } from './spec-id.js';

if (!hasSharedFixtures) console.warn(missingFixturesMessage);

async function rowFor(relative: string, options = {}) {
  const path = fixturePath(relative);
  const file = await readFits(path);
  const spectrum = spectrumFromFits(file);
  return { row: metadataRow(file, spectrum, specIdFromPath(path), options), spectrum, path };
}

describe.skipIf(!hasSharedFixtures)('metadata rows from real survey files', () => {
  it('spec-3586-55181-0500: plate, MJD, fibre, RA/Dec, S/N, vacuum, heliocentric fields as the header says', async () => {
    const { row } = await rowFor('spectra/sdss-spec/spec-3586-55181-0500.fits', {
      retrievalDate: '2024-01-15',
      surveyFluxCalibrated: true,
      calibrationReferences: ['Bolton et al. 2012, AJ 144, 144'],
    });
    expect(row).toMatchObject({
      spec_id: 'spec-3586-55181-0500',
      plate: 3586,
      mjd: 55181,
      fiber: 500,
      ra_deg: 8.001738,
      dec_deg: 0.001221,
      wavelength_frame: 'vacuum',
      instrument: 'BOSS spectrograph',
      exptime_s: 6302,
      flux_unit: '1E-17 erg/cm^2/s/Ang',
      data_release: 'DR14',
      heliocentric_corr_applied: true,
      retrieval_date: '2024-01-15',
      survey_flux_calibrated: true,
      survey_wavelength_calibrated: null,
      calibration_references: '["Bolton et al. 2012, AJ 144, 144"]',
    });
    expect(row.z_or_rv_kms).toBeCloseTo(-30.35, 1);
    expect(row.sn_median).toBeGreaterThan(10);
    const sources = JSON.parse(row.sources);
    expect(sources).toMatchObject({
      plate: 'HDU0:PLATEID',
      fiber: 'HDU0:FIBERID',
      ra_deg: 'HDU0:RA',
      sn_median: 'SPALL:SN_MEDIAN_ALL',
      z_or_rv_kms: 'SPALL:Z → c((1+z)²−1)/((1+z)²+1)',
    });
    expect(sources.heliocentric_corr_applied).toBe('HDU0:HELIO_RV (correction recorded)');
    expect(JSON.parse(row.quality_flags).and_mask_pixels).toBe(341);
  });

  it('LAMOST fills what its header carries (HELIO, Z, FIBERID) and leaves the rest null', async () => {
    const { row } = await rowFor('spectra/lamost/spec-55859-F5902_sp01-001_dr7.fits.gz');
    expect(row).toMatchObject({
      spec_id: 'spec-55859-F5902_sp01-001_dr7',
      mjd: 55858,
      fiber: 1,
      heliocentric_corr_applied: true,
      instrument: 'LAMOST low-resolution spectrographs',
      plate: null,
      ebv_sfd: null,
    });
    // c((1+z)²−1)/((1+z)²+1) for z = −0.0001387 (c·z would be −41.581).
    expect(row.z_or_rv_kms).toBeCloseTo(-41.5841, 3);
    expect(JSON.parse(row.sources).heliocentric_corr_applied).toBe('HDU0:HELIO');
  });

  it('APOGEE apVisit: radial velocity from VHELIO, extinction from SFD_EBV, plate given as a string', async () => {
    const { row } = await rowFor('spectra/apogee/apVisit-r13-5095-55844-128.fits');
    expect(row).toMatchObject({ plate: 5095, fiber: 128, obj_id: '2M01183798+8403419', ebv_sfd: 0.129876 });
    expect(row.z_or_rv_kms).toBeCloseTo(-33.1228381463, 6);
    expect(JSON.parse(row.sources).z_or_rv_kms).toBe('HDU0:VHELIO');
  });

  it('the manifest records the streamed SHA-256 of the file as stored and the wavelength solution', async () => {
    const { spectrum, path } = await rowFor('spectra/sdss-spspec/spSpec-51993-0542-631.fit');
    const checksum = await sha256File(path);
    expect(checksum).toBe(createHash('sha256').update(readFileSync(path)).digest('hex'));
    const row = manifestRow(spectrum, 'spSpec-51993-0542-631', path, checksum, {
      survey: 'SDSS-II',
      createdAt: '2026-11-24T00:00:00Z',
    });
    expect(row).toMatchObject({
      wavelength_grid: 'log10',
      coeff0: 3.5796,
      coeff1: 0.0001,
      crval1: 3.5796,
      cd1_1: 0.0001,
      survey: 'SDSS-II',
      wavelength_frame: 'vacuum',
    });
  });
});

describe.skipIf(!hasSharedFixtures)(
  'Table B on real files: every column the file can fill, with its source',
  () => {
    const cases: Array<[string, Record<string, unknown>, Record<string, RegExp>]> = [
      [
        'spectra/sdss-spec/spec-0618-52049-0372.fits', // SDSS-I/II legacy, SPECOBJ
        { obj_id: '1237651250974556408', instrument: 'SDSS spectrograph', data_release: 'DR8' },
        { obj_id: /SPECOBJ:BESTOBJID/, resolution_r: /wdisp/, data_release: /RUN2D 26 → DR8/ },
      ],
      [
        'spectra/sdss-spec/spec-4961-55719-0378.fits', // BOSS
        { instrument: 'BOSS spectrograph', data_release: 'DR12' },
        { resolution_r: /wdisp/, instrument: /RUN2D v5_7_0/ },
      ],
      [
        'spectra/sdss-spspec/spSpec-51993-0542-631.fit',
        { data_release: 'DR7' },
        { data_release: /spSpec format/ },
      ],
      ['spectra/mastar/MaStarHC_00.fits.gz', {}, { resolution_r: /SRES/ }],
      [
        'spectra/miles/MILES_res2.50_star_m0001V.fits',
        { wavelength_frame: 'air' },
        { resolution_r: /FWHM keyword/ },
      ],
      [
        'spectra/lamost/spec-55859-F5902_sp01-001_dr7.fits.gz',
        { data_release: 'LAMOST DR7' },
        { data_release: /DATA_V/ },
      ],
    ];
    for (const [path, values, sources] of cases) {
      it(`${path.split('/').pop()}: ${Object.keys(sources).join(', ')} filled from what the file holds`, async () => {
        const { row, spectrum } = await rowFor(path);
        expect(row).toMatchObject(values);
        const where = JSON.parse(row.sources);
        for (const [column, source] of Object.entries(sources)) {
          expect(row[column as keyof typeof row], column).not.toBeNull();
          expect(where[column], column).toMatch(source);
        }
        if (row.resolution_r !== null) expect(row.resolution_r).toBeGreaterThan(1000);
        // The manifest gives the same release for the same file.
        expect(manifestRow(spectrum, row.spec_id, path, 'x').data_release).toBe(row.data_release);
      });
    }

    it('a z = 2.23 quasar moves below the speed of light (relativistic), a star at c·z', async () => {
      const qso = (await rowFor('spectra/sdss-spspec/spSpec-51993-0542-631.fit')).row;
      expect(qso.z_or_rv_kms! / 299792.458).toBeCloseTo(0.8253, 3);
      const star = (await rowFor('spectra/sdss-spec/spec-0618-52049-0372.fits')).row;
      expect(star.z_or_rv_kms).toBeCloseTo(-34.51, 1);
    });

    it('the survey is inferred per file for the manifest; --survey overrides it only when given', async () => {
      const surveys = [];
      for (const path of [
        'spectra/sdss-spec/spec-0618-52049-0372.fits',
        'spectra/sdss-spec/spec-3586-55181-0500.fits',
        'spectra/lamost/spec-55859-F5902_sp01-001_dr7.fits.gz',
        'spectra/apogee/apStar-r6-2M03290406+3117075.fits',
      ]) {
        const { spectrum } = await rowFor(path);
        surveys.push(manifestRow(spectrum, 'x', path, 'x').survey);
        expect(manifestRow(spectrum, 'x', path, 'x', { survey: 'mine' }).survey).toBe('mine');
      }
      expect(surveys).toEqual(['SDSS-I/II', 'SDSS-III BOSS', 'LAMOST LRS', 'SDSS APOGEE']);
    });
  },
);

describe('option validation', () => {
  it('accepts ISO dates and refuses anything else with a typed error', () => {
    expect(validateIsoDate('2024-02-29')).toBe('2024-02-29');
    for (const bad of ['2023-02-29', '15/01/2024', '2024-1-5', 'yesterday']) {
      expect(() => validateIsoDate(bad)).toThrowError(expect.objectContaining({ code: 'SPECTRA_OPTION' }));
    }
  });

  it('derives spec_ids from file names, stripping extensions and decorations', () => {
    expect(specIdFromPath('/data/G/spec-3586-55181-0500.fits')).toBe('spec-3586-55181-0500');
    expect(specIdFromPath('spec-55859-F5902_sp01-001_dr7.fits.gz', { stripSuffix: '_dr7' })).toBe(
      'spec-55859-F5902_sp01-001',
    );
    expect(specIdFromPath('SDSS_spSpec-51993-0542-631.fit', { stripPrefix: 'SDSS_' })).toBe(
      'spSpec-51993-0542-631',
    );
  });
});
