/**
 * Kernels and gradients the runtime adds to tfjs: missing wasm training
 * kernels, corrected ones, tfjs-core's gradients (vendored), and twice
 * differentiable activations with gradient penalties built on them.
 */
export {
  registerKernels,
  WASM_EXTRA_KERNELS,
  REPLACED_KERNELS,
} from "./register-kernels.js";
export { gradientsRegistered } from "./gradients.js";
export {
  exp,
  tanh,
  sigmoid,
  elu,
  selu,
  leakyRelu,
  logSoftmax,
  softmax,
  erf,
  relu6,
  gelu,
  geluTanh,
  silu,
  hardsigmoid,
  hardswish,
  softplus,
  mish,
  eluAlpha,
  clamp,
} from "./differentiable.js";
export { gradientPenalty, r1Penalty, type Critic } from "./gradient-penalty.js";
