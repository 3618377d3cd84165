import type { Random } from '@spectra/core';

/** Random changes applied to each training spectrum, every epoch anew, so the network learns what does not matter. */
export interface AugmentOptions {
  /** Gaussian noise of σ drawn uniformly in [0, noise] per spectrum (in units of the normalised flux). @default 0 */
  noise?: number;
  /** A shift of a uniform random number of grid pixels in [−shiftPixels, shiftPixels] (radial velocity, wavelength calibration). @default 0 */
  shiftPixels?: number;
  /** A multiplicative tilt 1 + t·x across the grid (x from −1 to 1), t uniform in [−tilt, tilt] (flux calibration, reddening). @default 0 */
  tilt?: number;
  /** The probability of masking one random segment of up to a tenth of the grid (a gap, a bad CCD region). @default 0 */
  maskProbability?: number;
}

/**
 * Augments a batch of rows in place (rows × length × channels, flux interleaved with the mask channel when
 * channels = 2). `offset` is what was subtracted from the normalised flux (1 for centred inputs), so the tilt acts
 * on the flux itself; masked and shifted-in pixels get the fill (the continuum, 0 after centring) and mask 0.
 */
export function augmentBatch(
  x: Float32Array,
  length: number,
  channels: number,
  options: AugmentOptions,
  random: Random,
  offset = 0,
): void {
  const width = length * channels;
  const rows = x.length / width;
  const flux = new Float32Array(length);
  const mask = new Float32Array(length);
  // The fill value: the continuum (1), less the offset.
  const fill = 1 - offset;
  for (let r = 0; r < rows; r++) {
    const base = r * width;
    for (let k = 0; k < length; k++) {
      flux[k] = x[base + k * channels];
      mask[k] = channels > 1 ? x[base + k * channels + 1] : 1;
    }
    const shift = (options.shiftPixels ?? 0) * (2 * random.uniform() - 1);
    const tilt = (options.tilt ?? 0) * (2 * random.uniform() - 1);
    const sigma = (options.noise ?? 0) * random.uniform();
    const gap = random.uniform() < (options.maskProbability ?? 0);
    const gapStart = Math.floor(random.uniform() * length);
    const gapLength = Math.floor(random.uniform() * length * 0.1);
    for (let k = 0; k < length; k++) {
      const at = k - shift;
      const lo = Math.floor(at);
      const t = at - lo;
      let f = fill;
      let m = 0;
      if (lo >= 0 && lo + 1 < length && mask[lo] > 0 && mask[lo + 1] > 0) {
        f = flux[lo] * (1 - t) + flux[lo + 1] * t;
        m = 1;
      } else if (lo >= 0 && lo < length && t === 0 && mask[lo] > 0) {
        f = flux[lo];
        m = 1;
      }
      if (m && gap && k >= gapStart && k < gapStart + gapLength) {
        f = fill;
        m = 0;
      }
      if (m) {
        const x01 = length > 1 ? (2 * k) / (length - 1) - 1 : 0;
        f = (f + offset) * (1 + tilt * x01) - offset + sigma * random.normal();
      }
      x[base + k * channels] = m ? f : fill;
      if (channels > 1) x[base + k * channels + 1] = m;
    }
  }
}
