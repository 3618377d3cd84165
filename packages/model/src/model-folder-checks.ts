import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ModelFolderError } from './errors.js';

/** Largest JSON file of a model folder read (model.json, spectra-model.json). */
export const MAX_MODEL_JSON_BYTES = 64 * 2 ** 20;

/**
 * The weight files model.json names, resolved inside the folder: a path that is absolute, climbs out with `..`,
 * or leads out through a symbolic link is refused before anything is opened.
 */
export async function weightPaths(folder: string, manifest: unknown): Promise<string[]> {
  const groups = Array.isArray(manifest) ? manifest : [];
  const names = groups.flatMap((g) => (Array.isArray(g?.paths) ? (g.paths as unknown[]) : [undefined]));
  if (names.length === 0) throw incompatible('model.json names no weight files', folder);
  const root = await realpath(folder);
  const out: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string' || name === '' || isAbsolute(name) || name.split(/[\\/]/).includes('..'))
      throw incompatible(
        `weight path ${JSON.stringify(name)} in model.json is not a file inside the folder`,
        folder,
      );
    const path = resolve(root, name);
    let real: string;
    try {
      real = await realpath(path);
    } catch {
      throw new ModelFolderError(
        'SPECTRA_MODEL_MISSING',
        `the weights file ${name} named in model.json is missing`,
        folder,
      );
    }
    const inside = relative(root, real);
    if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside))
      throw incompatible(`weight path ${name} leads outside the model folder`, folder);
    if (!(await stat(real)).isFile()) throw incompatible(`weight path ${name} is not a regular file`, folder);
    out.push(real);
  }
  return out;
}

function incompatible(message: string, folder: string): ModelFolderError {
  return new ModelFolderError('SPECTRA_MODEL_INCOMPATIBLE', message, folder);
}
