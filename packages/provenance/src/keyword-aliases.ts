/**
 * FITS keywords each metadata column is read from, in order of preference (the reference README's Table B).
 * The first alias found — primary header, then the spectrum's own HDU, then the SPALL/SPECOBJ row — wins, and the
 * table records which one it was.
 */
export const METADATA_ALIASES = {
  obj_id: ['OBJID', 'APOGEE_ID', 'MANGAID', 'TARGETID', 'OBJECT', 'OBJNAME'],
  plate: ['PLATE', 'PLATEID'],
  mjd: ['MJD'],
  fiber: ['FIBERID', 'FIBER'],
  instrument: ['INSTRUME', 'TELESCOP'],
  resolution_r: ['SPECRES', 'RESOLUTN', 'R', 'SPEC_R'],
  exptime_s: ['EXPTIME', 'TEXPTIME', 'EXPOSURE'],
  ra_deg: ['RA', 'RAOBJ', 'PLUG_RA'],
  dec_deg: ['DEC', 'DECOBJ', 'PLUG_DEC'],
  rv_kms: ['VHELIO', 'VRAD', 'RVEL', 'VELOCITY', 'HELIOVEL'],
  z: ['Z'],
  heliocentric: ['HELIO', 'HELIOCOR', 'HC', 'LHELIO', 'HELIO_AP'],
  heliocentric_correction_kms: ['HELIO_RV'],
  sn_median: ['SN_MEDIAN_ALL', 'SN_MEDIAN', 'SNR_MEDIAN', 'SNR'],
  sn_per_pixel: ['SNR_PER_PIXEL', 'SN_PERPIX'],
  ebv_sfd: ['EBV', 'SFD_EBV', 'EBMV', 'E_BV'],
  a_v: ['A_V'],
  mask_frac_bad: ['MASKFRAC', 'FRAC_BAD', 'FRACMASK', 'FRAC_BADPIX'],
  quality_flags: [
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
  wavelength_frame: ['VACUUM', 'AIRORVAC', 'WAVEFORM'],
  flux_unit: ['BUNIT', 'FLUXUNIT'],
  data_release: ['DR', 'RUN2D'],
} as const;

export type AliasGroup = keyof typeof METADATA_ALIASES;
