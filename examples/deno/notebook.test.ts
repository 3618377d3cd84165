import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hasSharedFixtures, TINY_MODEL_FLAGS } from '@spectra/test-fixtures';
import { describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const deno = join(here, 'node_modules', '.bin', 'deno');
const built = ['fits', 'lines', 'model', 'plot', 'synth', 'cli'].every((p) =>
  existsSync(join(here, '..', '..', 'packages', p, 'dist', 'index.js')),
);
let denoWorks = false;
try {
  denoWorks = existsSync(deno) && execFileSync(deno, ['--version'], { encoding: 'utf8' }).startsWith('deno ');
} catch {
  denoWorks = false;
}
if (!denoWorks)
  console.warn('skipping the Deno notebook test: the deno binary (npm package "deno") is not available');
if (!built)
  console.warn('skipping the Deno notebook test: the packages are not built (the test command builds them)');

/** The code cells of the notebook, in order, as one Deno module. */
function notebookModule(): string {
  const notebook = JSON.parse(readFileSync(join(here, 'deno-classify.ipynb'), 'utf8')) as {
    cells: Array<{ cell_type: string; source: string[] }>;
  };
  return notebook.cells
    .filter((c) => c.cell_type === 'code')
    .map((c, i) => `// cell ${i + 1}\n${c.source.join('')}`)
    .join('\n\n');
}

describe.skipIf(!denoWorks || !built)('examples/deno/deno-classify.ipynb', () => {
  it('runs every code cell with Deno: reads, marks lines, draws and classifies a spectrum', async () => {
    const { generateDataset } = await import('@spectra/synth');
    const { runCaptured } = await import('@spectra/cli');
    const root = mkdtempSync(join(tmpdir(), 'spectra-deno-'));
    const synth = await generateDataset(join(root, 'data'), { perClass: 6, seed: 6 });
    const trained = await runCaptured(
      'train',
      join(root, 'data'),
      '--model-out',
      join(root, 'model'),
      ...TINY_MODEL_FLAGS,
    );
    expect(trained.code, trained.stderr).toBe(0);
    // The module sits in examples/deno so that Deno resolves npm: imports from its node_modules ("manual").
    const module = join(here, `.notebook-${process.pid}.ts`);
    writeFileSync(module, notebookModule());
    try {
      const out = execFileSync(deno, ['run', '--allow-all', '--quiet', module], {
        cwd: here,
        encoding: 'utf8',
        env: { ...process.env, SPECTRUM: synth.files[0], MODEL: join(root, 'model'), NO_COLOR: '1' },
        timeout: 120_000,
      });
      expect(out).toMatch(/^sdss-spec \d+ pixels,/m);
      expect(out).toMatch(/\d+ lines identified/);
      expect(out).toMatch(/figure: \d+ bytes of SVG/);
      expect(out).toMatch(/class [OBAFGKM] on (wasm|cpu|tensorflow):/);
    } finally {
      rmSync(module, { force: true });
    }
  }, 180_000);

  it.runIf(hasSharedFixtures || existsSync(join(here, '../../spectra-demo/data/G')))(
    'runs with its defaults, as a user would after the README: a spectrum that exists and the pretrained model',
    () => {
      const module = join(here, `.notebook-defaults-${process.pid}.ts`);
      writeFileSync(module, notebookModule());
      try {
        const env = { ...process.env, NO_COLOR: '1' };
        delete env.SPECTRUM;
        delete env.MODEL;
        const out = execFileSync(deno, ['run', '--allow-all', '--quiet', module], {
          cwd: here,
          encoding: 'utf8',
          env,
          timeout: 120_000,
        });
        expect(out).toMatch(/model: pretrained/);
        expect(out).toMatch(/\d+ lines identified/);
        expect(out).toMatch(/class [OBAFGKM] on (wasm|cpu|tensorflow):/);
      } finally {
        rmSync(module, { force: true });
      }
    },
    180_000,
  );
});
