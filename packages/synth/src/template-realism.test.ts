import { mkPosition } from '@spectra/core';
import { readSpectrum } from '@spectra/fits';
import { fitContinuum } from '@spectra/lines';
import { fixturePath, hasSharedFixtures } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { loadTemplates, matchTemplates } from '../scripts/template-realism.mjs';
import { typicalStar } from './mk-calibration.js';
import { modelSpectrum } from './spectrum-model.js';

describe.skipIf(!hasSharedFixtures)(
  'synthetic dwarfs look like the real PyHammer templates of their type',
  () => {
    it('the nearest template by χ² has the same letter for ≥ 85% of subtypes O5–M9, never more than one off', async () => {
      const templates = await loadTemplates(fixturePath('templates/pyhammer'), {
        readSpectrum,
        fitContinuum,
      });
      expect(templates).toHaveLength(59);
      const result = matchTemplates(templates, { fitContinuum, modelSpectrum, typicalStar, mkPosition });
      const misses = result.matches.filter((m) => m.lettersOff > 0).map((m) => `${m.subtype}→${m.nearest}`);
      expect(result.agreement, `misses: ${misses.join(' ')}`).toBeGreaterThanOrEqual(0.85);
      expect(result.worstLettersOff).toBeLessThanOrEqual(1);
    }, 120_000);
  },
);
