import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileSampleStore, MemorySampleStore, type PreprocessChoices, type SampleStore } from '@spectra/model';

/** A run's factory of sample stores. */
export interface SampleStores {
  create(name: string, choices: PreprocessChoices): SampleStore;
  /** Removes the scratch folder (close the stores first). */
  dispose(): void;
}

/**
 * Makes the sample stores of one run: in memory, or scratch files in a private folder under `scratchDir` that
 * dispose() removes.
 */
export function sampleStores(scratchDir?: string): SampleStores {
  const scratch = scratchDir ? mkdtempSync(join(scratchDir, 'spectra-samples-')) : undefined;
  return {
    create: (name, choices) =>
      scratch
        ? new FileSampleStore(join(scratch, `${name}.f32`), choices.grid.length, choices.channels)
        : new MemorySampleStore(choices.grid.length, choices.channels),
    dispose: () => {
      if (scratch) rmSync(scratch, { recursive: true, force: true });
    },
  };
}
