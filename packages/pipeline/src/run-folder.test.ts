import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateDataset } from '@spectra/synth';
import { describe, expect, it } from 'vitest';
import { LOCK_FILE, RUN_MANIFEST, RunFolder, verifyRun } from './run-folder.js';

/** A PID that belonged to a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(child.stdout);
}

/** Every file under a folder, relative, sorted. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
    )
    .sort();
}

describe('one run per output folder', () => {
  it('a second run on a held folder fails at once; a lock left by a dead process is taken over', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'spectra-run-'));
    const first = await RunFolder.open(folder);
    const started = performance.now();
    await expect(RunFolder.open(folder)).rejects.toMatchObject({ code: 'SPECTRA_RUN_LOCKED' });
    await expect(RunFolder.open(folder)).rejects.toThrow(/another run .*pid \d+.*choose another --out-dir/);
    expect(performance.now() - started).toBeLessThan(1000);
    await first.abandon();
    writeFileSync(
      join(folder, LOCK_FILE),
      JSON.stringify({
        pid: deadPid(),
        host: (await import('node:os')).hostname(),
        runId: 'dead',
        startedAt: '',
      }),
    );
    const second = await RunFolder.open(folder);
    expect(JSON.parse(readFileSync(join(folder, LOCK_FILE), 'utf8')).runId).toBe(second.runId);
    await second.abandon();
    expect(existsSync(join(folder, LOCK_FILE))).toBe(false);
  });

  it('outputs are staged and swapped in with run.json last; the folder verifies; temp files of dead runs go', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'spectra-run-'));
    mkdirSync(join(folder, 'model'));
    writeFileSync(join(folder, 'model', `weights.bin.tmp-${deadPid()}-abc123`), 'left by a killed write');
    writeFileSync(join(folder, 'notes.txt'), 'the user’s own file');
    const run = await RunFolder.open(folder);
    expect(tree(folder)).toEqual([LOCK_FILE, 'notes.txt']);
    const staged = run.stage(join(folder, 'model', 'weights.bin'));
    expect(staged.startsWith(run.staging)).toBe(true);
    expect(run.stage('/elsewhere/table.csv')).toBe('/elsewhere/table.csv');
    mkdirSync(join(run.staging, 'model'));
    writeFileSync(staged, 'weights');
    const manifest = await run.commit({ seed: 3, options: { epochs: 1 }, command: null, versions: {} });
    expect(manifest.outputs).toEqual([
      {
        path: 'model/weights.bin',
        bytes: 7,
        sha256: createHash('sha256').update('weights').digest('hex'),
      },
    ]);
    expect(tree(folder)).toEqual(['model/weights.bin', 'notes.txt', RUN_MANIFEST]);
    expect((await verifyRun(folder)).runId).toBe(run.runId);
    writeFileSync(join(folder, 'model', 'weights.bin'), 'tampered');
    await expect(verifyRun(folder)).rejects.toThrow(/model\/weights\.bin differs from run/);
  });

  it('outputs given paths outside the folder, a file or a folder (a model folder), are hashed file by file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'spectra-run-'));
    const elsewhere = join(root, 'model');
    mkdirSync(join(elsewhere, 'nested'), { recursive: true });
    writeFileSync(join(elsewhere, 'weights.bin'), 'weights');
    writeFileSync(join(elsewhere, 'nested', 'model.json'), '{}');
    writeFileSync(join(root, 'table.csv'), 'a\n');
    const run = await RunFolder.open(join(root, 'out'));
    const manifest = await run.commit({ seed: 1, options: {}, command: null, versions: {} }, [
      elsewhere,
      join(root, 'table.csv'),
    ]);
    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(manifest.outputs).toEqual([
      { path: join(elsewhere, 'nested', 'model.json'), bytes: 2, sha256: sha('{}') },
      { path: join(elsewhere, 'weights.bin'), bytes: 7, sha256: sha('weights') },
      { path: join(root, 'table.csv'), bytes: 2, sha256: sha('a\n') },
    ]);
    expect((await verifyRun(join(root, 'out'))).runId).toBe(run.runId);
  });
});

interface Run {
  child: ChildProcess;
  exited: Promise<number | null>;
  stderr: () => string;
}

// Kill a real run (a child process calling the library) at several moments: the folder must always be the
// previous complete run or the new complete run, by run.json, and the next run must leave no temporary files.
const pipelineDist = fileURLToPath(new URL('../dist/index.js', import.meta.url));

describe.runIf(existsSync(pipelineDist))('a killed run never leaves a mixed folder', async () => {
  const root = mkdtempSync(join(tmpdir(), 'spectra-kill-'));
  const data = join(root, 'data');
  await generateDataset(data, { perClass: 10, seed: 5, formats: 'mix' });
  const out = join(root, 'out');

  const start = (seed: number): Run => {
    const options = {
      root: data,
      outDir: out,
      seed,
      workers: 1,
      baseline: false,
      metadataTable: join(out, 'tables', 'metadata.csv'),
    };
    const script = `const p = await import(${JSON.stringify(pipelineDist)});
      const { defaultRecipe } = await import('@spectra/model');
      const recipe = defaultRecipe();
      await p.runPipeline({ ...${JSON.stringify(options)},
        preprocess: { ...recipe.preprocess, grid: { ...recipe.preprocess.grid, length: 256 } },
        fit: { ...recipe.fit, epochs: 2, cnn: { ...recipe.fit.cnn, filters: [4], kernelSizes: [5], poolSizes: [4], denseUnits: 8 } } });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    return { child, exited, stderr: () => stderr };
  };
  const finish = (run: Run) => run.exited;

  it('kills at several moments leave the old complete run; a concurrent run is refused; the next run is clean', async () => {
    expect(await finish(start(1))).toBe(0);
    const old = await verifyRun(out);
    const outputs = old.outputs.map((o) => o.path);
    expect(outputs).toEqual(expect.arrayContaining(['model/spectra-model.json', 'tables/metadata.csv']));

    // A second run while one holds the folder fails at once.
    const holder = start(2);
    await new Promise((r) => setTimeout(r, 400));
    const refused = start(3);
    const refusedAt = performance.now();
    expect(await finish(refused)).not.toBe(0);
    expect(performance.now() - refusedAt).toBeLessThan(5000);
    expect(refused.stderr()).toMatch(/another run .* is writing this folder/);
    holder.child.kill('SIGKILL');
    await finish(holder);
    expect((await verifyRun(out)).runId).toBe(old.runId);

    let interrupted = 0;
    for (const delay of [150, 500, 900, 1300, 1700]) {
      const child = start(10 + delay);
      await new Promise((r) => setTimeout(r, delay));
      child.child.kill('SIGKILL');
      await finish(child);
      const now = await verifyRun(out);
      // Either the old run (killed before its swap) or, if it finished first, a new complete one.
      if (now.runId !== old.runId) expect(now.seed).toBe(10 + delay);
      else interrupted++;
    }
    expect(interrupted, 'most kills land before the run completes').toBeGreaterThanOrEqual(3);

    expect(await finish(start(4))).toBe(0);
    const last = await verifyRun(out);
    expect(last.seed).toBe(4);
    const left = tree(out).filter((f) => /\.tmp-\d+-|^\.staging-|^\.previous-|spectra-run\.lock/.test(f));
    expect(left).toEqual([]);
  }, 240_000);
});
