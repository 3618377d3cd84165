import type { LabelRow } from './label-catalog.js';
import type { ManifestRow } from './manifest-row.js';
import type { MetadataRow } from './metadata-row.js';

/** Column order of the metadata table (Table B, then `sources`). */
export const METADATA_COLUMNS: ReadonlyArray<keyof MetadataRow> = [
  'spec_id',
  'obj_id',
  'file_path',
  'plate',
  'mjd',
  'fiber',
  'instrument',
  'resolution_r',
  'exptime_s',
  'ra_deg',
  'dec_deg',
  'z_or_rv_kms',
  'heliocentric_corr_applied',
  'sn_median',
  'sn_per_pixel',
  'ebv_sfd',
  'mask_frac_bad',
  'quality_flags',
  'wavelength_frame',
  'flux_unit',
  'data_release',
  'retrieval_date',
  'survey_wavelength_calibrated',
  'survey_flux_calibrated',
  'post_processing_steps',
  'calibration_references',
  'sources',
];

/** Column order of the spectra manifest. */
export const MANIFEST_COLUMNS: ReadonlyArray<keyof ManifestRow> = [
  'spec_id',
  'survey',
  'data_release',
  'source_path',
  'checksum',
  'wavelength_frame',
  'wavelength_grid',
  'crval1',
  'cd1_1',
  'coeff0',
  'coeff1',
  'flux_unit',
  'created_at',
  'notes',
];

/** Column order of the label table. */
export const LABEL_COLUMNS: ReadonlyArray<keyof LabelRow> = [
  'spec_id',
  'class_mk',
  'teff_k',
  'logg_cgs',
  'fe_h_dex',
  'label_source',
  'label_quality',
];
