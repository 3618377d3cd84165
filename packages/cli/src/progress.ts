import cliProgress from 'cli-progress';
import type { CliIo } from './cli-io.js';

/** Reports progress: a bar on a TTY (stderr), otherwise a plain line every 10%; nothing when quiet. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress reporter for long work, chosen for where the output goes. */
export function createProgress(label: string, io: CliIo, options: { quiet?: boolean } = {}): Progress {
  if (options.quiet) return { update() {}, stop() {} };
  if (process.stderr.isTTY && io.terminal) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, 0);
          started = true;
        }
        bar.update(done);
      },
      stop: () => started && bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update(done, total) {
      const decile = Math.floor((10 * done) / Math.max(1, total));
      if (decile !== lastDecile && (decile > lastDecile || done === total)) {
        lastDecile = decile;
        io.err(`${label}: ${done}/${total}\n`);
      }
    },
    stop() {},
  };
}

/** The process's stderr writer, to tell the real terminal from a test's capture. */
export const processErr = (text: string): void => {
  process.stderr.write(text);
};
