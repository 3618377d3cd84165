/**
 * What header keywords (and summary-table columns) mean, in order of preference: the one table every reader of
 * metadata uses — `Spectrum.meta` here, the metadata table in @spectra/provenance. A survey that names a quantity
 * differently adds its keyword to the list, not a branch elsewhere.
 */
export const HEADER_KEYWORDS = {
  objectId: ['BESTOBJID', 'OBJID', 'APOGEE_ID', 'MANGAID', 'TARGETID', 'TARGET_ID'],
  objectName: ['OBJNAME', 'OBJECT', 'NAME'],
  objectType: ['OBJTYPE'],
  plate: ['PLATEID', 'PLATE'],
  mjd: ['MJD'],
  fiberId: ['FIBERID', 'FIBER'],
  raDeg: ['RA', 'PLUG_RA', 'RAOBJ'],
  decDeg: ['DEC', 'PLUG_DEC', 'DECOBJ'],
  className: ['CLASS'],
  subClass: ['SUBCLASS'],
  spectralType: ['SPTYPE', 'SPECTYPE'],
  redshift: ['Z'],
  redshiftErr: ['Z_ERR'],
  /** Median S/N per pixel reported by the survey pipeline. */
  snMedian: ['SN_MEDIAN_ALL', 'SN_MEDIAN', 'SNR_MEDIAN', 'SNR'],
  snPerPixel: ['SNR_PER_PIXEL', 'SN_PERPIX'],
  exptimeS: ['EXPTIME', 'TEXPTIME', 'EXPOSURE'],
  telescope: ['TELESCOP', 'TELESCOPE'],
  instrument: ['INSTRUME'],
  resolvingPower: ['SPECRES', 'RESOLUTN', 'R', 'SPEC_R'],
  /** Heliocentric correction applied or reported, km/s. */
  heliocentricCorrectionKms: ['HELIO_RV'],
  /** A flag saying the heliocentric correction was applied. */
  heliocentricApplied: ['HELIO', 'HELIOCOR', 'HC', 'LHELIO', 'HELIO_AP'],
  /** Heliocentric radial velocity of the star, km/s. */
  vhelioKms: ['VHELIO'],
  /** Any radial velocity of the star, km/s, best first. */
  radialVelocityKms: ['VHELIO', 'VRAD', 'RVEL', 'VELOCITY', 'HELIOVEL'],
  /** E(B−V), mag: what de-reddening and the metadata table both read. */
  ebv: ['EBV', 'SFD_EBV', 'EBMV', 'E_BV'],
  /** A_V, mag (E(B−V) = A_V / 3.1 when no E(B−V) is given). */
  av: ['A_V'],
  maskFraction: ['MASKFRAC', 'FRAC_BAD', 'FRACMASK', 'FRAC_BADPIX'],
  qualityFlags: [
    'ANDMASK',
    'ORMASK',
    'BADMASK',
    'QUALFLAG',
    'DQ',
    'ANYANDMASK',
    'ANYORMASK',
    'ZWARNING',
    'STARFLAG',
  ],
  wavelengthFrame: ['VACUUM', 'AIRORVAC', 'WAVEFORM'],
  fluxUnit: ['BUNIT', 'FLUXUNIT'],
  run2d: ['RUN2D'],
  /** A data release named by the file itself (SDSS RUN2D and LAMOST DATA_V are mapped by their layouts). */
  dataRelease: ['DR', 'DATARELEASE', 'RELEASE'],
} as const;

/** A quantity named in HEADER_KEYWORDS. */
export type HeaderQuantity = keyof typeof HEADER_KEYWORDS;
