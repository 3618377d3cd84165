import type { CliIo } from './cli-io.js';

/** Names every file a command could not read, and why, one line each on stderr. */
export function reportFailures(
  io: CliIo,
  failed: ReadonlyArray<{ path: string; code: string; message: string }>,
): void {
  for (const failure of failed) io.err(`skipped ${failure.path}: ${failure.message} [${failure.code}]\n`);
}
