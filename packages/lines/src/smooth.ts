import * as savitzkyGolayModule from 'ml-savitzky-golay';

type SavitzkyGolay = (data: number[], h: number, options: Record<string, unknown>) => number[];
// ml-savitzky-golay ships CommonJS with `exports.default`: a plain ESM import gives `{ default: fn }`.
const namespace = savitzkyGolayModule as unknown as { default: SavitzkyGolay | { default: SavitzkyGolay } };
const savitzkyGolay: SavitzkyGolay =
  typeof namespace.default === 'function' ? namespace.default : namespace.default.default;

/** Options for Savitzky–Golay smoothing. */
export interface SmoothOptions {
  /** Odd window length in pixels, ≥ 5. Default 7. */
  windowSize?: number;
  /** Polynomial order. Default 2. */
  polynomial?: number;
  /** 0 smooths (the default here; note that ml-savitzky-golay's own default is the first derivative). */
  derivative?: number;
  /** Pixel step for derivatives (d/dpixel by default). */
  step?: number;
  /** 1 = usable pixel; masked and non-finite pixels are bridged by linear interpolation and returned as NaN. */
  good?: ArrayLike<number>;
}

/** Savitzky–Golay smoothing (or derivative) on an evenly sampled array, same length out, via ml-savitzky-golay. */
export function smooth(values: ArrayLike<number>, options: SmoothOptions = {}): Float64Array {
  const { windowSize = 7, polynomial = 2, derivative = 0, step = 1, good } = options;
  const n = values.length;
  const ok = (i: number) => Number.isFinite(values[i]) && (!good || good[i] === 1);
  const filled = new Array<number>(n);
  let previous = -1;
  for (let i = 0; i < n; i++) {
    if (ok(i)) {
      filled[i] = values[i];
      for (let j = previous + 1; j < i; j++) {
        filled[j] =
          previous < 0
            ? values[i]
            : values[previous] + ((values[i] - values[previous]) * (j - previous)) / (i - previous);
      }
      previous = i;
    }
  }
  for (let j = previous + 1; j < n; j++) filled[j] = previous < 0 ? 0 : values[previous];
  if (n < windowSize) return Float64Array.from(filled, (v, i) => (ok(i) ? v : Number.NaN));
  const out = savitzkyGolay(filled, step, {
    windowSize,
    polynomial,
    derivative,
    pad: 'pre',
    padValue: 'replicate',
  });
  return Float64Array.from(out, (v, i) => (ok(i) ? v : Number.NaN));
}
