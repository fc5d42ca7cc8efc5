/** Layers (`dl.layers`), ops (`dl.ops`) and initializers (`dl.init`). */
export { Dense, type DenseOptions } from "./dense.js";
export { RBM, type RBMOptions } from "./rbm.js";
export { Conv2D, type Conv2DOptions, type Padding2D, explicitPadding } from "./conv2d.js";
export { Conv1D, type Conv1DOptions } from "./conv1d.js";
export { BatchNorm, type BatchNormOptions } from "./batch-norm.js";
export { Dropout, DropPath } from "./dropout.js";
export { Conv2DTranspose, type Conv2DTransposeOptions } from "./conv2d-transpose.js";
export { DepthwiseConv2D, SeparableConv2D, type DepthwiseWindow, type SeparableConv2DOptions } from "./depthwise-conv2d.js";
export { LayerNorm, InstanceNorm } from "./layer-norm.js";
export { RNN, LSTM, GRU, type RecurrentOptions, type RecurrentWeights } from "./recurrent.js";
export { Embedding } from "./embedding.js";
export { MultiHeadAttention, type MultiHeadAttentionOptions } from "./attention.js";
export { pixelNorm, minibatchStddev, EqualizedDense, EqualizedConv2D, NoiseInjection, AdaIN, ConstantInput, Fade, Truncation, StyleMix } from "./generative-layers.js";
