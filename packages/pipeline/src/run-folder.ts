import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { SpectraError, temporaryOwner, writeFileAtomic } from '@spectra/core';

/** The lock a run holds on its output folder. */
export const LOCK_FILE = '.spectra-run.lock';
/** The manifest a complete run writes last: run id, options, versions, every output with its SHA-256. */
export const RUN_MANIFEST = 'run.json';
const STAGING = '.staging-';
const PREVIOUS = '.previous-';

/** One output of a run, as run.json lists it. */
export interface RunOutput {
  /** Relative to the output folder, or absolute for outputs written elsewhere. */
  path: string;
  bytes: number;
  sha256: string;
}

/** The content of run.json. */
export interface RunManifest {
  runId: string;
  startedAt: string;
  finishedAt: string;
  seed: number | null;
  /** The options the run was given (JSON-serialisable ones), and the command line when a CLI started it. */
  options: Record<string, unknown>;
  command: string[] | null;
  versions: Record<string, string>;
  outputs: RunOutput[];
}

/** Another live run holds the folder's lock. */
export class RunLockedError extends SpectraError {
  constructor(message: string, folder: string) {
    super('SPECTRA_RUN_LOCKED', message, { file: folder });
  }
}

interface LockContent {
  pid: number;
  host: string;
  runId: string;
  startedAt: string;
}

/**
 * One run's hold on an output folder. `open` takes the lock (a second run fails at once; a lock left by a dead
 * process on this host is taken over), removes the temporary files and staging folders of dead runs, and gives a
 * staging folder: outputs under the folder are written there (`stage(path)`), so until `commit` the folder keeps
 * the previous complete run untouched. `commit` writes run.json into the staging folder last, then moves the
 * previous run's entries aside, the new ones in, and run.json last of all; a run killed during those renames is
 * rolled forward by the next `open`. A folder is complete when run.json is present and `verifyRun` agrees.
 */
export class RunFolder {
  readonly folder: string;
  readonly runId: string;
  readonly startedAt: string;
  readonly staging: string;
  #released = false;

  private constructor(folder: string, runId: string, startedAt: string) {
    this.folder = folder;
    this.runId = runId;
    this.startedAt = startedAt;
    this.staging = join(folder, `${STAGING}${runId}`);
  }

  static async open(folder: string): Promise<RunFolder> {
    const root = resolve(folder);
    await mkdir(root, { recursive: true });
    const startedAt = new Date().toISOString();
    const runId = `${startedAt.replace(/[-:.]/g, '').slice(0, 15)}-${randomBytes(4).toString('hex')}`;
    await takeLock(root, { pid: process.pid, host: hostname(), runId, startedAt });
    const run = new RunFolder(root, runId, startedAt);
    try {
      await recover(root);
      await removeDeadTemporaries(root);
      await mkdir(run.staging, { recursive: true });
    } catch (error) {
      await run.release();
      throw error;
    }
    return run;
  }

  /** Where to write an output meant for `path`: inside the staging folder when `path` is under the folder. */
  stage(path: string): string;
  stage(path: string | undefined): string | undefined;
  stage(path: string | undefined): string | undefined {
    if (path === undefined) return undefined;
    const inside = relative(this.folder, resolve(path));
    if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return path;
    return join(this.staging, inside);
  }

  /** The final path of a staged path (for what is reported to the user). */
  final(path: string): string {
    const inside = relative(this.staging, resolve(path));
    if (inside.startsWith('..') || isAbsolute(inside)) return path;
    return join(this.folder, inside);
  }

  /**
   * Hashes every output — the staged ones and `elsewhere` (outputs given paths outside the folder: files, or folders
   * whose files are each listed) — writes run.json and swaps the staged outputs in; returns the manifest.
   */
  async commit(
    info: Pick<RunManifest, 'seed' | 'options' | 'command' | 'versions'>,
    elsewhere: readonly string[] = [],
  ): Promise<RunManifest> {
    const staged = await listFiles(this.staging);
    const outputs: RunOutput[] = [];
    for (const file of staged)
      outputs.push({ path: relative(this.staging, file).split(sep).join('/'), ...(await digest(file)) });
    // Outputs outside the run folder: files, and folders (a model folder given by path) file by file.
    const outside = new Set<string>();
    for (const path of elsewhere)
      if ((await stat(path)).isDirectory())
        for (const file of await listFiles(path)) outside.add(resolve(file));
      else outside.add(resolve(path));
    for (const file of [...outside].sort()) outputs.push({ path: file, ...(await digest(file)) });
    const manifest: RunManifest = {
      runId: this.runId,
      startedAt: this.startedAt,
      finishedAt: new Date().toISOString(),
      ...info,
      outputs,
    };
    await writeFileAtomic(join(this.staging, RUN_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    await swapIn(this.folder, this.runId);
    await this.release();
    return manifest;
  }

  /** Gives up: removes the staging folder (the previous run stays as it was) and releases the lock. */
  async abandon(): Promise<void> {
    await rm(this.staging, { recursive: true, force: true });
    await this.release();
  }

  async release(): Promise<void> {
    if (this.#released) return;
    this.#released = true;
    const lock = join(this.folder, LOCK_FILE);
    const held = await readLock(lock);
    if (held?.runId === this.runId) await rm(lock, { force: true });
  }
}

/**
 * Checks a folder against its run.json: every listed output present with its size and SHA-256. Returns the
 * manifest, or throws SPECTRA_IO naming what differs (a folder that mixes two runs, or was edited).
 */
export async function verifyRun(folder: string): Promise<RunManifest> {
  const root = resolve(folder);
  let manifest: RunManifest;
  try {
    manifest = JSON.parse(await readFile(join(root, RUN_MANIFEST), 'utf8')) as RunManifest;
  } catch (error) {
    throw new SpectraError(
      'SPECTRA_IO',
      'no readable run.json: not a complete run',
      { file: root },
      { cause: error },
    );
  }
  for (const output of manifest.outputs) {
    const path = isAbsolute(output.path) ? output.path : join(root, output.path);
    const found = await digest(path).catch(() => null);
    if (!found || found.sha256 !== output.sha256 || found.bytes !== output.bytes)
      throw new SpectraError(
        'SPECTRA_IO',
        `${output.path} ${found ? 'differs from' : 'is missing from'} run ${manifest.runId}`,
        {
          file: root,
        },
      );
  }
  return manifest;
}

async function takeLock(root: string, content: LockContent): Promise<void> {
  const lock = join(root, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(`${JSON.stringify(content)}\n`);
      await handle.close();
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
    }
    const held = await readLock(lock);
    if (held && (held.host !== content.host || isAlive(held.pid))) {
      throw new RunLockedError(
        `another run (${held.runId}, pid ${held.pid} on ${held.host}, started ${held.startedAt}) is writing this folder; wait for it, or choose another --out-dir${held.host !== content.host ? ` (if no run is active on ${held.host}, remove ${LOCK_FILE})` : ''}`,
        root,
      );
    }
    // A lock left by a dead process (or unreadable): take it over.
    await rm(lock, { force: true });
  }
  throw new RunLockedError('another run took the lock at the same moment', root);
}

async function readLock(path: string): Promise<LockContent | undefined> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as LockContent;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}

/** Finishes or undoes what a dead run left: a complete staged run is swapped in; anything else is removed. */
async function recover(root: string): Promise<void> {
  for (const name of await readdir(root)) {
    if (!name.startsWith(STAGING)) continue;
    const runId = name.slice(STAGING.length);
    const complete = await stat(join(root, name, RUN_MANIFEST)).then(
      () => true,
      () => false,
    );
    const swapping = await stat(join(root, `${PREVIOUS}${runId}`)).then(
      () => true,
      () => false,
    );
    if (complete && swapping) await swapIn(root, runId);
    else await rm(join(root, name), { recursive: true, force: true });
  }
  for (const name of await readdir(root))
    if (name.startsWith(PREVIOUS)) await rm(join(root, name), { recursive: true, force: true });
}

/**
 * Moves the previous run's entries (those the new run also has, and run.json) into `.previous-ID`, the staged ones
 * in, run.json last; then removes the previous ones. Safe to repeat after a kill (each step checks what is left).
 */
async function swapIn(root: string, runId: string): Promise<void> {
  const staging = join(root, `${STAGING}${runId}`);
  const previous = join(root, `${PREVIOUS}${runId}`);
  await mkdir(previous, { recursive: true });
  // The old marker goes first: from here until the new one lands, the folder does not claim to be complete.
  await moveIfPresent(join(root, RUN_MANIFEST), join(previous, RUN_MANIFEST));
  for (const name of await readdir(staging)) {
    if (name === RUN_MANIFEST) continue;
    await moveIfPresent(join(root, name), join(previous, name));
    await rename(join(staging, name), join(root, name));
  }
  await rename(join(staging, RUN_MANIFEST), join(root, RUN_MANIFEST));
  await rm(staging, { recursive: true, force: true });
  await rm(previous, { recursive: true, force: true });
}

async function moveIfPresent(from: string, to: string): Promise<void> {
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ENOENT') throw error;
  }
}

/** Removes `NAME.tmp-PID-*` files of processes that are gone, anywhere under the folder. */
async function removeDeadTemporaries(root: string): Promise<void> {
  for (const file of await listFiles(root)) {
    const owner = temporaryOwner(file);
    if (owner !== undefined && !isAlive(owner)) await rm(file, { force: true });
  }
}

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out.sort();
}

async function digest(path: string): Promise<{ bytes: number; sha256: string }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { bytes, sha256: hash.digest('hex') };
}
