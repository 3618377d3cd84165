import type { OverviewRow } from './dataset-overview.js';
import type { LabelRow } from './label-catalog.js';
import type { ManifestRow } from './manifest-row.js';
import type { MetadataRow } from './metadata-row.js';
import type { PreprocessingRow } from './preprocessing-log.js';
import type { SplitRow } from './splits.js';
import type { TableSchema } from './table-schema.js';

/** The metadata table (Table B, then `sources`). */
export const METADATA_SCHEMA: TableSchema<MetadataRow> = [
  ['spec_id', 'string'],
  ['obj_id', 'string'],
  ['file_path', 'string'],
  ['plate', 'int'],
  ['mjd', 'int'],
  ['fiber', 'int'],
  ['instrument', 'string'],
  ['resolution_r', 'float'],
  ['exptime_s', 'float'],
  ['ra_deg', 'float'],
  ['dec_deg', 'float'],
  ['z_or_rv_kms', 'float'],
  ['heliocentric_corr_applied', 'bool'],
  ['sn_median', 'float'],
  ['sn_per_pixel', 'float'],
  ['ebv_sfd', 'float'],
  ['mask_frac_bad', 'float'],
  ['quality_flags', 'string'],
  ['wavelength_frame', 'string'],
  ['flux_unit', 'string'],
  ['data_release', 'string'],
  ['retrieval_date', 'date'],
  ['survey_wavelength_calibrated', 'bool'],
  ['survey_flux_calibrated', 'bool'],
  ['post_processing_steps', 'string'],
  ['calibration_references', 'string'],
  ['sources', 'string'],
];

/** The spectra manifest. */
export const MANIFEST_SCHEMA: TableSchema<ManifestRow> = [
  ['spec_id', 'string'],
  ['survey', 'string'],
  ['data_release', 'string'],
  ['source_path', 'string'],
  ['checksum', 'string'],
  ['wavelength_frame', 'string'],
  ['wavelength_grid', 'string'],
  ['crval1', 'float'],
  ['cd1_1', 'float'],
  ['coeff0', 'float'],
  ['coeff1', 'float'],
  ['flux_unit', 'string'],
  ['created_at', 'timestamp'],
  ['notes', 'string'],
];

/** The label table. */
export const LABEL_SCHEMA: TableSchema<LabelRow> = [
  ['spec_id', 'string'],
  ['class_mk', 'string'],
  ['teff_k', 'float'],
  ['logg_cgs', 'float'],
  ['fe_h_dex', 'float'],
  ['label_source', 'string'],
  ['label_quality', 'string'],
];

/** The preprocessing log (Table D). */
export const PREPROCESSING_SCHEMA: TableSchema<PreprocessingRow> = [
  ['spec_id', 'string'],
  ['step_order', 'int'],
  ['step_name', 'string'],
  ['params_json', 'string'],
  ['result_hash', 'string'],
  ['timestamp', 'timestamp'],
  ['warnings', 'string'],
];

/** The train/validation/test split manifests. */
export const SPLIT_SCHEMA: TableSchema<SplitRow> = [
  ['spec_id', 'string'],
  ['split', 'string'],
  ['seed', 'int'],
  ['leakage_group', 'string'],
  ['class_label', 'string'],
  ['sn_median', 'float'],
  ['wavelength_min_A', 'float'],
  ['wavelength_max_A', 'float'],
  ['data_release', 'string'],
];

/** Column names of a schema, in order. */
export function columnsOf<Row>(schema: TableSchema<Row>): Array<keyof Row & string> {
  return schema.map(([name]) => name);
}

export const METADATA_COLUMNS = columnsOf(METADATA_SCHEMA);
export const MANIFEST_COLUMNS = columnsOf(MANIFEST_SCHEMA);
export const LABEL_COLUMNS = columnsOf(LABEL_SCHEMA);

/** The dataset overview (the reference README's Table A). */
export const OVERVIEW_SCHEMA: TableSchema<OverviewRow> = [
  ['class_label', 'string'],
  ['count', 'int'],
  ['median_sn', 'float'],
  ['coverage_min_A', 'float'],
  ['coverage_max_A', 'float'],
  ['median_resolution_r', 'float'],
  ['releases', 'string'],
];
