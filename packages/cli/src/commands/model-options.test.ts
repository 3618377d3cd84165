import { defaultRecipe, TRAINING_DEFAULTS } from '@spectra/model/recipe';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { addModelOptions, modelSettings } from './model-options.js';

/** The fit options the training flags turn into, as `spectra train` / `pipeline` parse them. */
const fitOf = (...args: string[]) => {
  const command = addModelOptions(new Command('train').exitOverride());
  command.parse(args, { from: 'user' });
  return modelSettings(command.opts(), 1).fit;
};
const settingsOf = (...args: string[]) => {
  const command = addModelOptions(new Command('train').exitOverride());
  command.parse(args, { from: 'user' });
  return modelSettings(command.opts(), 1);
};
const preprocessOf = (...args: string[]) => {
  const command = addModelOptions(new Command('train').exitOverride());
  command.parse(args, { from: 'user' });
  return modelSettings(command.opts(), 1).preprocess;
};

describe('training flags', () => {
  it('--min-delta and --patience reach the fit options; without --min-delta every better epoch counts', () => {
    const plain = fitOf();
    expect(plain.patience).toBe(TRAINING_DEFAULTS.patience);
    expect(plain.minDelta).toBeUndefined();
    const strict = fitOf('--min-delta', '0.01', '--patience', '5');
    expect(strict).toMatchObject({ minDelta: 0.01, patience: 5 });
    expect(() => fitOf('--min-delta', '-0.1')).toThrow(/is negative/);
  });

  it('--weight-average reaches the fit options as a decay in (0, 1); 0 or absent averages nothing', () => {
    expect(fitOf().weightAverage).toBeUndefined();
    expect(fitOf('--weight-average', '0').weightAverage).toBeUndefined();
    expect(fitOf('--weight-average', '0.99').weightAverage).toBe(0.99);
    expect(() => fitOf('--weight-average', '1')).toThrow(/is not in \[0, 1\)/);
  });

  it('the fitted temperature is applied by default; --no-temperature-scaling records it only', () => {
    expect(settingsOf().temperatureScaling).toBe(TRAINING_DEFAULTS.temperatureScaling);
    expect(settingsOf('--no-temperature-scaling').temperatureScaling).toBe(false);
    expect(settingsOf('--temperature-scaling').temperatureScaling).toBe(true);
  });
});

describe('preprocessing flags', () => {
  it('the input channels are the recipe default; --mask-channel adds the measured-pixel channel, --no-mask-channel drops it', () => {
    expect(preprocessOf().channels).toBe(defaultRecipe().preprocess.channels);
    expect(preprocessOf('--mask-channel').channels).toBe(2);
    expect(preprocessOf('--no-mask-channel').channels).toBe(1);
    expect(preprocessOf('--mask-channel', '--no-mask-channel').channels).toBe(1);
  });
});
