import { type FitsFile, type FitsIssue, medianSnr, type Spectrum } from '@spectra/fits';

/** What `spectra inspect` reports for one file. */
export interface SpectrumSummary {
  file: string;
  format: string;
  gzipped: boolean;
  hdus: Array<{
    index: number;
    type: string;
    name: string;
    shape?: number[];
    rows?: number;
    columns?: number;
  }>;
  pixels: number;
  wavelengthMinAngstrom: number;
  wavelengthMaxAngstrom: number;
  grid: Spectrum['grid'];
  frame: Spectrum['frame'];
  frameSource: Spectrum['frameSource'];
  fluxUnit?: string;
  uncertainty: Spectrum['uncertainty'];
  /** Median of flux·√ivar over pixels with ivar > 0 and no AND-mask bit; null without uncertainties. */
  medianSnr: number | null;
  goodPixels: number;
  meta: Spectrum['meta'];
  issues: FitsIssue[];
}

/** Summarises a spectrum and the file it came from. */
export function summarizeSpectrum(file: FitsFile, spectrum: Spectrum): SpectrumSummary {
  const snr = medianSnr(spectrum);
  const { wavelength } = spectrum;
  return {
    file: file.name,
    format: spectrum.format,
    gzipped: file.gzipped,
    hdus: file.hdus.map((hdu) => {
      const base = { index: hdu.index, type: hdu.type, name: hdu.name };
      if (hdu.type === 'bintable' || hdu.type === 'table') {
        const axes = hdu.axes;
        return { ...base, rows: axes[1] ?? 0, columns: hdu.header.integer('TFIELDS') ?? 0 };
      }
      return { ...base, shape: hdu.shape };
    }),
    pixels: wavelength.length,
    wavelengthMinAngstrom: wavelength[0],
    wavelengthMaxAngstrom: wavelength[wavelength.length - 1],
    grid: spectrum.grid,
    frame: spectrum.frame,
    frameSource: spectrum.frameSource,
    ...(spectrum.fluxUnit && { fluxUnit: spectrum.fluxUnit }),
    uncertainty: spectrum.uncertainty,
    medianSnr: snr.median,
    goodPixels: snr.goodPixels,
    meta: spectrum.meta,
    issues: spectrum.issues,
  };
}

/** The summary as aligned text lines for a terminal. */
export function formatSummary(summary: SpectrumSummary): string {
  const m = summary.meta;
  const shown = summary.hdus.slice(0, 6);
  const more = summary.hdus.length - shown.length;
  const hdus = shown
    .map((h) => {
      const size =
        h.rows !== undefined
          ? `${h.rows} ${h.rows === 1 ? 'row' : 'rows'} × ${h.columns} cols`
          : h.shape?.length
            ? h.shape.join('×')
            : 'no data';
      return `${h.index} ${h.type}${h.name ? ` ${h.name}` : ''} (${size})`;
    })
    .join('; ')
    .concat(more > 0 ? `; and ${more} more` : '');
  const unit = summary.grid.kind === 'pixel' ? 'pixels' : 'Å';
  const identifiers = [
    m.objectId && `id ${m.objectId}`,
    m.objectName && `name ${m.objectName}`,
    m.plate !== undefined && `plate ${m.plate}`,
    m.mjd !== undefined && `MJD ${m.mjd}`,
    m.fiberId !== undefined && `fibre ${m.fiberId}`,
    m.raDeg !== undefined && `RA ${m.raDeg}`,
    m.decDeg !== undefined && `Dec ${m.decDeg}`,
  ].filter(Boolean);
  const classification = [
    m.className,
    m.subClass,
    m.spectralType,
    m.redshift !== undefined && `z ${m.redshift.toPrecision(6)}`,
  ].filter(Boolean);
  const rows: Array<[string, string]> = [
    ['format', `${summary.format}${summary.gzipped ? ' (gzip)' : ''}`],
    ['HDUs', hdus],
    [
      'wavelength',
      `${summary.wavelengthMinAngstrom.toFixed(2)}–${summary.wavelengthMaxAngstrom.toFixed(2)} ${unit}, ${summary.pixels} pixels, ${summary.grid.kind} grid (${summary.grid.source}), ${summary.frame} (${summary.frameSource === 'layout' ? 'layout default' : summary.frameSource})`,
    ],
    [
      'median S/N',
      summary.medianSnr === null
        ? 'n/a (no uncertainties)'
        : `${summary.medianSnr.toFixed(1)} over ${summary.goodPixels} good pixels`,
    ],
    ['flux unit', summary.fluxUnit ?? 'not given'],
    ['object', identifiers.length ? identifiers.join(', ') : 'no identifiers'],
    ['class', classification.length ? classification.join(' ') : 'not given'],
    [
      'issues',
      summary.issues.length
        ? summary.issues.map((i) => `${i.code}: ${i.message}`).join('\n             ')
        : 'none',
    ],
  ];
  return [summary.file, ...rows.map(([k, v]) => `  ${k.padEnd(11)}${v}`)].join('\n');
}
