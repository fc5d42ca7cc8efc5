/**
 * The temporal-difference loss of DQN and of advantage learning, for transitions `[B, A]` and
 * for whole episodes `[B, T + 1, A]` (the next values are the same sequence one step later).
 */
import * as tf from "@tensorflow/tfjs-core";

export interface TdOptions {
  gamma: number;
  /** Advantage-learning scale (Baird 1995); 1 is Q-learning. */
  kappa?: number;
  /** Huber loss with delta 1 (DQN's error clipping); false: squared error. */
  huber?: boolean;
  /** `[B, T]`: 1 on steps that happened (episode form). */
  mask?: tf.Tensor;
}

/** Gradient-free copy: the target of a TD update is a constant. */
const constant = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({ value: tf.clone(args[0] as tf.Tensor), gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy) }));

/**
 * `mean(Huber(q[a] − y))` with `y = r + gamma·(1 − done)·max next` (no gradient through y), or
 * advantage learning's `y = V(s) + (r + gamma·(1 − done)·V(s') − V(s)) / kappa`, `V = max`.
 */
export function tdLoss(q: tf.Tensor, a: tf.Tensor, r: tf.Tensor, next: tf.Tensor, done: tf.Tensor, options: TdOptions): tf.Scalar {
  return tf.tidy(() => {
    const actions = q.shape[q.rank - 1]!;
    let values = q;
    let nextValues = next;
    if (q.rank === 3) {
      // Episodes: rows 0..T-1 act, rows 1..T are the next observations.
      const [B, T1] = q.shape as [number, number, number];
      values = tf.slice(q, [0, 0, 0], [B, T1 - 1, actions]);
      nextValues = tf.slice(next, [0, 1, 0], [B, T1 - 1, actions]);
    }
    const chosen = tf.sum(tf.mul(values, tf.oneHot(tf.cast(a, "int32"), actions)), -1);
    const bootstrap = tf.mul(tf.sub(1, done), tf.max(nextValues, -1));
    let y = tf.add(r, tf.mul(options.gamma, bootstrap));
    const kappa = options.kappa ?? 1;
    if (kappa !== 1) {
      const v = tf.max(values, -1);
      y = tf.add(v, tf.div(tf.sub(y, v), kappa));
    }
    const err = tf.sub(chosen, constant(y) as tf.Tensor);
    const abs = tf.abs(err);
    // Huber as 0.5·min(|e|, 1)² + (|e| − min(|e|, 1)): differentiable ops only (tf.where's condition has no gradient).
    const inner = tf.minimum(abs, 1);
    const per = options.huber === false ? tf.square(err) : tf.add(tf.mul(0.5, tf.square(inner)), tf.sub(abs, inner));
    if (!options.mask) return tf.mean(per) as tf.Scalar;
    return tf.div(tf.sum(tf.mul(per, options.mask)), tf.maximum(tf.sum(options.mask), 1)) as tf.Scalar;
  });
}
