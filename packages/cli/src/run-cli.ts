import { SpectraError } from '@spectra/core';
import { Command, CommanderError } from 'commander';
import { type CliIo, terminalSafe } from './cli-io.js';
import { registerDemo } from './commands/demo.js';
import { registerEval } from './commands/eval.js';
import { registerInspect } from './commands/inspect.js';
import { registerLines } from './commands/lines.js';
import { registerMerge } from './commands/merge.js';
import { registerPipeline } from './commands/pipeline.js';
import { registerPlot } from './commands/plot.js';
import { registerPredict } from './commands/predict.js';
import { registerProvenance } from './commands/provenance.js';
import { registerSynth } from './commands/synth.js';
import { registerTrain } from './commands/train.js';
import { VERSION } from './version.js';

/** Exit codes: 0 success, 1 some inputs failed, 2 bad usage. */
export const EXIT = { ok: 0, someFailed: 1, usage: 2 } as const;

/** Library errors that mean the command line asked for something impossible: exit 2, like other bad usage. */
const USAGE_CODES = new Set(['SPECTRA_CATALOG_FIELD', 'SPECTRA_OPTION', 'SPECTRA_EMPTY_DATASET']);

/** Runs the `spectra` command with arguments (without `node` and the script) and returns the exit code. */
export async function runCli(argv: string[], given: CliIo): Promise<number> {
  const io = terminalSafe(given);
  const program = new Command('spectra')
    .description('Analyse 1-D stellar spectra from SDSS and other surveys.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  registerInspect(program, io);
  registerLines(program, io);
  registerPlot(program, io);
  registerSynth(program, io);
  registerDemo(program, io);
  registerProvenance(program, io);
  registerTrain(program, io);
  registerEval(program, io);
  registerPredict(program, io);
  registerPipeline(program, io);
  registerMerge(program, io);
  for (const command of program.commands) {
    command.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (error instanceof SpectraError) {
      io.err(`spectra: ${error.message} [${error.code}]\n`);
      return USAGE_CODES.has(error.code) ? EXIT.usage : EXIT.someFailed;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`spectra: unexpected internal error: ${message}\nPlease report it with the command you ran.\n`);
    return 70;
  }
}
