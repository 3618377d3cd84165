export {
  conv2DBackpropFilterWasm,
  conv2DBackpropInputWasm,
  maxPoolGradWasm,
  registerWasmTrainingKernels,
} from './wasm-gradients.js';
