import { describe, expect, it } from 'vitest';
import { median, middleValue } from './median.js';

/** A seeded stream of values with ties, for comparing selection against a full sort. */
function values(n: number, seed: number): Float64Array {
  let state = seed;
  return Float64Array.from({ length: n }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return Math.floor((state / 2 ** 32) * 50) / 7 - 3;
  });
}

describe('median', () => {
  it('equals the sorted middle (odd) or the mean of the two middle values (even)', () => {
    for (const n of [1, 2, 3, 4, 5, 10, 11, 999, 1000, 4619]) {
      for (const seed of [1, 2, 3]) {
        const data = values(n, seed);
        const sorted = Float64Array.from(data).sort();
        const mid = n >> 1;
        const expected = n % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        expect(median(Float64Array.from(data))).toBe(expected);
        expect(middleValue(Float32Array.from(data))).toBe(Float32Array.from(data).sort()[mid]);
      }
    }
  });

  it('is NaN for no values', () => {
    expect(median(new Float64Array(0))).toBeNaN();
    expect(middleValue(new Float32Array(0))).toBeNaN();
  });
});
