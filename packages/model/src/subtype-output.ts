import { SUBTYPES_PER_CLASS } from '@spectra/core';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';

/** Name of the auxiliary output layer (present only in the training network, never saved). */
export const SUBTYPE_OUTPUT_LAYER = 'subtype_output';

/**
 * The network that trains with a subtype: the classifier's own layers (shared, so training it trains the
 * classifier) with a second output, one linear unit on the input of the softmax layer that predicts the subtype in
 * letters. The classifier that is saved stays the plain network; what this output teaches is in its hidden layer,
 * where the subtype head reads it (see fitSubtypeHead). `meanSubtype` (O0 = 0 … M9 = 69) is where the output starts.
 */
export function withSubtypeOutput(model: tfl.LayersModel, seed: number, meanSubtype = 0): tfl.LayersModel {
  const softmax = model.layers[model.layers.length - 1];
  const features = softmax.input as tfl.SymbolicTensor;
  const subtype = tfl.layers
    .dense({
      units: 1,
      name: SUBTYPE_OUTPUT_LAYER,
      kernelInitializer: tfl.initializers.glorotUniform({ seed }),
      // Starts at the training spectra's mean subtype: the loss begins at their spread, not their distance from O0.
      biasInitializer: tfl.initializers.constant({ value: meanSubtype / SUBTYPES_PER_CLASS }),
    })
    .apply(features) as tfl.SymbolicTensor;
  const trainer = tfl.model({ inputs: model.inputs, outputs: [model.outputs[0], subtype] });
  // Stepping uses the classifier's optimizer (its Adam moments), never this model's fit().
  trainer.optimizer = model.optimizer;
  return trainer;
}

/** The class probabilities of a network's output: the first output of a network that has two. */
export function classOutput(output: tf.Tensor | tf.Tensor[]): tf.Tensor2D {
  return (Array.isArray(output) ? output[0] : output) as tf.Tensor2D;
}

/**
 * The training loss of a batch, shared by the in-process loop and the training workers: each sample's
 * categorical cross-entropy times its sample weight, plus — for a network with a subtype output — `subtypeWeight`
 * times the squared error of the subtype in letters for the samples whose subtype is known (NaN otherwise); and
 * the number of correct class predictions.
 */
export function trainingLoss(
  output: tf.Tensor | tf.Tensor[],
  y: tf.Tensor,
  w: tf.Tensor,
  subtypes?: Float32Array,
  subtypeWeight = 0,
): { perSample: tf.Tensor1D; hits: tf.Scalar } {
  const p = classOutput(output);
  const hits = tf.sum(tf.cast(tf.equal(tf.argMax(p, -1), tf.argMax(y, -1)), 'float32')) as tf.Scalar;
  const ce = tf.mul(tf.neg(tf.sum(tf.mul(y, tf.log(tf.clipByValue(p, 1e-7, 1 - 1e-7))), -1)), w);
  if (!Array.isArray(output) || !subtypes || subtypeWeight <= 0)
    return { perSample: ce as tf.Tensor1D, hits };
  const known = Float32Array.from(subtypes, (s) => (Number.isFinite(s) ? 1 : 0));
  const target = Float32Array.from(subtypes, (s) => (Number.isFinite(s) ? s / SUBTYPES_PER_CLASS : 0));
  const error = tf.sub(tf.reshape(output[1], [-1]), tf.tensor1d(target));
  const squared = tf.mul(tf.mul(tf.square(error), tf.tensor1d(known)), subtypeWeight);
  return { perSample: tf.add(ce, squared) as tf.Tensor1D, hits };
}
