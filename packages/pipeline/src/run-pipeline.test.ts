import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, selectBackend } from '@spectra/model';
import { generateDataset, SYNTH_CATALOG } from '@spectra/synth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PipelineEvent } from './events.js';
import { prepareDataset } from './prepare-dataset.js';
import { runPipeline } from './run-pipeline.js';
import { TINY_TRAINING } from './tiny-training.js';

describe('runPipeline', () => {
  let dir: string;
  beforeAll(async () => {
    await selectBackend('wasm');
    dir = mkdtempSync(join(tmpdir(), 'spectra-run-pipeline-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('trains a class for every folder: MK folders by their letter, any other name kept whole (A, K, GALAXY)', async () => {
    const synth = join(dir, 'synth');
    await generateDataset(synth, { counts: { A: 8, K: 8, M: 8 }, seed: 21 });
    const root = join(dir, 'three');
    mkdirSync(root);
    cpSync(join(synth, 'A'), join(root, 'A'), { recursive: true });
    cpSync(join(synth, 'K'), join(root, 'K'), { recursive: true });
    // Any spectra will do for a class named by its folder; these are M stars filed as galaxies.
    cpSync(join(synth, 'M'), join(root, 'GALAXY'), { recursive: true });
    const events: PipelineEvent[] = [];
    const result = await runPipeline(
      { root, outDir: join(dir, 'out-three'), ...TINY_TRAINING },
      { onEvent: (event) => events.push(event) },
    );
    expect(result.report.classes).toEqual(['A', 'K', 'GALAXY']);
    expect(result.report.classCounts).toEqual({ A: 8, K: 8, GALAXY: 8 });
    expect(result.test.classNames).toEqual(['A', 'K', 'GALAXY']);
    const saved = await loadModel(result.modelOut!);
    expect(saved.metadata.classNames).toEqual(['A', 'K', 'GALAXY']);
    saved.model.dispose();
    // Typed events in stage order, and warnings as issues, not prints.
    const stages = events.filter((e) => e.type === 'stage-done').map((e) => e.stage);
    expect(stages).toEqual(['read', 'train', 'evaluate', 'save', 'figures']);
    expect(result.issues.map((i) => i.kind)).toContain('few-spectra');
    expect(events.filter((e) => e.type === 'epoch')).toHaveLength(result.history.length);
  }, 120_000);

  it('labels from a catalogue: every strip prefix applies, fallbacks and problems are issues, Table A counts the labels trained on', async () => {
    const root = join(dir, 'catalogued');
    const survey = await generateDataset(root, { perClass: 3, seed: 8, missingLabelFraction: 0 });
    // Relabel one A star as K in the catalogue and add a broken row: the counts must follow the catalogue.
    const lines = readFileSync(survey.catalogPath, 'utf8').trim().split('\n');
    const header = lines[0].split(',');
    const id = header.indexOf(SYNTH_CATALOG.fields.object);
    const spectral = header.indexOf(SYNTH_CATALOG.fields.spectral!);
    const teff = header.indexOf(SYNTH_CATALOG.fields.teff!);
    const aRow = lines.findIndex((l, i) => i > 0 && l.split(',')[spectral].startsWith('A'));
    const cells = lines[aRow].split(',');
    cells[spectral] = 'K3';
    lines[aRow] = cells.join(',');
    // One entry written with a second, extra decoration that only a second prefix removes.
    const last = lines.length - 1;
    const lastCells = lines[last].split(',');
    const lastId = lastCells[id];
    lastCells[id] = `EXTRA_${lastId}`;
    lines[last] = lastCells.join(',');
    const bad = [...cells];
    bad[id] = `${SYNTH_CATALOG.prefix}nothing-here${SYNTH_CATALOG.suffix}`;
    bad[teff] = 'hot';
    lines.push(bad.join(','));
    const catalog = join(dir, 'catalog.csv');
    writeFileSync(catalog, `${lines.join('\n')}\n`);
    const { report } = await prepareDataset(root, {
      labelCatalog: catalog,
      catalogFields: SYNTH_CATALOG.fields,
      stripPrefix: ['EXTRA_', SYNTH_CATALOG.prefix],
      stripSuffix: [SYNTH_CATALOG.suffix],
    });
    expect(report.catalog?.unmatched).toEqual([]);
    expect(report.issues.filter((i) => i.kind === 'catalog-problem').map((i) => i.message)).toEqual([
      `label catalogue line ${lines.length}: ${SYNTH_CATALOG.fields.teff} 'hot' is not a number [SPECTRA_CATALOG_NUMBER]`,
    ]);
    // With strict, the malformed row stops the run, naming the catalogue and the line.
    await expect(
      prepareDataset(root, {
        labelCatalog: catalog,
        catalogFields: SYNTH_CATALOG.fields,
        stripPrefix: ['EXTRA_', SYNTH_CATALOG.prefix],
        stripSuffix: [SYNTH_CATALOG.suffix],
        strict: true,
      }),
    ).rejects.toThrow(new RegExp(`line ${lines.length}: .*SPECTRA_CATALOG_NUMBER.*--strict.*catalog\\.csv`));
    expect(report.classCounts.A).toBe(2);
    expect(report.classCounts.K).toBe(4);
    const tableA = Object.fromEntries(report.overview.map((row) => [row.class_label, row.count]));
    expect(tableA).toEqual(report.classCounts);
    const trainedCounts: Record<string, number> = {};
    for (const split of Object.values(report.splitCounts))
      for (const [c, n] of Object.entries(split)) trainedCounts[c] = (trainedCounts[c] ?? 0) + n;
    expect(trainedCounts).toEqual(report.classCounts);
    // Without the second prefix the decorated entry falls back to its folder and says so.
    const fallback = await prepareDataset(root, {
      labelCatalog: catalog,
      catalogFields: SYNTH_CATALOG.fields,
      stripPrefix: SYNTH_CATALOG.prefix,
      stripSuffix: SYNTH_CATALOG.suffix,
    });
    expect(fallback.report.catalog?.unmatched).toHaveLength(1);
    expect(fallback.report.issues.map((i) => i.kind)).toContain('catalog-fallback');
  }, 60_000);
});
