import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { ModelFolderError } from './errors.js';
import type { ModelMetadata, SavedModel } from './model-folder.js';
import type { SubtypeHead } from './subtype-head.js';
import { MODEL_PACKAGE_VERSION } from './version.js';

// The model format's checks and assembly, the same for a folder on disk (loadModel, Node) and a model over http
// (loadModelFromUrl, the browser): every part of a model is untrusted input, checked before it is built.

/** One weight as model.json lists it. */
export interface WeightSpec {
  name: string;
  shape: number[];
  dtype: string;
}

/** model.json: the Keras topology and the weights manifest (standard TensorFlow.js layers format). */
export interface ModelJson {
  modelTopology: object;
  weightsManifest: Array<{ paths: string[]; weights: tf.io.WeightsManifestEntry[] }>;
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

/** Checks spectra-model.json: the format, its version, the classes, the grid and channels. */
export function checkMetadata(metadata: unknown, where: string): asserts metadata is ModelMetadata {
  const m = metadata as ModelMetadata | undefined;
  if (m?.format !== 'spectra-model')
    throw incompatible('spectra-model.json is not a Spectra model description', where);
  if (m.formatVersion !== 1)
    throw incompatible(
      `model format version ${m.formatVersion} is newer than this @spectra/model (${MODEL_PACKAGE_VERSION}) reads; upgrade it`,
      where,
    );
  checkClassNames(m.classNames, where);
  const { grid, channels } = m.preprocess ?? {};
  if (!grid?.length || !channels)
    throw incompatible('spectra-model.json lacks the grid, channels or classes', where);
  const clip = m.preprocess.clip as unknown;
  if (
    clip !== undefined &&
    !(
      Array.isArray(clip) &&
      clip.length === 2 &&
      clip.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
      clip[0] < clip[1]
    )
  )
    throw incompatible(`preprocess.clip ${JSON.stringify(clip)} is not [low, high] with low < high`, where);
}

/** Checks model.json's weight specs against the weight bytes present and the layers (see checkWeights). */
export function checkModelJson(json: ModelJson, weightBytes: number, where: string): void {
  checkWeights(
    json.modelTopology,
    json.weightsManifest.flatMap((m) => m.weights),
    weightBytes,
    where,
  );
}

/**
 * Builds the network from checked parts: the weights must be exactly what the layers create and what the bytes
 * hold (checkWeights, before anything is allocated), and the network's input and output must match the metadata.
 */
export async function assembleModel(
  metadata: ModelMetadata,
  json: ModelJson,
  weightData: ArrayBuffer,
  where: string,
): Promise<SavedModel> {
  checkModelJson(json, weightData.byteLength, where);
  const weightSpecs = json.weightsManifest.flatMap((m) => m.weights);
  let model: tfl.LayersModel;
  try {
    model = await tfl.loadLayersModel(
      tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs, weightData }),
    );
  } catch (error) {
    throw incompatible(`the network cannot be rebuilt: ${(error as Error).message}`, where);
  }
  const { grid, channels } = metadata.preprocess;
  const input = model.inputs[0].shape;
  const output = model.outputs[0].shape;
  if (input[1] !== grid.length || input[2] !== channels) {
    model.dispose();
    throw incompatible(
      `the network takes ${input[1]} × ${input[2]} inputs but the metadata describes a ${grid.length}-pixel grid with ${channels} channels`,
      where,
    );
  }
  if (output[1] !== metadata.classNames.length) {
    model.dispose();
    throw incompatible(
      `the network has ${output[1]} outputs but the metadata names ${metadata.classNames.length} classes`,
      where,
    );
  }
  const headProblem = metadata.subtype && subtypeHeadProblem(metadata.subtype, model);
  if (headProblem) {
    model.dispose();
    throw incompatible(`the subtype head ${headProblem}`, where);
  }
  return { model, metadata };
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

/** What is wrong with a saved subtype head for this network, or null: its features must be what it will read. */
function subtypeHeadProblem(head: SubtypeHead, model: tfl.LayersModel): string | null {
  let layer: tfl.layers.Layer;
  try {
    layer = model.getLayer(head.layer);
  } catch {
    return `reads layer '${String(head.layer)}', which the network does not have`;
  }
  const shape = (layer.output as tfl.SymbolicTensor).shape;
  const units = (shape[shape.length - 1] as number) + (model.outputs[0].shape[1] as number);
  if (!Array.isArray(head.weights) || head.weights.length !== units || !head.weights.every(Number.isFinite))
    return `has ${Array.isArray(head.weights) ? head.weights.length : 'no'} weights for ${units} features`;
  if (!Number.isFinite(head.bias)) return 'has no finite bias';
  return null;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function incompatible(message: string, folder: string): ModelFolderError {
  return new ModelFolderError('SPECTRA_MODEL_INCOMPATIBLE', message, folder);
}
