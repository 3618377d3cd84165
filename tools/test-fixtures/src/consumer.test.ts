import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-fixtures.js';

const PACKAGES = ['core', 'fits', 'lines', 'synth', 'provenance', 'model', 'plot', 'pipeline', 'cli'];
const built = PACKAGES.every((p) => existsSync(join(repoRoot, `packages/${p}/dist/index.js`)));
if (!built) console.warn('skipping the install-the-tarballs test: the packages are not built');

// A user's project: the tarballs pnpm packs (workspace:* turned into versions), installed by npm from outside the
// workspace, each package imported by its published name, and the `spectra` bin run.
describe.skipIf(!built)('the packed packages install and import in a project outside the workspace', () => {
  it('npm installs the nine tarballs and every package imports; the spectra bin answers --version', () => {
    const scratch = mkdtempSync(join(tmpdir(), 'spectra-consumer-'));
    const tarballs = join(scratch, 'tarballs');
    for (const name of PACKAGES)
      execFileSync('npx', ['-y', 'pnpm@10.34.8', 'pack', '--pack-destination', tarballs], {
        cwd: join(repoRoot, 'packages', name),
        stdio: 'ignore',
      });
    const files = readdirSync(tarballs);
    const tarball = (name: string) =>
      `file:${join(tarballs, files.find((f) => f.startsWith(`spectra-${name}-`))!)}`;
    const deps = Object.fromEntries(PACKAGES.map((name) => [`@spectra/${name}`, tarball(name)]));
    const project = join(scratch, 'project');
    execFileSync('mkdir', ['-p', project]);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({
        name: 'consumer',
        private: true,
        type: 'module',
        dependencies: deps,
        overrides: deps,
      }),
    );
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error'], {
      cwd: project,
      stdio: 'ignore',
    });
    writeFileSync(
      join(project, 'check.mjs'),
      `${PACKAGES.map((p) => `import * as ${p} from '@spectra/${p}';`).join('\n')}
const exported = { ${PACKAGES.join(', ')} };
console.log(JSON.stringify(Object.fromEntries(Object.entries(exported).map(([k, m]) => [k, Object.keys(m).length]))));
console.log(typeof fits.readSpectrum, typeof model.trainModel, typeof plot.spectrumFigure, typeof pipeline.runPipeline, typeof cli.runCli);
`,
    );
    const out = execFileSync(process.execPath, ['check.mjs'], { cwd: project, encoding: 'utf8' })
      .trim()
      .split('\n');
    const counts = JSON.parse(out[0]) as Record<string, number>;
    for (const name of PACKAGES) expect(counts[name], name).toBeGreaterThan(3);
    expect(out[1]).toBe('function function function function function');
    const version = execFileSync(join(project, 'node_modules', '.bin', 'spectra'), ['--version'], {
      encoding: 'utf8',
    });
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  }, 600_000);
});
