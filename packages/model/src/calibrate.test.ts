import { describe, expect, it } from 'vitest';
import { applyTemperature, fitTemperature } from './calibrate.js';
import { evaluatePredictions } from './evaluate.js';

describe('temperature scaling', () => {
  it('softens an over-confident classifier: lower NLL and ECE, same predicted classes', () => {
    // 2,000 predictions 99% sure of themselves but right only 70% of the time.
    const n = 2000;
    const classes = 3;
    const probs = new Float32Array(n * classes);
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const predicted = i % 3;
      probs.set([0.005, 0.005, 0.005], i * classes);
      probs[i * classes + predicted] = 0.99;
      labels.push(i % 10 < 7 ? predicted : (predicted + 1) % 3);
    }
    const t = fitTemperature(probs, labels, classes);
    expect(t).toBeGreaterThan(2);
    const scaled = applyTemperature(probs, t, classes);
    const before = evaluatePredictions({ classNames: ['A', 'B', 'C'], labels, probs });
    const after = evaluatePredictions({ classNames: ['A', 'B', 'C'], labels, probs: scaled });
    expect(before.ece).toBeGreaterThan(0.25);
    expect(after.ece).toBeLessThan(0.02);
    expect(after.accuracy).toBe(before.accuracy);
    // The calibrated confidence of every prediction is the accuracy, 0.7.
    expect(scaled[0]).toBeCloseTo(0.7, 2);
    for (let i = 0; i < n; i++)
      expect(scaled[i * 3] + scaled[i * 3 + 1] + scaled[i * 3 + 2]).toBeCloseTo(1, 5);
  });

  it('T = 1 changes nothing; the reliability curve counts every prediction once', () => {
    const probs = Float32Array.from([0.6, 0.3, 0.1, 0.1, 0.85, 0.05]);
    expect(Array.from(applyTemperature(probs, 1, 3))).toEqual(
      Array.from(probs).map((v) => expect.closeTo(v, 6)),
    );
    const evaluation = evaluatePredictions({ classNames: ['B', 'G', 'M'], labels: [0, 2], probs });
    expect(evaluation.reliability.reduce((a, b) => a + b.count, 0)).toBe(2);
    expect(evaluation.withinOneLetter).toBe(0.5);
    // One right at 0.6 (bin 0.6–0.7), one wrong at 0.85 (bin 0.8–0.9).
    expect(evaluation.ece).toBeCloseTo(0.5 * (1 - 0.6) + 0.5 * 0.85, 5);
  });
});
