/** Flux, inverse variance and coverage on the new grid. */
export interface Resampled {
  flux: Float64Array;
  ivar: Float64Array;
  /** Fraction of each new pixel covered by good old pixels, 0..1. */
  coverage: Float64Array;
}

/**
 * Flux-conserving resampling (as SpectRes, Carnall 2017): each new pixel is the overlap-weighted mean of the old
 * pixels it covers, counting only good ones; ivar propagates as Σw² / Σ(w²/ivar) over the same overlaps. `oldWavelength`
 * are pixel centres (edges midway between them); `newEdges` the new pixel edges.
 */
export function resampleFlux(
  oldWavelength: ArrayLike<number>,
  flux: ArrayLike<number>,
  ivar: ArrayLike<number>,
  good: ArrayLike<number>,
  newEdges: ArrayLike<number>,
): Resampled {
  const n = oldWavelength.length;
  const m = newEdges.length - 1;
  const oldEdges = new Float64Array(n + 1);
  for (let i = 1; i < n; i++) oldEdges[i] = (oldWavelength[i - 1] + oldWavelength[i]) / 2;
  oldEdges[0] = oldWavelength[0] - (oldEdges[1] - oldWavelength[0]);
  oldEdges[n] = oldWavelength[n - 1] + (oldWavelength[n - 1] - oldEdges[n - 1]);
  const out: Resampled = {
    flux: new Float64Array(m),
    ivar: new Float64Array(m),
    coverage: new Float64Array(m),
  };
  let j = 0;
  for (let k = 0; k < m; k++) {
    const lo = newEdges[k];
    const hi = newEdges[k + 1];
    while (j < n && oldEdges[j + 1] <= lo) j++;
    let weight = 0;
    let sum = 0;
    let varianceSum = 0;
    let covered = 0;
    for (let i = j; i < n && oldEdges[i] < hi; i++) {
      const overlap = Math.min(hi, oldEdges[i + 1]) - Math.max(lo, oldEdges[i]);
      if (overlap <= 0 || !good[i]) continue;
      weight += overlap;
      sum += overlap * flux[i];
      varianceSum += ivar[i] > 0 ? (overlap * overlap) / ivar[i] : 0;
      covered += overlap;
    }
    out.coverage[k] = covered / (hi - lo);
    if (weight > 0) {
      out.flux[k] = sum / weight;
      out.ivar[k] = varianceSum > 0 ? (weight * weight) / varianceSum : 0;
    } else {
      out.flux[k] = Number.NaN;
    }
  }
  return out;
}
