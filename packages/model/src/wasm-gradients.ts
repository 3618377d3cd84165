import {
  backend_util,
  getKernel,
  type KernelConfig,
  type KernelFunc,
  registerKernel,
  type TensorInfo,
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
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      [sh, sw],
      1,
      pad,
      dimRoundingMode,
      false,
      'channelsLast',
    );
    const { top, bottom, left, right } = info.padInfo;
    const run = (name: string, kernelInputs: Record<string, TensorInfo>, kernelAttrs: object) =>
      (getKernel(name, 'wasm')!.kernelFunc as KernelFunc)({
        inputs: kernelInputs,
        backend,
        attrs: kernelAttrs as never,
      }) as TensorInfo;
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
    for (const t of [input, filter, full, cropped])
      (backend as { disposeData(dataId: object): void }).disposeData(t.dataId);
    return out;
  }) as KernelFunc,
};

/** The kernels a training step of our models needs that the wasm backend lacks. */
export const WASM_TRAINING_KERNELS: readonly KernelConfig[] = [conv2DBackpropFilterWasm];

/** Registers the missing wasm training kernels once (safe to call repeatedly). */
export function registerWasmTrainingKernels(): void {
  for (const kernel of WASM_TRAINING_KERNELS) {
    if (!getKernel(kernel.kernelName, kernel.backendName)) registerKernel(kernel);
  }
}
