/**
 * Which runtime names the Python runtime (runtime-torch/dl_torch) implements, so `dl check
 * --engine torch` and `dl run --engine torch` can say before running why a program cannot run on
 * torch. test/torch/runtime-names.test.ts checks this list against the Python package.
 */

/** `dl.*` names of the tfjs runtime that dl_torch implements with the same meaning. */
export const TORCH_RUNTIME_NAMES: ReadonlySet<string> = new Set(
  [
    "dl.Module",
    "dl.Rng",
    "dl.TrainProgram",
    "dl.StepContext",
    "dl.random.normal",
    "dl.random.uniform",
    "dl.reparameterize",
    "dl.reflectionPad",
    "dl.labelGrid",
    ...["Dense", "Conv2D", "Conv1D", "Conv2DTranspose", "DepthwiseConv2D", "SeparableConv2D", "BatchNorm", "LayerNorm", "InstanceNorm", "Dropout", "DropPath", "Embedding", "RNN", "LSTM", "GRU", "MultiHeadAttention"].map((n) => `dl.layers.${n}`),
    ...[
      "relu", "tanh", "sigmoid", "leakyRelu", "gelu", "silu", "relu6", "hardswish", "hardsigmoid", "mish", "elu", "selu", "softplus", "softmax",
      "flatten", "reshape", "add", "sub", "mul", "div", "neg", "concat", "maxPool", "avgPool", "maxPool1d", "avgPool1d", "globalAvgPool",
      "globalMaxPool", "adaptiveAvgPool", "localResponseNorm", "crop", "zeroPad", "upsample", "upsampleBilinear", "positionalEncoding",
      "full", "mean", "sum", "max", "min", "argmax", "log", "exp", "sqrt", "abs", "pow", "clamp",
      "equal", "notEqual", "less", "greater", "lessEqual", "greaterEqual", "logicalAnd", "logicalOr", "logicalNot", "where", "cast",
      "slice", "permute", "split", "broadcastTo", "greedyDecode",
    ].map((n) => `dl.ops.${n}`),
    ...["zeros", "ones", "uniform", "uniformRange", "normal", "constant", "kaiming", "xavier", "orthogonal"].map((n) => `dl.init.${n}`),
    ...[
      "crossEntropy", "bce", "bceWithLogits", "mse", "l1", "klNormal", "elbo", "sparsityKl", "ganDLoss", "ganGLoss", "ganGMinimaxLoss",
      "lsganDLoss", "lsganGLoss", "wganCriticLoss", "wganGLoss", "gradientPenalty", "cycleLoss", "identityLoss",
    ].map((n) => `dl.losses.${n}`),
    "dl.metrics.accuracy",
    "dl.metrics.binaryAccuracy",
    "dl.metrics.topKAccuracy",
    "dl.metrics.confusionCounts",
    ...["sgd", "momentum", "adam", "adamw", "rmsprop"].map((n) => `dl.optim.${n}`),
    ...["step", "multistep", "exponential", "cosine", "warmup", "oneCycle"].map((n) => `dl.schedules.${n}`),
    ...["mnist", "fashionMnist", "idx", "csv", "imageFolder", "blobs", "moons", "sequences", "tokenSequences"].map((n) => `dl.data.${n}`),
  ],
);

/** Why a module cannot run on the torch engine: the runtime names it lacks. */
export interface TorchSupport {
  ok: boolean;
  missing: string[];
}

/** Checks the `dl.*` names a generated module uses against what dl_torch implements. */
export function torchSupport(runtimeNames: readonly string[]): TorchSupport {
  const missing = runtimeNames.filter((n) => !TORCH_RUNTIME_NAMES.has(n));
  return { ok: missing.length === 0, missing };
}

/** The missing names as a sentence part: `layer MultiHeadAttention, rl.cartpole (...)`. */
export function describeMissing(names: readonly string[]): string {
  const shown = names.map((n) => n.replace(/^dl\./, "").replace(/^layers\./, "layer ").replace(/^method (\w+)$/, "the layer method $1"));
  const rl = shown.some((n) => n.startsWith("rl."));
  return shown.join(", ") + (rl ? " (reinforcement-learning environments and experience sources run on the tfjs engine only)" : "");
}
