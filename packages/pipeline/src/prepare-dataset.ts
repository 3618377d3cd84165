import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { classOfLabel, orderClasses, parseSpectralType, SpectraError } from '@spectra/core';
import {
  createDataset,
  type Dataset,
  type DatasetSample,
  type PreprocessChoices,
  TRAINING_DEFAULTS,
} from '@spectra/model';
import {
  type CatalogFields,
  type CatalogProblem,
  datasetOverview,
  LABEL_SCHEMA,
  type LabelCatalog,
  type LabelRow,
  labelRows,
  leakageGroups,
  loadLabelCatalog,
  MANIFEST_SCHEMA,
  type ManifestOptions,
  type ManifestRow,
  METADATA_SCHEMA,
  type MetadataOptions,
  type MetadataRow,
  makeSplits,
  type OverviewItem,
  type OverviewRow,
  PREPROCESSING_SCHEMA,
  type PreprocessingRow,
  type ShardLayout,
  SPLIT_SCHEMA,
  type SplitRow,
  shardPath,
  type TableFormat,
  TableWriter,
  writeTable,
} from '@spectra/provenance';
import { PIPELINE_DEFAULTS } from './defaults.js';
import type { EventSink, FailedFile, PipelineIssue } from './events.js';
import { readDataset, type Shard } from './read-dataset.js';
import type { SpectrumRecord } from './read-record.js';
import { type SampleStores, sampleStores } from './sample-stores.js';
import { SummarySpill } from './summary-spill.js';

/** The spectra a run reads and the tables it writes while reading (the reference README's flags). */
export interface DatasetOptions extends MetadataOptions {
  /** Metadata table (Table B), `.parquet` or `.csv`. @default not written */
  metadataTable?: string;
  /** Label table. @default not written */
  labelTable?: string;
  /** Spectra manifest. @default not written */
  spectraManifest?: string;
  /** @default from the manifest's extension */
  manifestFormat?: TableFormat;
  /** Preprocessing log (Table D). @default not written */
  preprocLog?: string;
  /** @default from the log's extension */
  preprocLogFormat?: TableFormat;
  /** Folder for train_split.csv, validation_split.csv and test_split.csv. @default not written */
  splitsDir?: string;
  /** Seed of the group-disjoint splits. @default TRAINING_DEFAULTS.seed (42) */
  splitSeed?: number;
  /** Label catalogue CSV; spectra it does not list keep their folder's label. @default folders only */
  labelCatalog?: string;
  /** Which catalogue columns hold what (required with `labelCatalog`). */
  catalogFields?: CatalogFields;
  /** Removed from file stems and catalogue ids, each that matches. @default none */
  stripPrefix?: string | string[];
  /** Removed from the end of file stems and catalogue ids, each that matches. @default none */
  stripSuffix?: string | string[];
  /** Survey, notes and a fixed timestamp for the manifest (the timestamp also stamps the log). */
  manifest?: ManifestOptions;
  /**
   * A file that cannot be read, or a malformed row of the label catalogue, stops the run (SpectraError) instead of
   * being reported and skipped. @default false
   */
  strict?: boolean;
  /** Read only the I-th of N slices of the sorted files; tables get `.part-I-of-N`; no splits. @default all */
  shard?: Shard;
  /**
   * How a shard names its tables: `parts` (NAME.part-I-of-N.EXT, joined by `spectra merge`) or `hive`
   * (NAME/shard=000I/part-0.EXT, a dataset directory the big-data tools read in place). @default 'parts'
   */
  shardLayout?: ShardLayout;
  /**
   * Worker threads that read and preprocess, and that train data-parallel; 1 does everything in this thread.
   * @default PIPELINE_DEFAULTS.workers (the cores)
   */
  workers?: number;
}

/** Options of prepareDataset. */
export interface PrepareOptions extends DatasetOptions {
  /**
   * The model's preprocessing: every spectrum becomes a network input in a sample store, and the log records these
   * steps. Null: tables only. @default null
   */
  preprocess?: PreprocessChoices | null;
  /**
   * Keep every network input in a sample store for training. False with `preprocess` set: compute (and log) the
   * preprocessing but keep nothing (tables only). @default true
   */
  keepSamples?: boolean;
  /**
   * Folder of the pass's scratch files: the network inputs (bounded memory; without this folder they stay in memory)
   * and the per-spectrum summaries kept on disk while reading. @default inputs in memory, summaries in the system
   * temp folder
   */
  scratchDir?: string;
  onEvent?: EventSink;
}

/** What reading a dataset found: the counts behind Table A, labels, splits, problems, files written. */
export interface DatasetReport {
  root: string;
  /** Files in the pass (after sharding). */
  files: number;
  read: number;
  failed: FailedFile[];
  /** The classes found in the labels, in display order (MK letters first, then other names whole). */
  classes: string[];
  /** Spectra per class as trained on (unlabelled spectra under `unlabelled`). */
  classCounts: Record<string, number>;
  /** Table A, by the labels trained on. */
  overview: OverviewRow[];
  labels: LabelRow[];
  /** The seeded group-disjoint split of every spectrum read (empty for a shard). */
  splits: SplitRow[];
  /** Labelled spectra per class in each split. */
  splitCounts: Record<'train' | 'validation' | 'test', Record<string, number>>;
  catalog: { source: string; problems: CatalogProblem[]; unmatched: string[] } | null;
  /** Spectra read but left out of training, with the reason. */
  excluded: Array<{ specId: string; reason: string }>;
  written: string[];
  issues: PipelineIssue[];
}

/** A dataset read: its samples and stores (null without `preprocess`), the report, and its store factory. */
export interface PreparedDataset {
  dataset: Dataset | null;
  report: DatasetReport;
  /** Makes further stores beside the dataset's (e.g. ablation variants); disposed with the dataset. */
  stores: SampleStores | null;
}

/** Below this many spectra, training is warned about (the reference README's advice). */
export const RECOMMENDED_SPECTRA = 5000;

const UNLABELLED = 'unlabelled';

/**
 * Reads every spectrum under `root` once (readDataset), writing the tables asked for on the way, labels each from
 * the catalogue (its folder otherwise), splits them by leakage group and — with `preprocess` — stores each one's
 * network input. Returns the dataset (null without `preprocess`) and the report; the caller closes the dataset.
 */
export async function prepareDataset(root: string, options: PrepareOptions = {}): Promise<PreparedDataset> {
  const emit = options.onEvent ?? (() => {});
  const shard = options.shard;
  const part = (path: string | undefined) =>
    path && shard ? shardPath(path, shard, options.shardLayout) : path;
  const catalog = options.labelCatalog ? await catalogOf(options) : undefined;
  const sinks = {
    metadata: options.metadataTable
      ? new TableWriter<MetadataRow>(part(options.metadataTable)!, METADATA_SCHEMA)
      : undefined,
    manifest: options.spectraManifest
      ? new TableWriter<ManifestRow>(part(options.spectraManifest)!, MANIFEST_SCHEMA, options.manifestFormat)
      : undefined,
    log: options.preprocLog
      ? new TableWriter<PreprocessingRow>(
          part(options.preprocLog)!,
          PREPROCESSING_SCHEMA,
          options.preprocLogFormat,
        )
      : undefined,
  };
  const preprocess = options.preprocess ?? null;
  const stores = preprocess && options.keepSamples !== false ? sampleStores(options.scratchDir) : undefined;
  const store = stores && preprocess ? stores.create('default', preprocess) : undefined;
  const report: DatasetReport = {
    root,
    files: 0,
    read: 0,
    failed: [],
    classes: [],
    classCounts: {},
    overview: [],
    labels: [],
    splits: [],
    splitCounts: { train: {}, validation: {}, test: {} },
    catalog: null,
    excluded: [],
    written: [],
    issues: [],
  };
  // What labels, splits, the overview and the samples need of each spectrum, and nothing more (its rows went to
  // the writers, its input to the store), kept on disk while the reading threads run and read back after them.
  let spill: SummarySpill<ReadSpectrum> | undefined;
  let read: ReadSpectrum[];
  try {
    spill = new SummarySpill<ReadSpectrum>(options.scratchDir);
    const records = readDataset(root, {
      ...recordOptionsOf(options),
      withManifest: !!sinks.manifest,
      withLog: !!sinks.log,
      variants: preprocess ? { default: preprocess } : {},
      ...(shard && { shard }),
      workers: options.workers ?? PIPELINE_DEFAULTS.workers,
    });
    for await (const outcome of records) {
      report.files = outcome.total;
      emit({ type: 'progress', stage: 'read', done: outcome.index + 1, total: outcome.total });
      if (!outcome.ok) {
        if (options.strict) throw new SpectraError(outcome.code, outcome.message, { file: outcome.path });
        const file = { path: outcome.path, code: outcome.code, message: outcome.message };
        report.failed.push(file);
        report.issues.push({ kind: 'failed-file', message: `skipped ${file.path}: ${file.message}`, file });
        continue;
      }
      const { record } = outcome;
      await sinks.metadata?.add(record.meta);
      if (record.manifest) await sinks.manifest?.add(record.manifest);
      for (const row of record.logRows) await sinks.log?.add(row);
      if (store) store.append(record.inputs.default);
      spill.append(readSpectrumOf(record));
      report.read++;
    }
    for (const sink of Object.values(sinks)) {
      if (!sink) continue;
      await sink.close();
      report.written.push(sink.path);
    }
    read = spill.readAll();
  } catch (error) {
    for (const sink of Object.values(sinks)) await sink?.abort();
    store?.close();
    stores?.dispose();
    throw error;
  } finally {
    spill?.dispose();
  }

  const spectra = read.map((record) => ({
    specId: record.specId,
    ...(record.folder && { directoryLabel: record.folder }),
  }));
  const labels = labelRows(spectra, catalog);
  report.labels = labels.rows;
  if (catalog) {
    report.catalog = { source: catalog.source, problems: catalog.problems, unmatched: labels.unmatched };
    if (options.strict && catalog.problems.length) {
      const first = catalog.problems[0];
      throw new SpectraError(
        'SPECTRA_CATALOG',
        `label catalogue line ${first.line}: ${first.message} [${first.code}] (${catalog.problems.length} malformed rows; --strict)`,
        { file: options.labelCatalog },
      );
    }
    for (const problem of catalog.problems)
      report.issues.push({
        kind: 'catalog-problem',
        line: problem.line,
        code: problem.code,
        message: `label catalogue line ${problem.line}: ${problem.message} [${problem.code}]`,
      });
    if (labels.unmatched.length)
      report.issues.push({
        kind: 'catalog-fallback',
        specIds: labels.unmatched,
        message: `${labels.unmatched.length} spectra have no catalogue label and keep their directory label: ${labels.unmatched.slice(0, 10).join(', ')}${labels.unmatched.length > 10 ? ', ...' : ''}`,
      });
  }
  const classOf = labels.rows.map((row) => classOfLabel(row.class_mk));
  for (const [i, className] of classOf.entries()) {
    const key = className ?? UNLABELLED;
    report.classCounts[key] = (report.classCounts[key] ?? 0) + 1;
    if (className === null) report.excluded.push({ specId: labels.rows[i].spec_id, reason: 'no label' });
  }
  report.classes = orderClasses(classOf.filter((c): c is string => c !== null));
  if (report.excluded.length)
    report.issues.push({
      kind: 'excluded',
      spectra: report.excluded,
      message: `${report.excluded.length} spectra left out of training (${report.excluded
        .slice(0, 3)
        .map((e) => `${e.specId}: ${e.reason}`)
        .join('; ')}${report.excluded.length > 3 ? '; ...' : ''})`,
    });
  if (report.read < RECOMMENDED_SPECTRA)
    report.issues.push({
      kind: 'few-spectra',
      count: report.read,
      recommended: RECOMMENDED_SPECTRA,
      message: `${report.read} spectra; at least ~5,000 are recommended for training, balanced across classes`,
    });

  const overview: OverviewItem[] = read.map((record, i) => ({
    classLabel: classOf[i] ?? UNLABELLED,
    snMedian: record.snr,
    wavelengthMinA: record.wavelengthMinA,
    wavelengthMaxA: record.wavelengthMaxA,
    resolution: record.resolution,
    release: record.release,
  }));
  report.overview = datasetOverview(overview);

  if (options.labelTable) {
    const path = part(options.labelTable)!;
    await writeTable(path, labels.rows, LABEL_SCHEMA);
    report.written.push(path);
  }
  if (!shard) {
    const groups = leakageGroups(read.map((record) => ({ specId: record.specId, ...record.identity })));
    report.splits = makeSplits(
      read.map((record, i) => ({
        specId: record.specId,
        classLabel: classOf[i] ?? UNLABELLED,
        group: groups.get(record.specId)!,
        snMedian: record.snr,
        wavelengthMinA: record.wavelengthMinA,
        wavelengthMaxA: record.wavelengthMaxA,
        dataRelease: record.release,
      })),
      { seed: options.splitSeed ?? TRAINING_DEFAULTS.seed },
    );
    for (const row of report.splits)
      if (row.class_label !== UNLABELLED)
        report.splitCounts[row.split][row.class_label] =
          (report.splitCounts[row.split][row.class_label] ?? 0) + 1;
    if (options.splitsDir) {
      await mkdir(options.splitsDir, { recursive: true });
      for (const split of ['train', 'validation', 'test'] as const) {
        const path = join(options.splitsDir, `${split}_split.csv`);
        await writeTable(
          path,
          report.splits.filter((r) => r.split === split),
          SPLIT_SCHEMA,
          'csv',
        );
        report.written.push(path);
      }
    }
  }
  for (const issue of report.issues) emit({ type: 'issue', issue });
  emit({ type: 'dataset', report });
  if (!store || !preprocess || !stores) return { dataset: null, report, stores: null };

  const splitOf = new Map(report.splits.map((row) => [row.spec_id, row.split]));
  const samples: DatasetSample[] = read.map((record, row) => ({
    specId: record.specId,
    path: record.path,
    className: classOf[row],
    subtype: parseSpectralType(labels.rows[row].class_mk)?.subtype ?? null,
    snr: record.snr,
    coverage: record.coverage ?? 0,
    release: record.release,
    split: splitOf.get(record.specId) ?? 'train',
    row,
  }));
  const dataset = createDataset({
    classNames: report.classes,
    samples,
    store,
    choices: preprocess,
    onClose: () => stores.dispose(),
  });
  return { dataset, report, stores };
}

/** The per-file options of a dataset pass (those that cross to worker threads). */
export function recordOptionsOf(options: DatasetOptions) {
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
    ...(options.manifest?.createdAt && { clock: options.manifest.createdAt }),
  };
}

async function catalogOf(options: DatasetOptions): Promise<LabelCatalog> {
  if (!options.catalogFields)
    throw new SpectraError('SPECTRA_CATALOG_FIELD', 'a label catalogue needs --catalog-object-field', {
      file: options.labelCatalog,
    });
  return loadLabelCatalog(options.labelCatalog!, options.catalogFields, {
    ...(options.stripPrefix !== undefined && { stripPrefix: options.stripPrefix }),
    ...(options.stripSuffix !== undefined && { stripSuffix: options.stripSuffix }),
  });
}

/** What the passes after reading need of one spectrum read. */
interface ReadSpectrum {
  specId: string;
  path: string;
  folder: string | null;
  snr: number | null;
  wavelengthMinA: number;
  wavelengthMaxA: number;
  resolution: number | null;
  release: string | null;
  coverage: number | null;
  /** What leakage groups are made of (plate-MJD-fiber, object id, position). */
  identity: Omit<Parameters<typeof leakageGroups>[0][number], 'specId'>;
}

function readSpectrumOf(record: SpectrumRecord): ReadSpectrum {
  const { meta } = record;
  return {
    specId: record.specId,
    path: record.path,
    folder: record.folder,
    snr: meta.sn_median ?? meta.sn_per_pixel,
    wavelengthMinA: record.wavelengthMinA,
    wavelengthMaxA: record.wavelengthMaxA,
    resolution: meta.resolution_r,
    release: meta.data_release,
    coverage: record.coverage,
    identity: {
      plate: meta.plate,
      mjd: meta.mjd,
      fiber: meta.fiber,
      objectId: meta.obj_id,
      raDeg: meta.ra_deg,
      decDeg: meta.dec_deg,
    },
  };
}
