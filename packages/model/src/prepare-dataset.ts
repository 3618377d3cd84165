import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SpectraError } from '@spectra/fits';
import {
  type DatasetFile,
  exportProvenance,
  type FileOutcome,
  type FileRecordOptions,
  type ProvenanceExportOptions,
  type ProvenanceSummary,
  readFilesInOrder,
  type SpectrumHook,
} from '@spectra/provenance';
import type { PreprocessChoices } from './model-folder.js';
import { modelInput } from './model-input.js';
import { FileSampleStore, MemorySampleStore, type SampleStore } from './sample-store.js';
import type { LabelledSet } from './train-model.js';
import { mapInWorkers, workerScript } from './worker-pool.js';

/** The MK letters in temperature order; class names are the letters present, in this order. */
export const MK_LETTERS = ['O', 'B', 'A', 'F', 'G', 'K', 'M'] as const;

export type Split = 'train' | 'validation' | 'test';

/** One spectrum of a prepared dataset. */
export interface DatasetSample {
  specId: string;
  path: string;
  /** MK letter from the catalogue (or the directory when the catalogue has no row); null when it is not O–M. */
  className: string | null;
  /** Subtype on the O0 = 0 ... M9 = 69 scale when the label gives one. */
  subtype: number | null;
  snr: number | null;
  coverage: number;
  release: string | null;
  split: Split;
  /** Row of this spectrum in every sample store. */
  row: number;
}

/** Options for prepareDataset. */
export interface PrepareOptions {
  /** Tables to write while reading, catalogue, strictness, progress (see @spectra/provenance). */
  provenance?: ProvenanceExportOptions;
  preprocess: PreprocessChoices;
  /** Keep samples in scratch files under this folder instead of memory (large datasets). */
  scratchDir?: string;
  /** Read and preprocess in this many worker threads (1 = this thread). Default 1. */
  workers?: number;
}

/** What the per-file hook hands back: one input row per preprocessing variant and the grid coverage. */
interface PreprocessedRows {
  rows: Record<string, Float32Array>;
  coverage: number;
}

/** The per-spectrum work of prepareDataset, run where each file is read (this thread or a worker). */
export function preprocessHook(choices: Record<string, PreprocessChoices>): SpectrumHook {
  return (spectrum, specId, log): PreprocessedRows => {
    const rows: Record<string, Float32Array> = {};
    let coverage = 0;
    for (const [name, c] of Object.entries(choices)) {
      const input = modelInput(spectrum, c, name === 'default' && log ? { log, specId } : undefined);
      rows[name] = input.row;
      if (name === 'default') coverage = input.coverage;
    }
    return { rows, coverage };
  };
}

/** A dataset read, labelled, split and preprocessed. */
export interface PreparedDataset {
  classNames: string[];
  samples: DatasetSample[];
  /** `default` plus one store per variant. */
  stores: Record<string, SampleStore>;
  choices: Record<string, PreprocessChoices>;
  provenance: ProvenanceSummary;
  /** Spectra read but left out of training, with the reason. */
  excluded: Array<{ specId: string; reason: string }>;
  /** Spectra per class in each split. */
  splitCounts: Record<Split, Record<string, number>>;
  /**
   * Preprocesses `samples` again with other choices (ablation variants), each variant into a store of its own,
   * reading each file once for all of them in `workers` threads. Only these samples then exist in those variants.
   */
  addVariants(
    variants: Record<string, PreprocessChoices>,
    samples: readonly DatasetSample[],
    workers?: number,
  ): Promise<void>;
  /** The store row of a sample in a variant, or undefined when the variant does not hold it. */
  rowOf(sample: DatasetSample, variant?: string): number | undefined;
  /** A split as a labelled set, optionally narrowed by a filter (e.g. one data release). */
  set(
    split: Split,
    variant?: string,
    filter?: (sample: DatasetSample) => boolean,
  ): LabelledSet & { samples: DatasetSample[] };
  close(): void;
}

/** "G2V" → 42, "B9.5III" → 19.5; null without a digit. */
export function subtypeNumber(label: string | null): number | null {
  const match = /^([OBAFGKM])(\d+(?:\.\d+)?)?/.exec(label?.trim().toUpperCase() ?? '');
  if (!match?.[2]) return null;
  return 10 * MK_LETTERS.indexOf(match[1] as (typeof MK_LETTERS)[number]) + Number(match[2]);
}

/**
 * Reads every spectrum under `root` once (one folder per class), writing the requested provenance tables on the
 * way, and preprocesses each onto the model's grid (and each ablation variant's) into sample stores. Labels come
 * from the catalogue when given (the directory otherwise); splits are the seeded group-disjoint ones of
 * @spectra/provenance. Files that cannot be read are reported in `provenance.failed` and skipped unless strict.
 */
export async function prepareDataset(root: string, options: PrepareOptions): Promise<PreparedDataset> {
  const choices: Record<string, PreprocessChoices> = { default: options.preprocess };
  const scratch = options.scratchDir ? mkdtempSync(join(options.scratchDir, 'spectra-samples-')) : undefined;
  const newStore = (name: string, c: PreprocessChoices): SampleStore =>
    scratch
      ? new FileSampleStore(join(scratch, `${name}.f32`), c.grid.length, c.channels)
      : new MemorySampleStore(c.grid.length, c.channels);
  const stores: Record<string, SampleStore> = { default: newStore('default', options.preprocess) };
  // Each file read (in this thread or a worker) and preprocessed with every set of choices given.
  const readFiles = (
    files: DatasetFile[],
    recordOptions: FileRecordOptions,
    wanted: Record<string, PreprocessChoices>,
    workers: number,
  ): AsyncIterable<FileOutcome> =>
    workers > 1
      ? mapInWorkers<DatasetFile, FileOutcome>(
          files,
          workerScript('dataset-worker', import.meta.url),
          { options: recordOptions, choices: wanted },
          workers,
        )
      : readFilesInOrder(files, recordOptions, preprocessHook(wanted));
  const close = () => {
    for (const store of Object.values(stores)) store.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  };
  const read: Array<{
    specId: string;
    path: string;
    snr: number | null;
    coverage: number;
    release: string | null;
  }> = [];
  let provenance: ProvenanceSummary;
  try {
    const workers = options.workers ?? 1;
    provenance = await exportProvenance(root, {
      ...options.provenance,
      mapFiles: (files, recordOptions) => readFiles(files, recordOptions, choices, workers),
      onRecord: (record) => {
        const extra = record.extra as PreprocessedRows;
        for (const name of Object.keys(choices)) stores[name].append(extra.rows[name]);
        read.push({
          specId: record.specId,
          path: record.path,
          snr: record.meta.sn_median ?? record.meta.sn_per_pixel,
          coverage: extra.coverage,
          release: record.meta.data_release,
        });
      },
    });
  } catch (error) {
    close();
    throw error;
  }
  const labelOf = new Map(provenance.labels.map((row) => [row.spec_id, row.class_mk]));
  const splitOf = new Map(provenance.splits.map((row) => [row.spec_id, row.split]));
  const excluded: PreparedDataset['excluded'] = [];
  const samples: DatasetSample[] = read.map((r, row) => {
    const label = labelOf.get(r.specId) ?? null;
    const letter = label?.trim().charAt(0).toUpperCase() ?? '';
    const known = (MK_LETTERS as readonly string[]).includes(letter);
    if (!known)
      excluded.push({
        specId: r.specId,
        reason: label ? `label "${label}" is not an MK class O–M` : 'no label',
      });
    return {
      ...r,
      className: known ? letter : null,
      subtype: known ? subtypeNumber(label) : null,
      split: splitOf.get(r.specId) ?? 'train',
      row,
    };
  });
  const present = new Set(samples.map((s) => s.className));
  const classNames: string[] = MK_LETTERS.filter((l) => present.has(l));
  const splitCounts: PreparedDataset['splitCounts'] = { train: {}, validation: {}, test: {} };
  for (const s of samples)
    if (s.className) splitCounts[s.split][s.className] = (splitCounts[s.split][s.className] ?? 0) + 1;
  // Variants added later hold a subset of the samples: sample row → store row.
  const rowMaps = new Map<string, Map<number, number>>();
  const rowOf = (sample: DatasetSample, variant = 'default') => {
    const map = rowMaps.get(variant);
    return map ? map.get(sample.row) : stores[variant] ? sample.row : undefined;
  };
  const dataset: PreparedDataset = {
    classNames,
    samples,
    stores,
    choices,
    provenance,
    excluded,
    splitCounts,
    async addVariants(variants, subset, workers = options.workers ?? 1) {
      for (const name of Object.keys(variants))
        if (stores[name]) throw new RangeError(`variant ${name} exists already`);
      // One row map for all of them: they hold the same samples, in the same order.
      const map = new Map<number, number>();
      for (const [name, variantChoices] of Object.entries(variants)) {
        stores[name] = newStore(name, variantChoices);
        choices[name] = variantChoices;
        rowMaps.set(name, map);
      }
      const files: DatasetFile[] = subset.map((s) => ({ path: s.path, classLabel: null }));
      const recordOptions = { withManifest: false, withLog: false } as FileRecordOptions;
      let k = 0;
      for await (const outcome of readFiles(files, recordOptions, variants, workers)) {
        const sample = subset[k++];
        // The file was read once already; if it cannot be read now, it has changed under us.
        if (!outcome.ok) throw new SpectraError(outcome.code, outcome.message);
        const { rows } = outcome.record.extra as PreprocessedRows;
        let row = 0;
        for (const name of Object.keys(variants)) row = stores[name].append(rows[name]);
        map.set(sample.row, row);
      }
    },
    rowOf,
    set(split, variant = 'default', filter) {
      const chosen = samples.filter(
        (s) => s.split === split && s.className && (!filter || filter(s)) && rowOf(s, variant) !== undefined,
      );
      return {
        store: stores[variant],
        rows: chosen.map((s) => rowOf(s, variant)!),
        labels: chosen.map((s) => classNames.indexOf(s.className!)),
        classes: classNames.length,
        samples: chosen,
      };
    },
    close,
  };
  return dataset;
}
