import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fixturePath, hasSharedFixtures, repoRoot } from './shared-fixtures.js';
import { syntheticSpectrumFile } from './synthetic-spec.js';

// The browser-safe packages bundle for the browser with esbuild and no externals, shims or polyfills, and the
// bundle runs where there is no Node: a fresh context without process, Buffer, require or a file system.

const BROWSER_SAFE = ['core', 'fits', 'lines', 'plot', 'model'] as const;

async function bundle(entry: string): Promise<string> {
  try {
    const result = await build({
      // Resolved from a package that depends on all of them, as a consumer's bundler resolves them: package.json,
      // export conditions (`browser`), their own dependencies.
      stdin: { contents: entry, resolveDir: join(repoRoot, 'packages/pipeline'), loader: 'js' },
      bundle: true,
      platform: 'browser',
      format: 'iife',
      write: false,
      logLevel: 'silent',
    });
    return result.outputFiles[0].text;
  } catch (error) {
    const errors = (error as { errors?: Array<{ text: string; location?: { file: string } }> }).errors ?? [];
    throw new Error(errors.map((e) => `${e.text} (${e.location?.file})`).join('; ') || String(error));
  }
}

/** What a browser page has of the web platform, and nothing of Node. */
function browserContext(extra: Record<string, unknown>) {
  return {
    TextDecoder,
    TextEncoder,
    URL,
    Blob,
    File,
    Response,
    console,
    setTimeout,
    queueMicrotask,
    performance,
    structuredClone,
    setInterval,
    clearTimeout,
    clearInterval,
    ...extra,
  };
}

describe.runIf(BROWSER_SAFE.every((p) => existsSync(join(repoRoot, 'packages', p, 'dist/index.js'))))(
  'browser bundles',
  () => {
    for (const pkg of BROWSER_SAFE) {
      it(`@spectra/${pkg} bundles for the browser with no externals`, async () => {
        const code = await bundle(`export * from '@spectra/${pkg}';`);
        expect(code.length).toBeGreaterThan(1000);
        expect(code).not.toMatch(/require\(["']node:/);
      });
    }

    it('in a context without Node, readSpectrum reads a real .fits.gz from a Blob, findLines names its lines, plot draws them as SVG', async () => {
      const code = await bundle(`
        import { readSpectrum, SpectraError } from '@spectra/fits';
        import { findLines } from '@spectra/lines';
        import { spectrumFigure, renderSvg } from '@spectra/plot';
        globalThis.run = async (blob, bad) => {
          const spectrum = await readSpectrum(blob);
          const lines = findLines(spectrum, { identify: { z: spectrum.meta.redshift ?? 0 } }).filter((l) => l.transition);
          let error;
          try { await readSpectrum('data/spec.fits'); } catch (e) { error = e instanceof SpectraError ? e.code + ': ' + e.message : 'untyped ' + e; }
          let bytesError;
          try { await readSpectrum(bad); } catch (e) { bytesError = e instanceof SpectraError ? e.code : 'untyped ' + e; }
          const svg = await renderSvg(spectrumFigure({ wavelength: spectrum.wavelength, flux: spectrum.flux, normalized: spectrum.flux,
            lines: lines.map((l) => ({ wavelength: l.centerAngstrom, kind: l.type, label: l.transition })) }));
          return { format: spectrum.format, n: spectrum.flux.length, lines: lines.map((l) => l.transition), error, bytesError, svg };
        };`);
      const context = browserContext({});
      runInNewContext(code, context);
      const file = hasSharedFixtures
        ? new Uint8Array(readFileSync(fixturePath('spectra/lamost/spec-55859-F5902_sp01-001_dr7.fits.gz')))
        : syntheticSpectrumFile({ snr: 40 });
      const run = (
        context as unknown as { run: (b: Blob, bad: Uint8Array) => Promise<Record<string, unknown>> }
      ).run;
      const result = await run(new Blob([file as Uint8Array<ArrayBuffer>]), new Uint8Array(100));
      expect(result.n).toBeGreaterThan(1000);
      expect((result.lines as string[]).length).toBeGreaterThan(3);
      expect(result.error).toMatch(/^SPECTRA_IO: cannot read a path here \(no file system\)/);
      expect(result.bytesError).toBe('SPECTRA_FITS_NOT_FITS');
      expect(result.svg).toMatch(/^<svg[\s\S]*Hα/);
    });
  },
);
