import type { PipelineOptions, PipelineResult } from '@spectra/pipeline';
import { PIPELINE_DEFAULTS } from '@spectra/pipeline/defaults';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseNumber } from '../parse-number.js';
import { datasetExitCode, printEvents } from '../print-events.js';
import { showIfInteractive } from '../show-if-interactive.js';
import { addModelOptions, modelSettings } from './model-options.js';
import { addProvenanceOptions, printOverview, provenanceOptions } from './provenance.js';

/** Adds the pipeline's own flags (outputs, figures, experiments) to a command. */
export function addPipelineOptions(command: Command): Command {
  return command
    .option(
      '--out-dir <dir>',
      'folder for the model, reports, figures and supplement',
      PIPELINE_DEFAULTS.outDir,
    )
    .option('--model-out <dir>', 'model folder (default: OUT_DIR/model)')
    .option(
      '--history-plot <path>',
      'training-history figure, .png or .svg (an .html copy is written beside it)',
    )
    .option('--no-show-history', 'do not open the history figure, even on an interactive terminal')
    .option('--plot-example <fits>', 'draw Figure 1 (spectrum with identified lines) for this file')
    .option(
      '--plot-example-out <path>',
      'where to write Figure 1 (default: OUT_DIR/figures/figure1_spectrum_lines.png)',
    )
    .option('--no-show-example', 'do not open Figure 1, even on an interactive terminal')
    .option(
      '--ablation',
      'train one model per preprocessing variant and the baseline (supplement/ablation_studies.csv)',
    )
    .option(
      '--ablation-epochs <n>',
      'epochs for each ablation and release-shift model (default: --epochs)',
      parseNumber,
    )
    .option(
      '--ablation-fraction <x>',
      'fraction of the training split each ablation model sees (default 1)',
      parseNumber,
    )
    .option(
      '--release-shift',
      'train on one data release (--train-release, default the largest) and test on every release (Figure 5)',
    )
    .option('--train-release <release>', 'the data release to train on, as the metadata table names it')
    .option('--no-baseline', 'skip the logistic-regression baseline')
    .option('--json', 'print a JSON summary on stdout')
    .option('--quiet', 'no progress output');
}

/** The pipeline's options from parsed flags (shared with `demo`). */
export function pipelineOptionsFrom(root: string, flags: Record<string, unknown>): PipelineOptions {
  const seed = flags.seed as number;
  const settings = modelSettings(flags, seed);
  return {
    ...provenanceOptions(flags),
    root,
    ...settings,
    seed,
    outDir: flags.outDir as string,
    baseline: flags.baseline !== false,
    ablation: flags.ablation === true,
    releaseShift: flags.releaseShift === true,
    ...(flags.modelOut !== undefined && { modelOut: flags.modelOut as string }),
    ...(flags.historyPlot !== undefined && { historyPlot: flags.historyPlot as string }),
    ...(flags.plotExample !== undefined && { plotExample: flags.plotExample as string }),
    ...(flags.plotExampleOut !== undefined && { plotExampleOut: flags.plotExampleOut as string }),
    ...(flags.ablationEpochs !== undefined && { ablationEpochs: flags.ablationEpochs as number }),
    ...(flags.ablationFraction !== undefined && { ablationFraction: flags.ablationFraction as number }),
    ...(flags.trainRelease !== undefined && { trainRelease: flags.trainRelease as string }),
  };
}

/** What `pipeline` and `demo` print after a run. */
export async function reportPipeline(
  io: CliIo,
  result: PipelineResult,
  show: { history: boolean; example: boolean },
): Promise<void> {
  printOverview(io, result.report);
  io.out(`figures: ${result.figures.filter((f) => /\.(png|svg)$/.test(f)).join(', ')}\n`);
  io.out(
    `timing: ${Object.entries(result.stageSeconds)
      .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
      .join(', ')}\n`,
  );
  await showIfInteractive(result.show.history, show.history);
  if (result.show.example) await showIfInteractive(result.show.example, show.example);
}

/** `spectra pipeline DATA_ROOT`: the whole product on a dataset, with the reference README's flags. */
export function registerPipeline(program: Command, io: CliIo): void {
  const command = program
    .command('pipeline')
    .description(
      'inspect, tabulate, train, evaluate and plot: the whole analysis of a dataset (one folder per class)',
    )
    .argument('<data-root>', 'folder with one sub-folder of FITS files per class');
  addPipelineOptions(addModelOptions(addProvenanceOptions(command)))
    .addHelpText(
      'after',
      `
Examples:
  spectra pipeline data/ --epochs 1 --history-plot demo-history.png --no-show-history
  spectra pipeline data/ --input-length 2048 --epochs 30 --history-plot outputs/history.png --plot-example data/G/example.fits
  spectra pipeline data/ --label-catalog labels.csv --catalog-object-field OBJECT_ID --catalog-spectral-field SPECTRAL_CLASS \\
      --metadata-table out/spectra-metadata.parquet --spectra-manifest out/manifest.csv --preproc-log out/preprocessing-log.parquet \\
      --data-release "SDSS-IV DR17" --retrieval-date 2024-01-15 --ablation --release-shift --seed 7

Exit codes: 0 done, 1 some files could not be read or catalogue rows are malformed (each named, with its line;
--strict stops at the first) or a step failed, 2 bad usage.`,
    )
    .action(async (root: string, flags: Record<string, unknown>) => {
      const { runPipeline } = await import('@spectra/pipeline');
      if (flags.labelCatalog && !flags.catalogObjectField)
        command.error('error: --label-catalog needs --catalog-object-field', { exitCode: 2 });
      const onEvent = printEvents(io, { quiet: flags.quiet === true });
      const options = {
        ...pipelineOptionsFrom(root, flags),
        command: ['spectra', ...((command.parent as { rawArgs?: string[] } | null)?.rawArgs ?? [])],
      };
      if (options.shard) {
        // A shard sees a slice of the files: it writes its part of each table; splits and training need them all.
        const { report } = await runPipeline({ ...options, shard: options.shard }, { onEvent });
        io.out(
          `shard ${options.shard.index}: ${report.read} of ${report.files} spectra; wrote ${report.written.join(', ') || 'no tables (name them with --metadata-table etc.)'}\n` +
            'join the parts with `spectra merge TABLE...`, then run the pipeline on the whole dataset to train\n',
        );
        if (flags.json) io.out(`${JSON.stringify(report)}\n`);
        io.exitCode = Math.max(io.exitCode, datasetExitCode(report));
        return;
      }
      const result = await runPipeline(options, { onEvent });
      await reportPipeline(io, result, {
        history: flags.showHistory !== false,
        example: flags.showExample !== false,
      });
      if (flags.json) io.out(`${JSON.stringify(result)}\n`);
      io.exitCode = Math.max(io.exitCode, datasetExitCode(result.report));
    });
}
