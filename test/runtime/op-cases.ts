/**
 * The table of op cases the backend tests share: each op family our layers,
 * losses and optimizers use, applied to seeded random inputs, with the value
 * and every input gradient of Σ op(xs)·r read back to the host. The wasm test
 * (kernel-training-path) and the GPU tests (test/gpu, in Node and in Chromium)
 * compare these numbers against the cpu backend. Imports only tfjs-core, so it
 * bundles for the browser.
 */
import * as tf from "@tensorflow/tfjs-core";
import { randomValues, rng } from "./seeded.js";

/** An op applied to random inputs of the given shapes. */
export type Fn = (...xs: tf.Tensor[]) => tf.Tensor;
/** One row of the table: a name, input shapes, the op, optional input map and tolerance. */
export interface OpCase {
  name: string;
  shapes: number[][];
  fn: Fn;
  /** Keeps inputs where the op is smooth (e.g. positive for log). */
  map?: (v: number) => number;
  tol?: number;
  /** tfjs registers no gradient for the kernel (StridedSlice): value only. */
  forwardOnly?: true;
}

const pos = (v: number) => Math.abs(v) + 0.1;
const c4 = (t: tf.Tensor) => t as tf.Tensor4D;
const c2 = (t: tf.Tensor) => t as tf.Tensor2D;

/**
 * Op families our layers, losses and optimizers use. Together (forward and
 * backward) they run every kernel in NEEDED_KERNELS; test/runtime/op-coverage
 * checks that, so a kernel added to the list needs a row here.
 */
export const OP_CASES: OpCase[] = [
  {
    name: "conv2d same s2",
    shapes: [
      [2, 9, 9, 3],
      [3, 3, 3, 4],
    ],
    fn: (x, w) => tf.conv2d(c4(x), c4(w), 2, "same"),
  },
  {
    name: "conv2d valid s1",
    shapes: [
      [2, 8, 7, 2],
      [5, 5, 2, 3],
    ],
    fn: (x, w) => tf.conv2d(c4(x), c4(w), 1, "valid"),
  },
  {
    name: "conv2d explicit pad s(2,1)",
    shapes: [
      [1, 7, 8, 2],
      [3, 2, 2, 3],
    ],
    fn: (x, w) =>
      tf.conv2d(
        c4(x),
        c4(w),
        [2, 1],
        [
          [0, 0],
          [1, 2],
          [0, 1],
          [0, 0],
        ],
      ),
  },
  {
    name: "conv2dTranspose s2",
    shapes: [
      [2, 4, 4, 3],
      [4, 4, 2, 3],
    ],
    fn: (x, w) => tf.conv2dTranspose(c4(x), c4(w), [2, 8, 8, 2], 2, "same"),
  },
  {
    name: "fused conv2d + bias + relu",
    shapes: [[2, 6, 6, 3], [3, 3, 3, 4], [4]],
    fn: (x, w, b) =>
      tf.fused.conv2d({
        x: c4(x),
        filter: c4(w),
        bias: b,
        strides: 1,
        pad: "same",
        activation: "relu",
      }),
  },
  {
    name: "depthwiseConv2d s2 ×2",
    shapes: [
      [2, 9, 9, 3],
      [3, 3, 3, 2],
    ],
    fn: (x, w) => tf.depthwiseConv2d(c4(x), c4(w), 2, "same"),
  },
  {
    name: "separableConv2d",
    shapes: [
      [1, 6, 6, 2],
      [3, 3, 2, 1],
      [1, 1, 2, 4],
    ],
    fn: (x, d, p) => tf.separableConv2d(c4(x), c4(d), c4(p), 1, "valid"),
  },
  {
    name: "maxPool 2×2 s2 (negatives)",
    shapes: [[2, 8, 8, 3]],
    fn: (x) => tf.maxPool(c4(x), 2, 2, "valid"),
  },
  {
    name: "maxPool 3×3 s2 same",
    shapes: [[2, 7, 7, 2]],
    fn: (x) => tf.maxPool(c4(x), 3, 2, "same"),
  },
  {
    name: "avgPool 2×2 s2",
    shapes: [[2, 8, 8, 3]],
    fn: (x) => tf.avgPool(c4(x), 2, 2, "valid"),
  },
  {
    name: "avgPool 3×3 s2 same",
    shapes: [[2, 7, 7, 2]],
    fn: (x) => tf.avgPool(c4(x), 3, 2, "same"),
  },
  {
    name: "batchNorm (all inputs)",
    shapes: [[4, 3, 3, 5], [5], [5], [5], [5]],
    fn: (x, m, v, o, s) =>
      tf.batchNorm(x, m, tf.add(tf.abs(v), 0.5), o, s, 1e-5),
  },
  {
    name: "batch statistics (moments)",
    shapes: [[6, 4]],
    fn: (x) => {
      const { mean, variance } = tf.moments(x, 0);
      return tf.div(tf.sub(x, mean), tf.sqrt(tf.add(variance, 1e-5)));
    },
  },
  {
    name: "matMul",
    shapes: [
      [5, 7],
      [7, 3],
    ],
    fn: (a, b) => tf.matMul(a, b),
  },
  {
    name: "matMul transposed",
    shapes: [
      [7, 5],
      [3, 7],
    ],
    fn: (a, b) => tf.matMul(a, b, true, true),
  },
  {
    name: "fused matMul + bias + relu",
    shapes: [[5, 7], [7, 3], [3]],
    fn: (a, b, bias) =>
      tf.fused.matMul({ a: c2(a), b: c2(b), bias, activation: "relu" }),
  },
  { name: "relu", shapes: [[40]], fn: (x) => tf.relu(x) },
  { name: "relu6", shapes: [[40]], fn: (x) => tf.relu6(tf.mul(x, 8)) },
  { name: "leakyRelu", shapes: [[40]], fn: (x) => tf.leakyRelu(x, 0.2) },
  { name: "prelu", shapes: [[8, 5], [5]], fn: (x, a) => tf.prelu(x, a) },
  { name: "elu", shapes: [[40]], fn: (x) => tf.elu(x) },
  { name: "selu", shapes: [[40]], fn: (x) => tf.selu(x) },
  { name: "sigmoid", shapes: [[40]], fn: (x) => tf.sigmoid(tf.mul(x, 4)) },
  { name: "tanh", shapes: [[40]], fn: (x) => tf.tanh(tf.mul(x, 3)) },
  { name: "softplus", shapes: [[40]], fn: (x) => tf.softplus(tf.mul(x, 3)) },
  { name: "softmax", shapes: [[6, 10]], fn: (x) => tf.softmax(tf.mul(x, 3)) },
  {
    name: "logSoftmax",
    shapes: [[6, 10]],
    fn: (x) => tf.logSoftmax(tf.mul(x, 3)),
  },
  {
    name: "softmax cross-entropy",
    shapes: [[6, 10]],
    fn: (x) =>
      tf.losses.softmaxCrossEntropy(
        tf.oneHot(tf.tensor1d([0, 3, 9, 2, 2, 7], "int32"), 10),
        x,
      ),
  },
  {
    name: "sigmoid cross-entropy",
    shapes: [
      [6, 4],
      [6, 4],
    ],
    fn: (x, y) => tf.losses.sigmoidCrossEntropy(tf.step(y), x),
  },
  {
    name: "exp log sqrt rsqrt",
    shapes: [[30]],
    map: pos,
    fn: (x) =>
      tf.add(tf.add(tf.exp(x), tf.log(x)), tf.add(tf.sqrt(x), tf.rsqrt(x))),
  },
  {
    name: "log1p square pow abs",
    shapes: [[30]],
    map: pos,
    fn: (x) =>
      tf.add(
        tf.add(tf.log1p(x), tf.square(x)),
        tf.add(tf.pow(x, 1.5), tf.abs(tf.sub(x, 0.6))),
      ),
  },
  {
    name: "div sub neg",
    shapes: [
      [4, 5],
      [4, 5],
    ],
    fn: (a, b) => tf.neg(tf.sub(tf.div(a, tf.add(tf.abs(b), 0.5)), b)),
  },
  {
    name: "broadcast add mul",
    shapes: [[4, 5], [5]],
    fn: (a, b) => tf.mul(tf.add(a, b), b),
  },
  {
    name: "maximum minimum clip",
    shapes: [
      [4, 5],
      [4, 5],
    ],
    fn: (a, b) =>
      tf.add(tf.maximum(a, b), tf.clipByValue(tf.minimum(a, b), -0.3, 0.3)),
  },
  {
    name: "sum mean max min",
    shapes: [[4, 5, 3]],
    fn: (x) =>
      tf.concat([tf.sum(x, 1), tf.mean(x, 1), tf.max(x, 1), tf.min(x, 1)], 1),
  },
  {
    name: "gather (embedding)",
    shapes: [[10, 4]],
    fn: (table) => tf.gather(table, tf.tensor1d([3, 1, 3, 9, 0, 3], "int32")),
  },
  {
    name: "concat slice",
    shapes: [
      [3, 4],
      [3, 2],
    ],
    fn: (a, b) => tf.slice(tf.concat([a, b], 1), [1, 1], [2, 4]),
  },
  {
    name: "pad transpose reshape",
    shapes: [[2, 3, 4]],
    fn: (x) =>
      tf.reshape(
        tf.transpose(
          tf.pad(x, [
            [0, 0],
            [1, 2],
            [0, 1],
          ]),
          [2, 0, 1],
        ),
        [5, -1],
      ),
  },
  {
    name: "tile stack unstack reverse",
    shapes: [[2, 3]],
    fn: (x) =>
      tf.stack(
        [...tf.unstack(tf.tile(x, [2, 1])), tf.reverse(x, 1)].slice(0, 3),
      ),
  },
  {
    name: "resizeNearestNeighbor ×2",
    shapes: [[2, 4, 4, 3]],
    fn: (x) => tf.image.resizeNearestNeighbor(c4(x), [8, 8]),
  },
  {
    name: "resizeBilinear ×2",
    shapes: [[2, 4, 4, 3]],
    fn: (x) => tf.image.resizeBilinear(c4(x), [8, 8]),
  },
  {
    // Under a gradient tfjs fuses only linear activations (FusedConv2D, _FusedMatMul).
    name: "fused conv2d + bias, linear",
    shapes: [[2, 6, 6, 3], [3, 3, 3, 4], [4]],
    fn: (x, w, b) =>
      tf.fused.conv2d({
        x: c4(x),
        filter: c4(w),
        bias: b,
        strides: 1,
        pad: "same",
        activation: "linear",
      }),
  },
  {
    name: "fused matMul + bias, linear",
    shapes: [[5, 7], [7, 3], [3]],
    fn: (a, b, bias) =>
      tf.fused.matMul({ a: c2(a), b: c2(b), bias, activation: "linear" }),
  },
  {
    name: "strided slice (x[:, ::2])",
    forwardOnly: true,
    shapes: [[3, 6, 2]],
    fn: (x) => tf.stridedSlice(x, [0, 0, 0], [3, 6, 2], [1, 2, 1]),
  },
  {
    name: "addN squaredDifference",
    shapes: [
      [4, 5],
      [4, 5],
    ],
    fn: (a, b) => tf.addN([a, tf.squaredDifference(a, b), b]),
  },
  {
    // Conditions come from constants: tfjs has no gradient for comparisons.
    name: "where (select) on comparisons",
    shapes: [
      [4, 5],
      [4, 5],
    ],
    fn: (a, b) => {
      const c = tf.tensor(randomValues(rng(7), a.size), a.shape);
      return tf.add(
        tf.where(tf.greater(c, 0), a, tf.mul(b, 2)),
        tf.where(
          tf.logicalOr(tf.lessEqual(c, -0.5), tf.greaterEqual(c, 0.5)),
          tf.mul(a, b),
          tf.where(tf.less(c, 0), b, a),
        ),
      );
    },
  },
  {
    name: "sign fill zerosLike onesLike",
    shapes: [[4, 5]],
    fn: (x) =>
      tf.mul(
        tf.add(tf.add(tf.onesLike(x), tf.fill(x.shape, 0.5)), tf.zerosLike(x)),
        tf.add(tf.sign(x), x),
      ),
  },
  {
    name: "metrics: accuracy and non-finite counts (argMax equal cast isNaN isInf)",
    shapes: [[4, 5]],
    forwardOnly: true,
    fn: (x) => {
      const labels = tf.tensor1d([0, 1, 2, 3], "int32");
      const hits = tf.cast(tf.equal(tf.argMax(x, 1), labels), "float32");
      const bad = tf.logicalOr(
        tf.isNaN(tf.log(x)),
        tf.isInf(tf.div(1, tf.round(x))),
      );
      return tf.stack([tf.mean(hits), tf.sum(tf.cast(bad, "float32"))]);
    },
  },
  {
    name: "identity (clone)",
    shapes: [[6]],
    fn: (x) => tf.mul(tf.clone(x), x),
  },
];

/** Σ fn(xs)·r with r fixed random weights: every output element reaches the gradient. */
function weighted(c: OpCase, weightsSeed: number) {
  return (...ts: tf.Tensor[]): tf.Scalar => {
    const y = c.fn(...ts);
    const w = tf.tensor(randomValues(rng(weightsSeed), y.size), y.shape);
    return tf.sum(tf.mul(y, w)) as tf.Scalar;
  };
}

function valueAndGrads(
  c: OpCase,
  weightsSeed: number,
  xs: tf.Tensor[],
): { value: tf.Scalar; grads: tf.Tensor[] } {
  const f = weighted(c, weightsSeed);
  if (c.forwardOnly) return { value: f(...xs), grads: [] };
  return tf.valueAndGrads(f)(xs);
}

/** Value of Σ fn(xs)·r (r fixed random weights) and its gradients, on one backend. */
export async function evaluateOpCase(
  backend: string,
  c: OpCase,
  inputs: Float32Array[],
  weightsSeed: number,
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  if (tf.getBackend() !== backend) throw new Error("backend switched under us");
  const before = tf.memory().numTensors;
  const outputs = tf.tidy(() => {
    const xs = inputs.map((v, i) => tf.tensor(v, c.shapes[i]!));
    const { value, grads } = valueAndGrads(c, weightsSeed, xs);
    return [value, ...grads];
  });
  // Read asynchronously: webgpu in Node has no synchronous read.
  const result = (await Promise.all(
    outputs.map((t) => t.data()),
  )) as Float32Array[];
  tf.dispose(outputs);
  if (tf.memory().numTensors !== before)
    throw new Error(`${c.name} leaked tensors on ${backend}`);
  return result;
}

/** The case's inputs drawn from `r`, mapped into its smooth domain. */
export function opCaseInputs(
  c: OpCase,
  r: ReturnType<typeof rng>,
): Float32Array[] {
  return c.shapes.map((s) => {
    const v = randomValues(
      r,
      s.reduce((a, b) => a * b, 1),
    );
    return c.map === undefined ? v : v.map(c.map);
  });
}

/** Names of the kernels one case dispatches (value and gradients), on the active backend. */
export async function kernelsOfOpCase(
  c: OpCase,
  inputs: Float32Array[],
  weightsSeed: number,
): Promise<string[]> {
  const info = await tf.profile(() => {
    const xs = inputs.map((v, i) => tf.tensor(v, c.shapes[i]!));
    const { value, grads } = valueAndGrads(c, weightsSeed, xs);
    tf.dispose([...xs, value, ...grads]);
  });
  return info.kernelNames;
}
