import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from './shared-fixtures.js';

const packages = readdirSync(join(repoRoot, 'packages'));
const runtimeDeps = (name: string): string[] => {
  const json = JSON.parse(readFileSync(join(repoRoot, 'packages', name, 'package.json'), 'utf8'));
  return Object.keys({ ...json.dependencies, ...json.peerDependencies })
    .filter((d) => d.startsWith('@spectra/'))
    .map((d) => d.slice('@spectra/'.length));
};
const sources = (name: string): string[] =>
  readdirSync(join(repoRoot, 'packages', name, 'src'), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => readFileSync(join(e.parentPath, e.name), 'utf8'));

// The layering of docs/decisions/2026-11-29-pipeline-package.md, checked on the package manifests and sources.
describe('the package graph runs one way', () => {
  const allowed: Record<string, string[]> = {
    core: [],
    fits: ['core'],
    lines: ['core', 'fits'],
    plot: ['core'],
    provenance: ['core', 'fits'],
    model: ['core', 'fits', 'lines'],
    synth: ['core', 'fits', 'lines'],
    pipeline: ['core', 'fits', 'lines', 'model', 'plot', 'provenance'],
    cli: ['core', 'fits', 'lines', 'model', 'pipeline', 'plot', 'provenance', 'synth'],
  };

  it('every package depends only on the layers below it (core at the bottom, no model↔provenance edge)', () => {
    expect(packages.sort()).toEqual(Object.keys(allowed).sort());
    for (const name of packages) {
      const deps = runtimeDeps(name);
      for (const dep of deps) expect(allowed[name], `${name} → ${dep}`).toContain(dep);
      for (const source of sources(name))
        for (const [, dep] of source.matchAll(/from '@spectra\/([a-z-]+)/g))
          expect(allowed[name], `${name} imports @spectra/${dep}`).toContain(dep);
    }
  });

  it('the CLI holds no training, evaluation or table logic: it calls @spectra/pipeline', () => {
    const forbidden =
      /\b(fitClassifier|evaluateClassifier|trainModel|TableWriter|writeTable|makeSplits|labelRows|metadataRow|prepareDataset|readDataset)\b/;
    for (const source of sources('cli')) expect(source).not.toMatch(forbidden);
  });
});
