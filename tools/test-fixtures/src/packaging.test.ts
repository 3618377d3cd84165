import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-fixtures.js';

const PACKAGES = ['core', 'fits', 'lines', 'synth', 'provenance', 'model', 'plot', 'pipeline', 'cli'];
const built = PACKAGES.every((p) => existsSync(join(repoRoot, `packages/${p}/dist/index.js`)));

describe.skipIf(!built)('every package packs cleanly', () => {
  it.each(PACKAGES)('@spectra/%s: npm pack ships dist, types, README and no sources or tests', (name) => {
    const dir = join(repoRoot, 'packages', name);
    const [pack] = JSON.parse(
      execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
    const files: string[] = pack.files.map((f: { path: string }) => f.path);
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    expect(pack.name).toBe(`@spectra/${name}`);
    expect(files).toContain('dist/index.js');
    expect(files).toContain('dist/index.d.ts');
    expect(files).toContain('README.md');
    expect(files).toContain('LICENSE');
    expect(files.some((f) => f.startsWith('src/') || f.endsWith('.test.ts'))).toBe(false);
    expect(manifest.exports['.'].types).toBe('./dist/index.d.ts');
    if (manifest.bin)
      for (const bin of Object.values<string>(manifest.bin))
        expect(files).toContain(bin.replace(/^\.\//, ''));
    // Every file an export condition names (other than the monorepo's own source condition) is in the package.
    const targets = (value: unknown): string[] =>
      typeof value === 'string'
        ? [value]
        : Object.entries(value as object).flatMap(([k, v]) => (k === '@spectra/source' ? [] : targets(v)));
    for (const target of targets(manifest.exports))
      expect(files, target).toContain(target.replace(/^\.\//, ''));
  });

  it('@spectra/model declares the native TensorFlow backend as an optional peer (used when present)', () => {
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'packages/model/package.json'), 'utf8'));
    expect(manifest.peerDependencies['@tensorflow/tfjs-node']).toBeDefined();
    expect(manifest.peerDependenciesMeta['@tensorflow/tfjs-node']).toEqual({ optional: true });
  });
});
