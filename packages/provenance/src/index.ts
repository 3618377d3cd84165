export type { OverviewItem, OverviewRow } from './dataset-overview.js';
export { datasetOverview } from './dataset-overview.js';
export { LabelCatalogError, ProvenanceOptionError } from './errors.js';
export type {
  CatalogEntry,
  CatalogFields,
  CatalogProblem,
  CatalogProblemCode,
  LabelCatalog,
  LabelRow,
} from './label-catalog.js';
export { labelRows, loadLabelCatalog, parseLabelCatalog } from './label-catalog.js';
export type { ManifestOptions, ManifestRow } from './manifest-row.js';
export { manifestRow, sha256File } from './manifest-row.js';
export type { MergeResult } from './merge-parts.js';
export { mergeParts } from './merge-parts.js';
export type { MetadataOptions, MetadataRow } from './metadata-row.js';
export { metadataRow, validateIsoDate } from './metadata-row.js';
export type { ShardLayout } from './part-path.js';
export { hivePath, partPath, shardPath } from './part-path.js';
export type { PreprocessingLogOptions, PreprocessingRow } from './preprocessing-log.js';
export { hashArray, PreprocessingLog } from './preprocessing-log.js';
export type { SpecIdOptions } from './spec-id.js';
export { normalizeId, specIdFromPath } from './spec-id.js';
export type { SplitItem, SplitOptions, SplitRow } from './splits.js';
export { leakageGroups, makeSplits } from './splits.js';
export {
  columnsOf,
  LABEL_COLUMNS,
  LABEL_SCHEMA,
  MANIFEST_COLUMNS,
  MANIFEST_SCHEMA,
  METADATA_COLUMNS,
  METADATA_SCHEMA,
  OVERVIEW_SCHEMA,
  PREPROCESSING_SCHEMA,
  SPLIT_SCHEMA,
} from './table-columns.js';
export type { ColumnType, TableSchema } from './table-schema.js';
export { arrowSchema } from './table-schema.js';
export type { TableFormat } from './table-writer.js';
export { formatFromPath, TABLE_BATCH_ROWS, TableWriter, writeTable } from './table-writer.js';
