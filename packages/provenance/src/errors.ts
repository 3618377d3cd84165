import { SpectraError } from '@spectra/core';

/** A label catalogue that cannot be used: missing file, or a field name not in its header. */
export class LabelCatalogError extends SpectraError {
  constructor(
    message: string,
    file?: string,
    code: 'SPECTRA_CATALOG' | 'SPECTRA_CATALOG_FIELD' = 'SPECTRA_CATALOG',
  ) {
    super(code, message, { file });
  }
}

/** An option value that is not what it must be (a date that is not ISO 8601, say). */
export class ProvenanceOptionError extends SpectraError {
  constructor(message: string) {
    super('SPECTRA_OPTION', message);
  }
}
