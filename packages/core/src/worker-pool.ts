import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import { SpectraError } from './errors.js';

/**
 * The built file of a worker script next to this module: `./NAME.js` in `dist/`, or `../dist/NAME.js` when this
 * module runs from source (tests), since worker threads load JavaScript only.
 */
export function workerScript(name: string, base: string | URL): URL {
  const sibling = new URL(`./${name}.js`, base);
  if (existsSync(fileURLToPath(sibling))) return sibling;
  const built = new URL(`../dist/${name}.js`, base);
  if (existsSync(fileURLToPath(built))) return built;
  throw new SpectraError('SPECTRA_WORKER', `worker script ${name}.js is not built (run the package build)`);
}

/** What mapInWorkers reads its items from: an array, or any list with a length and at(). */
export interface IndexedItems<I> {
  readonly length: number;
  at(index: number): I | undefined;
}

/**
 * Maps items through `workers` worker threads and yields the results in input order, with at most two items in
 * flight per worker so memory stays bounded whatever the input length. The worker answers each `{ id, item }`
 * message with `{ id, result }` or `{ id, error }`. Workers end when the iteration ends, early or not; a worker that
 * dies on the way is a SpectraError `SPECTRA_WORKER`, never a hang.
 */
export async function* mapInWorkers<I, O>(
  items: IndexedItems<I>,
  script: URL,
  workerData: unknown,
  workers: number,
): AsyncGenerator<O> {
  const pool = Array.from(
    { length: Math.max(1, Math.min(workers, items.length)) },
    // Not the parent's flags: a test runner's source-condition resolution would hand the worker TypeScript.
    () => new Worker(script, { workerData, execArgv: [] }),
  );
  const results = new Map<number, { result?: O; error?: string }>();
  let wake: (() => void) | undefined;
  let next = 0;
  let failure: Error | undefined;
  let finished = false;
  const busy = new Map<Worker, number>();
  const send = (worker: Worker) => {
    if (next >= items.length) return;
    busy.set(worker, (busy.get(worker) ?? 0) + 1);
    worker.postMessage({ id: next, item: items.at(next) });
    next++;
  };
  for (const worker of pool) {
    worker.on('message', (message: { id: number; result?: O; error?: string }) => {
      busy.set(worker, (busy.get(worker) ?? 1) - 1);
      results.set(message.id, message);
      wake?.();
    });
    worker.on('error', (error) => {
      failure = error;
      wake?.();
    });
    worker.on('exit', (code) => {
      if (finished) return;
      failure ??= new SpectraError(
        'SPECTRA_WORKER',
        `a worker thread stopped (exit code ${code}) before its work was done`,
      );
      wake?.();
    });
  }
  try {
    for (let round = 0; round < 2; round++) for (const worker of pool) send(worker);
    for (let id = 0; id < items.length; id++) {
      while (!results.has(id)) {
        if (failure) throw failure;
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
        wake = undefined;
      }
      const message = results.get(id)!;
      results.delete(id);
      if (message.error !== undefined) throw new Error(message.error);
      for (const worker of pool) if ((busy.get(worker) ?? 0) < 2) send(worker);
      yield message.result as O;
    }
  } finally {
    finished = true;
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/**
 * The worker side of mapInWorkers: answers each `{ id, item }` with `{ id, result }`, handing over the buffers
 * `transfer(result)` names instead of copying them, or with `{ id, error }`.
 */
export function serveWorkerItems<I, O>(
  handle: (item: I) => O | Promise<O>,
  transfer: (result: O) => ArrayBuffer[] = () => [],
): void {
  parentPort!.on('message', async ({ id, item }: { id: number; item: I }) => {
    try {
      const result = await handle(item);
      parentPort!.postMessage({ id, result }, transfer(result));
    } catch (error) {
      parentPort!.postMessage({
        id,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
    }
  });
}
