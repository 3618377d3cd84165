import { mkPosition, SUBTYPES_PER_CLASS } from '@spectra/core';
/** What an evaluation needs: true classes, predicted probabilities and, per sample, the quantities to bin by. */
export interface EvaluationInput {
  classNames: readonly string[];
  /** True class index per sample. */
  labels: ArrayLike<number>;
  /** Probabilities, samples × classes. */
  probs: Float32Array;
  /** Median S/N per sample (null when unknown). */
  snr?: ArrayLike<number | null>;
  /** Fraction of the common grid the spectrum covers, 0–1. */
  coverage?: ArrayLike<number | null>;
  /** True subtype on the continuous scale O0 = 0, B0 = 10, ..., M9 = 69 (null when not labelled). */
  subtype?: ArrayLike<number | null>;
  /** Predicted subtype on the same scale, when the model has a subtype head (else estimated from the letters). */
  predictedSubtype?: ArrayLike<number | null>;
}

/** One bin of a reliability curve: mean confidence against accuracy. */
export interface ReliabilityBin {
  low: number;
  high: number;
  count: number;
  confidence: number | null;
  accuracy: number | null;
}

/** Precision, recall, F1 and support of one class. */
export interface ClassMetrics {
  className: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** A one-vs-rest curve with its area. */
export interface Curve {
  className: string;
  /** ROC: area under the curve; PR: average precision. */
  auc: number;
  /** ROC: [fpr, tpr]; PR: [recall, precision]; at most ~200 points. */
  points: Array<[number, number]>;
}

/** Accuracy of the samples in one bin. */
export interface BinAccuracy {
  bin: string;
  low: number;
  high: number;
  count: number;
  accuracy: number | null;
}

/** Everything the evaluation reports (and the plot package draws as Figure 4). */
export interface Evaluation {
  samples: number;
  accuracy: number;
  macroF1: number;
  classNames: string[];
  perClass: ClassMetrics[];
  /** Counts, rows = true class, columns = predicted class. */
  confusion: number[][];
  roc: Curve[];
  pr: Curve[];
  bySnr: BinAccuracy[];
  byCoverage: BinAccuracy[];
  /**
   * RMS of (estimated − true) subtype in subtypes, where the estimate is the probability-weighted mean of the class
   * centres (X4.5): what a letter classifier says about subtypes. Null without subtype labels.
   */
  subtypeRms: number | null;
  /** Fraction predicted within one MK letter of the truth (null unless every class is an MK letter). */
  withinOneLetter: number | null;
  /** Expected calibration error: Σ (bin count / n) · |accuracy − mean confidence| over RELIABILITY_BINS bins. */
  ece: number;
  /** The reliability curve behind `ece` (Figure 4). */
  reliability: ReliabilityBin[];
}

/** Confidence bins of the reliability curve and ECE. */
export const RELIABILITY_BINS = 10;

/** S/N bin edges (median S/N per pixel). */
export const SNR_BINS = [0, 5, 10, 20, 40, Number.POSITIVE_INFINITY];
/** Coverage bin edges (fraction of the common grid with data). */
export const COVERAGE_BINS = [0, 0.5, 0.7, 0.85, 0.95, 1.000001];

/** Index of the largest value (the first, for ties): the predicted class of a row of probabilities. */
export function argmax(row: Float32Array): number {
  let best = 0;
  for (let k = 1; k < row.length; k++) if (row[k] > row[best]) best = k;
  return best;
}

function binLabel(low: number, high: number, percent: boolean): string {
  const f = (v: number) => (percent ? `${Math.round(v * 100)}%` : String(v));
  if (!Number.isFinite(high)) return `≥${f(low)}`;
  return `${f(low)}–${f(high)}`;
}

function binned(
  values: ArrayLike<number | null> | undefined,
  correct: boolean[],
  edges: number[],
  percent: boolean,
): BinAccuracy[] {
  if (!values) return [];
  return edges.slice(0, -1).map((low, b) => {
    const high = edges[b + 1];
    let count = 0;
    let hits = 0;
    for (let i = 0; i < correct.length; i++) {
      const v = values[i];
      if (v === null || v === undefined || !Number.isFinite(v) || v < low || v >= high) continue;
      count++;
      if (correct[i]) hits++;
    }
    return {
      bin: binLabel(low, percent ? Math.min(high, 1) : high, percent),
      low,
      high: percent ? Math.min(high, 1) : high,
      count,
      accuracy: count ? hits / count : null,
    };
  });
}

/** Thins a curve to at most `max` points, keeping the first and last. */
function thin(points: Array<[number, number]>, max = 200): Array<[number, number]> {
  if (points.length <= max) return points;
  const step = (points.length - 1) / (max - 1);
  return Array.from({ length: max }, (_, i) => points[Math.round(i * step)]);
}

/** One-vs-rest ROC (trapezoidal AUC) and PR (average precision) curves of one class; ties are stepped together. */
function curves(scores: number[], positive: boolean[], className: string): { roc: Curve; pr: Curve } {
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  const P = positive.filter(Boolean).length;
  const N = positive.length - P;
  const roc: Array<[number, number]> = [[0, 0]];
  const pr: Array<[number, number]> = [[0, 1]];
  let tp = 0;
  let fp = 0;
  let auc = 0;
  let ap = 0;
  for (let i = 0; i < order.length; i++) {
    if (positive[order[i]]) tp++;
    else fp++;
    if (i + 1 < order.length && scores[order[i + 1]] === scores[order[i]]) continue;
    const fpr = N ? fp / N : 0;
    const tpr = P ? tp / P : 0;
    const [lastF, lastT] = roc[roc.length - 1];
    auc += (fpr - lastF) * (tpr + lastT) * 0.5;
    roc.push([fpr, tpr]);
    const recall = tpr;
    const precision = tp / (tp + fp);
    ap += (recall - pr[pr.length - 1][0]) * precision;
    pr.push([recall, precision]);
  }
  return {
    roc: { className, auc: P && N ? auc : Number.NaN, points: thin(roc) },
    pr: { className, auc: P ? ap : Number.NaN, points: thin(pr) },
  };
}

/**
 * Scores predictions: accuracy, macro F1, per-class precision/recall/F1, the confusion matrix, one-vs-rest ROC and
 * PR curves with their areas, accuracy binned by S/N and by wavelength coverage, and a subtype RMS.
 */
export function evaluatePredictions(input: EvaluationInput): Evaluation {
  const k = input.classNames.length;
  const n = input.labels.length;
  if (input.probs.length !== n * k)
    throw new RangeError(`probabilities hold ${input.probs.length} values; expected ${n} × ${k}`);
  const predicted = Array.from({ length: n }, (_, i) => argmax(input.probs.subarray(i * k, (i + 1) * k)));
  const confusion = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (let i = 0; i < n; i++) confusion[input.labels[i]][predicted[i]]++;
  const correct = predicted.map((p, i) => p === input.labels[i]);
  const perClass = input.classNames.map((className, c) => {
    const tp = confusion[c][c];
    const support = confusion[c].reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[c], 0);
    const precision = predictedCount ? tp / predictedCount : 0;
    const recall = support ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { className, precision, recall, f1, support };
  });
  const present = perClass.filter((m) => m.support > 0);
  const roc: Curve[] = [];
  const pr: Curve[] = [];
  input.classNames.forEach((className, c) => {
    const scores = Array.from({ length: n }, (_, i) => input.probs[i * k + c]);
    const positive = Array.from({ length: n }, (_, i) => input.labels[i] === c);
    const both = curves(scores, positive, className);
    roc.push(both.roc);
    pr.push(both.pr);
  });
  let subtypeRms: number | null = null;
  const letters = input.classNames.map(mkPosition);
  const mk = letters.every((l) => l >= 0);
  if (input.subtype && (mk || input.predictedSubtype)) {
    let sum = 0;
    let count = 0;
    for (let i = 0; i < n; i++) {
      const truth = input.subtype[i];
      if (truth === null || truth === undefined || !Number.isFinite(truth)) continue;
      let estimate = input.predictedSubtype?.[i] ?? null;
      if (estimate === null && mk) {
        estimate = 0;
        for (let c = 0; c < k; c++)
          estimate += input.probs[i * k + c] * (SUBTYPES_PER_CLASS * letters[c] + 4.5);
      }
      if (estimate === null) continue;
      sum += (estimate - truth) ** 2;
      count++;
    }
    subtypeRms = count ? Math.sqrt(sum / count) : null;
  }
  const withinOneLetter =
    mk && n
      ? predicted.filter((p, i) => Math.abs(letters[p] - letters[input.labels[i]]) <= 1).length / n
      : null;
  const reliability = reliabilityCurve(input.probs, predicted, correct, k);
  const ece = reliability.reduce(
    (a, bin) => a + (bin.count && n ? (bin.count / n) * Math.abs(bin.accuracy! - bin.confidence!) : 0),
    0,
  );
  return {
    samples: n,
    accuracy: n ? correct.filter(Boolean).length / n : 0,
    macroF1: present.length ? present.reduce((a, m) => a + m.f1, 0) / present.length : 0,
    classNames: [...input.classNames],
    perClass,
    confusion,
    roc,
    pr,
    bySnr: binned(input.snr, correct, SNR_BINS, false),
    byCoverage: binned(input.coverage, correct, COVERAGE_BINS, true),
    subtypeRms,
    withinOneLetter,
    ece,
    reliability,
  };
}

/** Mean confidence (top probability) and accuracy in RELIABILITY_BINS equal-width confidence bins. */
function reliabilityCurve(
  probs: Float32Array,
  predicted: number[],
  correct: boolean[],
  k: number,
): ReliabilityBin[] {
  const bins = Array.from({ length: RELIABILITY_BINS }, (_, b) => ({
    low: b / RELIABILITY_BINS,
    high: (b + 1) / RELIABILITY_BINS,
    count: 0,
    sumConfidence: 0,
    hits: 0,
  }));
  predicted.forEach((p, i) => {
    const confidence = probs[i * k + p];
    const bin = bins[Math.min(RELIABILITY_BINS - 1, Math.floor(confidence * RELIABILITY_BINS))];
    bin.count++;
    bin.sumConfidence += confidence;
    if (correct[i]) bin.hits++;
  });
  return bins.map((b) => ({
    low: b.low,
    high: b.high,
    count: b.count,
    confidence: b.count ? b.sumConfidence / b.count : null,
    accuracy: b.count ? b.hits / b.count : null,
  }));
}
