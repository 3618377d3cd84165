import { defaultRecipe, type PreprocessChoices } from '@spectra/model';
import type { EventSink } from './events.js';
import { type DatasetOptions, type DatasetReport, prepareDataset } from './prepare-dataset.js';

/** Options of exportTables. */
export interface ExportTablesOptions extends DatasetOptions {
  /** Folder with one sub-folder of FITS files per class. */
  root: string;
  /** The preprocessing the log records (the same steps train and runPipeline apply). @default defaultRecipe().preprocess */
  preprocess?: PreprocessChoices;
}

/**
 * `spectra provenance`: one pass over a dataset writing the metadata, manifest, label, preprocessing-log and split
 * tables asked for. The log records the same preprocessing steps as a training run; no samples are kept.
 */
export async function exportTables(
  options: ExportTablesOptions,
  handlers: { onEvent?: EventSink } = {},
): Promise<DatasetReport> {
  const { report } = await prepareDataset(options.root, {
    ...options,
    preprocess: options.preprocLog ? (options.preprocess ?? defaultRecipe().preprocess) : null,
    keepSamples: false,
    ...(handlers.onEvent && { onEvent: handlers.onEvent }),
  });
  return report;
}
