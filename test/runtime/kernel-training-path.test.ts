/**
 * End-to-end training path on wasm: value and gradients of every op family our
 * layers and losses use, through tfjs's own gradient functions and therefore
 * through wasm's kernels and ours, against the cpu backend. This is the test
 * that found wasm's MaxPoolGrad bug; it guards against the next one.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import {
  initBackends,
  randomValues,
  relError,
  rng,
} from "./kernel-test-utils.js";

type Fn = (...xs: tf.Tensor[]) => tf.Tensor;
interface OpCase {
  name: string;
  shapes: number[][];
  fn: Fn;
  /** Keeps inputs where the op is smooth (e.g. positive for log). */
  map?: (v: number) => number;
  tol?: number;
}

const pos = (v: number) => Math.abs(v) + 0.1;
const c4 = (t: tf.Tensor) => t as tf.Tensor4D;
const c2 = (t: tf.Tensor) => t as tf.Tensor2D;

const CASES: OpCase[] = [
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
];

/** Value of Σ fn(xs)·r (r fixed random weights) and its gradients, on one backend. */
async function evaluate(
  backend: string,
  c: OpCase,
  inputs: Float32Array[],
  weightsSeed: number,
): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  if (tf.getBackend() !== backend) throw new Error("backend switched under us");
  const before = tf.memory().numTensors;
  const result = tf.tidy(() => {
    const xs = inputs.map((v, i) => tf.tensor(v, c.shapes[i]!));
    const f = (...ts: tf.Tensor[]) => {
      const y = c.fn(...ts);
      const w = tf.tensor(randomValues(rng(weightsSeed), y.size), y.shape);
      return tf.sum(tf.mul(y, w)) as tf.Scalar;
    };
    const { value, grads } = tf.valueAndGrads(f)(xs);
    return [value, ...grads].map((t) => t.dataSync() as Float32Array);
  });
  if (tf.memory().numTensors !== before)
    throw new Error(`${c.name} leaked tensors on ${backend}`);
  return result;
}

test.serial(
  "ops used by layers and losses: value and gradients on wasm match cpu",
  async (t) => {
    await initBackends();
    const r = rng(41);
    const worst: string[] = [];
    for (const [i, c] of CASES.entries()) {
      const inputs = c.shapes.map((s) => {
        const v = randomValues(
          r,
          s.reduce((a, b) => a * b, 1),
        );
        return c.map === undefined ? v : v.map(c.map);
      });
      const wasm = await evaluate("wasm", c, inputs, 1000 + i);
      const cpu = await evaluate("cpu", c, inputs, 1000 + i);
      const errs = wasm.map((w, k) => relError(w, cpu[k]!));
      const e = Math.max(...errs);
      worst.push(`${c.name}: ${e.toExponential(1)}`);
      t.true(
        e <= (c.tol ?? 1e-4),
        `${c.name}: rel errors [value, d/dinputs...] = ${errs.map((x) => x.toExponential(2)).join(", ")}`,
      );
    }
    t.log(worst.join("; "));
  },
);
