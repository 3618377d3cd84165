import { join } from 'node:path';
import { readSpectrum, writeFileAtomic } from '@spectra/fits';
import { lineList, lineListCsv } from '@spectra/lines';
import {
  ABLATION_SCHEMA,
  type AblationRow,
  type AblationVariant,
  inRelease,
  RELEASE_SHIFT_SCHEMA,
  type ReleaseShiftRow,
  releaseShift,
  runAblation,
} from '@spectra/model';
import { classBalanceFigure, historyFigure, performanceFigure, releaseShiftFigure } from '@spectra/plot';
import { OVERVIEW_SCHEMA, writeTable } from '@spectra/provenance';
import type { CliIo } from '../cli-io.js';
import { stopwatch } from '../stopwatch.js';
import { showIfInteractive, spectrumWithLinesFigure, writeFigurePair } from './figures.js';
import { type TrainSummary, type TrainWorkflowOptions, trainWorkflow } from './train-workflow.js';

/** Everything `spectra pipeline` does beyond training. */
export interface PipelineOptions extends TrainWorkflowOptions {
  outDir: string;
  historyPlot?: string;
  showHistory?: boolean;
  plotExample?: string;
  plotExampleOut?: string;
  showExample?: boolean;
  /** Train one model per preprocessing variant and the baseline: supplement/ablation_studies.csv. */
  ablation?: boolean;
  ablationEpochs?: number;
  /** Train on one release only, test on every release: reports/release_shift.csv and Figure 5. */
  releaseShift?: boolean;
  /** Fraction of the training split each ablation model trains on. Default 1. */
  ablationFraction?: number;
}

/** What the pipeline did (`--json`). */
export interface PipelineSummary extends TrainSummary {
  ablation: AblationRow[] | null;
  releaseShift: ReleaseShiftRow[] | null;
  figures: string[];
}

/** The reference README's preprocessing ablations: each drops or shortens one step. */
export function ablationVariants(
  preprocess: TrainWorkflowOptions['settings']['preprocess'],
): Record<string, AblationVariant> {
  return {
    no_continuum: {
      choices: { ...preprocess, continuum: false },
      description: 'without continuum normalisation',
    },
    no_dereddening: { choices: { ...preprocess, deredden: false }, description: 'without de-reddening' },
    half_length: {
      choices: {
        ...preprocess,
        grid: { ...preprocess.grid, length: Math.round(preprocess.grid.length / 2) },
      },
      description: 'input length halved (coarser grid)',
    },
  };
}

/**
 * `spectra pipeline`: one read of the dataset (tables, labels, splits, preprocessing), training with the
 * baseline beside it, the evaluation files, Figures 1 and 3–5 and the history plot, the line list, the ablation
 * and the release shift — every file written atomically under `outDir` or where the flags say.
 */
export async function pipelineWorkflow(
  root: string,
  io: CliIo,
  options: PipelineOptions,
): Promise<PipelineSummary> {
  const reportDir = options.reportDir ?? join(options.outDir, 'reports');
  const { summary, dataset, model } = await trainWorkflow(root, io, {
    ...options,
    ...(options.releaseShift && { trainRelease: options.trainRelease ?? 'dominant' }),
    reportDir,
  });
  const { lap } = stopwatch(summary.stageSeconds);
  const figures: string[] = [];
  const figureDir = join(options.outDir, 'figures');
  try {
    io.out('dataset overview (Table A):\n  class  count  median S/N  coverage (Å)   R      releases\n');
    for (const row of dataset.provenance.overview)
      io.out(
        `  ${row.class_label.padEnd(5)}  ${String(row.count).padStart(5)}  ${(row.median_sn ?? Number.NaN).toFixed(1).padStart(10)}  ${`${row.coverage_min_A?.toFixed(0)}–${row.coverage_max_A?.toFixed(0)}`.padEnd(12)}  ${String(row.median_resolution_r ?? '-').padEnd(5)}  ${row.releases}\n`,
      );
    const historyPath = options.historyPlot ?? join(figureDir, 'history.png');
    const historyFiles = await writeFigurePair(historyPath, historyFigure(summary.history));
    figures.push(...historyFiles);
    await showIfInteractive(historyFiles[1], options.showHistory !== false);
    figures.push(
      ...(await writeFigurePair(
        join(figureDir, 'figure3_class_balance_sn.png'),
        classBalanceFigure(
          dataset.samples.map((s) => ({ classLabel: s.className ?? 'unlabelled', snr: s.snr })),
        ),
      )),
      ...(await writeFigurePair(
        join(figureDir, 'figure4_model_performance.png'),
        performanceFigure(summary.test),
      )),
    );
    const overviewPath = join(reportDir, 'dataset_overview.csv');
    // The Table A printed above, as a file.
    await writeTable(overviewPath, dataset.provenance.overview, OVERVIEW_SCHEMA, 'csv');
    const supplement = join(options.outDir, 'supplement');
    const lineListPath = join(supplement, 'line_list.csv');
    await writeFileAtomic(lineListPath, lineListCsv());
    io.out(`line list: ${lineListPath} (${lineList.length} lines)\n`);
    if (options.plotExample) {
      const spectrum = await readSpectrum(options.plotExample);
      const { spec, lines } = spectrumWithLinesFigure(spectrum);
      const out = options.plotExampleOut ?? join(figureDir, 'figure1_spectrum_lines.png');
      const pair = await writeFigurePair(out, spec);
      figures.push(...pair);
      io.out(`Figure 1: ${pair[0]} (${lines} identified lines marked)\n`);
      await showIfInteractive(pair[1], options.showExample !== false);
    }
    lap('figures');
    let ablationRows: AblationRow[] | null = null;
    if (options.ablation) {
      const variants = ablationVariants(options.settings.preprocess);
      const epochs = options.ablationEpochs ?? options.settings.fit.epochs;
      const fraction = options.ablationFraction ?? 1;
      io.out(
        `ablation: ${Object.keys(variants).length + 2} models, ${epochs} epochs each, on ${Math.round(100 * fraction)}% of the training split\n`,
      );
      ablationRows = await runAblation(
        dataset,
        variants,
        {
          ...options.settings.fit,
          epochs,
          fraction,
          workers: options.settings.workers,
          ...(summary.trainRelease !== null && { filter: inRelease(summary.trainRelease) }),
        },
        (variant) => io.err(`ablation: training ${variant}\n`),
      );
      const path = join(supplement, 'ablation_studies.csv');
      await writeTable(path, ablationRows, ABLATION_SCHEMA, 'csv');
      for (const row of ablationRows)
        io.out(
          `  ${row.variant.padEnd(15)} accuracy ${(100 * row.accuracy).toFixed(1)}%  (${row.delta_accuracy >= 0 ? '+' : ''}${(100 * row.delta_accuracy).toFixed(1)})\n`,
        );
      summary.written.push(path);
      lap('ablation');
    }
    let shiftRows: ReleaseShiftRow[] | null = null;
    if (options.releaseShift && summary.trainRelease !== null) {
      shiftRows = releaseShift(model, dataset, summary.trainRelease);
      if (shiftRows.length < 2)
        io.err('warning: the dataset has one data release only; the release shift has nothing to compare\n');
      const path = join(reportDir, 'release_shift.csv');
      await writeTable(path, shiftRows, RELEASE_SHIFT_SCHEMA, 'csv');
      summary.written.push(path);
      figures.push(
        ...(await writeFigurePair(
          join(figureDir, 'figure5_release_shift.png'),
          releaseShiftFigure(shiftRows),
        )),
      );
      for (const r of shiftRows)
        io.out(
          `release shift ${r.train_release} → ${r.eval_release}: accuracy ${(100 * r.accuracy).toFixed(1)}%, macro F1 ${r.macro_f1.toFixed(3)} (${r.test_samples} spectra)\n`,
        );
      lap('release_shift');
    }
    summary.written.push(lineListPath, overviewPath, ...figures);
    io.out(`figures: ${figures.filter((f) => f.endsWith('.png')).join(', ')}\n`);
    io.out(
      `timing: ${Object.entries(summary.stageSeconds)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')}\n`,
    );
    return { ...summary, ablation: ablationRows, releaseShift: shiftRows, figures };
  } finally {
    dataset.close();
    model.dispose();
  }
}
