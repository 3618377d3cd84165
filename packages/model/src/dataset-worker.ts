import { workerData } from 'node:worker_threads';
import { type DatasetFile, type FileRecordOptions, readFileRecord } from '@spectra/provenance';
import type { PreprocessChoices } from './model-folder.js';
import { preprocessHook } from './prepare-dataset.js';
import { serveWorkerItems } from './worker-pool.js';

/** A worker thread of prepareDataset: reads a file, derives its table rows, preprocesses it for every variant. */
const { options, choices } = workerData as {
  options: FileRecordOptions;
  choices: Record<string, PreprocessChoices>;
};
const hook = preprocessHook(choices);

serveWorkerItems(
  (item: DatasetFile) => readFileRecord(item, options, hook),
  (result) =>
    result.ok && result.record.extra
      ? Object.values((result.record.extra as { rows: Record<string, Float32Array> }).rows).map(
          (r) => r.buffer as ArrayBuffer,
        )
      : [],
);
