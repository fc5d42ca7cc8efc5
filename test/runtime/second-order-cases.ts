/**
 * Gradient penalties as op cases: each row's op is a penalty of a small
 * critic whose weights are inputs, so the case's gradients are second
 * derivatives (the gradient of a norm of an input gradient). The GPU tests run
 * them next to the op cases, against cpu; grad-grad.test.ts checks cpu against
 * a float64 oracle. Imports only tfjs-core and the runtime's kernels.
 */
import * as tf from "@tensorflow/tfjs-core";
import * as d from "../../runtime/kernels/index.js";
import type { OpCase } from "./op-cases.js";
import { randomValues, rng } from "./seeded.js";

/** Fixed mixing weights α ∈ (0, 1) for a batch of `n`. */
const alpha = (n: number) =>
  tf.tensor1d(randomValues(rng(5), n).map((v) => 0.5 + 0.45 * v));

const mlp =
  (act: (x: tf.Tensor) => tf.Tensor, w1: tf.Tensor, w2: tf.Tensor) =>
  (x: tf.Tensor) =>
    tf.matMul(
      act(tf.matMul(x as tf.Tensor2D, w1 as tf.Tensor2D)),
      w2 as tf.Tensor2D,
    );

/** Penalty cases: inputs are real, fake (or real alone for R1), then the critic's weights. */
export const SECOND_ORDER_CASES: OpCase[] = [
  {
    name: "WGAN-GP penalty, conv critic (stride 2, leaky ReLU, avg pool, dense)",
    shapes: [[2, 8, 8, 1], [2, 8, 8, 1], [3, 3, 1, 4], [4], [2 * 2 * 4, 1]],
    fn: (real, fake, w, b, v) => {
      const critic = (x: tf.Tensor) => {
        const h = d.leakyRelu(
          tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 2, "same"), b),
          0.2,
        );
        const p = tf.avgPool(h as tf.Tensor4D, 2, 2, "valid");
        return tf.matMul(tf.reshape(p, [x.shape[0]!, -1]), v as tf.Tensor2D);
      };
      return d.gradientPenalty(critic, real, fake, { alpha: alpha(2) });
    },
  },
  {
    name: "WGAN-GP penalty, tanh MLP critic",
    shapes: [
      [3, 4],
      [3, 4],
      [4, 6],
      [6, 1],
    ],
    fn: (real, fake, w1, w2) =>
      d.gradientPenalty(mlp(d.tanh, w1, w2), real, fake, { alpha: alpha(3) }),
  },
  {
    name: "WGAN-GP penalty, ELU and sigmoid MLP critic",
    shapes: [
      [3, 4],
      [3, 4],
      [4, 6],
      [6, 1],
    ],
    fn: (real, fake, w1, w2) =>
      d.gradientPenalty(
        mlp((x) => d.sigmoid(d.elu(x)), w1, w2),
        real,
        fake,
        { alpha: alpha(3) },
      ),
  },
  {
    // Max pooling is left out: tfjs has no gradient of MaxPoolGrad (no second derivative).
    name: "R1 penalty, ELU conv critic with avg pool",
    shapes: [
      [2, 6, 6, 2],
      [3, 3, 2, 3],
      [3 * 3 * 3, 1],
    ],
    fn: (real, w, v) =>
      d.r1Penalty((x) => {
        const h = d.elu(
          tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, "same"),
        );
        const p = tf.avgPool(h as tf.Tensor4D, 2, 2, "valid");
        return tf.matMul(tf.reshape(p, [x.shape[0]!, -1]), v as tf.Tensor2D);
      }, real),
  },
];
