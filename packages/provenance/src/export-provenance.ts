import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SpectraError } from '@spectra/fits';
import { type DatasetFile, findSpectra } from './dataset-files.js';
import { datasetOverview, type OverviewItem, type OverviewRow } from './dataset-overview.js';
import { LabelCatalogError, ProvenanceOptionError } from './errors.js';
import {
  type FileOutcome,
  type FileRecord,
  type FileRecordOptions,
  readFileRecord,
  type SpectrumHook,
} from './file-record.js';
import {
  type CatalogFields,
  type CatalogProblem,
  type LabelCatalog,
  type LabelRow,
  labelRows,
  parseLabelCatalog,
} from './label-catalog.js';
import type { ManifestOptions, ManifestRow } from './manifest-row.js';
import type { MetadataOptions, MetadataRow } from './metadata-row.js';
import type { PreprocessingRow } from './preprocessing-log.js';
import type { SpecIdOptions } from './spec-id.js';
import { leakageGroups, makeSplits, type SplitItem, type SplitRow } from './splits.js';
import {
  LABEL_SCHEMA,
  MANIFEST_SCHEMA,
  METADATA_SCHEMA,
  PREPROCESSING_SCHEMA,
  SPLIT_SCHEMA,
} from './table-columns.js';
import { type TableFormat, TableWriter, writeTable } from './table-writer.js';

/** Everything `spectra provenance` (and the pipeline) can ask for. Paths left out are not written. */
export interface ProvenanceExportOptions extends MetadataOptions, SpecIdOptions {
  metadataTable?: string;
  labelTable?: string;
  spectraManifest?: string;
  manifestFormat?: TableFormat;
  preprocLog?: string;
  preprocLogFormat?: TableFormat;
  /** Folder for train_split.csv, validation_split.csv and test_split.csv. */
  splitsDir?: string;
  splitSeed?: number;
  labelCatalog?: string;
  catalogFields?: CatalogFields;
  manifest?: ManifestOptions;
  /** A file that cannot be read stops the run instead of being reported and skipped. */
  strict?: boolean;
  onProgress?: (done: number, total: number) => void;
  /** Per-spectrum work run where each file is read (in this thread unless `mapFiles` says otherwise). */
  spectrumHook?: SpectrumHook;
  /** Called with every file read, in file order, in this thread (the hook's result is in `record.extra`). */
  onRecord?: (record: FileRecord) => void | Promise<void>;
  /**
   * Reads the files and yields their outcomes in file order; the default reads them one by one in this thread.
   * `@spectra/model` passes a worker-thread pool here.
   */
  mapFiles?: (files: DatasetFile[], options: FileRecordOptions) => AsyncIterable<FileOutcome>;
  /** Process the `index`-th (1-based) of `count` contiguous slices of the sorted file list; tables get `.part-I-of-N`. */
  shard?: { index: number; count: number };
}

/** What an export found and wrote. */
export interface ProvenanceSummary {
  files: number;
  read: number;
  failed: Array<{ path: string; code: string; message: string }>;
  classCounts: Record<string, number>;
  overview: OverviewRow[];
  unmatchedLabels: string[];
  catalogProblems: CatalogProblem[];
  /** One label row per spectrum read (catalogue or directory). */
  labels: LabelRow[];
  /** The seeded, group-disjoint split of every spectrum read (not made for a shard: splits need every file). */
  splits: SplitRow[];
  written: string[];
}

const BATCH = 500;

/**
 * Reads every spectrum under `root` (one folder per class) and writes the requested provenance tables in row
 * batches: metadata, manifest, preprocessing log (load_spectrum, continuum_normalise), labels and splits.
 * Unreadable files are reported and skipped unless `strict`. All files are written atomically.
 */
export async function exportProvenance(
  root: string,
  options: ProvenanceExportOptions = {},
): Promise<ProvenanceSummary> {
  const all = await findSpectra(root);
  if (all.length === 0)
    throw new SpectraError('SPECTRA_EMPTY_DATASET', `no FITS files under ${root}`, { file: root });
  const shard = options.shard;
  const files = shard ? shardSlice(all, shard) : all;
  const part = (path: string | undefined) => (path && shard ? partPath(path, shard) : path);
  const catalog = options.labelCatalog ? await loadCatalog(options) : undefined;
  const writers = {
    metadata: options.metadataTable
      ? new TableWriter<MetadataRow>(part(options.metadataTable)!, METADATA_SCHEMA)
      : undefined,
    manifest: options.spectraManifest
      ? new TableWriter<ManifestRow>(part(options.spectraManifest)!, MANIFEST_SCHEMA, options.manifestFormat)
      : undefined,
    preproc: options.preprocLog
      ? new TableWriter<PreprocessingRow>(
          part(options.preprocLog)!,
          PREPROCESSING_SCHEMA,
          options.preprocLogFormat,
        )
      : undefined,
  };
  const pending = {
    metadata: [] as MetadataRow[],
    manifest: [] as ManifestRow[],
    preproc: [] as PreprocessingRow[],
  };
  const summary: ProvenanceSummary = {
    files: files.length,
    read: 0,
    failed: [],
    classCounts: {},
    overview: [],
    unmatchedLabels: [],
    catalogProblems: catalog?.problems ?? [],
    labels: [],
    splits: [],
    written: [],
  };
  const spectra: Array<{
    specId: string;
    directoryLabel?: string;
    plate: number | null;
    mjd: number | null;
    fiber: number | null;
  }> = [];
  const overview: OverviewItem[] = [];
  const splitFields = new Map<string, Omit<SplitItem, 'group' | 'classLabel' | 'specId'>>();
  const flush = async (force: boolean) => {
    if (writers.metadata && (force || pending.metadata.length >= BATCH))
      await writers.metadata.write(pending.metadata.splice(0));
    if (writers.manifest && (force || pending.manifest.length >= BATCH))
      await writers.manifest.write(pending.manifest.splice(0));
    if (writers.preproc && (force || pending.preproc.length >= BATCH))
      await writers.preproc.write(pending.preproc.splice(0));
  };
  const recordOptions: FileRecordOptions = {
    ...pickRecordOptions(options),
    withManifest: !!writers.manifest,
    withLog: !!writers.preproc,
    ...(options.manifest?.createdAt && { clock: options.manifest.createdAt }),
  };
  const mapFiles = options.mapFiles ?? ((list, o) => readFilesInOrder(list, o, options.spectrumHook));
  try {
    let done = 0;
    options.onProgress?.(0, files.length);
    for await (const outcome of mapFiles(files, recordOptions)) {
      options.onProgress?.(++done, files.length);
      if (!outcome.ok) {
        if (options.strict) throw new SpectraError(outcome.code, outcome.message);
        summary.failed.push({ path: outcome.path, code: outcome.code, message: outcome.message });
        continue;
      }
      const record = outcome.record;
      const { specId, meta, classLabel } = record;
      if (writers.metadata) pending.metadata.push(meta);
      if (record.manifest) pending.manifest.push(record.manifest);
      pending.preproc.push(...record.logRows);
      await options.onRecord?.(record);
      const label = classLabel ?? record.headerClass ?? 'unknown';
      summary.classCounts[label] = (summary.classCounts[label] ?? 0) + 1;
      spectra.push({
        specId,
        ...(classLabel && { directoryLabel: classLabel }),
        plate: meta.plate,
        mjd: meta.mjd,
        fiber: meta.fiber,
      });
      const sn = meta.sn_median ?? meta.sn_per_pixel;
      overview.push({
        classLabel: label,
        snMedian: sn,
        wavelengthMinA: record.wavelengthMinA,
        wavelengthMaxA: record.wavelengthMaxA,
        resolution: meta.resolution_r,
        release: meta.data_release,
      });
      splitFields.set(specId, {
        snMedian: sn,
        wavelengthMinA: record.wavelengthMinA,
        wavelengthMaxA: record.wavelengthMaxA,
        dataRelease: meta.data_release,
      });
      summary.read++;
      await flush(false);
    }
    await flush(true);
    for (const writer of Object.values(writers)) {
      if (!writer) continue;
      await writer.close();
      summary.written.push(writer.path);
    }
  } catch (error) {
    for (const writer of Object.values(writers)) await writer?.abort();
    throw error;
  }
  const labels = labelRows(spectra, catalog);
  summary.labels = labels.rows;
  summary.unmatchedLabels = catalog ? labels.unmatched : [];
  if (options.labelTable) {
    await writeTable(part(options.labelTable)!, labels.rows, LABEL_SCHEMA);
    summary.written.push(part(options.labelTable)!);
  }
  const groups = leakageGroups(spectra);
  const items: SplitItem[] = labels.rows.map((row) => ({
    specId: row.spec_id,
    classLabel: (row.class_mk ?? 'unknown').slice(0, 1),
    group: groups.get(row.spec_id)!,
    ...splitFields.get(row.spec_id),
  }));
  const rows = shard ? [] : makeSplits(items, { seed: options.splitSeed ?? 42 });
  summary.splits = rows;
  if (options.splitsDir && !shard) {
    const { mkdir } = await import('node:fs/promises');
    await mkdir(options.splitsDir, { recursive: true });
    for (const split of ['train', 'validation', 'test'] as const) {
      const path = join(options.splitsDir, `${split}_split.csv`);
      await writeTable(
        path,
        rows.filter((r) => r.split === split),
        SPLIT_SCHEMA,
        'csv',
      );
      summary.written.push(path);
    }
  }
  summary.overview = datasetOverview(overview);
  return summary;
}

async function loadCatalog(options: ProvenanceExportOptions): Promise<LabelCatalog> {
  if (!options.catalogFields)
    throw new LabelCatalogError('a label catalogue needs --catalog-object-field', options.labelCatalog);
  let text: string;
  try {
    text = await readFile(options.labelCatalog!, 'utf8');
  } catch {
    throw new LabelCatalogError('cannot read the label catalogue', options.labelCatalog);
  }
  const source = options.labelCatalog!.split(/[\\/]/).pop() ?? 'catalogue';
  return parseLabelCatalog(text, options.catalogFields, { ...options, source, file: options.labelCatalog });
}

/** The default file mapper: one file after another in this thread. */
export async function* readFilesInOrder(
  files: DatasetFile[],
  options: FileRecordOptions,
  hook: SpectrumHook | undefined,
): AsyncIterable<FileOutcome> {
  for (const file of files) yield await readFileRecord(file, options, hook);
}

/** The plain per-file options (those that can cross to a worker thread). */
export function pickRecordOptions(
  options: ProvenanceExportOptions,
): Omit<FileRecordOptions, 'withManifest' | 'withLog'> {
  return {
    ...(options.stripPrefix !== undefined && { stripPrefix: options.stripPrefix }),
    ...(options.stripSuffix !== undefined && { stripSuffix: options.stripSuffix }),
    ...(options.dataRelease !== undefined && { dataRelease: options.dataRelease }),
    ...(options.retrievalDate !== undefined && { retrievalDate: options.retrievalDate }),
    ...(options.surveyWavelengthCalibrated !== undefined && {
      surveyWavelengthCalibrated: options.surveyWavelengthCalibrated,
    }),
    ...(options.surveyFluxCalibrated !== undefined && { surveyFluxCalibrated: options.surveyFluxCalibrated }),
    ...(options.postProcessingSteps !== undefined && { postProcessingSteps: options.postProcessingSteps }),
    ...(options.calibrationReferences !== undefined && {
      calibrationReferences: options.calibrationReferences,
    }),
    ...(options.manifest !== undefined && { manifest: options.manifest }),
  };
}

/** The `index`-th (1-based) of `count` contiguous slices of a sorted list: the same files for the same inputs. */
export function shardSlice<T>(items: readonly T[], shard: { index: number; count: number }): T[] {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count)
    throw new ProvenanceOptionError(`--shard ${index}/${count}: need 1 ≤ I ≤ N`);
  return items.slice(
    Math.floor(((index - 1) * items.length) / count),
    Math.floor((index * items.length) / count),
  );
}

/** `out/meta.parquet` → `out/meta.part-2-of-3.parquet`. */
export function partPath(path: string, shard: { index: number; count: number }): string {
  const match = /^(.*?)(\.[^./\\]+)?$/.exec(path)!;
  return `${match[1]}.part-${shard.index}-of-${shard.count}${match[2] ?? ''}`;
}
