import type { DatasetReport, PipelineEvent } from '@spectra/pipeline';
import type { CliIo } from './cli-io.js';
import { createProgress, type Progress } from './progress.js';

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * Turns a run's events into the text `spectra` prints: progress bars (stderr), warnings (stderr), findings and
 * results (stdout). The one place where pipeline events become words.
 */
export function printEvents(io: CliIo, options: { quiet?: boolean } = {}): (event: PipelineEvent) => void {
  let bar: Progress | undefined;
  let barLabel = '';
  let epochs = 0;
  let epochsDone = 0;
  let cnnAccuracy: number | null = null;
  const stopBar = () => {
    bar?.stop();
    bar = undefined;
  };
  return (event) => {
    switch (event.type) {
      case 'backend':
        io.err(
          `backend: ${event.backend}${event.skipped.length ? ` (${event.skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')})` : ''}\n`,
        );
        return;
      case 'progress': {
        const label = event.stage === 'read' ? 'read + preprocess' : `epoch ${epochsDone + 1}`;
        if (!bar || barLabel !== label) {
          stopBar();
          bar = createProgress(label, io, options);
          barLabel = label;
        }
        bar.update(event.done, event.total);
        return;
      }
      case 'issue':
        stopBar();
        io.err(
          event.issue.kind === 'failed-file'
            ? `${event.issue.message} [${event.issue.file.code}]\n`
            : `warning: ${event.issue.message}\n`,
        );
        return;
      case 'dataset': {
        stopBar();
        const { report } = event;
        const counts = report.classes.map((c) => `${c} ${report.classCounts[c] ?? 0}`).join(', ');
        io.out(`${report.read} of ${report.files} spectra read; classes: ${counts || 'none'}\n`);
        if (report.splits.length)
          for (const split of ['train', 'validation', 'test'] as const)
            io.out(
              `${split.padEnd(10)} ${report.classes.map((c) => `${c} ${report.splitCounts[split][c] ?? 0}`).join(', ')}\n`,
            );
        return;
      }
      case 'train-release':
        io.out(
          `training on release ${event.release} only (${event.spectra} spectra); the others are held out for the release shift\n`,
        );
        return;
      case 'epoch': {
        stopBar();
        epochs = event.epochs;
        epochsDone = event.epoch.epoch;
        const h = event.epoch;
        io.out(
          `epoch ${h.epoch}/${epochs}  loss ${h.loss.toFixed(4)}  accuracy ${pct(h.accuracy)}  val_loss ${h.valLoss?.toFixed(4) ?? '-'}  val_accuracy ${h.valAccuracy === null ? '-' : pct(h.valAccuracy)}  ${h.seconds.toFixed(1)} s\n`,
        );
        return;
      }
      case 'trained': {
        stopBar();
        const last = event.history.at(-1)!;
        const best = event.bestEpoch;
        io.out(
          `final: training accuracy ${pct(last.accuracy)}, ${best ? `validation accuracy ${pct(best.valAccuracy!)} (epoch ${best.epoch} kept)` : 'no validation split (every group landed in train or test)'}\n`,
        );
        return;
      }
      case 'evaluated': {
        const { accuracy, macroF1, samples } = event.evaluation;
        if (event.which === 'cnn') {
          cnnAccuracy = accuracy;
          const { withinOneLetter, ece, subtypeRms } = event.evaluation;
          io.out(
            `test: accuracy ${pct(accuracy)}, macro F1 ${macroF1.toFixed(3)} on ${samples} spectra${withinOneLetter === null ? '' : `; within one letter ${pct(withinOneLetter)}`}; calibration error (ECE) ${ece.toFixed(3)}${subtypeRms === null ? '' : `; subtype RMS ${subtypeRms.toFixed(2)}`}\n`,
          );
        } else {
          const delta =
            cnnAccuracy === null
              ? ''
              : `; CNN ${cnnAccuracy >= accuracy ? '+' : ''}${(100 * (cnnAccuracy - accuracy)).toFixed(1)} points`;
          io.out(`baseline (logistic regression, same inputs): accuracy ${pct(accuracy)}${delta}\n`);
        }
        return;
      }
      case 'saved':
        io.out(`model saved to ${event.path}\n`);
        return;
      case 'written':
        io.out(`${event.what}: ${event.path}\n`);
        return;
      case 'ablation-start':
        io.out(
          `ablation: ${event.variants.length + 2} models, ${event.epochs} epochs each, on ${Math.round(100 * event.fraction)}% of the training split\n`,
        );
        return;
      case 'ablation-run':
        io.err(`ablation: training ${event.variant}\n`);
        return;
      case 'ablation':
        for (const row of event.rows)
          io.out(
            `  ${row.variant.padEnd(15)} accuracy ${pct(row.accuracy)} ± ${(100 * row.accuracy_std).toFixed(1)}  (${row.delta_accuracy >= 0 ? '+' : ''}${(100 * row.delta_accuracy).toFixed(1)} ± ${(100 * row.delta_std).toFixed(1)}, ${row.seeds} seeds${row.note ? `; ${row.note}` : ''})\n`,
          );
        return;
      case 'release-shift':
        for (const r of event.rows)
          io.out(
            `release shift ${r.train_release} → ${r.eval_release}: accuracy ${pct(r.accuracy)} ± ${(100 * r.accuracy_std).toFixed(1)} (${r.folds} folds), macro F1 ${r.macro_f1.toFixed(3)} (${r.test_samples} spectra)\n`,
          );
        return;
      case 'stage-done':
        stopBar();
        return;
    }
  };
}

/** Exit code of a pass over a dataset: 1 when a file could not be read or the label catalogue has malformed rows. */
export function datasetExitCode(report: Pick<DatasetReport, 'failed' | 'catalog'>): 0 | 1 {
  return report.failed.length || report.catalog?.problems.length ? 1 : 0;
}
