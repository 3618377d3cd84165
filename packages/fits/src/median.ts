import quickselect from 'quickselect';

/**
 * The median of finite values (the mean of the two middle ones for an even count), found by selection rather
 * than a sort; reorders `values`. NaN for no values.
 */
export function median(values: Float64Array | Float32Array): number {
  if (values.length === 0) return Number.NaN;
  const mid = values.length >> 1;
  const upper = middleValue(values);
  if (values.length % 2) return upper;
  let lower = values[0];
  for (let i = 1; i < mid; i++) if (values[i] > lower) lower = values[i];
  return (lower + upper) / 2;
}

/** The value at index ⌊n/2⌋ of the sorted values (the median of an odd count), by selection; reorders `values`. NaN
 * for no values. */
export function middleValue(values: Float64Array | Float32Array): number {
  if (values.length === 0) return Number.NaN;
  quickselect(values as unknown as number[], values.length >> 1);
  return values[values.length >> 1];
}
