import { SPEED_OF_LIGHT_KMS as C_KMS, isIsoDate } from '@spectra/core';
import {
  type CellValue,
  type FitsFile,
  HEADER_KEYWORDS,
  type Header,
  type HeaderQuantity,
  type HeaderValue,
  medianSnr,
  type Spectrum,
} from '@spectra/fits';
import { ProvenanceOptionError } from './errors.js';

/**
 * The quantities of @spectra/fits' HEADER_KEYWORDS each metadata column is read from, in order of preference (the
 * reference README's Table B). The keywords themselves live in that one table.
 */
const COLUMN_QUANTITIES = {
  obj_id: ['objectId', 'objectName'],
  plate: ['plate'],
  mjd: ['mjd'],
  fiber: ['fiberId'],
  instrument: ['instrument'],
  telescope: ['telescope'],
  resolution_r: ['resolvingPower'],
  exptime_s: ['exptimeS'],
  ra_deg: ['raDeg'],
  dec_deg: ['decDeg'],
  rv_kms: ['radialVelocityKms'],
  z: ['redshift'],
  heliocentric: ['heliocentricApplied'],
  heliocentric_correction_kms: ['heliocentricCorrectionKms'],
  sn_median: ['snMedian'],
  sn_per_pixel: ['snPerPixel'],
  ebv_sfd: ['ebv'],
  a_v: ['av'],
  mask_frac_bad: ['maskFraction'],
  wavelength_frame: ['wavelengthFrame'],
  flux_unit: ['fluxUnit'],
  data_release: ['dataRelease'],
} as const satisfies Record<string, readonly HeaderQuantity[]>;

type AliasGroup = keyof typeof COLUMN_QUANTITIES;

/** One row of the metadata table (the reference README's Table B), plus `sources`. */
export interface MetadataRow {
  spec_id: string;
  obj_id: string | null;
  file_path: string;
  plate: number | null;
  mjd: number | null;
  fiber: number | null;
  instrument: string | null;
  resolution_r: number | null;
  exptime_s: number | null;
  ra_deg: number | null;
  dec_deg: number | null;
  z_or_rv_kms: number | null;
  heliocentric_corr_applied: boolean | null;
  sn_median: number | null;
  sn_per_pixel: number | null;
  ebv_sfd: number | null;
  mask_frac_bad: number | null;
  /** JSON object of the quality-flag keywords found, plus bad-pixel counts from the masks. */
  quality_flags: string;
  wavelength_frame: string;
  flux_unit: string | null;
  data_release: string | null;
  retrieval_date: string | null;
  survey_wavelength_calibrated: boolean | null;
  survey_flux_calibrated: boolean | null;
  post_processing_steps: string | null;
  /** JSON array of citations, or null. */
  calibration_references: string | null;
  /** JSON object: column → where its value came from (`HDU0:PLATEID`, `SPALL:SN_MEDIAN_ALL`, `computed: ...`). */
  sources: string;
}

/** What the user states about the data (the CLI's metadata flags). */
export interface MetadataOptions {
  /** Overrides the release read from DR/RUN2D. */
  dataRelease?: string;
  /** ISO 8601 date (YYYY-MM-DD) the data were retrieved. */
  retrievalDate?: string;
  surveyWavelengthCalibrated?: boolean;
  surveyFluxCalibrated?: boolean;
  postProcessingSteps?: string;
  calibrationReferences?: string[];
}

interface Place {
  label: string;
  get(keyword: string): HeaderValue | CellValue | undefined;
}

/**
 * Builds a metadata row from an opened file and its spectrum: each column from the first of its FITS keyword
 * aliases found in the primary header, the spectrum's HDU, then the SPALL/SPECOBJ (or other one-row) table;
 * S/N and the bad-pixel fraction are computed from the arrays when no keyword gives them.
 */
export function metadataRow(
  file: FitsFile,
  spectrum: Spectrum,
  specId: string,
  options: MetadataOptions = {},
): MetadataRow {
  const places = placesOf(file, spectrum);
  const sources: Record<string, string> = {};
  // Quantities in order of preference; for each, the places in order (primary header, the spectrum's HDU, the
  // one-row tables) and its keywords: an object id in SPECOBJ beats an object name in the primary header.
  const find = (column: string, group: AliasGroup, accept: (v: unknown) => boolean = isPresent) => {
    for (const quantity of COLUMN_QUANTITIES[group]) {
      for (const place of places) {
        for (const keyword of HEADER_KEYWORDS[quantity]) {
          const value = place.get(keyword);
          if (value !== undefined && accept(value)) {
            sources[column] = `${place.label}:${keyword}`;
            return value;
          }
        }
      }
    }
    return undefined;
  };
  /** A value the layout derived (survey facts, resolution), with its source. */
  const derived = <T>(column: string, value: T | undefined, source: string | undefined): T | null => {
    if (value === undefined) return null;
    sources[column] = `computed: ${source ?? spectrum.format}`;
    return value;
  };
  const number = (column: string, group: AliasGroup) =>
    toNumber(find(column, group, (v) => toNumber(v) !== null));
  const integer = (column: string, group: AliasGroup) => {
    const n = number(column, group);
    return n !== null && Number.isInteger(n) ? n : null;
  };
  const text = (column: string, group: AliasGroup) => {
    const v = find(
      column,
      group,
      (x) => (typeof x === 'string' && x.trim() !== '') || typeof x === 'number' || typeof x === 'bigint',
    );
    return v === undefined ? null : String(v).trim();
  };

  let zOrRv = number('z_or_rv_kms', 'rv_kms');
  if (zOrRv === null) {
    const z = number('z_or_rv_kms', 'z');
    if (z !== null) {
      zOrRv = relativisticVelocityKms(z);
      sources.z_or_rv_kms = `${sources.z_or_rv_kms} → c((1+z)²−1)/((1+z)²+1)`;
    }
  }
  let helio = toBoolean(find('heliocentric_corr_applied', 'heliocentric', (v) => toBoolean(v) !== null));
  if (helio === null && number('heliocentric_corr_applied', 'heliocentric_correction_kms') !== null) {
    helio = true;
    sources.heliocentric_corr_applied = `${sources.heliocentric_corr_applied} (correction recorded)`;
  }
  let ebv = number('ebv_sfd', 'ebv_sfd');
  if (ebv === null) {
    const av = number('ebv_sfd', 'a_v');
    if (av !== null) {
      ebv = av / 3.1;
      sources.ebv_sfd = `${sources.ebv_sfd} / 3.1`;
    }
  }
  const computed = pixelStatistics(spectrum);
  let snPerPixel = number('sn_per_pixel', 'sn_per_pixel');
  if (snPerPixel === null && computed.medianSnr !== null) {
    snPerPixel = computed.medianSnr;
    sources.sn_per_pixel = 'computed: median flux·√ivar over good pixels';
  }
  let maskFrac = number('mask_frac_bad', 'mask_frac_bad');
  if (maskFrac === null) {
    maskFrac = computed.badFraction;
    sources.mask_frac_bad = "computed: the survey's bad pixels (ivar = 0 or a bad mask bit)";
  }
  const flags: Record<string, unknown> = {};
  for (const place of places) {
    for (const keyword of HEADER_KEYWORDS.qualityFlags) {
      const value = place.get(keyword);
      if (value !== undefined && !(keyword in flags) && isScalar(value))
        flags[keyword] = typeof value === 'bigint' ? value.toString() : value;
    }
  }
  flags.and_mask_pixels = computed.andMaskPixels;
  flags.zero_ivar_pixels = computed.zeroIvarPixels;
  sources.wavelength_frame =
    find('wavelength_frame', 'wavelength_frame') === undefined ? 'layout' : sources.wavelength_frame;
  let release = options.dataRelease ?? null;
  if (release !== null) sources.data_release = 'option';
  else
    release =
      text('data_release', 'data_release') ??
      derived('data_release', spectrum.meta.dataRelease, spectrum.meta.sources?.dataRelease);
  if (options.retrievalDate !== undefined) validateIsoDate(options.retrievalDate);

  return {
    spec_id: specId,
    obj_id: text('obj_id', 'obj_id'),
    file_path: file.name,
    plate: integer('plate', 'plate'),
    mjd: integer('mjd', 'mjd'),
    fiber: integer('fiber', 'fiber'),
    instrument:
      text('instrument', 'instrument') ??
      derived('instrument', spectrum.meta.instrument, spectrum.meta.sources?.instrument) ??
      text('instrument', 'telescope'),
    resolution_r:
      number('resolution_r', 'resolution_r') ??
      derived(
        'resolution_r',
        roundTo(spectrum.meta.resolvingPower, 1),
        spectrum.meta.sources?.resolvingPower,
      ),
    exptime_s: number('exptime_s', 'exptime_s'),
    ra_deg: number('ra_deg', 'ra_deg'),
    dec_deg: number('dec_deg', 'dec_deg'),
    z_or_rv_kms: zOrRv,
    heliocentric_corr_applied: helio,
    sn_median: number('sn_median', 'sn_median'),
    sn_per_pixel: snPerPixel,
    ebv_sfd: ebv,
    mask_frac_bad: maskFrac,
    quality_flags: JSON.stringify(flags),
    wavelength_frame: spectrum.frame,
    flux_unit: text('flux_unit', 'flux_unit') ?? spectrum.fluxUnit ?? null,
    data_release: release,
    retrieval_date: options.retrievalDate ?? null,
    survey_wavelength_calibrated: options.surveyWavelengthCalibrated ?? null,
    survey_flux_calibrated: options.surveyFluxCalibrated ?? null,
    post_processing_steps: options.postProcessingSteps ?? null,
    calibration_references: options.calibrationReferences?.length
      ? JSON.stringify(options.calibrationReferences)
      : null,
    sources: JSON.stringify(sources),
  };
}

/**
 * The line-of-sight velocity of a redshift, special-relativistic: v = c((1+z)² − 1)/((1+z)² + 1). Equal to c·z for
 * stars (z ≲ 0.01) and below c for any z: the z = 3.23 quasar is at 0.894 c, not 3.23 c.
 */
export function relativisticVelocityKms(z: number): number {
  const s = (1 + z) ** 2;
  return (C_KMS * (s - 1)) / (s + 1);
}

function roundTo(value: number | undefined, digits: number): number | undefined {
  return value === undefined ? undefined : Number(value.toFixed(digits));
}

/** Throws ProvenanceOptionError unless `text` is a real calendar date written YYYY-MM-DD. */
export function validateIsoDate(text: string): string {
  if (!isIsoDate(text)) {
    throw new ProvenanceOptionError(`retrieval date '${text}' is not an ISO 8601 date (YYYY-MM-DD)`);
  }
  return text;
}

function placesOf(file: FitsFile, spectrum: Spectrum): Place[] {
  const fromHeader = (label: string, header: Header): Place => ({ label, get: (k) => header.get(k) });
  const places: Place[] = [fromHeader('HDU0', file.primary.header)];
  const dataHdu = file.hdus.find((h) => h.header === spectrum.dataHeader);
  if (dataHdu && dataHdu.index !== 0) places.push(fromHeader(`HDU${dataHdu.index}`, dataHdu.header));
  for (const hdu of file.hdus) {
    if (hdu.type !== 'bintable' || hdu.axes[1] !== 1 || hdu === dataHdu) continue;
    const table = hdu.table();
    const row = table.row(0);
    const label = hdu.name || `HDU${hdu.index}`;
    places.push({ label, get: (k) => (table.info(k) ? row[table.info(k)!.name] : undefined) });
  }
  return places;
}

function pixelStatistics(spectrum: Spectrum) {
  let zeroIvar = 0;
  let andMaskPixels = 0;
  let bad = 0;
  for (let i = 0; i < spectrum.flux.length; i++) {
    if (spectrum.andMask && spectrum.andMask[i] !== 0) andMaskPixels++;
    if (spectrum.uncertainty !== 'none' && !(spectrum.ivar[i] > 0)) zeroIvar++;
    if (spectrum.badPixels[i]) bad++;
  }
  return {
    zeroIvarPixels: zeroIvar,
    andMaskPixels,
    badFraction: spectrum.flux.length ? bad / spectrum.flux.length : null,
    medianSnr: medianSnr(spectrum).median,
  };
}

function isPresent(value: unknown): boolean {
  return value !== null && value !== undefined && !(typeof value === 'string' && value.trim() === '');
}

function isScalar(value: unknown): boolean {
  return ['string', 'number', 'boolean', 'bigint'].includes(typeof value);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  return null;
}

function toBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string') {
    const t = value.trim().toUpperCase();
    if (['T', 'TRUE', 'Y', 'YES', '1'].includes(t)) return true;
    if (['F', 'FALSE', 'N', 'NO', '0'].includes(t)) return false;
  }
  return null;
}
