import type { CliIo } from './cli-io.js';
import { runCli } from './run-cli.js';

/** Runs the CLI in-process with captured output: the exit code, stdout and stderr (for tests and embedding). */
export async function runCaptured(
  ...argv: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { out: (s) => (stdout += s), err: (s) => (stderr += s), exitCode: 0 };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}
