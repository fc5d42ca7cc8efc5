import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

const value = (s: tf.Scalar): number => s.dataSync()[0]!;

test("crossEntropy: int labels and probabilities agree; uniform logits give log C", (t) => {
  const logits = tf.tensor2d([[2, 1, 0.1], [0.5, 2.5, 0.3]]);
  const labels = tf.tensor1d([0, 1], "int32");
  const a = value(dl.losses.crossEntropy(logits, labels));
  const b = value(dl.losses.crossEntropy(logits, tf.cast(tf.oneHot(labels, 3), "float32")));
  // torch.nn.functional.cross_entropy(tensor([[2,1,.1],[.5,2.5,.3]]), tensor([0,1])) = 0.3185
  t.true(Math.abs(a - 0.3185) < 1e-3);
  t.true(Math.abs(a - b) < 1e-6);
  t.true(Math.abs(value(dl.losses.crossEntropy(tf.zeros([4, 10]), tf.zeros([4], "int32"))) - Math.log(10)) < 1e-5);
});

test("bce, mse and accuracy", (t) => {
  // torch.nn.functional.binary_cross_entropy(tensor([.9,.2]), tensor([1.,0.])) = 0.1643
  t.true(Math.abs(value(dl.losses.bce(tf.tensor1d([0.9, 0.2]), tf.tensor1d([1, 0]))) - 0.1643) < 1e-3);
  t.is(value(dl.losses.bce(tf.tensor1d([0]), tf.tensor1d([1]))), 100, "log clamped at -100 like PyTorch");
  t.true(Math.abs(value(dl.losses.bceWithLogits(tf.tensor1d([2.1972246, -1.3862944]), tf.tensor1d([1, 0]))) - 0.1643) < 1e-3);
  t.is(value(dl.losses.mse(tf.tensor1d([1, 2]), tf.tensor1d([0, 4]))), 2.5);
  const logits = tf.tensor2d([[1, 0], [0, 1], [1, 0]]);
  t.true(Math.abs(value(dl.metrics.accuracy(logits, tf.tensor1d([0, 0, 0], "int32"))) - 2 / 3) < 1e-6);
  t.is(value(dl.metrics.accuracy(logits, tf.tensor2d([[1, 0], [0, 1], [1, 0]]))), 1);
});
