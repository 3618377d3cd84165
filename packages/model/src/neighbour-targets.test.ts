import { describe, expect, it } from 'vitest';
import { neighbourTargets } from './neighbour-targets.js';

const row = (targets: Float32Array, k: number, c: number) => Array.from(targets.subarray(c * k, (c + 1) * k));

describe('neighbourTargets', () => {
  it('moves the share to the neighbouring letters present, half to each side; other classes keep their own', () => {
    const names = ['O', 'B', 'A', 'F', 'G', 'K', 'M', 'QSO'];
    const t = neighbourTargets(names, 0.2);
    const k = names.length;
    expect(row(t, k, 0)).toEqual([0.8, 0.2, 0, 0, 0, 0, 0, 0].map(Math.fround));
    expect(row(t, k, 2)).toEqual([0, 0.1, 0.8, 0.1, 0, 0, 0, 0].map(Math.fround));
    expect(row(t, k, 7)).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    for (let c = 0; c < k; c++) expect(row(t, k, c).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('a letter whose neighbours are absent keeps its target; share 0 is one-hot; a share of 0.5 or more is refused', () => {
    const t = neighbourTargets(['A', 'G', 'K'], 0.2);
    expect(row(t, 3, 0)).toEqual([1, 0, 0]);
    expect(row(t, 3, 1)).toEqual([0, Math.fround(0.8), Math.fround(0.2)]);
    expect(row(t, 3, 2)).toEqual([0, Math.fround(0.2), Math.fround(0.8)]);
    expect(Array.from(neighbourTargets(['A', 'F'], 0))).toEqual([1, 0, 0, 1]);
    expect(() => neighbourTargets(['A', 'F'], 0.5)).toThrow(/neighbour smoothing must be in \[0, 0\.5\)/);
  });
});
