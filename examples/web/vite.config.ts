import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { planDataset, renderSpectrum, spectrumFileBytes } from '@spectra/synth';
import { defineConfig, type Plugin } from 'vite';

const require = createRequire(import.meta.url);

/**
 * Puts beside the page what it loads at run time: the pretrained classifier of @spectra/model (`model/`) and three
 * sample spectra (synthetic SDSS spec files of a G, an M and an A star, made with @spectra/synth, seeded).
 */
function spectraAssets(): Plugin {
  return {
    name: 'spectra-assets',
    generateBundle() {
      const pretrained = join(dirname(require.resolve('@spectra/model/package.json')), 'pretrained');
      for (const file of ['model.json', 'weights.bin', 'spectra-model.json'])
        this.emitFile({
          type: 'asset',
          fileName: `model/${file}`,
          source: readFileSync(join(pretrained, file)),
        });
      for (const letter of ['G', 'M', 'A'] as const) {
        const [plan] = planDataset({
          counts: { [letter]: 1 },
          seed: 7,
          formats: ['sdss-spec'],
          snrRange: [30, 40],
        });
        this.emitFile({
          type: 'asset',
          fileName: `samples/sample-${letter}-star.fits`,
          source: spectrumFileBytes(renderSpectrum(plan)),
        });
      }
    },
  };
}

export default defineConfig({
  base: './',
  plugins: [spectraAssets()],
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
});
