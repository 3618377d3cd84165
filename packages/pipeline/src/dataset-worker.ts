import { workerData } from 'node:worker_threads';
import { serveWorkerItems } from '@spectra/core/worker-pool';
import type { DatasetFile } from './find-spectra.js';
import { type RecordOptions, readRecord } from './read-record.js';

/** A worker thread of readDataset: reads a file and derives its rows and network inputs (readRecord). */
const options = workerData as RecordOptions;

serveWorkerItems(
  (item: DatasetFile) => readRecord(item, options),
  (outcome) => (outcome.ok ? Object.values(outcome.record.inputs).map((r) => r.buffer as ArrayBuffer) : []),
);
