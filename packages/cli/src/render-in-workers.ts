import { mapInWorkers, workerScript } from '@spectra/core/worker-pool';
import type { PlannedSpectrum, RenderedFile, RenderFiles } from '@spectra/synth';

/** Renders synthetic spectra in `workers` threads (in this thread when 1), files in plan order either way. */
export function renderInWorkers(workers: number): RenderFiles | undefined {
  if (workers <= 1) return undefined;
  return (plan, options) =>
    mapInWorkers<PlannedSpectrum, RenderedFile>(
      plan,
      workerScript('synth-worker', import.meta.url),
      options,
      workers,
    );
}
