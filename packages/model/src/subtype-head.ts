import { SpectraError } from '@spectra/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { Matrix, solve } from 'ml-matrix';
import { INFERENCE_BATCH } from './inference-batch.js';
import { batchPositions, batchTensor } from './predict-set.js';
import type { LabelledSet } from './train-model.js';

/**
 * A subtype estimate on the O0 = 0 … M9 = 69 scale from the network's own features: ridge regression on the
 * activations of the last hidden (dense) layer and the class probabilities, fitted on the training spectra that
 * carry a subtype. Cheap, and it uses what the classifier learned to see.
 */
export interface SubtypeHead {
  /** Name of the layer whose output is the feature vector. */
  layer: string;
  weights: number[];
  bias: number;
  /** Ridge penalty used (on standardised features, times the number of spectra). */
  lambda: number;
  /** RMS on the training spectra, subtypes. */
  trainRms: number;
}

/** The features the head reads: the output of the last layer before the softmax that is not dropout. */
export function featureLayerName(model: tfl.LayersModel): string {
  const layers = model.layers;
  for (let i = layers.length - 2; i >= 0; i--)
    if (layers[i].getClassName() !== 'Dropout' && layers[i].getClassName() !== 'Flatten')
      return layers[i].name;
  throw new SpectraError('SPECTRA_TRAINING', 'the network has no hidden layer to read subtype features from');
}

/**
 * The head's features for the rows of a set (rows × units): the activations of `layer` followed by the class
 * probabilities — so the regression can do at least what the letters' centres weighted by probability do.
 */
export function featuresOf(
  model: tfl.LayersModel,
  layer: string,
  set: Pick<LabelledSet, 'store' | 'rows'>,
): { values: Float32Array; units: number } {
  const hidden = model.getLayer(layer).output as tfl.SymbolicTensor;
  const probabilities = model.outputs[0];
  const extractor = tfl.model({ inputs: model.inputs, outputs: [hidden, probabilities] });
  const width = hidden.shape[hidden.shape.length - 1] as number;
  const classes = probabilities.shape[probabilities.shape.length - 1] as number;
  const units = width + classes;
  const values = new Float32Array(set.rows.length * units);
  for (let start = 0; start < set.rows.length; start += INFERENCE_BATCH) {
    const positions = batchPositions(start, set.rows.length, INFERENCE_BATCH);
    const [h, p] = tf.tidy(() => extractor.predict(batchTensor(set, positions)) as tf.Tensor[]);
    const hv = h.dataSync() as Float32Array;
    const pv = p.dataSync() as Float32Array;
    for (let r = 0; r < positions.length; r++) {
      const at = (start + r) * units;
      values.set(hv.subarray(r * width, (r + 1) * width), at);
      values.set(pv.subarray(r * classes, (r + 1) * classes), at + width);
    }
    tf.dispose([h, p]);
  }
  return { values, units };
}

/** Ridge penalties tried (times the number of spectra, on standardised features); 3-fold CV picks one. */
const LAMBDAS = [1e-4, 1e-3, 1e-2, 1e-1, 1];

/**
 * Fits the subtype head on a set's rows with known subtypes, its ridge penalty chosen by 3-fold cross-validation
 * on those rows; null with fewer than 20 of them.
 */
export function fitSubtypeHead(
  model: tfl.LayersModel,
  set: Pick<LabelledSet, 'store' | 'rows'>,
  subtypes: ReadonlyArray<number | null>,
): SubtypeHead | null {
  const known = subtypes.map((s, i) => (s === null || !Number.isFinite(s) ? -1 : i)).filter((i) => i >= 0);
  if (known.length < 20) return null;
  const layer = featureLayerName(model);
  const { values, units } = featuresOf(model, layer, {
    store: set.store,
    rows: known.map((i) => set.rows[i]),
  });
  const y = known.map((i) => subtypes[i] as number);
  const all = known.map((_, i) => i);
  let best = { lambda: LAMBDAS[0], rms: Number.POSITIVE_INFINITY };
  for (const lambda of LAMBDAS) {
    let square = 0;
    for (let fold = 0; fold < 3; fold++) {
      const fit = ridge(
        values,
        units,
        y,
        all.filter((i) => i % 3 !== fold),
        lambda,
      );
      for (const i of all.filter((j) => j % 3 === fold)) square += (apply(fit, values, units, i) - y[i]) ** 2;
    }
    const rms = Math.sqrt(square / all.length);
    if (rms < best.rms) best = { lambda, rms };
  }
  const fit = ridge(values, units, y, all, best.lambda);
  let square = 0;
  for (const i of all) square += (apply(fit, values, units, i) - y[i]) ** 2;
  return {
    layer,
    weights: fit.weights,
    bias: fit.bias,
    lambda: best.lambda,
    trainRms: Math.sqrt(square / all.length),
  };
}

/** Ridge regression on standardised features (unpenalised intercept), returned in the raw features' units. */
function ridge(values: Float32Array, units: number, y: number[], rows: number[], lambda: number) {
  const n = rows.length;
  const mean = new Float64Array(units);
  const scale = new Float64Array(units);
  for (const i of rows) for (let j = 0; j < units; j++) mean[j] += values[i * units + j] / n;
  for (const i of rows)
    for (let j = 0; j < units; j++) scale[j] += (values[i * units + j] - mean[j]) ** 2 / n;
  for (let j = 0; j < units; j++) scale[j] = Math.sqrt(scale[j]) || 1;
  const meanY = rows.reduce((a, i) => a + y[i], 0) / n;
  const x = new Matrix(n, units);
  rows.forEach((i, r) => {
    for (let j = 0; j < units; j++) x.set(r, j, (values[i * units + j] - mean[j]) / scale[j]);
  });
  const gram = x.transpose().mmul(x);
  for (let j = 0; j < units; j++) gram.set(j, j, gram.get(j, j) + lambda * n);
  const rhs = x.transpose().mmul(Matrix.columnVector(rows.map((i) => y[i] - meanY)));
  const standardised = solve(gram, rhs).getColumn(0);
  const weights = standardised.map((w, j) => w / scale[j]);
  const bias = meanY - weights.reduce((a, w, j) => a + w * mean[j], 0);
  return { weights, bias };
}

function apply(
  fit: { weights: number[]; bias: number },
  values: Float32Array,
  units: number,
  i: number,
): number {
  let estimate = fit.bias;
  for (let j = 0; j < units; j++) estimate += fit.weights[j] * values[i * units + j];
  return estimate;
}

/** Subtype estimates (clamped to O0…M9.9) for the rows of a set. */
export function predictSubtypes(
  model: tfl.LayersModel,
  head: SubtypeHead,
  set: Pick<LabelledSet, 'store' | 'rows'>,
): number[] {
  const { values, units } = featuresOf(model, head.layer, set);
  return set.rows.map((_, i) => {
    let estimate = head.bias;
    for (let j = 0; j < units; j++) estimate += head.weights[j] * values[i * units + j];
    return Math.min(69.9, Math.max(0, estimate));
  });
}
