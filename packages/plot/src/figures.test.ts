import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { classBalanceFigure } from './class-balance-figure.js';
import { comparisonFigure } from './comparison-figure.js';
import { historyFigure } from './history-figure.js';
import { performanceFigure } from './performance-figure.js';
import { releaseShiftFigure } from './release-shift-figure.js';
import { renderHtml, renderPixels, renderPng } from './render.js';
import { renderSvg, toVega } from './render-svg.js';
import { spectrumFigure } from './spectrum-figure.js';

const require = createRequire(import.meta.url);
const schema = require('vega-lite/vega-lite-schema.json');
const ajv = new Ajv({ allErrors: false, strict: false, allowUnionTypes: true });
const validate = ajv.compile(schema);

/** A star-like spectrum with one emission line (Hα) and one absorption line (Na D), 4000–7000 Å. */
function demoSpectrum() {
  const n = 1500;
  const wavelength = Float64Array.from({ length: n }, (_, i) => 4000 + (3000 * i) / (n - 1));
  const continuum = (w: number) => 1 + 0.3 * Math.sin(w / 900);
  const profile = (w: number, c: number, depth: number) => depth * Math.exp(-0.5 * ((w - c) / 3) ** 2);
  const normalized = Float64Array.from(wavelength, (w) => 1 + profile(w, 6563, 1.5) - profile(w, 5893, 0.6));
  const flux = Float64Array.from(normalized, (v, i) => 10 * v * continuum(wavelength[i]));
  const ivar = new Float64Array(n).fill(100);
  const masked = Uint8Array.from(wavelength, (w) => (w > 5570 && w < 5585 ? 1 : 0));
  return spectrumFigure({
    title: 'Test star',
    wavelength,
    flux,
    normalized,
    ivar,
    masked,
    fluxUnit: '1e-17 erg/s/cm²/Å',
    lines: [
      { wavelength: 6563, kind: 'emission', label: 'Hα', details: { ew: -4.2 } },
      { wavelength: 5893, kind: 'absorption', label: 'Na D', details: { ew: 1.1 } },
    ],
    width: 600,
  });
}

const EVALUATION = {
  classNames: ['A', 'G', 'M'],
  accuracy: 0.8,
  confusion: [
    [8, 2, 0],
    [1, 9, 0],
    [0, 1, 9],
  ],
  roc: ['A', 'G', 'M'].map((c, k) => ({
    className: c,
    auc: 0.9 + 0.03 * k,
    points: [
      [0, 0],
      [0.1, 0.7 + 0.1 * k],
      [1, 1],
    ] as Array<[number, number]>,
  })),
  pr: ['A', 'G', 'M'].map((c) => ({
    className: c,
    auc: 0.85,
    points: [
      [0, 1],
      [0.5, 0.9],
      [1, 0.4],
    ] as Array<[number, number]>,
  })),
  bySnr: [
    { bin: '0–5', count: 3, accuracy: 0.33 },
    { bin: '≥40', count: 7, accuracy: 1 },
  ],
  byCoverage: [{ bin: '95%–100%', count: 30, accuracy: 0.8 }],
};

const FIGURES: Record<string, () => TopLevelSpec> = {
  spectrum: demoSpectrum,
  history: () =>
    historyFigure([
      { epoch: 1, loss: 1.2, accuracy: 0.5, valLoss: 1.0, valAccuracy: 0.6 },
      { epoch: 2, loss: 0.6, accuracy: 0.8, valLoss: 0.5, valAccuracy: 0.85 },
    ]),
  classBalance: () =>
    classBalanceFigure([
      { classLabel: 'G', snr: 20 },
      { classLabel: 'A', snr: 35 },
      { classLabel: 'G', snr: 12 },
      { classLabel: 'M', snr: null },
    ]),
  performance: () => performanceFigure(EVALUATION),
  performanceWithReliability: () =>
    performanceFigure({
      ...EVALUATION,
      ece: 0.031,
      reliability: [
        { low: 0.5, high: 0.6, count: 10, confidence: 0.55, accuracy: 0.5 },
        { low: 0.9, high: 1, count: 90, confidence: 0.96, accuracy: 0.97 },
      ],
    }),
  releaseShift: () =>
    releaseShiftFigure([
      { train_release: 'DR17', eval_release: 'DR17', accuracy: 0.95, macro_f1: 0.94, test_samples: 100 },
      { train_release: 'DR17', eval_release: 'DR18', accuracy: 0.9, macro_f1: 0.88, test_samples: 80 },
    ]),
  comparison: () =>
    comparisonFigure([
      {
        label: 'G2',
        series: [
          { name: 'synthetic', wavelength: [4000, 5000, 6000], flux: [0.9, 1, 1.02] },
          { name: 'PyHammer template', wavelength: [4000, 5000, 6000], flux: [0.88, 1.01, 1] },
        ],
      },
    ]),
};

describe('figures', () => {
  for (const [name, make] of Object.entries(FIGURES)) {
    it(`${name}: validates against the vega-lite schema, compiles, and renders to SVG`, async () => {
      const spec = make();
      const valid = validate(spec);
      expect(valid, JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
      expect(() => toVega(spec)).not.toThrow();
      const svg = await renderSvg(spec);
      expect(svg.startsWith('<svg')).toBe(true);
      expect(svg).toContain('DejaVu Sans');
      expect(JSON.stringify(spec)).toMatchSnapshot();
    });
  }

  it('draws the emission line red and the absorption line blue where they are, on a non-blank PNG', async () => {
    const { width, height, pixels } = await renderPixels(demoSpectrum());
    expect(width).toBeGreaterThan(600);
    expect(height).toBeGreaterThan(440);
    // Columns where a colour runs down the panel (a rule), not the legend's small symbols.
    const columns = (match: (r: number, g: number, b: number) => boolean, minRows = 40) => {
      const counts = new Map<number, number>();
      for (let i = 0; i < width * height; i++) {
        const [r, g, b] = [pixels[4 * i], pixels[4 * i + 1], pixels[4 * i + 2]];
        if (match(r, g, b)) counts.set(i % width, (counts.get(i % width) ?? 0) + 1);
      }
      return [...counts].filter(([, n]) => n >= minRows).map(([x]) => x);
    };
    const red = columns((r, g, b) => r > 180 && g < 90 && b < 90);
    const blue = columns((r, g, b) => b > 150 && r < 80 && g > 90 && g < 160);
    const orange = columns((r, g, b) => r > 220 && g > 140 && g < 190 && b < 110, 4);
    const inked = columns((r, g, b) => r + g + b < 600, 1);
    expect(red.length).toBeGreaterThan(0);
    expect(blue.length).toBeGreaterThan(0);
    expect(orange.length).toBeGreaterThan(0);
    expect(inked.length).toBeGreaterThan(0.8 * width);
    // Hα (6563 Å) lies right of Na D (5893 Å) and the masked pixels (5570–5585 Å) left of both, at the linear
    // axis' spacing: (6563 − 5893) / (5893 − 5577.5) = 2.12.
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [r, bl, o] = [median(red), median(blue), median(orange)];
    expect(r).toBeGreaterThan(bl);
    expect(bl).toBeGreaterThan(o);
    expect((r - bl) / (bl - o)).toBeCloseTo(2.12, 0);
  });

  it('renders the same PNG bytes twice (bundled font, no system fonts)', async () => {
    const a = await renderPng(FIGURES.history());
    const b = await renderPng(FIGURES.history());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    expect([...a.slice(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  it('writes self-contained HTML: the vega runtime and the spec inline, no remote URLs', () => {
    const html = renderHtml(FIGURES.performance());
    expect(html).toContain('vega-lite-spec');
    expect(html.length).toBeGreaterThan(400_000);
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/https?:\/\/(cdn|unpkg|fonts)/);
  });
});

describe('Figure 1 labels', () => {
  it('never overlap, however crowded the lines (a test on the positions in the spec)', () => {
    // 60 labels in 400 Å of a 3,800–9,200 Å spectrum: the crowd of the 3,900–4,300 Å region and more.
    const lines = Array.from({ length: 60 }, (_, i) => ({
      wavelength: 3900 + i * 6.7,
      kind: (i % 3 ? 'absorption' : 'emission') as 'absorption' | 'emission',
      label: `Fe I ${3900 + Math.round(i * 6.7)}`,
    }));
    const spec = spectrumFigure({
      wavelength: [3800, 9200],
      flux: [1, 1],
      normalized: [1, 1],
      lines,
    }) as unknown as {
      vconcat: Array<{ layer?: Array<{ data?: { values: unknown[] }; mark: { type: string } }> }>;
    };
    const text = spec.vconcat.flatMap((v) => v.layer ?? []).find((l) => l.mark.type === 'text')!;
    const placed = text.data!.values as Array<{ x0: number; x1: number; tier: number; y: number }>;
    expect(placed.length).toBeGreaterThanOrEqual(8);
    expect(JSON.stringify(spec)).toContain(`${60 - placed.length} more identified features in the tooltips`);
    for (const a of placed)
      for (const b of placed)
        if (a !== b && a.tier === b.tier)
          expect(a.x1 <= b.x0 || b.x1 <= a.x0, `${JSON.stringify(a)} ${JSON.stringify(b)}`).toBe(true);
    // Rows are distinct heights: same row ⇔ same y.
    for (const a of placed) for (const b of placed) expect(a.tier === b.tier).toBe(a.y === b.y);
  });
});
