import { describe, expect, it } from 'vitest';
import { evaluatePredictions } from './evaluate.js';

const probsOf = (rows: number[][]) => Float32Array.from(rows.flat());

describe('evaluatePredictions', () => {
  it('counts the confusion matrix and derives precision, recall and F1 from it', () => {
    // true:      A  A  A  G  G  M
    // predicted: A  A  G  G  M  M
    const e = evaluatePredictions({
      classNames: ['A', 'G', 'M'],
      labels: [0, 0, 0, 1, 1, 2],
      probs: probsOf([
        [0.8, 0.1, 0.1],
        [0.6, 0.3, 0.1],
        [0.3, 0.6, 0.1],
        [0.1, 0.7, 0.2],
        [0.1, 0.4, 0.5],
        [0.1, 0.1, 0.8],
      ]),
    });
    expect(e.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(e.accuracy).toBeCloseTo(4 / 6, 12);
    const [a, g, m] = e.perClass;
    expect(a).toMatchObject({ precision: 1, recall: 2 / 3, support: 3 });
    expect(g.precision).toBeCloseTo(0.5, 12);
    expect(g.recall).toBeCloseTo(0.5, 12);
    expect(m.f1).toBeCloseTo((2 * 0.5 * 1) / 1.5, 12);
    expect(e.macroF1).toBeCloseTo((a.f1 + g.f1 + m.f1) / 3, 12);
  });

  it('gives AUC 1 for a perfect ranking, 0.5 for constant scores, and average precision like scikit-learn', () => {
    const labels = [0, 0, 1, 1, 1];
    const perfect = evaluatePredictions({
      classNames: ['A', 'B'],
      labels,
      probs: probsOf([
        [0.9, 0.1],
        [0.8, 0.2],
        [0.3, 0.7],
        [0.2, 0.8],
        [0.1, 0.9],
      ]),
    });
    expect(perfect.roc[1].auc).toBeCloseTo(1, 12);
    expect(perfect.pr[1].auc).toBeCloseTo(1, 12);
    const flat = evaluatePredictions({
      classNames: ['A', 'B'],
      labels,
      probs: new Float32Array(10).fill(0.5),
    });
    expect(flat.roc[0].auc).toBeCloseTo(0.5, 12);
    // Scores for class B = [0.1, 0.4, 0.35, 0.8, 0.2] with y = [0, 0, 1, 1, 1] rank 0.8(+) 0.4(−) 0.35(+) 0.2(+)
    // 0.1(−): AP = (1 + 2/3 + 3/4) / 3 = 0.80556 (scikit-learn's average_precision_score); 4 of the 6
    // positive–negative pairs are ordered correctly, so ROC AUC = 2/3.
    const mixed = evaluatePredictions({
      classNames: ['A', 'B'],
      labels,
      probs: probsOf([
        [0.9, 0.1],
        [0.6, 0.4],
        [0.65, 0.35],
        [0.2, 0.8],
        [0.8, 0.2],
      ]),
    });
    expect(mixed.pr[1].auc).toBeCloseTo(1 / 3 + 2 / 9 + 1 / 4, 6);
    expect(mixed.roc[1].auc).toBeCloseTo(2 / 3, 6);
  });

  it('bins accuracy by S/N and coverage and reports a subtype RMS from the class centres', () => {
    const e = evaluatePredictions({
      classNames: ['O', 'B'],
      labels: [0, 1, 1],
      probs: probsOf([
        [1, 0],
        [0, 1],
        [1, 0],
      ]),
      snr: [3, 25, 50],
      coverage: [1, 0.6, null],
      subtype: [4.5, 14.5, 12.5],
    });
    expect(e.bySnr.find((b) => b.bin === '0–5')).toMatchObject({ count: 1, accuracy: 1 });
    expect(e.bySnr.find((b) => b.bin === '≥40')).toMatchObject({ count: 1, accuracy: 0 });
    expect(e.byCoverage.find((b) => b.bin === '95%–100%')).toMatchObject({ count: 1, accuracy: 1 });
    expect(e.byCoverage.reduce((a, b) => a + b.count, 0)).toBe(2);
    // errors 0, 0, 8 subtypes → RMS √(64/3)
    expect(e.subtypeRms).toBeCloseTo(Math.sqrt(64 / 3), 6);
  });
});
