import type { SampleStore } from './sample-store.js';

/**
 * What the training spectra looked like, for telling a spectrum unlike all of them ("not a star", a galaxy, a
 * QSO) from one the classifier knows: the mean input of each class and how far training spectra lie from the
 * nearest class mean.
 */
export interface TrainingDomain {
  /** Per class, the mean flux channel over the spectra whose pixel is measured (NaN where none is). */
  centroids: number[][];
  /** The `quantile` quantile of the training spectra's distance to the nearest centroid (see domainDistance). */
  distanceLimit: number;
  quantile: number;
}

/** The quantile of training distances beyond which a spectrum counts as unlike the training data. */
export const DOMAIN_QUANTILE = 0.995;

/**
 * Builds the training domain from store rows (flux interleaved with the mask channel) and their class indices.
 * With `channels` = 1 every pixel counts as measured.
 */
export function trainingDomain(
  store: SampleStore,
  rows: readonly number[],
  labels: ArrayLike<number>,
  classes: number,
): TrainingDomain {
  const { length, channels } = store;
  const sum = Array.from({ length: classes }, () => new Float64Array(length));
  const count = Array.from({ length: classes }, () => new Float64Array(length));
  const chunk = 256;
  for (let start = 0; start < rows.length; start += chunk) {
    const x = store.read(rows.slice(start, start + chunk));
    for (let r = 0; r < Math.min(chunk, rows.length - start); r++) {
      const c = labels[start + r];
      for (let k = 0; k < length; k++) {
        const measured = channels < 2 || x[(r * length + k) * channels + 1] > 0;
        if (!measured) continue;
        sum[c][k] += x[(r * length + k) * channels];
        count[c][k]++;
      }
    }
  }
  const centroids = sum.map((s, c) => Array.from(s, (v, k) => (count[c][k] ? v / count[c][k] : Number.NaN)));
  const distances: number[] = [];
  for (let start = 0; start < rows.length; start += chunk) {
    const x = store.read(rows.slice(start, start + chunk));
    for (let r = 0; r < Math.min(chunk, rows.length - start); r++)
      distances.push(
        domainDistance(x.subarray(r * length * channels, (r + 1) * length * channels), channels, centroids),
      );
  }
  distances.sort((a, b) => a - b);
  const finite = distances.filter(Number.isFinite);
  const at = Math.min(finite.length - 1, Math.floor(DOMAIN_QUANTILE * finite.length));
  return {
    centroids,
    distanceLimit: finite.length ? finite[at] : Number.POSITIVE_INFINITY,
    quantile: DOMAIN_QUANTILE,
  };
}

/**
 * The RMS difference between a spectrum's measured pixels and the nearest class centroid, after the best constant
 * offset (so a uniformly brighter or fainter normalisation does not count): infinite with fewer than 10% of the
 * pixels measured.
 */
export function domainDistance(
  row: ArrayLike<number>,
  channels: number,
  centroids: readonly number[][],
): number {
  const length = row.length / channels;
  let best = Number.POSITIVE_INFINITY;
  for (const centroid of centroids) {
    let n = 0;
    let mean = 0;
    for (let k = 0; k < length; k++) {
      if ((channels > 1 && !(row[k * channels + 1] > 0)) || !Number.isFinite(centroid[k])) continue;
      mean += row[k * channels] - centroid[k];
      n++;
    }
    if (n < 0.1 * length) continue;
    mean /= n;
    let square = 0;
    for (let k = 0; k < length; k++) {
      if ((channels > 1 && !(row[k * channels + 1] > 0)) || !Number.isFinite(centroid[k])) continue;
      square += (row[k * channels] - centroid[k] - mean) ** 2;
    }
    best = Math.min(best, Math.sqrt(square / n));
  }
  return best;
}
