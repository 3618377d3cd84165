/**
 * `10 ** loglam` for a float32 `loglam` column, bit for bit the same as computing it pixel by pixel, with the
 * powers remembered by the float32's bits. Survey coadds share one log-λ grid (SDSS: 1e-4 dex steps), so across a
 * batch of files the same few thousand values recur and each power is computed once. The memo is bounded
 * (MEMO_SLOTS, about 400 kB) and emptied when half full; float64 columns are computed directly.
 */
export function wavelengthFromLog10(loglam: ArrayLike<number>): Float64Array {
  const n = loglam.length;
  const out = new Float64Array(n);
  if (!(loglam instanceof Float32Array)) {
    for (let i = 0; i < n; i++) out[i] = 10 ** loglam[i];
    return out;
  }
  const bits = new Int32Array(loglam.buffer, loglam.byteOffset, n);
  for (let i = 0; i < n; i++) {
    const key = bits[i];
    let slot = Math.imul(key, 0x9e3779b1) >>> SHIFT;
    for (;;) {
      if (used[slot] === 0) {
        if (filled >= MEMO_SLOTS >> 1) {
          used.fill(0);
          filled = 0;
          slot = Math.imul(key, 0x9e3779b1) >>> SHIFT;
        }
        const value = 10 ** loglam[i];
        used[slot] = 1;
        keys[slot] = key;
        values[slot] = value;
        filled++;
        out[i] = value;
        break;
      }
      if (keys[slot] === key) {
        out[i] = values[slot];
        break;
      }
      slot = (slot + 1) & (MEMO_SLOTS - 1);
    }
  }
  return out;
}

/** Slots in the memo (a power of two); it holds at most half as many powers. */
const MEMO_SLOTS = 1 << 15;
const SHIFT = 32 - 15;
const used = new Uint8Array(MEMO_SLOTS);
const keys = new Int32Array(MEMO_SLOTS);
const values = new Float64Array(MEMO_SLOTS);
let filled = 0;
