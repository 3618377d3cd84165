import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';
import { writeFileAtomic } from '@spectra/core';
import type { TopLevelSpec } from 'vega-lite';
import { renderSvg, toVega } from './render-svg.js';
import { FIGURE_FONT } from './theme.js';

const require = createRequire(import.meta.url);

/** Paths of the DejaVu Sans regular and bold TrueType files (from the dejavu-fonts-ttf package). */
export function fontFiles(): string[] {
  const root = dirname(require.resolve('dejavu-fonts-ttf/package.json'));
  return ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map((f) => join(root, 'ttf', f));
}

// Node-only rendering (PNG through resvg's binary, the bundled fonts, self-contained HTML, files); the browser
// entry (browser.ts) leaves this file out.

/**
 * Renders a figure to PNG: vega's SVG rasterised by resvg (its binary ships in its npm package) with the bundled
 * DejaVu Sans and no system fonts, so the same spec gives the same pixels everywhere.
 */
export async function renderPng(spec: TopLevelSpec, options: { scale?: number } = {}): Promise<Uint8Array> {
  const svg = await renderSvg(spec);
  const resvg = new Resvg(svg, {
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FIGURE_FONT },
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    background: 'white',
  });
  return new Uint8Array(resvg.render().asPng());
}

/** The rasterised figure as raw RGBA pixels (for tests and image checks). */
export async function renderPixels(
  spec: TopLevelSpec,
  options: { scale?: number } = {},
): Promise<{ width: number; height: number; pixels: Uint8Array }> {
  const svg = await renderSvg(spec);
  const image = new Resvg(svg, {
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FIGURE_FONT },
    fitTo: { mode: 'zoom', value: options.scale ?? 1 },
    background: 'white',
  }).render();
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}

let vegaRuntime: string | undefined;
function vegaScript(): string {
  if (!vegaRuntime) {
    const entry = fileURLToPath(import.meta.resolve('vega'));
    vegaRuntime = readFileSync(join(dirname(entry), 'vega.min.js'), 'utf8');
  }
  return vegaRuntime;
}

const inlineJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c');

/**
 * A self-contained interactive page: the vega runtime and the compiled spec inline (no CDN; it opens offline),
 * SVG rendering with hover and tooltips, and the original vega-lite spec kept in the page for reuse.
 */
export function renderHtml(spec: TopLevelSpec, options: { title?: string } = {}): string {
  const title = (options.title ?? (typeof spec.title === 'string' ? spec.title : 'Spectra figure')).replace(
    /[<&>]/g,
    (c) => ({ '<': '&lt;', '&': '&amp;', '>': '&gt;' })[c]!,
  );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${title}</title>
<style>body{margin:16px;font-family:'${FIGURE_FONT}',sans-serif;background:#fff}</style>
</head>
<body>
<div id="figure"></div>
<script type="application/json" id="vega-lite-spec">${inlineJson(spec)}</script>
<script type="application/json" id="vega-spec">${inlineJson(toVega(spec))}</script>
<script>${vegaScript().replace(/<\/script/gi, '<\\/script')}</script>
<script>
const spec = JSON.parse(document.getElementById('vega-spec').textContent);
new vega.View(vega.parse(spec), { renderer: 'svg', container: '#figure', hover: true })
  .runAsync()
  .then(() => document.body.setAttribute('data-rendered', 'true'));
</script>
</body>
</html>
`;
}

/** Figure formats, chosen by the file extension. */
export type FigureFormat = 'svg' | 'png' | 'html' | 'json';

/**
 * Writes a figure atomically in the format its extension names: `.svg`, `.png`, `.html` or `.json` (the vega-lite
 * spec itself).
 */
export async function writeFigure(path: string, spec: TopLevelSpec): Promise<void> {
  const format = path.toLowerCase().split('.').pop() as FigureFormat;
  const { mkdir } = await import('node:fs/promises');
  await mkdir(dirname(path), { recursive: true });
  if (format === 'svg') await writeFileAtomic(path, await renderSvg(spec));
  else if (format === 'png') await writeFileAtomic(path, await renderPng(spec));
  else if (format === 'html') await writeFileAtomic(path, renderHtml(spec));
  else if (format === 'json') await writeFileAtomic(path, `${JSON.stringify(spec, null, 1)}\n`);
  else throw new RangeError(`${path}: figures are written as .svg, .png, .html or .json`);
}
