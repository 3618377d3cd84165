import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFits, SpectraError, type Spectrum, spectrumFromFits } from '@spectra/fits';
import { fitContinuum } from '@spectra/lines';
import { findSpectra } from './dataset-files.js';
import { datasetOverview, type OverviewItem, type OverviewRow } from './dataset-overview.js';
import { LabelCatalogError } from './errors.js';
import {
  type CatalogFields,
  type CatalogProblem,
  type LabelCatalog,
  type LabelRow,
  labelRows,
  parseLabelCatalog,
} from './label-catalog.js';
import { type ManifestOptions, type ManifestRow, manifestRow, sha256File } from './manifest-row.js';
import { type MetadataOptions, type MetadataRow, metadataRow } from './metadata-row.js';
import { PreprocessingLog } from './preprocessing-log.js';
import { type SpecIdOptions, specIdFromPath } from './spec-id.js';
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
  /**
   * Called with every spectrum read, in file order, while it is in memory (the pipeline preprocesses it for the
   * model here, so each file is read once). `log` is the preprocessing log when one was requested; a hook that
   * records steps there replaces the default continuum step.
   */
  onSpectrum?: (item: {
    specId: string;
    path: string;
    spectrum: Spectrum;
    meta: MetadataRow;
    log?: PreprocessingLog;
  }) => void | Promise<void>;
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
  /** The seeded, group-disjoint split of every spectrum read. */
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
  const files = await findSpectra(root);
  if (files.length === 0)
    throw new SpectraError('SPECTRA_EMPTY_DATASET', `no FITS files under ${root}`, { file: root });
  const catalog = options.labelCatalog ? await loadCatalog(options) : undefined;
  const clock = options.manifest?.createdAt ? () => options.manifest!.createdAt! : undefined;
  const writers = {
    metadata: options.metadataTable
      ? new TableWriter<MetadataRow>(options.metadataTable, METADATA_SCHEMA)
      : undefined,
    manifest: options.spectraManifest
      ? new TableWriter<ManifestRow>(options.spectraManifest, MANIFEST_SCHEMA, options.manifestFormat)
      : undefined,
    preproc: options.preprocLog
      ? new TableWriter(options.preprocLog, PREPROCESSING_SCHEMA, options.preprocLogFormat)
      : undefined,
  };
  const log = new PreprocessingLog({ clock });
  const pending = { metadata: [] as MetadataRow[], manifest: [] as ManifestRow[] };
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
    if (writers.preproc && (force || log.rows().length >= BATCH)) await writers.preproc.write(log.drain());
  };
  try {
    for (const [k, { path, classLabel }] of files.entries()) {
      options.onProgress?.(k, files.length);
      let spectrum: ReturnType<typeof spectrumFromFits>;
      let file: Awaited<ReturnType<typeof readFits>>;
      try {
        file = await readFits(path);
        spectrum = spectrumFromFits(file);
      } catch (error) {
        if (!(error instanceof SpectraError)) throw error;
        if (options.strict) throw error;
        summary.failed.push({ path, code: error.code, message: error.message });
        continue;
      }
      const specId = specIdFromPath(path, options);
      const meta = metadataRow(file, spectrum, specId, options);
      if (writers.metadata) pending.metadata.push(meta);
      if (writers.manifest)
        pending.manifest.push(
          manifestRow(spectrum, specId, path, await sha256File(path), {
            ...options.manifest,
            dataRelease: options.dataRelease ?? options.manifest?.dataRelease,
          }),
        );
      if (writers.preproc)
        log.record(
          specId,
          'load_spectrum',
          { path, format: spectrum.format, pixels: spectrum.flux.length },
          spectrum.flux,
        );
      if (options.onSpectrum) {
        await options.onSpectrum({ specId, path, spectrum, meta, ...(writers.preproc && { log }) });
      } else if (writers.preproc) {
        // The continuum fit costs more than the rest of a file's provenance: only for a requested log.
        const fit = fitContinuum(spectrum);
        log.record(
          specId,
          'continuum_normalise',
          { method: fit.method, knotSpacingDex: 0.02, iterations: fit.iterations },
          fit.normalized,
        );
      }
      const label = classLabel ?? spectrum.meta.className ?? 'unknown';
      summary.classCounts[label] = (summary.classCounts[label] ?? 0) + 1;
      spectra.push({
        specId,
        ...(classLabel && { directoryLabel: classLabel }),
        plate: meta.plate,
        mjd: meta.mjd,
        fiber: meta.fiber,
      });
      const lambdaMin = spectrum.wavelength[0];
      const lambdaMax = spectrum.wavelength[spectrum.wavelength.length - 1];
      const sn = meta.sn_median ?? meta.sn_per_pixel;
      overview.push({
        classLabel: label,
        snMedian: sn,
        wavelengthMinA: lambdaMin,
        wavelengthMaxA: lambdaMax,
        resolution: meta.resolution_r,
        release: meta.data_release,
      });
      splitFields.set(specId, {
        snMedian: sn,
        wavelengthMinA: lambdaMin,
        wavelengthMaxA: lambdaMax,
        dataRelease: meta.data_release,
      });
      summary.read++;
      await flush(false);
    }
    options.onProgress?.(files.length, files.length);
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
    await writeTable(options.labelTable, labels.rows, LABEL_SCHEMA);
    summary.written.push(options.labelTable);
  }
  const groups = leakageGroups(spectra);
  const items: SplitItem[] = labels.rows.map((row) => ({
    specId: row.spec_id,
    classLabel: (row.class_mk ?? 'unknown').slice(0, 1),
    group: groups.get(row.spec_id)!,
    ...splitFields.get(row.spec_id),
  }));
  const rows = makeSplits(items, { seed: options.splitSeed ?? 42 });
  summary.splits = rows;
  if (options.splitsDir) {
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
