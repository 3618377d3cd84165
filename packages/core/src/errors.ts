import { escapeControl } from './terminal-text.js';
/** Where in a file a problem was found; every field is optional. */
export interface ErrorLocation {
  /** File name or label of the source, when known. */
  file?: string;
  /** Zero-based HDU index. */
  hdu?: number;
  /** Byte offset from the start of the (decompressed) file. */
  offset?: number;
  /** The 80-character card, or its keyword, that caused the problem. */
  card?: string;
}

/**
 * Every stable error code Spectra throws, one union for all packages, so a caller can `switch` on `error.code`
 * with the compiler checking the cases.
 */
export type SpectraErrorCode =
  // FITS structure (@spectra/fits)
  | 'SPECTRA_FITS_TRUNCATED'
  | 'SPECTRA_FITS_BAD_HEADER'
  | 'SPECTRA_FITS_NOT_FITS'
  | 'SPECTRA_FITS_UNSUPPORTED'
  | 'SPECTRA_FITS_MISSING'
  | 'SPECTRA_FITS_LIMIT'
  | 'SPECTRA_FITS_WRITE'
  | 'SPECTRA_NO_WAVELENGTH'
  | 'SPECTRA_UNKNOWN_LAYOUT'
  | 'SPECTRA_IO'
  // datasets, tables and options (@spectra/provenance, @spectra/pipeline)
  | 'SPECTRA_EMPTY_DATASET'
  | 'SPECTRA_CATALOG'
  | 'SPECTRA_CATALOG_FIELD'
  | 'SPECTRA_MERGE'
  | 'SPECTRA_OPTION'
  | 'SPECTRA_RUN_LOCKED'
  // models (@spectra/model)
  | 'SPECTRA_MODEL_INCOMPATIBLE'
  | 'SPECTRA_MODEL_MISSING'
  | 'SPECTRA_TRAINING'
  | 'SPECTRA_WORKER';

/** Base class of every error Spectra throws on purpose; `code` is stable across releases. */
export class SpectraError extends Error {
  readonly code: SpectraErrorCode;
  readonly location: ErrorLocation;

  constructor(
    code: SpectraErrorCode,
    message: string,
    location: ErrorLocation = {},
    options?: { cause?: unknown },
  ) {
    // Messages carry text from files (header values, names): escaped, so printing one cannot drive a terminal.
    super(escapeControl(withLocation(message, location)), options);
    this.name = new.target.name;
    this.code = code;
    this.location = location;
  }
}

/** True for an error Spectra threw on purpose (in this realm or, by its shape, from a worker thread). */
export function isSpectraError(error: unknown): error is SpectraError {
  return error instanceof SpectraError;
}

function withLocation(message: string, location: ErrorLocation): string {
  const parts: string[] = [];
  if (location.hdu !== undefined) parts.push(`HDU ${location.hdu}`);
  if (location.offset !== undefined) parts.push(`byte ${location.offset}`);
  if (location.file) parts.push(location.file);
  return parts.length ? `${message} (${parts.join(', ')})` : message;
}
