export {
  conv2DBackpropFilterWasm,
  registerWasmTrainingKernels,
  WASM_TRAINING_KERNELS,
} from './wasm-gradients.js';
