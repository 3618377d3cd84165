import { parentPort, workerData } from 'node:worker_threads';
import { type DatasetFile, type FileRecordOptions, readFileRecord } from '@spectra/provenance';
import type { PreprocessChoices } from './model-folder.js';
import { preprocessHook } from './prepare-dataset.js';

/** A worker thread of prepareDataset: reads a file, derives its table rows, preprocesses it for every variant. */
const { options, choices } = workerData as {
  options: FileRecordOptions;
  choices: Record<string, PreprocessChoices>;
};
const hook = preprocessHook(choices);

parentPort!.on('message', async ({ id, item }: { id: number; item: DatasetFile }) => {
  try {
    const result = await readFileRecord(item, options, hook);
    const transfer =
      result.ok && result.record.extra
        ? Object.values((result.record.extra as { rows: Record<string, Float32Array> }).rows).map(
            (r) => r.buffer,
          )
        : [];
    parentPort!.postMessage({ id, result }, transfer as ArrayBuffer[]);
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
