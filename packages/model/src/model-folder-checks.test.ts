import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadModel } from './model-folder.js';
import { pretrainedModelFolder } from './pretrained.js';
import { selectBackend } from './select-backend.js';

// Model folders are untrusted input: each case starts from the shipped model, changes one thing, and must be
// refused with a typed error before the bad part is opened or allocated.

function copy(): string {
  const folder = join(mkdtempSync(join(tmpdir(), 'spectra-untrusted-')), 'model');
  cpSync(pretrainedModelFolder(), folder, { recursive: true });
  return folder;
}

function edit(folder: string, file: string, change: (json: Record<string, any>) => void) {
  const path = join(folder, file);
  const json = JSON.parse(readFileSync(path, 'utf8'));
  change(json);
  writeFileSync(path, JSON.stringify(json));
}

describe('untrusted model folders', () => {
  beforeAll(async () => {
    await selectBackend();
  });

  it('the shipped model loads', async () => {
    const { model, metadata } = await loadModel(copy());
    expect(metadata.classNames).toHaveLength(7);
    model.dispose();
  });

  it('a weights path that climbs out of the folder is refused before it is opened', async () => {
    const folder = copy();
    edit(folder, 'model.json', (json) => {
      json.weightsManifest[0].paths = ['../../../../etc/passwd'];
    });
    await expect(loadModel(folder)).rejects.toMatchObject({
      code: 'SPECTRA_MODEL_INCOMPATIBLE',
      message: expect.stringMatching(
        /weight path "\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd" .* not a file inside the folder/,
      ),
    });
    edit(folder, 'model.json', (json) => {
      json.weightsManifest[0].paths = ['/etc/passwd'];
    });
    await expect(loadModel(folder)).rejects.toMatchObject({ code: 'SPECTRA_MODEL_INCOMPATIBLE' });
  });

  it('a weights file that is a symbolic link out of the folder is refused', async () => {
    const folder = copy();
    symlinkSync('/etc/passwd', join(folder, 'outside.bin'));
    edit(folder, 'model.json', (json) => {
      json.weightsManifest[0].paths = ['outside.bin'];
    });
    await expect(loadModel(folder)).rejects.toThrow(/leads outside the model folder/);
  });

  it('class names must be distinct and non-empty', async () => {
    const folder = copy();
    edit(folder, 'spectra-model.json', (json) => {
      json.classNames[1] = json.classNames[0];
    });
    await expect(loadModel(folder)).rejects.toThrow(/class name 'O' appears twice/);
    edit(folder, 'spectra-model.json', (json) => {
      json.classNames[1] = ' ';
    });
    await expect(loadModel(folder)).rejects.toThrow(/is not a non-empty string/);
  });

  it('a clip range must be two finite numbers, low below high', async () => {
    const folder = copy();
    for (const clip of [[4, -1], [0, 'x'], [1], 'wide'] as unknown[]) {
      edit(folder, 'spectra-model.json', (json) => {
        json.preprocess.clip = clip;
      });
      await expect(loadModel(folder)).rejects.toThrow(/preprocess\.clip .* is not \[low, high\]/);
    }
    edit(folder, 'spectra-model.json', (json) => {
      json.preprocess.clip = [-1, 4];
    });
    const { model, metadata } = await loadModel(folder);
    expect(metadata.preprocess.clip).toEqual([-1, 4]);
    model.dispose();
  });

  it('a subtype head must fit the network: the layer it reads and one weight per feature', async () => {
    const folder = copy();
    edit(folder, 'spectra-model.json', (json) => {
      json.subtype.weights.push(1);
    });
    await expect(loadModel(folder)).rejects.toThrow(/subtype head has \d+ weights for \d+ features/);
    edit(folder, 'spectra-model.json', (json) => {
      json.subtype.layer = 'nowhere';
    });
    await expect(loadModel(folder)).rejects.toThrow(/reads layer 'nowhere'/);
  });

  it('a topology asking for 150,000 units is refused before anything is built', async () => {
    const folder = copy();
    edit(folder, 'model.json', (json) => {
      const layers = json.modelTopology.config.layers;
      layers.find((l: { class_name: string }) => l.class_name === 'Dense').config.units = 150_000;
    });
    const before = process.memoryUsage().rss;
    const started = performance.now();
    await expect(loadModel(folder)).rejects.toThrow(/layers need .* bytes but model\.json lists/);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 2 ** 20);
  });

  it('weight shapes that do not match the bytes of the weights file are refused', async () => {
    const folder = copy();
    edit(folder, 'model.json', (json) => {
      json.weightsManifest[0].weights[0].shape = [7, 2, 1_000_000];
    });
    await expect(loadModel(folder)).rejects.toThrow(
      /declares \d+ bytes of weights but the weight files hold/,
    );
    const longer = copy();
    edit(longer, 'model.json', (json) => {
      json.modelTopology.config.layers[0].config.batch_input_shape = [null, 3840 * 64, 2];
    });
    await expect(loadModel(longer)).rejects.toThrow(
      /the network's layers need 10 weights of \d+ bytes but model\.json lists 10 of/,
    );
  });
});
