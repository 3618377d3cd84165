import { type BackendName, selectBackend } from '@spectra/model';
import type { EventSink } from './events.js';

/** Selects the TensorFlow.js backend (see selectBackend) and reports the choice as a `backend` event. */
export async function startBackend(preference: BackendName | undefined, emit: EventSink): Promise<string> {
  const choice = await selectBackend(preference);
  emit({ type: 'backend', backend: choice.backend, skipped: choice.skipped });
  return choice.backend;
}
