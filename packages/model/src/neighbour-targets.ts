import { mkPosition, SpectraError } from '@spectra/core';

/**
 * The training targets of an ordinal-aware loss: row c is what a spectrum of class c is trained toward — 1 − share
 * on its own class and `share` split between the MK letters next to it in temperature order (half to each side, all
 * to the one neighbour of the end letters present). Classes that are not MK letters keep a target of their own.
 * Row-major, classes × classes; the one-hot labels times this matrix are the smoothed targets.
 */
export function neighbourTargets(classNames: readonly string[], share: number): Float32Array {
  if (!(share >= 0 && share < 0.5))
    throw new SpectraError('SPECTRA_TRAINING', `neighbour smoothing must be in [0, 0.5) (got ${share})`);
  const k = classNames.length;
  const positions = classNames.map(mkPosition);
  const targets = new Float32Array(k * k);
  for (let c = 0; c < k; c++) {
    const neighbours =
      positions[c] < 0
        ? []
        : positions.flatMap((p, j) => (p >= 0 && Math.abs(p - positions[c]) === 1 ? [j] : []));
    targets[c * k + c] = neighbours.length ? 1 - share : 1;
    for (const j of neighbours) targets[c * k + j] = share / neighbours.length;
  }
  return targets;
}
