import { join } from 'node:path';
import { SpectraError } from '@spectra/fits';
import {
  dominantRelease,
  type EpochHistory,
  type Evaluation,
  evaluateClassifier,
  fitClassifier,
  inRelease,
  type LayersModel,
  type PreparedDataset,
  prepareDataset,
  saveModel,
  selectBackend,
  writeEvaluation,
  writeHistory,
} from '@spectra/model';
import type { ProvenanceExportOptions } from '@spectra/provenance';
import type { CliIo } from '../cli-io.js';
import type { ModelSettings } from '../commands/model-options.js';
import { createProgress } from '../progress.js';
import { reportFailures } from '../report-failures.js';
import { stopwatch } from '../stopwatch.js';

/** What a training run did, for `--json` and for the pipeline's later steps. */
export interface TrainSummary {
  backend: string;
  files: number;
  read: number;
  failed: Array<{ path: string; code: string; message: string }>;
  classCounts: Record<string, number>;
  splitCounts: PreparedDataset['splitCounts'];
  excluded: number;
  trainRelease: string | null;
  history: EpochHistory[];
  test: Evaluation;
  baseline: Evaluation | null;
  modelOut: string | null;
  written: string[];
  /** Wall time of each stage, s. */
  stageSeconds: Record<string, number>;
}

export interface TrainWorkflowOptions {
  settings: ModelSettings;
  provenance: ProvenanceExportOptions;
  seed: number;
  modelOut?: string;
  /** Folder for history.json and the evaluation files. */
  reportDir?: string;
  baseline?: boolean;
  quiet?: boolean;
  /** Train, validate and test on one data release only (`dominant`: the release with the most spectra). */
  trainRelease?: string;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * Reads, labels, splits and preprocesses a dataset in one pass (writing the provenance tables asked for), trains
 * the CNN with per-epoch lines, scores it and the baseline on the test split, and saves the model folder. The
 * prepared dataset and the model are returned for further experiments; the caller closes and disposes them.
 */
export async function trainWorkflow(
  root: string,
  io: CliIo,
  options: TrainWorkflowOptions,
): Promise<{ summary: TrainSummary; dataset: PreparedDataset; model: LayersModel }> {
  const { seconds: stageSeconds, lap } = stopwatch();
  const backend = await selectBackend(options.settings.backend);
  io.err(
    `backend: ${backend.backend}${backend.skipped.length ? ` (${backend.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})` : ''}\n`,
  );
  const reading = createProgress('read + preprocess', io, { quiet: options.quiet });
  const dataset = await prepareDataset(root, {
    provenance: { ...options.provenance, onProgress: (d, t) => reading.update(d, t) },
    preprocess: options.settings.preprocess,
    workers: options.settings.workers,
    ...(options.settings.scratchDir && { scratchDir: options.settings.scratchDir }),
  });
  reading.stop();
  lap('read_tables_preprocess');
  const { provenance } = dataset;
  try {
    const counts = dataset.classNames
      .map((c) => `${c} ${dataset.samples.filter((s) => s.className === c).length}`)
      .join(', ');
    io.out(`${provenance.read} of ${provenance.files} spectra read; classes: ${counts}\n`);
    if (provenance.read < 5000)
      io.err(`warning: ${provenance.read} spectra; at least ~5,000 are recommended for training\n`);
    reportFailures(io, provenance.failed);
    if (dataset.excluded.length)
      io.err(
        `warning: ${dataset.excluded.length} spectra left out of training (${dataset.excluded
          .slice(0, 3)
          .map((e) => `${e.specId}: ${e.reason}`)
          .join('; ')}${dataset.excluded.length > 3 ? '; ...' : ''})\n`,
      );
    if (dataset.classNames.length < 2)
      throw new SpectraError(
        'SPECTRA_TRAINING',
        `training needs at least two classes; found ${dataset.classNames.join(', ') || 'none'}`,
      );
    for (const split of ['train', 'validation', 'test'] as const)
      io.out(
        `${split.padEnd(10)} ${dataset.classNames.map((c) => `${c} ${dataset.splitCounts[split][c] ?? 0}`).join(', ')}\n`,
      );

    const trainRelease =
      options.trainRelease === 'dominant' ? dominantRelease(dataset) : (options.trainRelease ?? null);
    if (trainRelease !== null) {
      const n = dataset.samples.filter(inRelease(trainRelease)).length;
      if (n === 0)
        throw new SpectraError('SPECTRA_OPTION', `no spectra of release ${trainRelease} to train on`);
      io.out(
        `training on release ${trainRelease} only (${n} spectra); the others are held out for the release shift\n`,
      );
    }
    const fitOptions = {
      ...options.settings.fit,
      ...(trainRelease !== null && { filter: inRelease(trainRelease) }),
    };
    const epochs = fitOptions.epochs ?? 10;
    let epochBar = createProgress('epoch 1', io, { quiet: options.quiet });
    const fit = await fitClassifier(dataset, {
      ...fitOptions,
      onBatch: (d, t) => epochBar.update(d, t),
      onEpoch: (h) => {
        epochBar.stop();
        io.out(
          `epoch ${h.epoch}/${epochs}  loss ${h.loss.toFixed(4)}  accuracy ${pct(h.accuracy)}  val_loss ${h.valLoss?.toFixed(4) ?? '-'}  val_accuracy ${h.valAccuracy === null ? '-' : pct(h.valAccuracy)}  ${h.seconds.toFixed(1)} s\n`,
        );
        epochBar = createProgress(`epoch ${h.epoch + 1}`, io, { quiet: options.quiet });
      },
    });
    epochBar.stop();
    lap('train');
    const last = fit.history.at(-1)!;
    const validated = fit.history.filter((h) => h.valLoss !== null);
    const best = validated.reduce<EpochHistory | undefined>(
      (a, b) => (a === undefined || b.valLoss! < a.valLoss! ? b : a),
      undefined,
    );
    io.out(
      `final: training accuracy ${pct(last.accuracy)}, ${best ? `validation accuracy ${pct(best.valAccuracy!)} (epoch ${best.epoch} kept)` : 'no validation split (every group landed in train or test)'}\n`,
    );
    const test = evaluateClassifier(
      fit.model,
      dataset,
      fitOptions.filter ? { filter: fitOptions.filter } : {},
    );
    io.out(
      `test: accuracy ${pct(test.accuracy)}, macro F1 ${test.macroF1.toFixed(3)} on ${test.samples} spectra\n`,
    );
    lap('evaluate');
    let baseline: Evaluation | null = null;
    if (options.baseline !== false) {
      const base = await fitClassifier(dataset, { ...fitOptions, architecture: 'baseline' });
      baseline = evaluateClassifier(
        base.model,
        dataset,
        fitOptions.filter ? { filter: fitOptions.filter } : {},
      );
      base.model.dispose();
      io.out(
        `baseline (logistic regression, same inputs): accuracy ${pct(baseline.accuracy)}; CNN ${test.accuracy >= baseline.accuracy ? '+' : ''}${(100 * (test.accuracy - baseline.accuracy)).toFixed(1)} points\n`,
      );
    }
    lap('baseline');
    const written: string[] = [];
    if (options.modelOut) {
      await saveModel(options.modelOut, fit.model, {
        classNames: dataset.classNames,
        preprocess: dataset.choices.default,
        config: fit.config,
        training: {
          dataRoot: root,
          seed: options.seed,
          backend: backend.backend,
          epochs: fit.history.length,
          batchSize: fitOptions.batchSize,
          splitCounts: dataset.splitCounts,
          testAccuracy: test.accuracy,
          baselineAccuracy: baseline?.accuracy ?? null,
          labelSource: options.provenance.labelCatalog ?? 'directories',
        },
        history: fit.history,
        createdAt: options.provenance.manifest?.createdAt ?? new Date().toISOString(),
      });
      io.out(`model saved to ${options.modelOut}\n`);
      written.push(options.modelOut);
    }
    if (options.reportDir) {
      const historyPath = join(options.reportDir, 'history.json');
      await writeHistory(historyPath, fit.history);
      written.push(historyPath, ...(await writeEvaluation(options.reportDir, test)));
      if (baseline)
        written.push(...(await writeEvaluation(options.reportDir, baseline, 'baseline_evaluation')));
    }
    return {
      dataset,
      model: fit.model,
      summary: {
        backend: backend.backend,
        files: provenance.files,
        read: provenance.read,
        failed: provenance.failed,
        classCounts: provenance.classCounts,
        splitCounts: dataset.splitCounts,
        excluded: dataset.excluded.length,
        trainRelease,
        history: fit.history,
        test,
        baseline,
        modelOut: options.modelOut ?? null,
        written: [...provenance.written, ...written],
        stageSeconds,
      },
    };
  } catch (error) {
    dataset.close();
    throw error;
  }
}
