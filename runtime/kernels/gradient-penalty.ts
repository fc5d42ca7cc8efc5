import * as tf from "@tensorflow/tfjs-core";

/** A critic/discriminator: images (or any batch) in, scores [B] or [B, 1] out. */
export type Critic = (x: tf.Tensor) => tf.Tensor;

/** ∇ₓ Σ critic(x): per-example input gradients (examples are independent in a critic). */
function inputGradient(critic: Critic, x: tf.Tensor): tf.Tensor {
  return tf.grad((t: tf.Tensor) => tf.sum(critic(t)))(x);
}

/** Per-example squared L2 norms over every axis but the first. */
function squaredNorms(g: tf.Tensor): tf.Tensor {
  const axes = Array.from({ length: g.rank - 1 }, (_, i) => i + 1);
  return axes.length === 0 ? tf.square(g) : tf.sum(tf.square(g), axes);
}

/**
 * WGAN-GP gradient penalty (Gulrajani et al. 2017): mean over the batch of
 * (‖∇ₓ̂ critic(x̂)‖₂ − target)², at x̂ = α·real + (1 − α)·fake with α ~ U(0, 1)
 * per example. Differentiable with respect to the critic's variables, so it
 * goes straight into the critic's loss; activations inside the critic must be
 * twice differentiable (use this folder's tanh, sigmoid, leakyRelu, elu).
 *
 * @param alpha per-example mixing weights, shape [B] or broadcastable to real
 *   (e.g. dl.random.uniform([B, 1, 1, 1], 0, 1, rng) for reproducible runs);
 *   drawn with tf.randomUniform(seed) when omitted.
 */
export function gradientPenalty(
  critic: Critic,
  real: tf.Tensor,
  fake: tf.Tensor,
  options: { alpha?: tf.Tensor; seed?: number; target?: number } = {},
): tf.Scalar {
  return tf.tidy(() => {
    const batch = real.shape[0]!;
    const mixShape = [batch, ...real.shape.slice(1).map(() => 1)];
    const alpha =
      options.alpha === undefined
        ? tf.randomUniform(mixShape, 0, 1, "float32", options.seed)
        : tf.reshape(options.alpha, mixShape);
    const mixed = tf.add(tf.mul(alpha, real), tf.mul(tf.sub(1, alpha), fake));
    // A tiny floor keeps sqrt's derivative finite where a gradient vanishes.
    const norms = tf.sqrt(
      tf.add(squaredNorms(inputGradient(critic, mixed)), 1e-12),
    );
    return tf.mean(tf.square(tf.sub(norms, options.target ?? 1))) as tf.Scalar;
  });
}

/**
 * R1 penalty (Mescheder et al. 2018): mean over the batch of ‖∇ₓ critic(x)‖²
 * on real data; multiply by γ/2 in the loss.
 */
export function r1Penalty(critic: Critic, real: tf.Tensor): tf.Scalar {
  return tf.tidy(
    () => tf.mean(squaredNorms(inputGradient(critic, real))) as tf.Scalar,
  );
}
