import type { Header } from './header.js';
import type { FitsIssue } from './issues.js';

/** How a spectrum's wavelengths are defined. */
export type GridKind = 'log10' | 'linear' | 'table' | 'pixel';

/** Air or vacuum wavelengths, as the file declares them. */
export type WavelengthFrame = 'vacuum' | 'air' | 'unknown';

/** The wavelength solution a spectrum came with, with the keywords as found. */
export interface WavelengthGrid {
  /** `log10`: uniform in log10 λ; `linear`: uniform in λ; `table`: per-pixel values from the file; `pixel`: indices. */
  kind: GridKind;
  /** What defined it, e.g. `COEFF0/COEFF1`, `CRVAL1/CDELT1`, `loglam column`, `wavelength image`. */
  source: string;
  coeff0?: number;
  coeff1?: number;
  crval1?: number;
  cdelt1?: number;
  cd1_1?: number;
  crpix1?: number;
  ctype1?: string;
  cunit1?: string;
  dcFlag?: number;
}

/** Identifiers and observing metadata gathered from the headers and the SPALL/SPECOBJ row. */
export interface SpectrumMeta {
  objectId?: string;
  objectName?: string;
  objectType?: string;
  plate?: number;
  mjd?: number;
  fiberId?: number;
  raDeg?: number;
  decDeg?: number;
  /** Pipeline classification (SDSS/LAMOST CLASS), e.g. `STAR`, `QSO`. */
  className?: string;
  /** Pipeline subclass, e.g. `G1V (95128)`, `M1`. */
  subClass?: string;
  /** Spectral type from library headers (SPTYPE), e.g. `F4V`. */
  spectralType?: string;
  redshift?: number;
  redshiftErr?: number;
  /** Median S/N per pixel reported by the survey pipeline. */
  snMedian?: number;
  exptimeS?: number;
  telescope?: string;
  instrument?: string;
  /** Heliocentric correction that was applied or reported (HELIO_RV), km/s. */
  heliocentricCorrectionKms?: number;
  /** Heliocentric radial velocity of the star (VHELIO), km/s. */
  vhelioKms?: number;
  ebv?: number;
  run2d?: string;
  /** The survey, where the layout knows it (`SDSS-III BOSS`, `LAMOST LRS`, `SDSS-IV MaStar`…). */
  survey?: string;
  /** The data release (`DR17` from an SDSS RUN2D, `LAMOST DR7` from DATA_V, or the file's DR keyword). */
  dataRelease?: string;
  /** Median resolving power λ/Δλ (FWHM) over the pixels that have one (see Spectrum.resolution). */
  resolvingPower?: number;
  /** Where each derived field came from (`RUN2D v5_7_0 → DR12 (SDSS reduction table)`, `median of wdisp`…). */
  sources?: Partial<Record<'survey' | 'dataRelease' | 'instrument' | 'resolvingPower', string>>;
}

/** One spectrum with everything needed to analyse it; arrays share one length `n`. */
export interface Spectrum {
  /** Name of the layout adapter that read it, e.g. `sdss-spec`. */
  format: string;
  /** File name or label of the source. */
  source?: string;
  /** Wavelengths in Ångström, ascending, float64. */
  wavelength: Float64Array;
  flux: Float32Array;
  /** Inverse variance of the flux; 0 where the pixel has no valid uncertainty. */
  ivar: Float32Array;
  /** Where ivar came from: stored ivar, converted from a stored σ, or `none` (ivar is then all 0). */
  uncertainty: 'ivar' | 'error' | 'none';
  /** The 1-σ uncertainty as stored, when the file stores σ rather than ivar. */
  error?: Float32Array;
  /** Bad-pixel bitmask: SDSS/LAMOST AND mask, or the survey's single pixel mask (spSpec, APOGEE). */
  andMask?: Uint32Array;
  /**
   * 1 where the pixel is unusable by the survey's own rules (no finite flux, ivar ≤ 0 when uncertainties exist, a
   * bad bit of the layout's mask); 0 elsewhere. The one definition of a good pixel, set by the layout adapter.
   */
  badPixels: Uint8Array;
  /** SDSS/LAMOST OR mask. */
  orMask?: Uint32Array;
  /**
   * Resolving power λ/Δλ (FWHM) per pixel, when the file gives it: MaStar SRES, SDSS `wdisp` (converted), a
   * library's FWHM keyword (converted); NaN where unknown.
   */
  resolution?: Float32Array;
  grid: WavelengthGrid;
  /** The medium the wavelengths are given in: air or vacuum (see frameSource for how it was decided). */
  frame: WavelengthFrame;
  /**
   * Where `frame` came from: `header` (VACUUM, AIRORVAC, WAVEFORM, CTYPE1 = WAVE/AWAV), `layout` (the layout's
   * documented default when the header says nothing), `option` (the caller's `frame`), or `none` (unknown).
   */
  frameSource: 'header' | 'layout' | 'option' | 'none';
  fluxUnit?: string;
  meta: SpectrumMeta;
  /** Primary header. */
  header: Header;
  /** Header of the HDU the flux came from (the primary header when they are the same). */
  dataHeader: Header;
  /** Recoverable problems met while reading (file-level and spectrum-level). */
  issues: FitsIssue[];
}
