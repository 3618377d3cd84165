import { escapeControl } from '@spectra/core';
import { processErr } from './progress.js';

/** Where the CLI writes, and the exit code it settles on; tests pass their own. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  exitCode: number;
  /** True when err is the process's own stderr (progress may draw a bar there). */
  terminal?: boolean;
}

/** The process's own streams. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text),
    err: processErr,
    exitCode: 0,
    terminal: true,
  };
}

/**
 * The same io with control characters escaped (see escapeControl): text from files (header values, names, catalogue
 * cells) reaches the terminal as text. Newlines and tabs pass; stderr keeps carriage returns for progress lines.
 */
export function terminalSafe(io: CliIo): CliIo {
  return {
    out: (text) => io.out(escapeControl(text)),
    err: (text) => io.err(escapeControl(text, '\n\t\r')),
    get exitCode() {
      return io.exitCode;
    },
    set exitCode(value: number) {
      io.exitCode = value;
    },
    terminal: io.terminal,
  };
}
