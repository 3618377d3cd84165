import { SPEED_OF_LIGHT_KMS, seededRandom } from '@spectra/core';
import { type HduInput, writeFits } from '@spectra/fits';

/** Options for a seeded SDSS-format test spectrum with known truth. */
export interface SyntheticSpecOptions {
  seed?: number;
  /** Effective temperature of the Planck continuum, K. Default 9500 (an A star). */
  teffK?: number;
  /** Signal-to-noise per pixel at the continuum. Default 30. */
  snr?: number;
  /** log10 λ of pixel 0. Default 3.5800 (3802 Å). */
  coeff0?: number;
  /** Pixels. Default 3800. */
  pixels?: number;
  /** Absorption lines: vacuum centre (Å), depth (fraction of continuum), σ (Å). Default: Balmer Hα–Hε. */
  lines?: Array<{ centerAngstrom: number; depth: number; sigmaAngstrom: number }>;
  plate?: number;
  mjd?: number;
  fiber?: number;
  subclass?: string;
  /** AND-mask value of the first pixels, in order (the rest 0). Default none. */
  andMask?: readonly number[];
}

const BALMER = [
  { centerAngstrom: 6564.61, depth: 0.45, sigmaAngstrom: 6 },
  { centerAngstrom: 4862.68, depth: 0.5, sigmaAngstrom: 7 },
  { centerAngstrom: 4341.68, depth: 0.5, sigmaAngstrom: 7 },
  { centerAngstrom: 4102.89, depth: 0.45, sigmaAngstrom: 7 },
  { centerAngstrom: 3971.2, depth: 0.4, sigmaAngstrom: 6 },
];

const H = 6.62607015e-34;
const C = SPEED_OF_LIGHT_KMS * 1000;
const K = 1.380649e-23;

/** The arrays of a synthetic spectrum and the truth they were made from. */
export interface SyntheticSpectrum {
  loglam: Float32Array;
  flux: Float32Array;
  ivar: Float32Array;
  andMask: Int32Array;
  options: Required<Omit<SyntheticSpecOptions, 'lines' | 'andMask'>> & {
    lines: NonNullable<SyntheticSpecOptions['lines']>;
  };
}

/** A Planck continuum with Gaussian absorption lines and Gaussian noise at a given S/N, SDSS-sampled. */
export function syntheticSdssSpec(options: SyntheticSpecOptions = {}): SyntheticSpectrum {
  const full = {
    seed: 1,
    teffK: 9500,
    snr: 30,
    coeff0: 3.58,
    pixels: 3800,
    plate: 1234,
    mjd: 56789,
    fiber: 42,
    subclass: 'A0',
    lines: BALMER,
    andMask: [] as readonly number[],
    ...options,
  };
  const random = seededRandom(full.seed);
  const loglam = new Float32Array(full.pixels);
  const flux = new Float32Array(full.pixels);
  const ivar = new Float32Array(full.pixels);
  const andMask = new Int32Array(full.pixels);
  andMask.set((options.andMask ?? []).slice(0, full.pixels));
  const lambdaPeak = 5500e-10;
  const norm = planck(lambdaPeak, full.teffK);
  for (let i = 0; i < full.pixels; i++) {
    loglam[i] = full.coeff0 + 1e-4 * i;
    const lambda = 10 ** loglam[i];
    let value = (50 * planck(lambda * 1e-10, full.teffK)) / norm;
    for (const line of full.lines) {
      value *= 1 - line.depth * Math.exp(-0.5 * ((lambda - line.centerAngstrom) / line.sigmaAngstrom) ** 2);
    }
    const sigma = (50 * planck(lambda * 1e-10, full.teffK)) / norm / full.snr;
    flux[i] = value + sigma * random.normal();
    ivar[i] = 1 / (sigma * sigma);
  }
  return { loglam, flux, ivar, andMask, options: full };
}

/** A synthetic spectrum written as an SDSS-IV `spec-PLATE-MJD-FIBER.fits` file (primary, COADD, SPALL). */
export function syntheticSpectrumFile(options: SyntheticSpecOptions = {}): Uint8Array {
  const spectrum = syntheticSdssSpec(options);
  const o = spectrum.options;
  const hdus: HduInput[] = [
    {
      type: 'image',
      header: [
        { keyword: 'TELESCOP', value: 'SDSS 2.5-M' },
        { keyword: 'PLATEID', value: o.plate },
        { keyword: 'MJD', value: o.mjd },
        { keyword: 'FIBERID', value: o.fiber },
        { keyword: 'RA', value: 150.25 },
        { keyword: 'DEC', value: 2.5 },
        { keyword: 'EXPTIME', value: 2700 },
        { keyword: 'VACUUM', value: true },
        { keyword: 'BUNIT', value: '1E-17 erg/cm^2/s/Ang' },
        { keyword: 'COEFF0', value: o.coeff0 },
        { keyword: 'COEFF1', value: 1e-4 },
      ],
    },
    {
      type: 'bintable',
      name: 'COADD',
      columns: [
        { name: 'flux', data: spectrum.flux },
        { name: 'loglam', data: spectrum.loglam },
        { name: 'ivar', data: spectrum.ivar },
        { name: 'and_mask', data: spectrum.andMask },
        { name: 'or_mask', data: spectrum.andMask },
      ],
    },
    {
      type: 'bintable',
      name: 'SPALL',
      columns: [
        { name: 'CLASS', data: ['STAR'] },
        { name: 'SUBCLASS', data: [o.subclass] },
        { name: 'Z', data: new Float32Array([0]) },
        { name: 'SN_MEDIAN_ALL', data: new Float32Array([o.snr]) },
      ],
    },
  ];
  return writeFits(hdus);
}

function planck(lambdaMetres: number, teffK: number): number {
  return 1 / (lambdaMetres ** 5 * (Math.exp((H * C) / (lambdaMetres * K * teffK)) - 1));
}
