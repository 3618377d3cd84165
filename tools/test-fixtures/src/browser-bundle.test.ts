import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { fixturePath, hasSharedFixtures, repoRoot } from './shared-fixtures.js';
import { syntheticSpectrumFile } from './synthetic-spec.js';

// The browser-safe packages bundle for the browser with esbuild and no externals, shims or polyfills, and the
// bundle runs where there is no Node: a fresh context without process, Buffer, require or a file system.

const BROWSER_SAFE = ['core', 'fits', 'lines'] as const;

async function bundle(entry: string): Promise<string> {
  const result = await build({
    stdin: { contents: entry, resolveDir: repoRoot, loader: 'js' },
    bundle: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
    nodePaths: BROWSER_SAFE.map((p) => join(repoRoot, 'packages', p, 'node_modules')),
    alias: Object.fromEntries(
      BROWSER_SAFE.map((p) => [`@spectra/${p}`, join(repoRoot, 'packages', p, 'dist/index.js')]),
    ),
  });
  return result.outputFiles[0].text;
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

    it('in a context without Node, readSpectrum reads a real .fits.gz from a Blob and findLines names its lines', async () => {
      const code = await bundle(`
        import { readSpectrum, SpectraError } from '@spectra/fits';
        import { findLines } from '@spectra/lines';
        globalThis.run = async (blob, bad) => {
          const spectrum = await readSpectrum(blob);
          const lines = findLines(spectrum, { identify: { z: spectrum.meta.redshift ?? 0 } }).filter((l) => l.transition);
          let error;
          try { await readSpectrum('data/spec.fits'); } catch (e) { error = e instanceof SpectraError ? e.code + ': ' + e.message : 'untyped ' + e; }
          let bytesError;
          try { await readSpectrum(bad); } catch (e) { bytesError = e instanceof SpectraError ? e.code : 'untyped ' + e; }
          return { format: spectrum.format, n: spectrum.flux.length, lines: lines.map((l) => l.transition), error, bytesError };
        };`);
      const context = browserContext({});
      runInNewContext(code, context);
      const file = hasSharedFixtures
        ? new Uint8Array(readFileSync(fixturePath('spectra/lamost/spec-55859-F5902_sp01-001_dr7.fits.gz')))
        : syntheticSpectrumFile({ snr: 40 });
      const run = (
        context as unknown as { run: (b: Blob, bad: Uint8Array) => Promise<Record<string, unknown>> }
      ).run;
      const result = await run(new Blob([file]), new Uint8Array(100));
      expect(result.n).toBeGreaterThan(1000);
      expect((result.lines as string[]).length).toBeGreaterThan(3);
      expect(result.error).toMatch(/^SPECTRA_IO: cannot read a path here \(no file system\)/);
      expect(result.bytesError).toBe('SPECTRA_FITS_NOT_FITS');
    });
  },
);
