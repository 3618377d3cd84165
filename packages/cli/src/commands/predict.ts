import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { csvText } from '@spectra/core';
import type { BackendName, Prediction } from '@spectra/model';
import { PIPELINE_DEFAULTS } from '@spectra/pipeline/defaults';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { stringify } from 'csv-stringify/sync';
import type { CliIo } from '../cli-io.js';
import { parseNumber } from '../parse-number.js';
import { printEvents } from '../print-events.js';
import { parseShard } from './provenance.js';

/**
 * `spectra predict [MODEL] FILE...`: class, calibrated probabilities and top-k for each file, or why it was not
 * classified. Without a model folder first, the pretrained classifier shipped in @spectra/model answers.
 */
export function registerPredict(program: Command, io: CliIo): void {
  program
    .command('predict')
    .description('classify spectra with a saved model, or with the pretrained classifier when none is given')
    .argument(
      '<model-or-files...>',
      'a model folder written by `spectra train` (optional), then FITS spectra or folders of them (searched recursively)',
    )
    .option('--top-k <k>', 'how many classes to list per spectrum', parseNumber, PIPELINE_DEFAULTS.topK)
    .option('--json', 'JSON lines on stdout')
    .option('--csv', 'CSV on stdout: file, class, probability, one column per class')
    .addOption(new Option('--backend <name>', 'TensorFlow.js backend').choices(['tensorflow', 'wasm', 'cpu']))
    .option('--strict', 'stop at the first file that cannot be read')
    .option(
      '--shard <I/N>',
      'classify the I-th of N slices of the sorted files (one task of a job array; concatenate the outputs)',
      parseShard,
    )
    .option(
      '--workers <n>',
      'threads that classify, for 1,024 spectra or more (default: the cores available)',
      parseNumber,
      PIPELINE_DEFAULTS.workers,
    )
    .addHelpText(
      'after',
      `
Examples:
  spectra predict spec-3586-55181-0500.fits                 # the pretrained classifier
  spectra predict models/cnn spec-3586-55181-0500.fits
  spectra predict models/cnn data/**/*.fits --csv > predictions.csv
  spectra predict data/ --csv > predictions.csv             # every FITS file under data/

Exit codes: 0 all classified, 1 some files could not be read (each named) or the model folder is unusable, 2 bad usage.`,
    )
    .action(async (args: string[], flags: Record<string, unknown>) => {
      const { findSpectra, predictFiles, shardSlice } = await import('@spectra/pipeline');
      const [model, named] = isModelFolder(args[0]) ? [args[0], args.slice(1)] : [undefined, args];
      // A folder stands for every FITS file under it (a million paths do not fit on a command line).
      const given: string[] = [];
      for (const path of named) {
        if (existsSync(path) && statSync(path).isDirectory())
          given.push(...Array.from(await findSpectra(path), (f) => f.path));
        else given.push(path);
      }
      if (given.length === 0) throw new InvalidArgumentError('no FITS files to classify');
      const shard = flags.shard as { index: number; count: number } | undefined;
      const files = shard ? shardSlice([...given].sort(), shard) : given;
      // Each batch is printed as it is classified: memory does not grow with the number of files.
      let header = false;
      const print = (batch: Prediction[], classes: string[]) => {
        if (flags.json) for (const p of batch) io.out(`${JSON.stringify(p)}\n`);
        else if (flags.csv) {
          const rows = batch.map((p) => [
            csvText(p.source),
            csvText(p.className ?? ''),
            p.probability.toFixed(4),
            p.coverage.toFixed(3),
            p.rejection?.code ?? '',
            ...classes.map((c) => p.probabilities[c].toFixed(4)),
          ]);
          if (!header)
            rows.unshift([
              'file',
              'class',
              'probability',
              'coverage',
              'rejected',
              ...classes.map((c) => `p_${c}`),
            ]);
          header = true;
          io.out(stringify(rows));
        } else for (const p of batch) io.out(`${describe(p)}\n`);
      };
      const { failed, classNames } = await predictFiles(
        {
          ...(model !== undefined && { model }),
          files,
          topK: flags.topK as number,
          strict: flags.strict === true,
          workers: flags.workers as number,
          ...(flags.backend !== undefined && { backend: flags.backend as BackendName }),
          onPredictions: print,
        },
        { onEvent: printEvents(io) },
      );
      if (flags.csv && !header) print([], classNames);
      if (failed.length) io.exitCode = 1;
    });
}

function describe(p: Prediction): string {
  const top = p.topK.map((t) => `${t.className} ${(100 * t.probability).toFixed(1)}%`).join(', ');
  const warn = p.warnings.length ? `  (${p.warnings.join('; ')})` : '';
  return `${p.source}: ${p.className ?? 'not classified'}${p.spectralType ? ` (${p.spectralType})` : ''}  [${top}]${warn}`;
}

/** A model folder is a directory with spectra-model.json in it. */
function isModelFolder(path: string | undefined): boolean {
  return path !== undefined && existsSync(join(path, 'spectra-model.json'));
}
