import { SpectraError } from '@spectra/core';
import { mapInWorkers, workerScript } from '@spectra/core/worker-pool';
import { type DatasetFile, type DatasetFiles, findSpectra } from './find-spectra.js';
import { type RecordOptions, type RecordOutcome, readRecord } from './read-record.js';

/** A contiguous slice of the sorted file list: the `index`-th (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** Options of readDataset. */
export interface ReadDatasetOptions extends RecordOptions {
  /** Read only this slice of the sorted files (`--shard I/N`). @default every file */
  shard?: Shard;
  /** Worker threads that read and preprocess; 1 reads in this thread. @default 1 */
  workers?: number;
}

/** One file's outcome, with its place in the pass. */
export type DatasetRecord = RecordOutcome & {
  /** 0-based position in the (sharded) file list. */
  index: number;
  /** Files in the pass. */
  total: number;
};

/**
 * The one pass over a dataset: finds every FITS file under `root` (one sub-folder per class), sorts them, takes the
 * shard asked for, and reads each once — in `workers` threads, results in file order — yielding a typed record per
 * file (metadata, manifest and log rows, network inputs) or the reason it could not be read.
 */
export async function* readDataset(
  root: string,
  options: ReadDatasetOptions = {},
): AsyncGenerator<DatasetRecord> {
  const all = await findSpectra(root);
  if (all.length === 0)
    throw new SpectraError('SPECTRA_EMPTY_DATASET', `no FITS files under ${root}`, { file: root });
  const files = options.shard ? all.slice(...shardBounds(all.length, options.shard)) : all;
  let index = 0;
  for await (const outcome of readFiles(files, options))
    yield { ...outcome, index: index++, total: files.length };
}

/** Reads the given files in order (this thread, or `workers` worker threads), one outcome per file. */
export function readFiles(
  files: readonly DatasetFile[] | DatasetFiles,
  options: ReadDatasetOptions = {},
): AsyncIterable<RecordOutcome> {
  const { shard: _shard, workers = 1, ...recordOptions } = options;
  if (workers > 1 && files.length > 1)
    return mapInWorkers<DatasetFile, RecordOutcome>(
      files,
      workerScript('dataset-worker', import.meta.url),
      recordOptions,
      workers,
    );
  return (async function* () {
    for (const file of files) yield await readRecord(file, recordOptions);
  })();
}

/** The `index`-th (1-based) of `count` contiguous slices of a sorted list: the same files for the same inputs. */
export function shardSlice<T>(items: readonly T[], shard: Shard): T[] {
  return items.slice(...shardBounds(items.length, shard));
}

/** Start and end (exclusive) of the `index`-th (1-based) of `count` contiguous slices of a list this long. */
function shardBounds(length: number, shard: Shard): [number, number] {
  const { index, count } = shard;
  if (!Number.isInteger(count) || count < 1 || !Number.isInteger(index) || index < 1 || index > count)
    throw new SpectraError('SPECTRA_OPTION', `--shard ${index}/${count}: need 1 ≤ I ≤ N`);
  return [Math.floor(((index - 1) * length) / count), Math.floor((index * length) / count)];
}
