import * as tf from '@tensorflow/tfjs-core';
import { registerWasmTrainingKernels } from './wasm-gradients.js';

const TFJS_NODE: string = '@tensorflow/tfjs-node';

/** TensorFlow.js backends in our order of preference. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Which backend was chosen, and why the ones before it were not. */
export interface BackendChoice {
  backend: BackendName;
  skipped: Array<{ backend: BackendName; reason: string }>;
}

/**
 * Picks the fastest backend available: `tensorflow` (@tensorflow/tfjs-node, an optional peer dependency, used when
 * the user has it), then `wasm` (with our training kernels registered), then `cpu` (tiny models only). A
 * preference narrows the list to that backend. Quiet: the choice is returned, never printed.
 */
export async function selectBackend(preference?: BackendName): Promise<BackendChoice> {
  const order: BackendName[] = preference ? [preference] : ['tensorflow', 'wasm', 'cpu'];
  const skipped: BackendChoice['skipped'] = [];
  // The cpu backend advertises tfjs-node on first use unless production mode is on.
  tf.enableProdMode();
  const keep = processListeners();
  for (const backend of order) {
    try {
      // An optional peer: its specifier kept from bundlers, which would fail to resolve it where it is absent.
      if (backend === 'tensorflow') await import(/* @vite-ignore */ TFJS_NODE);
      if (backend === 'wasm') {
        await import('@tensorflow/tfjs-backend-wasm');
        registerWasmTrainingKernels();
      }
      if (backend === 'cpu') await import('@tensorflow/tfjs-backend-cpu');
      if (await tf.setBackend(backend)) {
        await tf.ready();
        keep.restore();
        return { backend, skipped };
      }
      skipped.push({ backend, reason: 'failed to initialise' });
    } catch (error) {
      skipped.push({
        backend,
        reason:
          backend === 'tensorflow' ? '@tensorflow/tfjs-node is not installed' : (error as Error).message,
      });
    }
  }
  keep.restore();
  throw new Error(
    `no TensorFlow.js backend could be started: ${skipped.map((s) => `${s.backend}: ${s.reason}`).join('; ')}`,
  );
}

type ProcessEvents = 'uncaughtException' | 'unhandledRejection';

/**
 * The process's error listeners as they are now, and a way back to them: the wasm backend's Emscripten module
 * installs handlers that rethrow any uncaught error from its own frame and exit with code 7, taking the user's exit
 * codes and stacks. Removing what it added keeps them the user's. A no-op where there is no Node process.
 */
function processListeners(): { restore(): void } {
  const proc = (globalThis as { process?: NodeJS.Process }).process;
  if (!proc?.listeners) return { restore() {} };
  const events: ProcessEvents[] = ['uncaughtException', 'unhandledRejection'];
  const listeners = (event: ProcessEvents): unknown[] => proc.listeners(event as 'uncaughtException');
  const before = new Map(events.map((e) => [e, new Set(listeners(e))]));
  return {
    restore() {
      for (const event of events)
        for (const listener of listeners(event))
          if (!before.get(event)!.has(listener))
            proc.removeListener(event as 'uncaughtException', listener as never);
    },
  };
}
