import { join } from 'node:path';
import { writeFileAtomic } from '@spectra/core';
import { readSpectrum } from '@spectra/fits';
import { lineList, lineListCsv } from '@spectra/lines';
import { MODEL_PACKAGE_VERSION, type ReleaseShiftRow, releaseShift } from '@spectra/model';
import {
  classBalanceFigure,
  type FigureSpec,
  historyFigure,
  performanceFigure,
  releaseShiftFigure,
  writeFigure,
} from '@spectra/plot';
import { OVERVIEW_SCHEMA, writeTable } from '@spectra/provenance';
import { type AblationRow, ablationVariants, runAblation } from './ablation.js';
import { PIPELINE_DEFAULTS } from './defaults.js';
import type { EventSink, PipelineIssue } from './events.js';
import { type DatasetReport, prepareDataset } from './prepare-dataset.js';
import { ABLATION_SCHEMA, RELEASE_SHIFT_SCHEMA } from './report-files.js';
import { RunFolder, type RunManifest } from './run-folder.js';
import { spectrumLinesFigure } from './spectrum-lines-figure.js';
import { stageClock } from './stage-clock.js';
import { type TrainOptions, type TrainResult, trainModelOn } from './train.js';

/** Everything `spectra pipeline` does, as options. */
export interface PipelineOptions extends TrainOptions {
  /** Folder for the model, reports, figures and supplement. @default PIPELINE_DEFAULTS.outDir ('spectra-output') */
  outDir?: string;
  /** Training-history figure, .png or .svg (an .html copy is written beside it). @default OUT_DIR/figures/history.png */
  historyPlot?: string;
  /** Draw Figure 1 (spectrum with identified lines) for this file. @default no Figure 1 */
  plotExample?: string;
  /** Where Figure 1 goes. @default OUT_DIR/figures/figure1_spectrum_lines.png */
  plotExampleOut?: string;
  /** Train one model per preprocessing variant and the baseline (supplement/ablation_studies.csv). @default false */
  ablation?: boolean;
  /** Epochs of each ablation model. @default the main model's epochs */
  ablationEpochs?: number;
  /** Fraction of the training split each ablation model trains on. @default 1 */
  ablationFraction?: number;
  /** Train on one release only (`trainRelease`, default the largest) and test on every release (Figure 5). @default false */
  releaseShift?: boolean;
  /** The command line that started the run, recorded in run.json. @default null */
  command?: string[];
}

/** What a pipeline run did. */
export interface PipelineResult extends TrainResult {
  ablation: AblationRow[] | null;
  releaseShift: ReleaseShiftRow[] | null;
  /** Figure files written (PNG/SVG and their HTML). */
  figures: string[];
  /** The history figure's HTML and Figure 1's HTML, for a caller that wants to show them. */
  show: { history: string; example: string | null };
  issues: PipelineIssue[];
  /** What run.json records: run id, options, versions, each output with its SHA-256. */
  run: RunManifest;
}

/** What a sharded pass did: its part of each table (training needs every file, so it does not train). */
export interface ShardResult {
  report: DatasetReport;
  written: string[];
}

/**
 * The whole analysis of a dataset, in order: read (tables, labels, splits, preprocessing: one pass) → train →
 * evaluate → baseline → save → figures → ablation → release shift. Progress and findings go to `onEvent` as typed
 * events; warnings are collected in `issues`; it never prints. With `shard`, only the read pass runs and its part
 * of each table is written (shards of one dataset may run at once, so they take no lock).
 *
 * A full run holds its output folder (RunFolder): a second run on the same folder fails at once
 * (SPECTRA_RUN_LOCKED); outputs under the folder are written to a staging folder and swapped in only when the run
 * is complete, with run.json (run id, options, versions, every output's SHA-256) last, so a killed run leaves the
 * previous complete run as it was. Outputs given paths outside the folder are written in place (each atomically)
 * and listed in run.json by absolute path.
 */
export async function runPipeline(
  options: PipelineOptions & { shard: NonNullable<PipelineOptions['shard']> },
  handlers?: { onEvent?: EventSink },
): Promise<ShardResult>;
export async function runPipeline(
  options: PipelineOptions,
  handlers?: { onEvent?: EventSink },
): Promise<PipelineResult>;
export async function runPipeline(
  options: PipelineOptions,
  handlers: { onEvent?: EventSink } = {},
): Promise<PipelineResult | ShardResult> {
  const emit = handlers.onEvent ?? (() => {});
  if (options.shard) {
    const { report } = await prepareDataset(options.root, { ...options, preprocess: null, onEvent: emit });
    return { report, written: report.written };
  }
  const outDir = options.outDir ?? PIPELINE_DEFAULTS.outDir;
  const run = await RunFolder.open(outDir);
  try {
    const result = await runInFolder(options, run, emit);
    return finalPaths(result, run, await run.commit(runInfo(options), outsideFolder(result, run)));
  } catch (error) {
    await run.abandon();
    throw error;
  }
}

/** The run itself, every output under the folder written to its staging folder. */
async function runInFolder(
  options: PipelineOptions,
  run: RunFolder,
  report: EventSink,
): Promise<Omit<PipelineResult, 'run'>> {
  const emit: EventSink = (event) =>
    report(
      event.type === 'written' || event.type === 'saved' ? { ...event, path: run.final(event.path) } : event,
    );
  const outDir = run.staging;
  const reportDir = run.stage(options.reportDir) ?? join(outDir, 'reports');
  const trained = await trainModelOn(
    {
      ...options,
      reportDir,
      modelOut: run.stage(options.modelOut) ?? join(outDir, 'model'),
      splitsDir: run.stage(options.splitsDir) ?? join(outDir, 'supplement', 'splits'),
      metadataTable: run.stage(options.metadataTable),
      labelTable: run.stage(options.labelTable),
      spectraManifest: run.stage(options.spectraManifest),
      preprocLog: run.stage(options.preprocLog),
      ...(options.releaseShift && { trainRelease: options.trainRelease ?? 'dominant' }),
    },
    emit,
  );
  const { result, dataset, model, stores } = trained;
  const lap = stageClock(result.stageSeconds, emit);
  const issues = [...result.report.issues];
  const figures: string[] = [];
  const written = [...result.written];
  const figureDir = join(outDir, 'figures');
  const figure = async (path: string, spec: FigureSpec) => {
    const pair = await writeFigurePair(path, spec);
    figures.push(...pair);
    return pair;
  };
  try {
    const history = await figure(
      run.stage(options.historyPlot) ?? join(figureDir, 'history.png'),
      historyFigure(result.history),
    );
    await figure(
      join(figureDir, 'figure3_class_balance_sn.png'),
      classBalanceFigure(
        dataset.samples.map((s) => ({ classLabel: s.className ?? 'unlabelled', snr: s.snr })),
      ),
    );
    await figure(join(figureDir, 'figure4_model_performance.png'), performanceFigure(result.test));
    const overviewPath = join(reportDir, 'dataset_overview.csv');
    await writeTable(overviewPath, result.report.overview, OVERVIEW_SCHEMA, 'csv');
    const lineListPath = join(outDir, 'supplement', 'line_list.csv');
    await writeFileAtomic(lineListPath, lineListCsv());
    emit({ type: 'written', path: lineListPath, what: `line list (${lineList.length} lines)` });
    let example: string | null = null;
    if (options.plotExample) {
      const { spec, lines } = spectrumLinesFigure(await readSpectrum(options.plotExample));
      const pair = await figure(
        run.stage(options.plotExampleOut) ?? join(figureDir, 'figure1_spectrum_lines.png'),
        spec,
      );
      example = pair[1];
      emit({ type: 'written', path: pair[0], what: `Figure 1 (${lines} identified lines marked)` });
    }
    lap('figures');
    let ablation: AblationRow[] | null = null;
    if (options.ablation) {
      const variants = ablationVariants(trained.preprocess);
      const epochs = options.ablationEpochs ?? trained.fit.epochs;
      const fraction = options.ablationFraction ?? 1;
      emit({ type: 'ablation-start', variants: Object.keys(variants), epochs: epochs ?? 0, fraction });
      ablation = await runAblation(
        dataset,
        stores,
        variants,
        {
          ...trained.fit,
          ...(epochs !== undefined && { epochs }),
          fraction,
          workers: options.workers ?? PIPELINE_DEFAULTS.workers,
          onEpoch: () => {},
        },
        emit,
      );
      const path = join(outDir, 'supplement', 'ablation_studies.csv');
      await writeTable(path, ablation, ABLATION_SCHEMA, 'csv');
      written.push(path);
      emit({ type: 'ablation', rows: ablation });
      lap('ablation');
    }
    let shift: ReleaseShiftRow[] | null = null;
    if (options.releaseShift && result.trainRelease !== null) {
      shift = await releaseShift(model, dataset, result.trainRelease, {
        workers: options.workers ?? PIPELINE_DEFAULTS.workers,
      });
      if (shift.length < 2) {
        const issue: PipelineIssue = {
          kind: 'one-release',
          release: result.trainRelease,
          message: 'the dataset has one data release only; the release shift has nothing to compare',
        };
        issues.push(issue);
        emit({ type: 'issue', issue });
      }
      const path = join(reportDir, 'release_shift.csv');
      await writeTable(path, shift, RELEASE_SHIFT_SCHEMA, 'csv');
      written.push(path);
      await figure(join(figureDir, 'figure5_release_shift.png'), releaseShiftFigure(shift));
      emit({ type: 'release-shift', rows: shift });
      lap('release_shift');
    }
    written.push(lineListPath, overviewPath, ...figures);
    return {
      ...result,
      written,
      ablation,
      releaseShift: shift,
      figures,
      show: { history: history[1], example },
      issues,
    };
  } finally {
    dataset.close();
    model.dispose();
  }
}

/** What run.json records of the options: the JSON-serialisable ones, the command line and the versions. */
function runInfo(options: PipelineOptions): Pick<RunManifest, 'seed' | 'options' | 'command' | 'versions'> {
  const { command, ...rest } = options;
  return {
    seed: options.seed ?? null,
    options: JSON.parse(JSON.stringify(rest)) as Record<string, unknown>,
    command: command ?? null,
    versions: { node: process.versions.node, '@spectra/model': MODEL_PACKAGE_VERSION },
  };
}

/** Outputs written outside the run folder (given paths elsewhere), for run.json. */
function outsideFolder(result: Omit<PipelineResult, 'run'>, run: RunFolder): string[] {
  return [...result.written, ...result.figures].filter((path) => run.stage(path) === path);
}

/** The result with staged paths replaced by their final places, and the run manifest. */
function finalPaths(
  result: Omit<PipelineResult, 'run'>,
  run: RunFolder,
  manifest: RunManifest,
): PipelineResult {
  const final = (path: string) => run.final(path);
  return {
    ...result,
    written: result.written.map(final),
    figures: result.figures.map(final),
    modelOut: result.modelOut && final(result.modelOut),
    report: { ...result.report, written: result.report.written.map(final) },
    show: { history: final(result.show.history), example: result.show.example && final(result.show.example) },
    run: manifest,
  };
}

/** Writes one figure as PNG (or SVG) and interactive HTML beside it; returns both paths. */
export async function writeFigurePair(path: string, spec: FigureSpec): Promise<[string, string]> {
  const html = `${path.replace(/\.(png|svg)$/i, '')}.html`;
  await writeFigure(path, spec);
  await writeFigure(html, spec);
  return [path, html];
}
