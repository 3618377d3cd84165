import type { BackendName, Split } from '@spectra/model';
import { PIPELINE_DEFAULTS } from '@spectra/pipeline/defaults';
import { type Command, Option } from 'commander';
import type { CliIo } from '../cli-io.js';
import { parseNumber } from '../parse-number.js';
import { printEvents } from '../print-events.js';
import { addProvenanceOptions, provenanceOptions } from './provenance.js';

/** `spectra eval MODEL DATA_ROOT`: score a saved model on a dataset with the model's own preprocessing. */
export function registerEval(program: Command, io: CliIo): void {
  const command = program
    .command('eval')
    .description(
      'evaluate a saved model on a dataset (one folder per class): accuracy, per-class metrics, curves',
    )
    .argument('<model>', 'model folder written by `spectra train`')
    .argument('<data-root>', 'folder with one sub-folder of FITS files per class');
  addProvenanceOptions(command)
    .addOption(
      new Option('--split <split>', 'which spectra to score: all of them, or one split by --seed')
        .choices(['all', 'train', 'validation', 'test'])
        .default(PIPELINE_DEFAULTS.split),
    )
    .option('--out <dir>', 'write evaluation.json and the per-class and confusion CSVs here')
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['tensorflow', 'wasm', 'cpu']))
    .option(
      '--workers <n>',
      'threads that read, preprocess and predict (default: the cores available)',
      parseNumber,
      PIPELINE_DEFAULTS.workers,
    )
    .option('--json', 'print the evaluation as JSON on stdout')
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      `
Examples:
  spectra eval models/cnn data-dr18/ --out reports/dr18
  spectra eval models/cnn data/ --split test --seed 42 --json

Exit codes: 0 evaluated, 1 some files could not be read or the model folder is unusable, 2 bad usage.`,
    )
    .action(async (modelDir: string, root: string, flags: Record<string, unknown>) => {
      const { evaluate } = await import('@spectra/pipeline');
      if (flags.labelCatalog && !flags.catalogObjectField)
        command.error('error: --label-catalog needs --catalog-object-field', { exitCode: 2 });
      const print = printEvents(io, { quiet: flags.quiet === true });
      const { report, evaluation, written } = await evaluate(
        {
          ...provenanceOptions(flags),
          model: modelDir,
          root,
          split: flags.split as Split | 'all',
          workers: flags.workers as number,
          ...(flags.out !== undefined && { out: flags.out as string }),
          ...(flags.backend !== undefined && { backend: flags.backend as BackendName }),
        },
        // The score is printed below, in eval's own words.
        { onEvent: (event) => event.type !== 'evaluated' && print(event) },
      );
      if (evaluation.unknownClass)
        io.err(
          `warning: ${evaluation.unknownClass} spectra of classes the model does not know were left out\n`,
        );
      io.out(
        `${evaluation.samples} spectra (${flags.split}): accuracy ${(100 * evaluation.accuracy).toFixed(1)}%, macro F1 ${evaluation.macroF1.toFixed(3)}, ECE ${evaluation.ece.toFixed(3)}${evaluation.subtypeRms === null ? '' : `, subtype RMS ${evaluation.subtypeRms.toFixed(1)}`}\n`,
      );
      for (const m of evaluation.perClass)
        io.out(
          `  ${m.className}  precision ${m.precision.toFixed(3)}  recall ${m.recall.toFixed(3)}  F1 ${m.f1.toFixed(3)}  n=${m.support}\n`,
        );
      if (written.length) io.out(`wrote ${written.join(', ')}\n`);
      if (flags.json) io.out(`${JSON.stringify(evaluation)}\n`);
      if (report.failed.length) io.exitCode = 1;
    });
}
