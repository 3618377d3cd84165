/** The arrays line analysis needs; a `Spectrum` from @spectra/fits is one. */
export interface SpectrumInput {
  /** Å, ascending. */
  wavelength: ArrayLike<number>;
  flux: ArrayLike<number>;
  /** Inverse variance; 0 marks a pixel without a valid measurement. Omit (or set uncertainty 'none') when unknown. */
  ivar?: ArrayLike<number>;
  /** Bad-pixel bitmask (SDSS AND mask). */
  andMask?: ArrayLike<number>;
  /** The survey's verdict per pixel, 1 = unusable (a `Spectrum` from @spectra/fits has it). */
  badPixels?: ArrayLike<number>;
  uncertainty?: 'ivar' | 'error' | 'none';
  frame?: 'vacuum' | 'air' | 'unknown';
  /** What the file says of the object; the MK type steers line identification (a `Spectrum` has it). */
  meta?: { spectralType?: string; subClass?: string };
}

/**
 * Which pixels are usable, 1 = good. By default the survey's own verdict (`spectrum.badPixels`, set by the
 * @spectra/fits layout adapter); for plain arrays without it: finite values, ivar > 0 when known, and no bit set in
 * `andMask`. `maskBits` overrides which AND-mask bits count as bad.
 */
export function goodPixels(spectrum: SpectrumInput, maskBits?: number): Uint8Array {
  const n = spectrum.flux.length;
  const good = new Uint8Array(n);
  if (maskBits === undefined && spectrum.badPixels) {
    for (let i = 0; i < n; i++) good[i] = spectrum.badPixels[i] ? 0 : 1;
    return good;
  }
  const bits = maskBits ?? 0xffffffff;
  const knownIvar = spectrum.ivar && spectrum.uncertainty !== 'none';
  for (let i = 0; i < n; i++) {
    const flux = spectrum.flux[i];
    let ok = Number.isFinite(flux) && Number.isFinite(spectrum.wavelength[i]);
    if (ok && knownIvar) ok = spectrum.ivar![i] > 0 && Number.isFinite(spectrum.ivar![i]);
    if (ok && spectrum.andMask) ok = ((spectrum.andMask[i] >>> 0) & bits) === 0;
    good[i] = ok ? 1 : 0;
  }
  return good;
}

/** True when the spectrum carries usable inverse variances. */
export function hasIvar(spectrum: SpectrumInput): boolean {
  return !!spectrum.ivar && spectrum.uncertainty !== 'none';
}
