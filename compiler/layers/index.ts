/**
 * The layer registry: every layer, loss, metric and tensor function, by its DL name. Adding an
 * entry here is all it takes for the checker, summary, language server and emitter to know it.
 */
import type { RegistryEntry } from "../registry/types.js";
import { progressiveStyleEntries } from "./generative/progressive-style.js";
import { ppoClipLoss } from "./losses/ppo.js";
import { full, ones, zeros } from "./tensor/constants.js";
import { mean, sum } from "./tensor/reduce.js";
import { tensorMath } from "./tensor/math.js";
import { tensorStructure } from "./tensor/structure.js";
import { relu, tanh, sigmoid, leakyRelu, softmax } from "./activation/activations.js";
import { modernActivations } from "./activation/modern-activations.js";
import { conv2d } from "./conv/conv2d.js";
import { conv1d } from "./conv/conv1d.js";
import { avgpool1d, maxpool1d } from "./pooling/pool1d.js";
import { dense } from "./core/dense.js";
import { accuracy, bce, bceWithLogits, binaryAccuracy, crossEntropy, mse, perceptronLoss } from "./losses/classification.js";
import { add } from "./merge/add.js";
import { concat } from "./merge/concat.js";
import { batchnorm } from "./normalization/batchnorm.js";
import { avgpool, maxpool } from "./pooling/pool2d.js";
import { dropout } from "./regularization/dropout.js";
import { dropPath } from "./regularization/drop-path.js";
import { flatten } from "./reshape/flatten.js";
import { reshape } from "./reshape/reshape.js";
import { normal, uniform } from "./random/random.js";
import { generativeLosses } from "./losses/generative.js";
import { conv2dTranspose } from "./conv/conv2d-transpose.js";
import { depthwiseConv2d, separableConv2d } from "./conv/depthwise-conv2d.js";
import { adaptiveAvgpool, globalAvgpool, globalMaxpool } from "./pooling/global-pool.js";
import { lrn } from "./normalization/lrn.js";
import { instancenorm, layernorm } from "./normalization/layer-norm.js";
import { crop, cropTo, upsample, zeroPad } from "./reshape/crop.js";
import { gru, lstm, rnn } from "./recurrent/recurrent.js";
import { embedding } from "./core/embedding.js";
import { multiheadAttention, positionalEncoding } from "./attention/multihead-attention.js";
import { tdLoss } from "./losses/td.js";
import { rbm } from "./generative/rbm.js";
import { classMetrics } from "./metrics/class-metrics.js";
import { greedyDecode } from "./sequence/greedy-decode.js";

const entries: RegistryEntry[] = [
  ones, zeros, full, mean, sum,
  dense, conv2d, maxpool, avgpool, flatten, reshape, relu, tanh, sigmoid, leakyRelu, softmax, dropout, dropPath, batchnorm, add, concat,
  crossEntropy, bce, bceWithLogits, mse, accuracy, perceptronLoss, binaryAccuracy, normal, uniform,
  conv2dTranspose, depthwiseConv2d, separableConv2d, globalAvgpool, globalMaxpool, adaptiveAvgpool, lrn, layernorm, instancenorm,
  crop, cropTo, zeroPad, upsample, rnn, lstm, gru, embedding, multiheadAttention, positionalEncoding,
  ...modernActivations,
  conv1d, maxpool1d, avgpool1d,
  ...tensorMath,
  ...tensorStructure,
  ...generativeLosses,
  ...progressiveStyleEntries,
  tdLoss,
  ppoClipLoss,
  rbm,
  ...classMetrics,
  greedyDecode,
];

/** All entries by name. */
export const registry: ReadonlyMap<string, RegistryEntry> = new Map(entries.map((e) => [e.name, e]));
