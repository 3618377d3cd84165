import { ModelFolderError } from './errors.js';
import type { SavedModel } from './model-folder.js';
import { assembleModel, checkMetadata, checkModelJson, type ModelJson } from './model-format.js';

/** Largest model file fetched (JSON or weights). */
const MAX_FETCH_BYTES = 64 * 2 ** 20;

/**
 * Loads a model folder served over http(s) (a web page's own origin, say): spectra-model.json, model.json and the
 * weight files it names, resolved against the folder's URL and kept on its origin. The same checks as loadModel:
 * the metadata, the weight specs against the bytes and the layers before anything is built.
 */
export async function loadModelFromUrl(folderUrl: string | URL): Promise<SavedModel> {
  const base = new URL(
    String(folderUrl).endsWith('/') ? String(folderUrl) : `${folderUrl}/`,
    globalThis.location?.href,
  );
  const where = base.href;
  const metadata = JSON.parse(
    new TextDecoder().decode(await fetchBytes(new URL('spectra-model.json', base), where)),
  );
  checkMetadata(metadata, where);
  const json = JSON.parse(
    new TextDecoder().decode(await fetchBytes(new URL('model.json', base), where)),
  ) as ModelJson;
  const parts: Uint8Array[] = [];
  for (const group of json?.weightsManifest ?? []) {
    for (const path of group.paths ?? []) {
      const url = new URL(path, base);
      if (url.origin !== base.origin || !url.pathname.startsWith(base.pathname))
        throw new ModelFolderError(
          'SPECTRA_MODEL_INCOMPATIBLE',
          `weight path ${path} leads outside the model folder`,
          where,
        );
      parts.push(await fetchBytes(url, where));
    }
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  checkModelJson(json, total, where);
  const weightData = new ArrayBuffer(total);
  let at = 0;
  for (const part of parts) {
    new Uint8Array(weightData, at, part.length).set(part);
    at += part.length;
  }
  return assembleModel(metadata, json, weightData, where);
}

async function fetchBytes(url: URL, where: string): Promise<Uint8Array> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new ModelFolderError(
      'SPECTRA_MODEL_MISSING',
      `cannot fetch ${url.href}: ${(error as Error).message}`,
      where,
    );
  }
  if (!response.ok)
    throw new ModelFolderError(
      'SPECTRA_MODEL_MISSING',
      `cannot fetch ${url.href}: HTTP ${response.status}`,
      where,
    );
  const declared = Number(response.headers.get('content-length'));
  if (declared > MAX_FETCH_BYTES)
    throw new ModelFolderError(
      'SPECTRA_MODEL_INCOMPATIBLE',
      `${url.href} is ${declared} bytes, too large`,
      where,
    );
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (bytes.length > MAX_FETCH_BYTES)
    throw new ModelFolderError(
      'SPECTRA_MODEL_INCOMPATIBLE',
      `${url.href} is ${bytes.length} bytes, too large`,
      where,
    );
  return bytes;
}
