import type { AdapterContext, SpectrumAdapter } from './adapters/adapter.js';
import { apogeeStar, apogeeVisit } from './adapters/apogee.js';
import { coaddRowTable } from './adapters/coadd-row-table.js';
import { image1d } from './adapters/image-1d.js';
import { ivarImage } from './adapters/ivar-image.js';
import { lamostImage } from './adapters/lamost-image.js';
import { lamostMrs } from './adapters/lamost-mrs.js';
import { sdssSpec } from './adapters/sdss-spec.js';
import { sdssSpSpec } from './adapters/sdss-spspec.js';
import { wavelengthTable } from './adapters/wavelength-table.js';
import { UnknownLayoutError } from './errors.js';
import { FitsFile, type ReadFitsOptions, readFits } from './fits-file.js';
import { type FitsSource, openForReads, sourceName } from './load-bytes.js';
import type { Spectrum } from './spectrum.js';

/** The built-in survey layouts, most specific first; `image-1d` is the catch-all for images. */
export const spectrumAdapters: readonly SpectrumAdapter[] = [
  sdssSpec,
  lamostMrs,
  coaddRowTable,
  lamostImage,
  sdssSpSpec,
  apogeeVisit,
  apogeeStar,
  ivarImage,
  wavelengthTable,
  image1d,
];

/** Options for readSpectrum. */
export interface ReadSpectrumOptions extends ReadFitsOptions {
  /** Return pixel indices (grid kind `pixel`) instead of failing with SPECTRA_NO_WAVELENGTH. Default false. */
  allowPixelGrid?: boolean;
  /** Force a layout by adapter name instead of detecting it. */
  format?: string;
  /** Adapters to try, in order; default `spectrumAdapters`. Put your own first to extend the reader. */
  adapters?: readonly SpectrumAdapter[];
  /**
   * The medium of the wavelengths, when you know better than the file. Default: the header's VACUUM, AIRORVAC,
   * WAVEFORM or CTYPE1, else the layout's default (SDSS, LAMOST, APOGEE, MaStar: vacuum; other 1-D images, as
   * IRAF-reduced libraries such as MILES and Indo-US: air).
   */
  frame?: 'air' | 'vacuum';
}

/** Reads one spectrum from a FITS file of any supported survey layout. */
export async function readSpectrum(
  source: FitsSource | FitsFile,
  options: ReadSpectrumOptions = {},
): Promise<Spectrum> {
  if (isFitsFile(source)) return spectrumFromFits(source, options);
  // A local, uncompressed file is read with positioned reads: the headers up to the last HDU the layout looks at,
  // and only the data it decodes (the coadd and summary row of an SDSS spec file, not its per-exposure HDUs).
  const opened = await openForReads(source, options.maxBytes);
  if (!opened) return spectrumFromFits(await readFits(source, options), options);
  try {
    const file = new FitsFile(
      opened.source,
      options.name ?? sourceName(source) ?? 'file',
      false,
      'as-needed',
    );
    return spectrumFromFits(file, options);
  } finally {
    opened.close();
  }
}

/** Picks the layout of an opened FITS file and decodes its spectrum (synchronous). */
export function spectrumFromFits(file: FitsFile, options: ReadSpectrumOptions = {}): Spectrum {
  const adapters = options.adapters ?? spectrumAdapters;
  const adapter = options.format
    ? adapters.find((a) => a.name === options.format)
    : adapters.find((a) => a.identify(file));
  if (!adapter) {
    const message = options.format
      ? `unknown format '${options.format}' (known: ${adapters.map((a) => a.name).join(', ')})`
      : `no spectrum layout recognised: HDUs ${file.hdus.map((h) => `${h.index}:${h.type}${h.name ? `(${h.name})` : ''}`).join(' ')}`;
    throw new UnknownLayoutError(message, { file: file.name });
  }
  const context: AdapterContext = {
    file,
    issues: [],
    allowPixelGrid: options.allowPixelGrid ?? false,
    ...(options.frame && { frame: options.frame }),
  };
  const spectrum = adapter.read(context);
  // The file's issues as they stand now: headers are parsed, and HDUs found, only as the layout reads them.
  spectrum.issues = [...file.issues, ...context.issues];
  return spectrum;
}

/** Names the layout a file would be read as, without decoding data; undefined when none fits. */
export function identifyLayout(
  file: FitsFile,
  adapters: readonly SpectrumAdapter[] = spectrumAdapters,
): string | undefined {
  return adapters.find((a) => a.identify(file))?.name;
}

function isFitsFile(source: unknown): source is FitsFile {
  return typeof source === 'object' && source !== null && 'hdus' in source && 'bytes' in source;
}
