import type { Spectrum } from '@spectra/fits';

/** One row of the spectra manifest (the master index). */
export interface ManifestRow {
  spec_id: string;
  survey: string | null;
  data_release: string | null;
  source_path: string;
  /** SHA-256 of the file as stored (compressed bytes for .gz), hex. */
  checksum: string;
  wavelength_frame: string;
  /** `log10`, `linear`, `table` or `pixel`, as the wavelengths were reconstructed. */
  wavelength_grid: string;
  crval1: number | null;
  cd1_1: number | null;
  coeff0: number | null;
  coeff1: number | null;
  flux_unit: string | null;
  /** ISO 8601 timestamp of the manifest (overridable for reproducible hashes). */
  created_at: string;
  notes: string | null;
}

/** What the user states for the manifest (`--survey`, `--data-release`, `--manifest-notes`, `--manifest-created-at`). */
export interface ManifestOptions {
  survey?: string;
  dataRelease?: string;
  notes?: string;
  /** Fixed timestamp; default: now. */
  createdAt?: string;
}

/** Builds a manifest row from a spectrum, its path and its file's SHA-256. */
export function manifestRow(
  spectrum: Spectrum,
  specId: string,
  path: string,
  checksum: string,
  options: ManifestOptions = {},
): ManifestRow {
  const { grid } = spectrum;
  return {
    spec_id: specId,
    survey: options.survey ?? spectrum.meta.survey ?? null,
    data_release: options.dataRelease ?? spectrum.meta.dataRelease ?? null,
    source_path: path,
    checksum,
    wavelength_frame: spectrum.frame,
    wavelength_grid: grid.kind,
    crval1: grid.crval1 ?? null,
    cd1_1: grid.cd1_1 ?? grid.cdelt1 ?? null,
    coeff0: grid.coeff0 ?? null,
    coeff1: grid.coeff1 ?? null,
    flux_unit: spectrum.fluxUnit ?? null,
    created_at: options.createdAt ?? new Date().toISOString(),
    notes: options.notes ?? null,
  };
}

/** SHA-256 of a file, streamed in chunks so that large files are never held in memory. Node only. */
export async function sha256File(path: string): Promise<string> {
  const { createReadStream } = await import('node:fs');
  const { createHash } = await import('node:crypto');
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
