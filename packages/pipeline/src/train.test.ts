import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, selectBackend, TRAINING_DEFAULTS } from '@spectra/model';
import { generateDataset } from '@spectra/synth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TINY_TRAINING } from './tiny-training.js';
import { train } from './train.js';

describe('train: the temperature', () => {
  let dir: string;
  let root: string;
  beforeAll(async () => {
    await selectBackend('wasm');
    dir = mkdtempSync(join(tmpdir(), 'spectra-train-'));
    root = join(dir, 'survey');
    await generateDataset(root, { counts: { A: 10, G: 10, M: 10 }, seed: 8 });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const trainOn = (name: string, temperatureScaling?: boolean) =>
    train({
      root,
      ...TINY_TRAINING,
      seed: 3,
      modelOut: join(dir, name),
      ...(temperatureScaling !== undefined && { temperatureScaling }),
    });

  it('is fitted on the validation split and recorded, and applied unless asked not to', async () => {
    const plain = await trainOn('plain', false);
    const scaled = await trainOn('scaled');
    expect(TRAINING_DEFAULTS.temperatureScaling).toBe(true);
    // The same seed trains the same network, so the same temperature is fitted both times.
    expect(plain.calibration.fittedTemperature).toBeGreaterThan(0);
    expect(scaled.calibration.fittedTemperature).toBeCloseTo(plain.calibration.fittedTemperature, 6);
    expect(plain.calibration.fittedTemperature).not.toBeCloseTo(1, 3);
    expect(plain.calibration.temperature).toBe(1);
    expect(scaled.calibration.temperature).toBe(scaled.calibration.fittedTemperature);
    // The model folder carries the temperature predict applies, and the one fitted.
    for (const [name, result] of [
      ['plain', plain],
      ['scaled', scaled],
    ] as const) {
      const saved = await loadModel(join(dir, name));
      expect(saved.metadata.calibration?.temperature).toBe(result.calibration.temperature);
      expect(saved.metadata.calibration?.fittedTemperature).toBe(result.calibration.fittedTemperature);
      saved.model.dispose();
    }
    // The test split is scored with the temperature applied: the same network, other probabilities (ECE).
    expect(scaled.test.accuracy).toBe(plain.test.accuracy);
    expect(scaled.test.ece).not.toBeCloseTo(plain.test.ece, 6);
  }, 120_000);
});
