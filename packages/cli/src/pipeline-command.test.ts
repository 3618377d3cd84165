import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDataset, SYNTH_CATALOG } from '@spectra/synth';
import { describe, expect, it } from 'vitest';
import { runCaptured as run } from './run-captured.js';

const SMALL = [
  '--epochs',
  '3',
  '--input-length',
  '512',
  '--filters',
  '8,16',
  '--kernel-sizes',
  '7,5',
  '--pool-sizes',
  '4,4',
  '--dense-units',
  '16',
  '--batch-size',
  '16',
  '--quiet',
];

describe('spectra pipeline, train, eval and predict', async () => {
  const root = mkdtempSync(join(tmpdir(), 'spectra-pipeline-'));
  const data = join(root, 'data');
  const synth = await generateDataset(data, {
    perClass: 12,
    seed: 4,
    formats: 'mix',
    releases: { DR17: 2, DR18: 1 },
  });
  const example = synth.files.find((f) => /[\\/]G[\\/]spec-/.test(f))!;
  const out = join(root, 'out');
  const catalog = [
    '--label-catalog',
    synth.catalogPath,
    '--catalog-object-field',
    SYNTH_CATALOG.fields.object,
    '--catalog-spectral-field',
    SYNTH_CATALOG.fields.spectral,
    '--catalog-luminosity-field',
    SYNTH_CATALOG.fields.luminosity,
    '--catalog-strip-prefix',
    SYNTH_CATALOG.prefix,
    '--catalog-strip-suffix',
    SYNTH_CATALOG.suffix,
  ];

  it('runs the whole analysis with the reference flags and writes every output', async () => {
    const { code, stdout, stderr } = await run(
      'pipeline',
      data,
      ...SMALL,
      ...catalog,
      '--out-dir',
      out,
      '--history-plot',
      join(out, 'history.png'),
      '--no-show-history',
      '--plot-example',
      example,
      '--metadata-table',
      join(out, 'tables', 'meta.parquet'),
      '--spectra-manifest',
      join(out, 'tables', 'manifest.csv'),
      '--preproc-log',
      join(out, 'tables', 'log.parquet'),
      '--label-table',
      join(out, 'tables', 'labels.csv'),
      '--manifest-created-at',
      '2026-01-01T00:00:00Z',
      '--ablation',
      '--ablation-epochs',
      '1',
      '--release-shift',
      '--train-release',
      'DR17',
      '--workers',
      '2',
      '--seed',
      '5',
      '--json',
    );
    expect(code, stderr).toBe(0);
    expect(stdout).toContain('84 of 84 spectra read');
    expect(stdout).toMatch(/train +O \d+, B \d+/);
    expect(stdout).toContain('final: training accuracy');
    expect(stderr).toContain('warning: 84 spectra');
    expect(stderr).toContain('backend: wasm');
    for (const file of [
      'model/spectra-model.json',
      'model/model.json',
      'model/weights.bin',
      'reports/evaluation.json',
      'reports/evaluation_per_class.csv',
      'reports/evaluation_confusion.csv',
      'reports/baseline_evaluation.json',
      'reports/history.json',
      'reports/release_shift.csv',
      'reports/dataset_overview.csv',
      'supplement/ablation_studies.csv',
      'supplement/line_list.csv',
      'supplement/splits/train_split.csv',
      'history.png',
      'history.html',
      'figures/figure1_spectrum_lines.png',
      'figures/figure3_class_balance_sn.png',
      'figures/figure4_model_performance.html',
      'figures/figure5_release_shift.png',
      'tables/meta.parquet',
      'tables/log.parquet',
    ])
      expect(existsSync(join(out, file)), file).toBe(true);
    const ablation = readFileSync(join(out, 'supplement/ablation_studies.csv'), 'utf8').trim().split('\n');
    expect(ablation[0]).toContain('variant,description');
    expect(ablation.map((l) => l.split(',')[0]).slice(1)).toEqual([
      'default',
      'no_continuum',
      'no_dereddening',
      'half_length',
      'baseline',
    ]);
    const shift = readFileSync(join(out, 'reports/release_shift.csv'), 'utf8');
    expect(shift).toContain('DR17,DR18');
    const summary = JSON.parse(stdout.trim().split('\n').at(-1)!);
    expect(summary.history).toHaveLength(3);
    expect(summary.test.confusion).toHaveLength(7);
    expect(summary.trainRelease).toBe('DR17');

    const predicted = await run('predict', join(out, 'model'), example, '--csv');
    expect(predicted.code, predicted.stderr).toBe(0);
    const [header, row] = predicted.stdout.trim().split('\n');
    expect(header).toBe('file,class,probability,coverage,rejected,p_O,p_B,p_A,p_F,p_G,p_K,p_M');
    expect(row).toContain('spec-');
    const probabilities = row.split(',').slice(5).map(Number);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);

    // Without a model folder, the pretrained classifier answers, with calibrated probabilities.
    const pretrained = await run('predict', example, '--json');
    expect(pretrained.code, pretrained.stderr).toBe(0);
    const answer = JSON.parse(pretrained.stdout.trim());
    expect(Object.keys(answer.probabilities)).toEqual(['O', 'B', 'A', 'F', 'G', 'K', 'M']);
    expect(answer.rejection === null ? answer.className : null).toMatch(/^[OBAFGKM]$/);

    const evaluated = await run(
      'eval',
      join(out, 'model'),
      data,
      ...catalog,
      '--split',
      'test',
      '--seed',
      '5',
      '--quiet',
    );
    expect(evaluated.code, evaluated.stderr).toBe(0);
    expect(evaluated.stdout).toMatch(/spectra \(test\): accuracy \d/);
  }, 180_000);

  it('gives one clear line and exit 2 for bad usage', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['pipeline'], /missing required argument/],
      [['pipeline', data, '--no-such-flag'], /unknown option/],
      [['pipeline', data, '--retrieval-date', '2024-13-45'], /ISO|date/i],
      [['pipeline', data, '--filters', '8,16', '--kernel-sizes', '7', '--quiet'], /one value per conv block/],
      [
        ['pipeline', data, '--label-catalog', synth.catalogPath, '--catalog-object-field', 'NOPE', '--quiet'],
        /NOPE/,
      ],
      [['pipeline', join(root, 'nowhere'), '--quiet'], /no FITS files|nowhere/],
    ];
    for (const [argv, message] of cases) {
      const { code, stderr } = await run(...argv);
      expect(code, `${argv.join(' ')}: ${stderr}`).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('reports and skips an unreadable file (exit 1), or stops on it with --strict', async () => {
    const bad = join(root, 'bad');
    await generateDataset(bad, { perClass: 6, seed: 9 });
    writeFileSync(join(bad, 'K', 'truncated.fits'), readFileSync(synth.files[0]).subarray(0, 5000));
    const lenient = await run(
      'train',
      bad,
      ...SMALL,
      '--epochs',
      '1',
      '--model-out',
      join(root, 'm-bad'),
      '--no-baseline',
    );
    expect(lenient.code).toBe(1);
    expect(lenient.stderr).toMatch(/skipped .*truncated\.fits: .*\[SPECTRA_FITS_TRUNCATED\]/);
    const strict = await run('train', bad, ...SMALL, '--strict', '--model-out', join(root, 'm-strict'));
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/truncated\.fits.*\[SPECTRA_FITS_TRUNCATED\]/);
    expect(strict.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(root, 'm-strict'))).toBe(false);
  }, 120_000);
});
