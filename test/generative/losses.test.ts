/**
 * The generative losses against hand computations (values worked out in the comments), and the
 * gradient penalty's gradient against central finite differences.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { tanh } from "../../runtime/kernels/differentiable.js";
import { useWasm } from "../runtime/fixtures/backend.js";

test.before(useWasm);

const value = (s: tf.Tensor): number => s.dataSync()[0]!;
const close = (a: number, b: number, tol = 1e-5) => Math.abs(a - b) <= tol * Math.max(1, Math.abs(b));

test("klNormal and elbo", (t) => {
  // Units: (μ=1, log σ²=0): 1+0−1−1 = −1; (μ=0, log σ²=ln 2): 1+ln 2−0−2; KL = −½(ln 2 − 2) = 1 − ln 2 / 2.
  t.true(close(value(dl.losses.klNormal(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, Math.log(2)]]))), 1 - Math.log(2) / 2));
  // Two pixels at p = 0.5: BCE sums to 2 ln 2 nats; KL of the prior itself is 0.
  const z = tf.zeros([1, 2]);
  t.true(close(value(dl.losses.elbo(tf.fill([1, 2], 0.5), tf.tensor2d([[1, 0]]), z, z)), 2 * Math.log(2)));
  // Per example, not per pixel: a batch of two identical images has the same loss as one.
  t.true(close(value(dl.losses.elbo(tf.fill([2, 2], 0.5), tf.tensor2d([[1, 0], [1, 0]]), tf.zeros([2, 2]), tf.zeros([2, 2]))), 2 * Math.log(2)));
});

test("sparsityKl: β Σ KL(ρ ‖ ρ̂) with ρ̂ the batch mean", (t) => {
  // ρ̂ = (0.1 + 0.3)/2 = 0.2; KL = 0.05 ln(0.05/0.2) + 0.95 ln(0.95/0.8) = 0.0939428; ×3.
  t.true(close(value(dl.losses.sparsityKl(tf.tensor2d([[0.1], [0.3]]), 0.05, 3)), 3 * (0.05 * Math.log(0.25) + 0.95 * Math.log(0.95 / 0.8))));
  t.true(close(value(dl.losses.sparsityKl(tf.fill([4, 3], 0.05), 0.05, 3)), 0), "zero at the target");
});

test("adversarial losses", (t) => {
  // −ln 0.8 − ln(1 − 0.3)
  t.true(close(value(dl.losses.ganDLoss(tf.tensor1d([0.8]), tf.tensor1d([0.3]))), -Math.log(0.8) - Math.log(0.7)));
  t.true(close(value(dl.losses.ganGLoss(tf.tensor1d([0.3]))), -Math.log(0.3)));
  t.true(close(value(dl.losses.ganGMinimaxLoss(tf.tensor1d([0.3]))), Math.log(0.7)));
  // ½(0.5 − 1)² + ½·0.5² = 0.25; (0.5 − 1)² = 0.25
  t.true(close(value(dl.losses.lsganDLoss(tf.tensor1d([0.5]), tf.tensor1d([0.5]))), 0.25));
  t.true(close(value(dl.losses.lsganGLoss(tf.tensor1d([0.5]))), 0.25));
  // mean(fake) − mean(real) = −1 − 2
  t.is(value(dl.losses.wganCriticLoss(tf.tensor1d([1, 3]), tf.tensor1d([0, -2]))), -3);
  t.is(value(dl.losses.wganGLoss(tf.tensor1d([0, -2]))), 1);
  // Patch scores [B, H, W, 1] average over every patch.
  t.true(close(value(dl.losses.lsganGLoss(tf.ones([2, 3, 3, 1]))), 0));
});

test("cycle and identity losses are weighted L1", (t) => {
  t.is(value(dl.losses.cycleLoss(tf.tensor1d([1, 2]), tf.tensor1d([0, 0]), 10)), 15);
  t.is(value(dl.losses.identityLoss(tf.tensor1d([1, 2]), tf.tensor1d([0, 0]), 5)), 7.5);
});

test("reparameterize: z = μ + ε·σ has mean μ and standard deviation σ", (t) => {
  const mu = tf.fill([20000, 1], 2);
  const logvar = tf.fill([20000, 1], Math.log(0.25));
  const z = dl.reparameterize(mu, logvar, new dl.Rng(3));
  const { mean, variance } = tf.moments(z);
  t.true(Math.abs(value(mean) - 2) < 0.02);
  t.true(Math.abs(Math.sqrt(value(variance)) - 0.5) < 0.02);
  // Differentiable in μ and log σ²: dz/dμ = 1.
  const g = tf.grad((m: tf.Tensor) => tf.sum(dl.reparameterize(m, logvar, new dl.Rng(3))))(mu);
  t.is(value(tf.min(g)), 1);
});

/** A critic D(x) = Σ tanh(x W) with the twice-differentiable tanh, or linear. */
class Critic extends dl.Module {
  readonly w: tf.Variable;
  constructor(w: number[][], readonly linear = false) {
    super(null, "critic");
    this.w = this.param("w", [w.length, w[0]!.length], () => tf.tensor2d(w));
  }
  apply(x: tf.Tensor): tf.Tensor {
    const h = tf.matMul(x as tf.Tensor2D, this.w);
    return tf.sum(this.linear ? h : tanh(h), -1);
  }
}

test("gradientPenalty: λ(‖w‖ − 1)² for a linear critic", (t) => {
  const critic = new Critic([[3], [4]], true);
  const gp = dl.losses.gradientPenalty(critic, tf.randomNormal([5, 2]), tf.randomNormal([5, 2]), 10, new dl.Rng(1));
  t.true(close(value(gp), 10 * 16, 1e-4));
});

test("gradientPenalty: its gradient in the critic's weights matches finite differences", (t) => {
  const w0 = [[0.3, -0.2, 0.5], [0.1, 0.4, -0.6]];
  const critic = new Critic(w0);
  const real = tf.tensor2d([[0.5, -1], [1.5, 0.2], [-0.3, 0.8]]);
  const fake = tf.tensor2d([[-0.4, 0.3], [0.2, -1.1], [1, 1]]);
  const gp = () => dl.losses.gradientPenalty(critic, real, fake, 10, new dl.Rng(7));
  const { grads } = tf.variableGrads(gp, [critic.w]);
  const analytic = grads[critic.w.name]!.arraySync() as number[][];
  const h = 1e-2;
  for (let i = 0; i < 2; i++) {
    for (let j = 0; j < 3; j++) {
      const at = (d: number) => {
        const w = w0.map((row) => [...row]);
        w[i]![j]! += d;
        critic.w.assign(tf.tensor2d(w));
        return value(gp());
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      critic.w.assign(tf.tensor2d(w0));
      t.true(Math.abs(analytic[i]![j]! - numeric) < 2e-2 * Math.max(1, Math.abs(numeric)), `w[${i}][${j}]: ${analytic[i]![j]} vs ${numeric}`);
    }
  }
});
