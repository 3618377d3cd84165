import { processErr } from './progress.js';

/** Where the CLI writes, and the exit code it settles on; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  exitCode: number;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: processErr,
    exitCode: 0,
  };
}
