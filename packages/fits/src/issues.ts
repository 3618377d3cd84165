/** A recoverable oddity found while reading, collected the way astropy's `verify` does. */
export interface FitsIssue {
  /** Stable machine-readable code, e.g. `SPECTRA_FITS_NONSTANDARD_CARD`. */
  code: string;
  /** What was found, with the offending value. */
  message: string;
  /** Zero-based HDU index, when the issue belongs to one. */
  hdu?: number;
}
