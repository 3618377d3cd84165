import type { CardInput, HduInput } from '@spectra/fits';
import type { Observation } from './noise-model.js';
import { round } from './numbers.js';
import type { StarParameters } from './spectrum-model.js';

/** The survey layouts the generator writes. */
export type SurveyFormat = 'sdss-spec' | 'sdss-spspec' | 'lamost-image';

/** Sampling of each layout: log10 λ of pixel 0, step, pixels, resolving power. */
export const FORMAT_GRIDS: Record<
  SurveyFormat,
  { coeff0: number; coeff1: number; pixels: number; resolvingPower: number }
> = {
  'sdss-spec': { coeff0: 3.5523, coeff1: 1e-4, pixels: 4620, resolvingPower: 2000 },
  'sdss-spspec': { coeff0: 3.5796, coeff1: 1e-4, pixels: 3850, resolvingPower: 1850 },
  'lamost-image': { coeff0: 3.5682, coeff1: 1e-4, pixels: 3909, resolvingPower: 1800 },
};

/** Where a spectrum was observed: layout, plate (or LAMOST plan), night, fibre and sky position. */
export interface Placement {
  format: SurveyFormat;
  plate: number;
  mjd: number;
  fiber: number;
  raDeg: number;
  decDeg: number;
}

/** Everything a file records about one observed star. */
export interface SyntheticRecord extends Placement {
  star: StarParameters;
  exptimeS: number;
  /** e.g. `v5_13_2` for DR17. */
  run2d: string;
  release: string;
  heliocentricCorrectionKms: number;
  coeff0: number;
  observation: Observation;
  /** Noiseless model flux (SDSS `model` column). */
  model: Float32Array;
  objectId: string;
}

/** SUBCLASS as the SDSS pipeline writes it for stars: subtype plus luminosity class. */
export function subclassOf(star: StarParameters): string {
  return `${star.subtype}${star.luminosity}`;
}

/** The file name a survey would give the spectrum. */
export function fileNameOf(record: SyntheticRecord): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  switch (record.format) {
    case 'sdss-spec':
      return `spec-${pad(record.plate, 4)}-${record.mjd}-${pad(record.fiber, 4)}.fits`;
    case 'sdss-spspec':
      return `spSpec-${record.mjd}-${pad(record.plate, 4)}-${pad(record.fiber, 3)}.fit`;
    case 'lamost-image':
      return `spec-${record.mjd}-F${pad(record.plate, 4)}_sp${pad(1 + (record.fiber % 16), 2)}-${pad(record.fiber, 3)}.fits.gz`;
  }
}

/** The HDUs of a record in its survey's layout. */
export function surveyHdus(record: SyntheticRecord): HduInput[] {
  switch (record.format) {
    case 'sdss-spec':
      return sdssSpecHdus(record);
    case 'sdss-spspec':
      return spSpecHdus(record);
    case 'lamost-image':
      return lamostHdus(record);
  }
}

function common(record: SyntheticRecord): CardInput[] {
  const { star } = record;
  return [
    { keyword: 'RA', value: round(record.raDeg, 6), comment: 'right ascension, degrees' },
    { keyword: 'DEC', value: round(record.decDeg, 6), comment: 'declination, degrees' },
    { keyword: 'EXPTIME', value: record.exptimeS, comment: 'total exposure, s' },
    { keyword: 'VACUUM', value: true, comment: 'wavelengths are in vacuum' },
    {
      keyword: 'HELIO_RV',
      value: round(record.heliocentricCorrectionKms, 4),
      comment: 'heliocentric correction applied, km/s',
    },
    { keyword: 'EBV', value: round(star.ebv, 4), comment: 'E(B-V) along the line of sight' },
    { keyword: 'SN_MEDIAN', value: round(record.observation.snMedian, 3), comment: 'median S/N per pixel' },
    { keyword: 'SPECRES', value: FORMAT_GRIDS[record.format].resolvingPower, comment: 'resolving power' },
    { keyword: 'DR', value: record.release, comment: 'data release' },
    { keyword: 'COMMENT', value: 'Synthetic spectrum made by @spectra/synth; not a real observation.' },
  ];
}

function sdssSpecHdus(record: SyntheticRecord): HduInput[] {
  const { observation: o, star } = record;
  const n = o.flux.length;
  const loglam = Float32Array.from({ length: n }, (_, i) => record.coeff0 + 1e-4 * i);
  const z = star.rvKms / 299792.458;
  return [
    {
      type: 'image',
      header: [
        { keyword: 'TELESCOP', value: 'SDSS 2.5-M' },
        { keyword: 'INSTRUME', value: 'BOSS' },
        { keyword: 'PLATEID', value: record.plate },
        { keyword: 'MJD', value: record.mjd },
        { keyword: 'FIBERID', value: record.fiber },
        { keyword: 'OBJID', value: record.objectId },
        { keyword: 'OBJTYPE', value: 'STAR' },
        { keyword: 'PLUG_RA', value: round(record.raDeg, 6) },
        { keyword: 'PLUG_DEC', value: round(record.decDeg, 6) },
        { keyword: 'BUNIT', value: '1E-17 erg/cm^2/s/Ang' },
        { keyword: 'RUN2D', value: record.run2d },
        { keyword: 'COEFF0', value: record.coeff0 },
        { keyword: 'COEFF1', value: 1e-4 },
        ...common(record),
      ],
    },
    {
      type: 'bintable',
      name: 'COADD',
      columns: [
        { name: 'flux', data: o.flux },
        { name: 'loglam', data: loglam },
        { name: 'ivar', data: o.ivar },
        { name: 'and_mask', data: o.andMask },
        { name: 'or_mask', data: o.orMask },
        { name: 'wdisp', data: new Float32Array(n).fill(1.1) },
        { name: 'sky', data: o.sky },
        { name: 'model', data: record.model },
      ],
    },
    {
      type: 'bintable',
      name: 'SPALL',
      columns: [
        { name: 'PLATE', data: new Int32Array([record.plate]) },
        { name: 'MJD', data: new Int32Array([record.mjd]) },
        { name: 'FIBERID', data: new Int32Array([record.fiber]) },
        { name: 'RUN2D', data: [record.run2d] },
        { name: 'OBJTYPE', data: ['STAR'] },
        { name: 'PLUG_RA', data: new Float64Array([record.raDeg]) },
        { name: 'PLUG_DEC', data: new Float64Array([record.decDeg]) },
        { name: 'CLASS', data: ['STAR'] },
        { name: 'SUBCLASS', data: [subclassOf(star)] },
        { name: 'Z', data: new Float32Array([z]) },
        { name: 'Z_ERR', data: new Float32Array([5 / 299792.458]) },
        { name: 'SN_MEDIAN_ALL', data: new Float32Array([o.snMedian]) },
        { name: 'ELODIE_TEFF', data: new Float32Array([star.teffK]) },
        { name: 'ELODIE_LOGG', data: new Float32Array([star.loggCgs]) },
        { name: 'ELODIE_FEH', data: new Float32Array([star.fehDex]) },
      ],
    },
  ];
}

function spSpecHdus(record: SyntheticRecord): HduInput[] {
  const { observation: o, star } = record;
  const n = o.flux.length;
  // Rows: 0 flux, 1 continuum-subtracted flux, 2 error (σ), 3 mask, 4 sky.
  const image = new Float32Array(5 * n);
  for (let i = 0; i < n; i++) {
    image[i] = o.flux[i];
    image[n + i] = o.flux[i] - record.model[i];
    image[2 * n + i] = o.ivar[i] > 0 ? 1 / Math.sqrt(o.ivar[i]) : 0;
    image[3 * n + i] = o.andMask[i];
    image[4 * n + i] = o.sky[i];
  }
  return [
    {
      type: 'image',
      data: image,
      axes: [n, 5],
      header: [
        { keyword: 'TELESCOP', value: 'SDSS 2.5-M' },
        { keyword: 'PLATEID', value: record.plate },
        { keyword: 'MJD', value: record.mjd },
        { keyword: 'FIBERID', value: record.fiber },
        { keyword: 'OBJID', value: record.objectId },
        { keyword: 'OBJTYPE', value: 'STAR' },
        { keyword: 'Z', value: round(star.rvKms / 299792.458, 8) },
        { keyword: 'BUNIT', value: '1.0E-17 erg/cm/s/Ang' },
        { keyword: 'SFD_EBV', value: round(star.ebv, 4) },
        ...imageWcsCards(record),
        { keyword: 'SPEC_CLN', value: 1, comment: 'spectro classification: star' },
        ...common(record),
      ],
    },
  ];
}

function lamostHdus(record: SyntheticRecord): HduInput[] {
  const { observation: o, star } = record;
  const n = o.flux.length;
  const image = new Float32Array(5 * n);
  for (let i = 0; i < n; i++) {
    image[i] = o.flux[i];
    image[n + i] = o.ivar[i];
    image[2 * n + i] = 10 ** (record.coeff0 + 1e-4 * i);
    image[3 * n + i] = o.andMask[i] === 0 ? 0 : 8;
    image[4 * n + i] = o.orMask[i] === 0 ? 0 : 8;
  }
  return [
    {
      type: 'image',
      data: image,
      axes: [n, 5],
      header: [
        { keyword: 'TELESCOP', value: 'LAMOST' },
        { keyword: 'MJD', value: record.mjd },
        { keyword: 'FIBERID', value: record.fiber },
        { keyword: 'OBJNAME', value: record.objectId },
        { keyword: 'OBJTYPE', value: 'Star' },
        { keyword: 'CLASS', value: 'STAR' },
        { keyword: 'SUBCLASS', value: star.subtype },
        { keyword: 'Z', value: round(star.rvKms / 299792.458, 8) },
        { keyword: 'HELIO', value: true },
        ...imageWcsCards(record),
        ...common(record),
      ],
    },
  ];
}

/** The wavelength keywords of SDSS-I/II and LAMOST images: COEFF0/COEFF1 and the equivalent IRAF WCS (log10, DC-FLAG 1). */
function imageWcsCards(record: SyntheticRecord): CardInput[] {
  return [
    { keyword: 'COEFF0', value: record.coeff0 },
    { keyword: 'COEFF1', value: 1e-4 },
    { keyword: 'CRVAL1', value: record.coeff0 },
    { keyword: 'CD1_1', value: 1e-4 },
    { keyword: 'CRPIX1', value: 1 },
    { keyword: 'CTYPE1', value: 'LINEAR' },
    { keyword: 'DC-FLAG', value: 1 },
  ];
}
