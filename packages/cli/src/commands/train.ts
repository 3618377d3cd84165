import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { datasetExitCode, printEvents } from '../print-events.js';
import { addModelOptions, modelSettings } from './model-options.js';
import { addProvenanceOptions, provenanceOptions } from './provenance.js';

/** `spectra train DATA_ROOT --model-out DIR`: prepare, train, test against the baseline, save. */
export function registerTrain(program: Command, io: CliIo): void {
  const command = program
    .command('train')
    .description('train the 1-D CNN on a dataset (one folder per class) and save the model folder')
    .argument('<data-root>', 'folder with one sub-folder of FITS files per class');
  addModelOptions(addProvenanceOptions(command))
    .option('--model-out <dir>', 'model folder to write', 'spectra-model')
    .option(
      '--report-dir <dir>',
      'write history.json and the test evaluation here (default: the model folder)',
    )
    .option('--no-baseline', 'skip the logistic-regression baseline')
    .option('--json', 'print a JSON summary on stdout')
    .option('--quiet', 'no progress output')
    .addHelpText(
      'after',
      `
Examples:
  spectra train data/ --model-out models/cnn --epochs 20
  spectra train data/ --label-catalog labels.csv --catalog-object-field OBJECT_ID --catalog-spectral-field SPECTRAL_CLASS \\
      --input-length 2048 --filters 16,32 --kernel-sizes 7,5 --pool-sizes 4,4 --backend wasm

Exit codes: 0 trained, 1 some files could not be read or catalogue rows are malformed (each named) or training
failed, 2 bad usage.`,
    )
    .action(async (root: string, flags: Record<string, unknown>) => {
      const { train } = await import('@spectra/pipeline');
      if (flags.labelCatalog && !flags.catalogObjectField)
        command.error('error: --label-catalog needs --catalog-object-field', { exitCode: 2 });
      const seed = flags.seed as number;
      const modelOut = flags.modelOut as string;
      const result = await train(
        {
          ...provenanceOptions(flags),
          root,
          ...modelSettings(flags, seed),
          seed,
          modelOut,
          reportDir: (flags.reportDir as string | undefined) ?? modelOut,
          baseline: flags.baseline !== false,
        },
        { onEvent: printEvents(io, { quiet: flags.quiet === true }) },
      );
      if (flags.json) io.out(`${JSON.stringify(result)}\n`);
      io.exitCode = Math.max(io.exitCode, datasetExitCode(result.report));
    });
}
