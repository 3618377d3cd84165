import { parentPort, workerData } from 'node:worker_threads';
import { type PlannedSpectrum, renderFile, type SynthOptions } from '@spectra/synth';

/** A worker thread of `spectra synth`/`demo`: renders planned spectra to file bytes. */
const options = workerData as SynthOptions;
parentPort!.on('message', ({ id, item }: { id: number; item: PlannedSpectrum }) => {
  try {
    const { name, bytes } = renderFile(item, options);
    // A copy that owns its whole buffer, so the buffer can be handed over without copying again.
    const owned =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    parentPort!.postMessage({ id, result: { name, bytes: owned } }, [owned.buffer as ArrayBuffer]);
  } catch (error) {
    parentPort!.postMessage({
      id,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
  }
});
