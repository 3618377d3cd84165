import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { ModelFolderError } from './errors.js';

/** Largest JSON file of a model folder read (model.json, spectra-model.json). */
export const MAX_MODEL_JSON_BYTES = 64 * 2 ** 20;

/** One weight as model.json lists it. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

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

/** Class names must be non-empty, distinct strings. */
export function checkClassNames(names: unknown, folder: string): asserts names is string[] {
  if (!Array.isArray(names) || names.length < 2)
    throw incompatible('spectra-model.json must name at least two classes', folder);
  const seen = new Set<string>();
  for (const name of names) {
    if (typeof name !== 'string' || name.trim() === '')
      throw incompatible(`class name ${JSON.stringify(name)} is not a non-empty string`, folder);
    if (seen.has(name)) throw incompatible(`class name '${name}' appears twice`, folder);
    seen.add(name);
  }
}

/**
 * Checks, before any tensor is allocated, that the weight specs describe exactly the bytes of the weight files and
 * exactly the weights the network's layers would create. The layers are walked as a Sequential stack of the kinds a
 * Spectra network uses (Conv1D, pooling, batch normalisation, activation, dropout, flatten, dense), so a topology
 * that asks for 150,000 units, or a longer input than its weights fit, is refused without building it.
 */
export function checkWeights(topology: unknown, specs: unknown, weightBytes: number, folder: string): void {
  if (!Array.isArray(specs) || specs.length === 0) throw incompatible('model.json lists no weights', folder);
  let declared = 0;
  const byName = new Map<string, number[]>();
  for (const spec of specs as WeightSpec[]) {
    const size = DTYPE_BYTES[spec?.dtype ?? 'float32'];
    if (!size || typeof spec?.name !== 'string' || !Array.isArray(spec.shape) || !spec.shape.every(isCount))
      throw incompatible(`weight ${JSON.stringify(spec?.name)} has an invalid shape or type`, folder);
    declared += spec.shape.reduce((a, b) => a * b, 1) * size;
    byName.set(spec.name, spec.shape);
  }
  if (declared !== weightBytes)
    throw incompatible(
      `model.json declares ${declared} bytes of weights but the weight files hold ${weightBytes}`,
      folder,
    );
  const expected = layerWeights(topology, folder);
  const total = expected.reduce((n, w) => n + w.size, 0);
  if (expected.length !== specs.length || total * 4 !== declared)
    throw incompatible(
      `the network's layers need ${expected.length} weights of ${total * 4} bytes but model.json lists ${specs.length} of ${declared}`,
      folder,
    );
  for (const want of expected) {
    const shape = byName.get(`${want.layer}${want.suffix}`);
    if (!shape || shape.reduce((a, b) => a * b, 1) !== want.size)
      throw incompatible(
        `layer '${want.layer}' needs a ${want.suffix.slice(1)} of ${want.size} values; model.json lists ${shape ? `[${shape}]` : 'none'}`,
        folder,
      );
  }
}

interface LayerWeight {
  layer: string;
  suffix: string;
  size: number;
}

/** The weights a Sequential topology's layers create, in order, from its input shape. */
function layerWeights(topology: unknown, folder: string): LayerWeight[] {
  const config = (topology as { config?: unknown })?.config;
  const layers = (Array.isArray(config) ? config : (config as { layers?: unknown })?.layers) as
    | Array<{ class_name: string; config: Record<string, unknown> }>
    | undefined;
  if (!Array.isArray(layers) || layers.length === 0) throw incompatible('model.json has no layers', folder);
  let shape: number[] | undefined;
  const out: LayerWeight[] = [];
  for (const layer of layers) {
    const c = layer?.config ?? {};
    const name = String(c.name ?? layer?.class_name);
    const input = c.batch_input_shape as unknown[] | undefined;
    if (Array.isArray(input)) {
      const dims = input.slice(1);
      if (!dims.every(isCount)) throw incompatible(`layer '${name}' has an invalid input shape`, folder);
      shape = dims as number[];
    }
    if (!shape) throw incompatible(`layer '${name}' comes before any input shape`, folder);
    const last = shape[shape.length - 1];
    const positive = (value: unknown, what: string) => {
      const v = Array.isArray(value) ? value[0] : value;
      if (!isCount(v) || v === 0)
        throw incompatible(`layer '${name}' has an invalid ${what} ${JSON.stringify(value)}`, folder);
      return v;
    };
    switch (layer.class_name) {
      case 'InputLayer':
      case 'Dropout':
      case 'Activation':
        break;
      case 'Conv1D': {
        const filters = positive(c.filters, 'filters');
        const kernel = positive(c.kernel_size, 'kernel size');
        const stride = positive(c.strides ?? 1, 'stride');
        out.push({ layer: name, suffix: '/kernel', size: kernel * last * filters });
        if (c.use_bias !== false) out.push({ layer: name, suffix: '/bias', size: filters });
        const length =
          c.padding === 'same' ? Math.ceil(shape[0] / stride) : Math.floor((shape[0] - kernel) / stride) + 1;
        shape = [length, filters];
        break;
      }
      case 'MaxPooling1D':
      case 'AveragePooling1D': {
        const pool = positive(c.pool_size, 'pool size');
        const stride = positive(c.strides ?? pool, 'stride');
        const length =
          c.padding === 'same' ? Math.ceil(shape[0] / stride) : Math.floor((shape[0] - pool) / stride) + 1;
        shape = [length, last];
        break;
      }
      case 'BatchNormalization':
        for (const suffix of ['/gamma', '/beta', '/moving_mean', '/moving_variance'])
          out.push({ layer: name, suffix, size: last });
        break;
      case 'Flatten':
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'Dense': {
        const units = positive(c.units, 'number of units');
        out.push({ layer: name, suffix: '/kernel', size: last * units });
        if (c.use_bias !== false) out.push({ layer: name, suffix: '/bias', size: units });
        shape = [...shape.slice(0, -1), units];
        break;
      }
      default:
        throw incompatible(`layer class '${layer.class_name}' is not one a Spectra network uses`, folder);
    }
    if (!shape.every((d) => isCount(d) && d > 0))
      throw incompatible(`layer '${name}' leaves nothing of its input (shape [${shape}])`, folder);
  }
  return out;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function incompatible(message: string, folder: string): ModelFolderError {
  return new ModelFolderError('SPECTRA_MODEL_INCOMPATIBLE', message, folder);
}
