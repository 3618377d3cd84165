import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM, CHROMIUM_ARGS, fixturePath, hasSharedFixtures } from '@spectra/test-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The built page (vite build, run by the test command's build step), served by a plain static server and driven in
// Debian's headless Chromium as a user would: open a real FITS file through the file input, see Figure 1, the
// metadata, the lines and the class. No console errors, no request outside the page's own origin.

const here = fileURLToPath(new URL('.', import.meta.url));
const dist = join(here, 'dist');
if (!CHROMIUM)
  console.warn("skipping the web app test: Debian's chromium is not installed (.ci/run installs it)");
if (!existsSync(join(dist, 'index.html')))
  console.warn('skipping the web app test: examples/web is not built (the test command builds it)');

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
};

let server: Server;
let origin = '';

describe.skipIf(!CHROMIUM || !existsSync(join(dist, 'index.html')))(
  'the web app in headless Chromium',
  () => {
    beforeAll(async () => {
      server = createServer((request, response) => {
        const path = normalize(
          join(dist, decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname)),
        );
        const file = path.endsWith('/') ? join(path, 'index.html') : path;
        if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) {
          response.writeHead(404).end();
          return;
        }
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' });
        response.end(readFileSync(file));
      });
      await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((done) => server.close(() => done())));

    it('opens a FITS file from the file input: Figure 1, metadata, lines and a class, all in the page', async () => {
      const { chromium } = await import('playwright-core');
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
        const errors: string[] = [];
        const foreign: string[] = [];
        page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
        page.on('pageerror', (e) => errors.push(e.message));
        page.on('request', (r) => {
          const url = r.url();
          if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:'))
            foreign.push(url);
        });
        await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
        const file = hasSharedFixtures
          ? fixturePath('spectra/sdss-spec/spec-3586-55181-0500.fits')
          : join(dist, 'samples/sample-G-star.fits');
        await page.setInputFiles('#file', file);
        await page.waitForSelector('#answer', { timeout: 60_000 });
        const answer = await page.textContent('#answer');
        expect(answer).toMatch(/^Class [OBAFGKM]/);
        if (hasSharedFixtures) expect(answer).toMatch(/^Class G/); // the G1V star
        // Figure 1 is drawn: the flux line and the line rules, red and blue, where the lines are.
        const figure = await page.$eval('#figure svg', (svg) => {
          const box = svg.getBoundingClientRect();
          const rules = Array.from(svg.querySelectorAll('path, line')).filter((p) =>
            ['#d62728', '#1f77b4'].includes((p.getAttribute('stroke') ?? '').toLowerCase()),
          );
          const labels = Array.from(svg.querySelectorAll('text')).map((t) => t.textContent);
          return { width: box.width, height: box.height, rules: rules.length, labels };
        });
        expect(figure.width).toBeGreaterThan(600);
        expect(figure.rules).toBeGreaterThan(10);
        expect(figure.labels).toEqual(expect.arrayContaining(['Hα', 'Hβ']));
        const screenshot = await page.locator('#figure').screenshot();
        expect(screenshot.length).toBeGreaterThan(20_000);
        const meta = await page.textContent('#meta');
        expect(meta).toContain('plate');
        const lines = await page.$$eval('#lines tr', (rows) => rows.length);
        expect(lines).toBeGreaterThan(10);
        // A sample: another file, the page updates.
        await page.click('button.sample >> nth=1');
        await page.waitForFunction(
          () => document.getElementById('title')?.textContent === 'sample-M-star.fits',
        );
        await page.waitForFunction(() =>
          /^(Class|Not classified)/.test(document.getElementById('answer')?.textContent ?? ''),
        );
        expect(errors).toEqual([]);
        expect(foreign).toEqual([]);
      } finally {
        await browser.close();
      }
    }, 120_000);
  },
);
