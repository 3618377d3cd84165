import { CHROMIUM, CHROMIUM_ARGS } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';
import { renderHtml, renderPixels } from './render.js';
import { spectrumFigure } from './spectrum-figure.js';

if (!CHROMIUM)
  console.warn(
    "skipping the headless-browser test: Debian's chromium is not installed (.ci/run installs it)",
  );

function figure() {
  const wavelength = Array.from({ length: 800 }, (_, i) => 4000 + 3.75 * i);
  const normalized = wavelength.map(
    (w) => 1 + 1.5 * Math.exp(-0.5 * ((w - 6563) / 4) ** 2) - 0.6 * Math.exp(-0.5 * ((w - 5000) / 4) ** 2),
  );
  return spectrumFigure({
    wavelength,
    flux: normalized.map((v) => 5 * v),
    normalized,
    lines: [
      { wavelength: 6563, kind: 'emission', label: 'Hα' },
      { wavelength: 5000, kind: 'absorption', label: 'test' },
    ],
    width: 500,
  });
}

describe.skipIf(!CHROMIUM)('the HTML figure in headless Chromium', () => {
  it('renders with no console errors, no network, and the same outline as the PNG', async () => {
    const { chromium } = await import('playwright-core');
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage({ viewport: { width: 1000, height: 800 } });
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('request', (r) => !r.url().startsWith('data:') && requests.push(r.url()));
      const spec = figure();
      await page.setContent(renderHtml(spec), { waitUntil: 'load' });
      await page.waitForSelector('body[data-rendered="true"]', { timeout: 15_000 });
      expect(errors).toEqual([]);
      expect(requests.filter((u) => u !== 'about:blank')).toEqual([]);
      const svg = await page.$eval('#figure svg', (el) => {
        const box = el.getBoundingClientRect();
        const rules = Array.from(el.querySelectorAll('path, line'))
          .map((p) => ({
            stroke: (p.getAttribute('stroke') ?? '').toLowerCase(),
            box: p.getBoundingClientRect(),
          }))
          .filter((p) => (p.stroke === '#d62728' || p.stroke === '#1f77b4') && p.box.height > 50)
          .map((p) => ({ stroke: p.stroke, x: p.box.x + p.box.width / 2 - box.x }));
        return { width: box.width, height: box.height, rules };
      });
      const png = await renderPixels(spec, { scale: 1 });
      // Node's vega estimates text widths (no canvas) where the browser measures them: axis labels may differ by a
      // few pixels, the plot itself not.
      expect(Math.abs(svg.width - png.width) / png.width).toBeLessThan(0.03);
      expect(Math.abs(svg.height - png.height) / png.height).toBeLessThan(0.03);
      // The emission and absorption rules sit at the same x in the browser and in the PNG.
      const pngColumn = (match: (r: number, g: number, b: number) => boolean) => {
        const counts = new Map<number, number>();
        for (let i = 0; i < png.width * png.height; i++)
          if (match(png.pixels[4 * i], png.pixels[4 * i + 1], png.pixels[4 * i + 2]))
            counts.set(i % png.width, (counts.get(i % png.width) ?? 0) + 1);
        const xs = [...counts].filter(([, n]) => n >= 15).map(([x]) => x);
        xs.sort((a, b) => a - b);
        return xs[Math.floor(xs.length / 2)];
      };
      const red = svg.rules.filter((r) => r.stroke === '#d62728').map((r) => r.x);
      const blue = svg.rules.filter((r) => r.stroke === '#1f77b4').map((r) => r.x);
      expect(red.length).toBeGreaterThan(0);
      expect(blue.length).toBeGreaterThan(0);
      const pngRed = pngColumn((r, g, b) => r > 180 && g < 90 && b < 90);
      const pngBlue = pngColumn((r, g, b) => b > 150 && r < 80 && g > 90 && g < 160);
      expect(Math.abs(red[0] - blue[0] - (pngRed - pngBlue))).toBeLessThan(3);
      expect(Math.abs(red[0] - pngRed)).toBeLessThan(15);
    } finally {
      await browser.close();
    }
  }, 60_000);
});
