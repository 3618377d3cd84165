import { workerData } from 'node:worker_threads';
import { serveWorkerItems } from '@spectra/core/worker-pool';
import { type PlannedSpectrum, renderFile, type SynthOptions } from '@spectra/synth';

/** A worker thread of `spectra synth`/`demo`: renders planned spectra to file bytes. */
const options = workerData as SynthOptions;
serveWorkerItems(
  (item: PlannedSpectrum) => {
    const { name, bytes } = renderFile(item, options);
    // A copy that owns its whole buffer, so the buffer can be handed over without copying again.
    const owned =
      bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice();
    return { name, bytes: owned };
  },
  (result) => [result.bytes.buffer as ArrayBuffer],
);
