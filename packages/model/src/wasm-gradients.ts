import {
  backend_util,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  registerKernel,
  type TensorInfo,
  unregisterKernel,
} from '@tensorflow/tfjs-core';

/**
 * Conv2DBackpropFilter for the wasm backend, which ships without it (so no conv net can train there). The filter
 * gradient dW[fh, fw, ic, oc] = Σ_b,y,x X[b, y·s + fh − pad, x·s + fw − pad, ic] · dY[b, y, x, oc] is itself a
 * forward convolution: of X transposed to [ic, H, W, b] with dY transposed to [outH, outW, b, oc] as the filter,
 * stride 1 and dilation equal to the original stride, padded as the original. Everything runs as native wasm
 * kernels (Transpose, Conv2D, Slice); nothing is copied to another backend.
 */
export const conv2DBackpropFilterWasm: KernelConfig = {
  kernelName: 'Conv2DBackpropFilter',
  backendName: 'wasm',
  kernelFunc: (({ inputs, backend, attrs }) => {
    const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
    const { strides, pad, dimRoundingMode, filterShape } = attrs as unknown as {
      strides: number | [number, number];
      pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      filterShape: [number, number, number, number];
    };
    const [fh, fw] = filterShape;
    const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
    const { top, bottom, left, right } = paddingOf(x.shape, filterShape, [sh, sw], pad, dimRoundingMode);
    const run = wasmKernel(backend);
    const input = run('Transpose', { x }, { perm: [3, 1, 2, 0] });
    const filter = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const full = run(
      'Conv2D',
      { x: input, filter },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [top, bottom],
          [left, right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [sh, sw],
      },
    );
    // 'same' padding can give a result one row or column larger than the filter; the extra is not part of dW.
    const cropped = run(
      'Slice',
      { x: full },
      { begin: [0, 0, 0, 0], size: [full.shape[0], fh, fw, full.shape[3]] },
    );
    const out = run('Transpose', { x: cropped }, { perm: [1, 2, 0, 3] });
    disposeAll(backend, [input, filter, full, cropped]);
    return out;
  }) as KernelFunc,
};

/**
 * Conv2DBackpropInput for wasm through the backend's fast forward convolution (XNNPACK) instead of its own
 * backprop kernel, which took 38% of a training step of the reference CNN: for stride 1,
 * dX = conv2d(dY, W rotated 180° with in/out channels swapped), padded by (filter − 1 − original pad) on each side.
 * Other strides fall back to the wasm backend's own kernel.
 */
export function conv2DBackpropInputWasm(
  fallback: KernelFunc,
  setupFunc?: KernelConfig['setupFunc'],
): KernelConfig {
  return withFallback('Conv2DBackpropInput', fallback, setupFunc, (args) => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const { strides, pad, dimRoundingMode, inputShape } = attrs as unknown as {
      strides: number | [number, number];
      pad: 'valid' | 'same' | number | backend_util.ExplicitPadding;
      dimRoundingMode?: 'floor' | 'round' | 'ceil';
      inputShape: [number, number, number, number];
    };
    const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
    if (sh !== 1 || sw !== 1) return undefined;
    const filterShape = filter.shape as [number, number, number, number];
    const [fh, fw] = filterShape;
    const { top, bottom, left, right } = paddingOf(inputShape, filterShape, [1, 1], pad, dimRoundingMode);
    const run = wasmKernel(backend);
    const flipped = run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = run('Transpose', { x: flipped }, { perm: [0, 1, 3, 2] });
    const out = run(
      'Conv2D',
      { x: dy, filter: swapped },
      {
        strides: [1, 1],
        pad: [
          [0, 0],
          [fh - 1 - top, fh - 1 - bottom],
          [fw - 1 - left, fw - 1 - right],
          [0, 0],
        ],
        dataFormat: 'NHWC',
        dilations: [1, 1],
      },
    );
    disposeAll(backend, [flipped, swapped]);
    return out;
  });
}

/**
 * MaxPoolGrad for wasm when windows tile the input (filter = strides, 'valid' padding — what maxPooling1d uses),
 * built from native kernels: each window's first maximum (ArgMax, as TensorFlow picks it) gets the gradient
 * through a one-hot mask. It replaces the backend's own kernel, the largest cost of a training step after the
 * convolution gradients. Other pooling falls back to the backend's kernel.
 */
export function maxPoolGradWasm(fallback: KernelFunc, setupFunc?: KernelConfig['setupFunc']): KernelConfig {
  return withFallback('MaxPoolGrad', fallback, setupFunc, (args) => {
    const { inputs, backend, attrs } = args;
    const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
    const { filterSize, strides, pad } = attrs as unknown as {
      filterSize: number | [number, number];
      strides: number | [number, number];
      pad: unknown;
    };
    const [ph, pw] = typeof filterSize === 'number' ? [filterSize, filterSize] : filterSize;
    const [sh, sw] = typeof strides === 'number' ? [strides, strides] : strides;
    const [b, h, w, c] = input.shape;
    if (ph !== sh || pw !== sw || pad !== 'valid' || h % ph !== 0 || w % pw !== 0) return undefined;
    const oh = h / ph;
    const ow = w / pw;
    // One pass over the wasm heap: each window routes its dy to its first maximum (ArgMax's choice). A loop in JS
    // over heap views beats the ten-kernel reshape/argmax/one-hot composition by far (19 → ~7 ms per 64-sample step
    // on the reference CNN's first pool); reading each window's rows across all channels at once instead of one
    // channel at a time took the default network's three pools from 17.3 to 14.5 ms per 32-sample step.
    const heap = backend as unknown as {
      makeOutput(shape: number[], dtype: string): TensorInfo;
      typedArrayFromHeap(info: TensorInfo): Float32Array;
    };
    const x = heap.typedArrayFromHeap(input);
    const g = heap.typedArrayFromHeap(dy);
    const out = heap.makeOutput([b, h, w, c], 'float32');
    const dx = heap.typedArrayFromHeap(out);
    dx.fill(0);
    const row = w * c;
    const maxes = new Float32Array(c);
    const bests = new Int32Array(c);
    for (let n = 0; n < b; n++)
      for (let oy = 0; oy < oh; oy++)
        for (let ox = 0; ox < ow; ox++) {
          const base = (n * h + oy * ph) * row + ox * pw * c;
          for (let ch = 0; ch < c; ch++) {
            maxes[ch] = x[base + ch];
            bests[ch] = base + ch;
          }
          for (let fy = 0; fy < ph; fy++)
            for (let fx = fy === 0 ? 1 : 0; fx < pw; fx++) {
              const at = base + fy * row + fx * c;
              for (let ch = 0; ch < c; ch++) {
                const v = x[at + ch];
                const max = maxes[ch];
                // The first maximum wins; a NaN beats any number (as ArgMax picks them).
                if (v > max || (Number.isNaN(v) && !Number.isNaN(max))) {
                  maxes[ch] = v;
                  bests[ch] = at + ch;
                }
              }
            }
          const go = ((n * oh + oy) * ow + ox) * c;
          for (let ch = 0; ch < c; ch++) dx[bests[ch]] = g[go + ch];
        }
    return out;
  });
}

/**
 * BatchMatMul with a transposed operand (the dense layer's two gradients) is several times slower on the wasm
 * backend than a plain product (7.3–8.2 ms against 2.5 ms for the reference CNN's 3,840 × 64 layer at batch 32):
 * transposing the operand first with the fast Transpose kernel and multiplying plainly gives the same numbers.
 */
export function batchMatMulWasm(fallback: KernelFunc, setupFunc?: KernelConfig['setupFunc']): KernelConfig {
  return withFallback('BatchMatMul', fallback, setupFunc, (args) => {
    const { inputs, backend, attrs } = args;
    const { a, b } = inputs as { a: TensorInfo; b: TensorInfo };
    const { transposeA, transposeB } = attrs as unknown as { transposeA: boolean; transposeB: boolean };
    if (!transposeA && !transposeB) return undefined;
    const run = wasmKernel(backend);
    const flip = (t: TensorInfo) => {
      const rank = t.shape.length;
      const perm = [...Array(rank).keys()];
      [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
      return run('Transpose', { x: t }, { perm });
    };
    const left = transposeA ? flip(a) : a;
    const right = transposeB ? flip(b) : b;
    const out = fallback({
      inputs: { a: left, b: right },
      backend,
      attrs: { ...(attrs as object), transposeA: false, transposeB: false } as never,
    }) as TensorInfo;
    disposeAll(backend, [...(transposeA ? [left] : []), ...(transposeB ? [right] : [])]);
    return out;
  });
}

/**
 * A wasm kernel that runs `fast` and, where it declines (returns undefined), the backend's own kernel. The
 * backend binds its own kernel's function in setupFunc, which is kept so the fallback works.
 */
function withFallback(
  kernelName: string,
  fallback: KernelFunc,
  setupFunc: KernelConfig['setupFunc'] | undefined,
  fast: (args: Parameters<KernelFunc>[0]) => TensorInfo | undefined,
): KernelConfig {
  return {
    kernelName,
    backendName: 'wasm',
    ...(setupFunc && { setupFunc }),
    kernelFunc: ((args) => fast(args) ?? fallback(args)) as KernelFunc,
  };
}

/** The explicit padding TensorFlow uses for a convolution (NHWC, no dilation). */
function paddingOf(
  inputShape: number[],
  filterShape: [number, number, number, number],
  strides: [number, number],
  pad: 'valid' | 'same' | number | backend_util.ExplicitPadding,
  dimRoundingMode?: 'floor' | 'round' | 'ceil',
) {
  const info = backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
    false,
    'channelsLast',
  );
  return info.padInfo;
}

function wasmKernel(backend: unknown) {
  return (name: string, kernelInputs: Record<string, TensorInfo>, kernelAttrs: object) =>
    (getKernel(name, 'wasm')!.kernelFunc as KernelFunc)({
      inputs: kernelInputs,
      backend: backend as never,
      attrs: kernelAttrs as never,
    }) as TensorInfo;
}

function disposeAll(backend: unknown, tensors: TensorInfo[]): void {
  for (const t of tensors) (backend as { disposeData(dataId: object): void }).disposeData(t.dataId);
}

let registered = false;

/**
 * Registers the wasm training kernels once (safe to call repeatedly): the filter gradient the backend lacks, and
 * faster input and max-pool gradients and transposed products built on its fast forward kernels.
 */
export function registerWasmTrainingKernels(): void {
  if (registered) return;
  registered = true;
  if (!getKernel('Conv2DBackpropFilter', 'wasm')) registerKernel(conv2DBackpropFilterWasm);
  for (const [name, replacement] of [
    ['Conv2DBackpropInput', conv2DBackpropInputWasm],
    ['MaxPoolGrad', maxPoolGradWasm],
    ['BatchMatMul', batchMatMulWasm],
  ] as const) {
    const native = getKernel(name, 'wasm');
    if (!native) continue;
    unregisterKernel(name, 'wasm');
    registerKernel(replacement(native.kernelFunc as KernelFunc, native.setupFunc));
  }
}
