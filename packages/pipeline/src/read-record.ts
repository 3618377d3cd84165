import { isSpectraError, type SpectraErrorCode } from '@spectra/core';
import { type FitsFile, readFits, type Spectrum, spectrumFromFits } from '@spectra/fits';
import { modelInput, type PreprocessChoices } from '@spectra/model';
import {
  type ManifestOptions,
  type ManifestRow,
  type MetadataOptions,
  type MetadataRow,
  manifestRow,
  metadataRow,
  PreprocessingLog,
  type PreprocessingRow,
  type SpecIdOptions,
  sha256File,
  specIdFromPath,
} from '@spectra/provenance';
import type { DatasetFile } from './find-spectra.js';

/** What to derive from each file: plain, cloneable options (they cross to worker threads). */
export interface RecordOptions extends MetadataOptions, SpecIdOptions {
  /** Survey, notes and timestamp of the manifest rows. */
  manifest?: ManifestOptions;
  /** Make the manifest row (streams the file once more for its SHA-256). @default false */
  withManifest?: boolean;
  /** Make the preprocessing-log rows of the `default` variant. @default false */
  withLog?: boolean;
  /**
   * Preprocessing choices, by variant name, to turn the spectrum into network inputs; `default` is the one the log
   * records. @default {} (no network inputs)
   */
  variants?: Record<string, PreprocessChoices>;
  /** Fixed timestamp for the preprocessing log (reproducible files). @default now */
  clock?: string;
}

/** Everything the run needs from one file, made where the file is read (this thread or a worker). */
export interface SpectrumRecord {
  path: string;
  /** Name of the data root's sub-folder the file is in (the directory label), or null. */
  folder: string | null;
  specId: string;
  meta: MetadataRow;
  manifest: ManifestRow | null;
  logRows: PreprocessingRow[];
  wavelengthMinA: number;
  wavelengthMaxA: number;
  /** The class the file's own header gives (SPALL CLASS...). */
  headerClass: string | null;
  /** Network input of each variant asked for: length × channels float32 values. */
  inputs: Record<string, Float32Array>;
  /** Fraction of the `default` variant's grid with data; null without variants. */
  coverage: number | null;
}

/** A file read, or why it could not be. */
export type RecordOutcome =
  | { ok: true; record: SpectrumRecord }
  | { ok: false; path: string; code: SpectraErrorCode; message: string };

/**
 * Reads one file and derives its metadata row, manifest row, preprocessing-log rows and network inputs. The log
 * records what was applied: `load_spectrum`, then each step of the `default` variant's preprocessing. A file that is
 * not a readable spectrum gives a failure outcome with its error code; anything else is a bug and is thrown.
 */
export async function readRecord(file: DatasetFile, options: RecordOptions = {}): Promise<RecordOutcome> {
  const { path } = file;
  let fits: FitsFile;
  let spectrum: Spectrum;
  try {
    fits = await readFits(path);
    spectrum = spectrumFromFits(fits);
  } catch (error) {
    if (!isSpectraError(error)) throw error;
    return { ok: false, path, code: error.code, message: error.message };
  }
  const specId = specIdFromPath(path, options);
  const manifest = options.withManifest
    ? manifestRow(spectrum, specId, path, await sha256File(path), {
        ...options.manifest,
        dataRelease: options.dataRelease ?? options.manifest?.dataRelease,
      })
    : null;
  const clock = options.clock;
  const log = options.withLog ? new PreprocessingLog(clock ? { clock: () => clock } : {}) : undefined;
  log?.record(
    specId,
    'load_spectrum',
    { path, format: spectrum.format, pixels: spectrum.flux.length },
    spectrum.flux,
  );
  const inputs: Record<string, Float32Array> = {};
  let coverage: number | null = null;
  for (const [name, choices] of Object.entries(options.variants ?? {})) {
    const onStep =
      name === 'default' && log
        ? (step: { name: string; params: unknown; result: ArrayBufferView; warnings: string[] }) =>
            log.record(specId, step.name, step.params, step.result, step.warnings)
        : undefined;
    const input = modelInput(spectrum, choices, onStep);
    inputs[name] = input.row;
    if (name === 'default') coverage = input.coverage;
  }
  return {
    ok: true,
    record: {
      path,
      folder: file.classLabel,
      specId,
      meta: metadataRow(fits, spectrum, specId, options),
      manifest,
      logRows: log ? log.drain() : [],
      wavelengthMinA: spectrum.wavelength[0],
      wavelengthMaxA: spectrum.wavelength[spectrum.wavelength.length - 1],
      headerClass: spectrum.meta.className ?? null,
      inputs,
      coverage,
    },
  };
}
