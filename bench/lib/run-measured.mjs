import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

/**
 * Runs `node SCRIPT ARGS…` and measures it: wall seconds, and the child's peak RSS in MB (VmHWM from /proc, worker
 * threads included, sampled every `sampleMs`). Rejects with the command's stderr when it exits non-zero.
 */
export function runMeasured(script, args, { sampleMs = 100 } = {}) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    let peakKb = 0;
    const sample = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (hwm) peakKb = Math.max(peakKb, Number(hwm[1]));
      } catch {}
    }, sampleMs);
    child.on('error', fail);
    child.on('close', (code) => {
      clearInterval(sample);
      if (code !== 0) return fail(new Error(`${args.join(' ')} exited ${code}\n${stderr.slice(-4000)}`));
      done({ seconds: (performance.now() - started) / 1000, peakMb: peakKb / 1024, stdout });
    });
  });
}
