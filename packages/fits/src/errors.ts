import { type ErrorLocation, SpectraError } from '@spectra/core';

export type { ErrorLocation };
export { SpectraError };

/** The bytes end before the structure a header declares (file cut short). */
export class FitsTruncatedError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_FITS_TRUNCATED', message, location);
  }
}

/** A header that breaks the FITS standard in a way the reader cannot recover from. */
export class FitsHeaderError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_FITS_BAD_HEADER', message, location);
  }
}

/** The bytes are not a FITS file at all (no SIMPLE card, not gzip). */
export class FitsFormatError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_FITS_NOT_FITS', message, location);
  }
}

/** A valid FITS construct this reader does not decode (tile compression, random groups). */
export class FitsUnsupportedError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_FITS_UNSUPPORTED', message, location);
  }
}

/** A column or HDU asked for by name or index is not there. */
export class FitsMissingError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_FITS_MISSING', message, location);
  }
}

/** A declared size exceeds what the reader agreed to allocate. */
export class FitsLimitError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_FITS_LIMIT', message, location);
  }
}

/** A file opened as a spectrum has no wavelength solution. */
export class NoWavelengthError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_NO_WAVELENGTH', message, location);
  }
}

/** A file is valid FITS but no spectrum layout recognises it. */
export class UnknownLayoutError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_UNKNOWN_LAYOUT', message, location);
  }
}

/** Writing a FITS file failed because the input cannot be represented. */
export class FitsWriteError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}) {
    super('SPECTRA_FITS_WRITE', message, location);
  }
}

/** A file could not be read from disk (missing, permission). */
export class SourceReadError extends SpectraError {
  constructor(message: string, location: ErrorLocation = {}, cause?: unknown) {
    super('SPECTRA_IO', message, location, { cause });
  }
}
