/**
 * Temperature scaling (Guo et al. 2017): the temperature T that minimises the negative log-likelihood of
 * softmax(logits / T) on held-out data, found by golden-section search on ln T in [−3, 3]. The network outputs
 * probabilities; since ln p = logits − const, p^(1/T) renormalised is exactly softmax(logits / T). T > 1 softens
 * an over-confident network; the predicted class never changes.
 */
export function fitTemperature(probs: Float32Array, labels: ArrayLike<number>, classes: number): number {
  if (labels.length === 0) return 1;
  const nll = (logT: number) => {
    const scaled = applyTemperature(probs, Math.exp(logT), classes);
    let sum = 0;
    for (let i = 0; i < labels.length; i++) sum -= Math.log(Math.max(1e-12, scaled[i * classes + labels[i]]));
    return sum / labels.length;
  };
  let [a, b] = [-3, 3];
  const ratio = (Math.sqrt(5) - 1) / 2;
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = nll(c);
  let fd = nll(d);
  for (let iteration = 0; iteration < 60 && b - a > 1e-5; iteration++) {
    if (fc < fd) {
      [b, d, fd] = [d, c, fc];
      c = b - ratio * (b - a);
      fc = nll(c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + ratio * (b - a);
      fd = nll(d);
    }
  }
  return Math.exp((a + b) / 2);
}

/** Probabilities (rows × classes) at temperature T: p^(1/T), renormalised per row. A new array. */
export function applyTemperature(probs: Float32Array, temperature: number, classes: number): Float32Array {
  const out = new Float32Array(probs.length);
  for (let start = 0; start < probs.length; start += classes) {
    let max = Number.NEGATIVE_INFINITY;
    for (let c = 0; c < classes; c++) max = Math.max(max, Math.log(Math.max(1e-30, probs[start + c])));
    let sum = 0;
    for (let c = 0; c < classes; c++) {
      const v = Math.exp((Math.log(Math.max(1e-30, probs[start + c])) - max) / temperature);
      out[start + c] = v;
      sum += v;
    }
    for (let c = 0; c < classes; c++) out[start + c] /= sum;
  }
  return out;
}
