export type { AdapterContext, SpectrumAdapter } from './adapters/adapter.js';
export {
  ANY_BIT,
  APOGEE_BAD_PIXEL_BITS,
  LAMOST_BAD_PIXEL_BITS,
  SDSS_BAD_PIXEL_BITS,
} from './adapters/bad-pixel-bits.js';
export type { AsciiColumnInfo } from './ascii-table.js';
export { AsciiTable } from './ascii-table.js';
export type { NumericArray } from './big-endian.js';
export type { CellValue, ColumnData, ColumnInfo } from './binary-table.js';
export { BinaryTable } from './binary-table.js';
export type { Card, ComplexValue, HeaderValue } from './card.js';
export { DECODE_BUDGET_CONSTANT, DECODE_BUDGET_RATIO, DecodeBudget } from './decode-budget.js';
export type { ErrorLocation } from './errors.js';
export {
  FitsFormatError,
  FitsHeaderError,
  FitsLimitError,
  FitsMissingError,
  FitsTruncatedError,
  FitsUnsupportedError,
  FitsWriteError,
  NoWavelengthError,
  SourceReadError,
  SpectraError,
  UnknownLayoutError,
} from './errors.js';
export type { ReadFitsOptions } from './fits-file.js';
export { FitsFile, Hdu, parseFits, readFits } from './fits-file.js';
export type { CardInput } from './format-card.js';
export { Header, MAX_HEADER_BYTES } from './header.js';
export type { FitsIssue } from './issues.js';
export type { HeaderQuantity } from './keywords.js';
export { HEADER_KEYWORDS } from './keywords.js';
export { DEFAULT_MAX_BYTES, type FitsSource } from './load-bytes.js';
export { medianSnr } from './median-snr.js';
export type { ImageData, ReadImageOptions } from './read-image.js';
export type { ReadSpectrumOptions } from './read-spectrum.js';
export { identifyLayout, readSpectrum, spectrumAdapters, spectrumFromFits } from './read-spectrum.js';
export type { HduType } from './scan-hdus.js';
export type { GridKind, Spectrum, SpectrumMeta, WavelengthFrame, WavelengthGrid } from './spectrum.js';
export { ebvOf } from './spectrum-meta.js';
export type { WavelengthSolution } from './wavelength-solution.js';
export { frameFromHeader, wavelengthFromHeader } from './wavelength-solution.js';
export type { ColumnInput, HduInput, ImageHduInput, TableHduInput } from './write-fits.js';
export { writeFits } from './write-fits.js';
export type { WriteFitsFileOptions } from './write-fits-file.js';
export { writeFitsFile } from './write-fits-file.js';
