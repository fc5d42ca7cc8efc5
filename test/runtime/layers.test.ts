import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-4): boolean =>
  a.length === b.length && Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= tol);

// Output sizes from PyTorch's formula floor((H + pads - d*(k-1) - 1) / s) + 1.
const shapes: [string, dl.layers.Conv2DOptions, number[]][] = [
  ["valid", { inChannels: 3, filters: 8, kernel: [5, 5] }, [2, 28, 28, 8]],
  ["same stride 2", { inChannels: 3, filters: 8, kernel: [3, 3], stride: [2, 2], padding: "same" }, [2, 16, 16, 8]],
  ["explicit", { inChannels: 3, filters: 4, kernel: [3, 3], padding: [[1, 1], [2, 0]] }, [2, 32, 32, 4]],
  ["dilation", { inChannels: 3, filters: 4, kernel: [3, 3], dilation: [2, 2] }, [2, 28, 28, 4]],
  ["stride and dilation", { inChannels: 3, filters: 4, kernel: [3, 3], stride: [2, 2], dilation: [2, 2], padding: [[1, 1], [1, 1]] }, [2, 15, 15, 4]],
  ["groups", { inChannels: 6, filters: 9, kernel: [1, 1], groups: 3 }, [2, 32, 32, 9]],
];
for (const [name, o, expected] of shapes) {
  test(`Conv2D ${name} output shape`, (t) => {
    const conv = new dl.layers.Conv2D(null, "c", o);
    const y = conv.apply(tf.ones([2, 32, 32, o.inChannels]));
    t.deepEqual(y.shape, expected);
    y.dispose();
    conv.dispose();
  });
}

test("grouped Conv2D equals separate convolutions per group", (t) => {
  const conv = new dl.layers.Conv2D(null, "g", { inChannels: 4, filters: 6, kernel: [3, 3], groups: 2, padding: "same" });
  const x = tf.randomNormal([1, 5, 5, 4], 0, 1, "float32", 1);
  const y = conv.apply(x);
  const [k0, k1] = tf.split(conv.kernel, 2, 3);
  const [x0, x1] = tf.split(x, 2, 3);
  const ref = tf.add(tf.concat([tf.conv2d(x0 as tf.Tensor4D, k0 as tf.Tensor4D, 1, "same"), tf.conv2d(x1 as tf.Tensor4D, k1 as tf.Tensor4D, 1, "same")], 3), conv.bias!);
  t.true(close(y.dataSync(), ref.dataSync()));
  tf.dispose([x, y, k0, k1, x0, x1, ref]);
  conv.dispose();
});

test("BatchNorm: batch statistics in training, PyTorch-style running update", (t) => {
  const bn = new dl.layers.BatchNorm(null, "bn", { features: 2 });
  const x = tf.tensor2d([[1, 10], [3, 14]]);
  const y = bn.apply(x, true);
  t.true(close(y.dataSync(), [-1, -1, 1, 1], 1e-3));
  // mean [2, 12]; unbiased var [2, 8]; running = 0.9 * init + 0.1 * batch.
  t.true(close(bn.runningMean.dataSync(), [0.2, 1.2]));
  t.true(close(bn.runningVar.dataSync(), [1.1, 1.7]));
  const yi = bn.apply(x, false);
  t.true(close(yi.dataSync(), [(1 - 0.2) / Math.sqrt(1.1 + 1e-5), (10 - 1.2) / Math.sqrt(1.7 + 1e-5), (3 - 0.2) / Math.sqrt(1.1 + 1e-5), (14 - 1.2) / Math.sqrt(1.7 + 1e-5)]));
  tf.dispose([x, y, yi]);
  bn.dispose();
});

test("Dropout: identity at inference, seeded masks in training", (t) => {
  const run = (): Float32Array | Int32Array | Uint8Array => {
    const d = new dl.layers.Dropout(null, "d", { rate: 0.5 });
    const x = tf.ones([1000]);
    t.is(d.apply(x, false), x);
    const y = d.apply(x, true);
    const v = y.dataSync();
    tf.dispose([x, y]);
    return v;
  };
  const a = run();
  t.deepEqual(a, run(), "same seed, same mask");
  const kept = Array.from(a).filter((v) => v !== 0);
  t.true(kept.every((v) => v === 2) && kept.length > 400 && kept.length < 600);
});

test("ops: pools, flatten, reshape, concat, activations", (t) => {
  const x = tf.tensor4d([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16], [1, 4, 4, 1]);
  t.deepEqual(Array.from(dl.ops.maxPool(x, { size: [2, 2] }).dataSync()), [6, 8, 14, 16]);
  t.deepEqual(Array.from(dl.ops.avgPool(x, { size: [2, 2] }).dataSync()), [3.5, 5.5, 11.5, 13.5]);
  t.deepEqual(dl.ops.maxPool(x, { size: [3, 3], stride: [2, 2], padding: 1 }).shape, [1, 2, 2, 1]);
  t.deepEqual(dl.ops.flatten(x).shape, [1, 16]);
  t.deepEqual(dl.ops.reshape(x, [2, 8]).shape, [1, 2, 8]);
  t.deepEqual(dl.ops.concat([x, x]).shape, [1, 4, 4, 2]);
  t.true(close(dl.ops.leakyRelu(tf.tensor1d([-1, 2])).dataSync(), [-0.01, 2]));
  t.true(close(dl.ops.softmax(tf.tensor2d([[0, 0]])).dataSync(), [0.5, 0.5]));
  t.true(close(dl.ops.add(tf.ones([2]), tf.ones([2])).dataSync(), [2, 2]));
});
