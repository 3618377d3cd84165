import type { NumericArray } from '../big-endian.js';
import type { CellValue, ColumnData } from '../binary-table.js';
import { NoWavelengthError, UnknownLayoutError } from '../errors.js';
import type { FitsFile, Hdu } from '../fits-file.js';
import type { Header } from '../header.js';
import type { FitsIssue } from '../issues.js';
import { middleValue } from '../median.js';
import type { Spectrum, SpectrumMeta, WavelengthGrid } from '../spectrum.js';
import { spectrumMeta } from '../spectrum-meta.js';
import { frameFromHeader, type WavelengthSolution, wavelengthFromHeader } from '../wavelength-solution.js';
import { ANY_BIT } from './bad-pixel-bits.js';
import type { SurveyFacts } from './survey-facts.js';

/** What an adapter gets to read a spectrum. */
export interface AdapterContext {
  file: FitsFile;
  /** Issues of this read; the adapter appends its own. */
  issues: FitsIssue[];
  /** Return pixel indices instead of failing when there is no wavelength solution. */
  allowPixelGrid: boolean;
  /** The caller's medium for the wavelengths, overriding header and layout. */
  frame?: 'air' | 'vacuum';
}

/** A survey layout: `identify` looks at HDU structure and headers only; `read` decodes. */
export interface SpectrumAdapter {
  name: string;
  identify(file: FitsFile): boolean;
  read(context: AdapterContext): Spectrum;
}

/** Any numeric array as Float32Array (the same object when it already is one). */
export function toFloat32(data: NumericArray | ColumnData): Float32Array {
  if (data instanceof Float32Array) return data;
  const source = data as ArrayLike<number | bigint>;
  const out = new Float32Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = Number(source[i]);
  return out;
}

/** Any numeric array as Float64Array. */
export function toFloat64(data: NumericArray | ColumnData): Float64Array {
  if (data instanceof Float64Array) return data;
  const source = data as ArrayLike<number | bigint>;
  const out = new Float64Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = Number(source[i]);
  return out;
}

/** Integer mask values as Uint32Array bit patterns (negative int32 values keep their bits). */
export function toMask(data: NumericArray | ColumnData): Uint32Array {
  if (data instanceof Uint32Array) return data;
  if (data instanceof Int32Array) return new Uint32Array(data.buffer, data.byteOffset, data.length);
  const source = data as ArrayLike<number | bigint>;
  const out = new Uint32Array(source.length);
  for (let i = 0; i < source.length; i++) out[i] = Number(source[i]) >>> 0;
  return out;
}

/** ivar = 1/σ² where σ is finite and positive, else 0. */
export function ivarFromError(error: Float32Array): Float32Array {
  const ivar = new Float32Array(error.length);
  for (let i = 0; i < error.length; i++) {
    const sigma = error[i];
    ivar[i] = sigma > 0 && Number.isFinite(sigma) ? 1 / (sigma * sigma) : 0;
  }
  return ivar;
}

/** Row `row` of a 2-D image whose rows have `width` pixels. */
export function imageRow(data: NumericArray, width: number, row: number): NumericArray {
  return data.subarray(row * width, (row + 1) * width) as NumericArray;
}

/** Wavelengths from a header; pixel indices (when allowed) or NoWavelengthError when there is no solution. */
export function headerWavelengths(
  context: AdapterContext,
  headers: Header[],
  n: number,
  hdu: number,
): WavelengthSolution {
  for (const header of headers) {
    const solution = wavelengthFromHeader(header, n, context.issues, hdu);
    if (solution) return solution;
  }
  return pixelGrid(context, n, hdu);
}

/** Pixel indices as the grid, or NoWavelengthError when the caller did not allow that. */
export function pixelGrid(context: AdapterContext, n: number, hdu: number): WavelengthSolution {
  if (!context.allowPixelGrid) {
    throw new NoWavelengthError(
      'no wavelength solution: no COEFF0/COEFF1, no CRVAL1 with CDELT1/CD1_1, no wavelength column or image',
      { file: context.file.name, hdu },
    );
  }
  context.issues.push({
    code: 'SPECTRA_NO_WAVELENGTH',
    message: 'no wavelength solution: returning pixel indices',
    hdu,
  });
  const wavelength = new Float64Array(n);
  for (let i = 0; i < n; i++) wavelength[i] = i;
  const grid: WavelengthGrid = { kind: 'pixel', source: 'pixel index' };
  return { wavelength, grid };
}

/** The first image HDU with data, starting from the primary. */
export function firstImage(file: FitsFile): Hdu | undefined {
  return file.hdus.find((h) => h.isImage);
}

/** Fails clearly when a layout's HDU is not what identify() promised. */
export function layoutError(context: AdapterContext, message: string, hdu?: number): never {
  throw new UnknownLayoutError(message, { file: context.file.name, hdu });
}

/** Sorts all per-pixel arrays by ascending wavelength when the wavelengths descend. */
export function ascending(spectrum: Spectrum): Spectrum {
  const { wavelength } = spectrum;
  let sorted = true;
  for (let i = 1; i < wavelength.length; i++) {
    if (wavelength[i] < wavelength[i - 1]) {
      sorted = false;
      break;
    }
  }
  if (sorted) return spectrum;
  const order = Array.from(wavelength.keys()).sort((a, b) => wavelength[a] - wavelength[b]);
  const permute = <T extends Float64Array | Float32Array | Uint32Array | Uint8Array>(
    array: T | undefined,
  ): T | undefined => {
    if (!array) return undefined;
    const out = new (array.constructor as new (n: number) => T)(array.length);
    for (let i = 0; i < order.length; i++) out[i] = array[order[i]];
    return out;
  };
  return {
    ...spectrum,
    wavelength: permute(spectrum.wavelength)!,
    flux: permute(spectrum.flux)!,
    ivar: permute(spectrum.ivar)!,
    error: permute(spectrum.error),
    andMask: permute(spectrum.andMask),
    orMask: permute(spectrum.orMask),
    resolution: permute(spectrum.resolution),
    badPixels: permute(spectrum.badPixels)!,
  };
}

/** The per-pixel arrays and grid an adapter decoded. */
export interface SpectrumArrays {
  solution: WavelengthSolution;
  flux: Float32Array;
  ivar: Float32Array;
  error?: Float32Array;
  andMask?: Uint32Array;
  orMask?: Uint32Array;
  resolution?: Float32Array;
  /** True when the file has no uncertainty at all (ivar is then all 0). */
  noUncertainty?: boolean;
  /** The survey's bad-pixel bits of `andMask` (see bad-pixel-bits.ts). Default: every bit. */
  badPixelBits?: number;
  /** The layout's medium when the header names none (SDSS, LAMOST, APOGEE: vacuum; IRAF libraries: air). */
  defaultFrame?: 'air' | 'vacuum';
  /** Where `resolution` came from, for the metadata's sources (`SRES HDU`, `COADD wdisp`, `FWHM keyword`). */
  resolutionSource?: string;
  /** What the layout knows of the survey (release, spectrograph), given the metadata read from the keywords. */
  facts?: (meta: SpectrumMeta) => SurveyFacts;
}

/** Puts a Spectrum together: metadata from the headers (data HDU first) and the summary row, frame, unit. */
export function assembleSpectrum(
  context: AdapterContext,
  format: string,
  dataHdu: Hdu,
  arrays: SpectrumArrays,
  summaryRow?: Record<string, CellValue>,
): Spectrum {
  const primary = context.file.primary.header;
  const headers = dataHdu.index === 0 ? [primary] : [primary, dataHdu.header];
  const n = arrays.flux.length;
  for (const [name, array] of Object.entries(arrays)) {
    if (
      name !== 'solution' &&
      name !== 'noUncertainty' &&
      name !== 'badPixelBits' &&
      name !== 'defaultFrame' &&
      name !== 'resolutionSource' &&
      name !== 'facts' &&
      array &&
      (array as ArrayLike<number>).length !== n
    ) {
      layoutError(
        context,
        `${name} has ${(array as ArrayLike<number>).length} pixels but flux has ${n}`,
        dataHdu.index,
      );
    }
  }
  if (arrays.solution.wavelength.length !== n) {
    layoutError(
      context,
      `${arrays.solution.wavelength.length} wavelengths for ${n} flux pixels`,
      dataHdu.index,
    );
  }
  const unit = (
    dataHdu.header.string('BUNIT') ??
    primary.string('BUNIT') ??
    primary.string('FLUXUNIT')
  )?.trim();
  const uncertainty = arrays.noUncertainty ? 'none' : arrays.error ? 'error' : 'ivar';
  return {
    format,
    source: context.file.name,
    wavelength: arrays.solution.wavelength,
    flux: arrays.flux,
    ivar: arrays.ivar,
    uncertainty,
    badPixels: badPixels(arrays, uncertainty !== 'none', arrays.badPixelBits ?? ANY_BIT),
    ...(arrays.error && { error: arrays.error }),
    ...(arrays.andMask && { andMask: arrays.andMask }),
    ...(arrays.orMask && { orMask: arrays.orMask }),
    ...(arrays.resolution && { resolution: arrays.resolution }),
    grid: arrays.solution.grid,
    ...frameOf(context, headers, arrays.defaultFrame),
    ...(unit && { fluxUnit: unit }),
    meta: withFacts(spectrumMeta(headers, summaryRow), arrays),
    header: primary,
    dataHeader: dataHdu.header,
    issues: context.issues,
  };
}

/**
 * The keywords' metadata completed by what the layout knows: the survey, release and spectrograph where no keyword
 * gives them, and the median resolving power of the per-pixel resolution.
 */
function withFacts(meta: SpectrumMeta, arrays: SpectrumArrays): SpectrumMeta {
  const sources: NonNullable<SpectrumMeta['sources']> = {};
  const facts = arrays.facts?.(meta);
  if (facts) {
    for (const key of ['survey', 'dataRelease', 'instrument'] as const) {
      if (meta[key] === undefined && facts[key] !== undefined) {
        meta[key] = facts[key];
        if (facts.sources[key]) sources[key] = facts.sources[key];
      }
    }
  }
  if (arrays.resolution) {
    const resolution = arrays.resolution;
    const values = new Float32Array(resolution.length);
    let n = 0;
    for (let i = 0; i < resolution.length; i++)
      if (resolution[i] > 0 && Number.isFinite(resolution[i])) values[n++] = resolution[i];
    if (n) {
      meta.resolvingPower = middleValue(values.subarray(0, n));
      sources.resolvingPower = `median of ${arrays.resolutionSource ?? 'the per-pixel resolution'}`;
    }
  }
  if (Object.keys(sources).length) meta.sources = sources;
  return meta;
}

/** The wavelengths' medium: the caller's option, else the header, else the layout's default. */
function frameOf(
  context: AdapterContext,
  headers: Header[],
  layoutDefault?: 'air' | 'vacuum',
): Pick<Spectrum, 'frame' | 'frameSource'> {
  if (context.frame) return { frame: context.frame, frameSource: 'option' };
  const fromHeader = frameFromHeader(...headers);
  if (fromHeader !== 'unknown') return { frame: fromHeader, frameSource: 'header' };
  if (layoutDefault) return { frame: layoutDefault, frameSource: 'layout' };
  return { frame: 'unknown', frameSource: 'none' };
}

/**
 * The survey's verdict per pixel, 1 = unusable: no finite wavelength or flux, no valid measurement (ivar ≤ 0 when
 * the file has uncertainties), or one of the layout's bad bits set in the AND mask. The one definition of a bad
 * pixel that S/N, metadata, line finding and preprocessing all read.
 */
function badPixels(arrays: SpectrumArrays, hasIvar: boolean, bits: number): Uint8Array {
  const { flux, ivar, andMask } = arrays;
  const wavelength = arrays.solution.wavelength;
  const bad = new Uint8Array(flux.length);
  for (let i = 0; i < flux.length; i++) {
    const ok =
      Number.isFinite(flux[i]) &&
      Number.isFinite(wavelength[i]) &&
      (!hasIvar || (ivar[i] > 0 && Number.isFinite(ivar[i]))) &&
      (!andMask || ((andMask[i] >>> 0) & bits) === 0);
    bad[i] = ok ? 0 : 1;
  }
  return bad;
}
