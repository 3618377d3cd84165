import { readFits, SpectraError, type Spectrum, spectrumFromFits } from '@spectra/fits';
import { fitContinuum } from '@spectra/lines';
import type { DatasetFile } from './dataset-files.js';
import { type ManifestOptions, type ManifestRow, manifestRow, sha256File } from './manifest-row.js';
import { type MetadataOptions, type MetadataRow, metadataRow } from './metadata-row.js';
import { PreprocessingLog, type PreprocessingRow } from './preprocessing-log.js';
import { type SpecIdOptions, specIdFromPath } from './spec-id.js';

/** Everything the tables need from one file, made where the file is read (possibly a worker thread). */
export interface FileRecord {
  path: string;
  classLabel: string | null;
  specId: string;
  meta: MetadataRow;
  manifest: ManifestRow | null;
  logRows: PreprocessingRow[];
  wavelengthMinA: number;
  wavelengthMaxA: number;
  /** The class the file's own header gives (SPALL CLASS...), used when the folder does not. */
  headerClass: string | null;
  /** What a hook computed from the spectrum (e.g. the model's preprocessed inputs). */
  extra?: unknown;
}

/** A file read, or why it could not be. */
export type FileOutcome =
  | { ok: true; record: FileRecord }
  | { ok: false; path: string; code: string; message: string };

/** Plain, cloneable options for reading one file (they cross to worker threads). */
export interface FileRecordOptions extends MetadataOptions, SpecIdOptions {
  manifest?: ManifestOptions;
  withManifest: boolean;
  withLog: boolean;
  /** Fixed timestamp for the preprocessing log (reproducible files); now otherwise. */
  clock?: string;
}

/** Per-spectrum work of a caller, run where the file is read; it may record steps in the log. */
export type SpectrumHook = (spectrum: Spectrum, specId: string, log: PreprocessingLog | undefined) => unknown;

/**
 * Reads one file and derives its metadata row, manifest row (streamed SHA-256) and preprocessing-log rows; the
 * hook, when given, replaces the default continuum step of the log. A file that is not a readable spectrum gives a
 * failure outcome with its error code; anything else is a bug and is thrown.
 */
export async function readFileRecord(
  file: DatasetFile,
  options: FileRecordOptions,
  hook?: SpectrumHook,
): Promise<FileOutcome> {
  const { path, classLabel } = file;
  let spectrum: Spectrum;
  let fits: Awaited<ReturnType<typeof readFits>>;
  try {
    fits = await readFits(path);
    spectrum = spectrumFromFits(fits);
  } catch (error) {
    if (!(error instanceof SpectraError)) throw error;
    return { ok: false, path, code: error.code, message: error.message };
  }
  const specId = specIdFromPath(path, options);
  const meta = metadataRow(fits, spectrum, specId, options);
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
  let extra: unknown;
  if (hook) {
    extra = hook(spectrum, specId, log);
  } else if (log) {
    // The continuum fit costs more than the rest of a file's provenance: only for a requested log.
    const fit = fitContinuum(spectrum);
    log.record(
      specId,
      'continuum_normalise',
      { method: fit.method, knotSpacingDex: 0.02, iterations: fit.iterations },
      fit.normalized,
    );
  }
  return {
    ok: true,
    record: {
      path,
      classLabel,
      specId,
      meta,
      manifest,
      logRows: log ? log.drain() : [],
      wavelengthMinA: spectrum.wavelength[0],
      wavelengthMaxA: spectrum.wavelength[spectrum.wavelength.length - 1],
      headerClass: spectrum.meta.className ?? null,
      ...(extra !== undefined && { extra }),
    },
  };
}
