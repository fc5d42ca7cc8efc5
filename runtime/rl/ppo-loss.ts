/**
 * PPO's clipped surrogate (Schulman et al. 2017, "Proximal Policy Optimization Algorithms") for
 * discrete actions, with an optional entropy bonus.
 */
import * as tf from "@tensorflow/tfjs-core";

export interface PpoOptions {
  /** ε: the probability ratio is clipped to [1 − ε, 1 + ε]. */
  clip: number;
  /** β: weight of the policy's mean entropy, subtracted from the loss. */
  entropy?: number;
}

/**
 * `−mean(min(ρ·A, clip(ρ, 1 − ε, 1 + ε)·A)) − β·mean(H(π))`, `ρ = exp(log π(a|s) − logp_old)`,
 * from the policy's logits `[B, A]`, the actions `a` (int32 `[B]`), the log-probabilities the
 * acting policy gave them and the advantages (both `[B]`, constants).
 */
export function ppoClipLoss(logits: tf.Tensor, a: tf.Tensor, logpOld: tf.Tensor, adv: tf.Tensor, options: PpoOptions): tf.Scalar {
  return tf.tidy(() => {
    const actions = logits.shape[logits.rank - 1]!;
    const logp = tf.logSoftmax(logits);
    const taken = tf.sum(tf.mul(logp, tf.oneHot(tf.cast(a, "int32"), actions)), -1);
    const ratio = tf.exp(tf.sub(taken, logpOld));
    const eps = options.clip;
    const surrogate = tf.minimum(tf.mul(ratio, adv), tf.mul(tf.clipByValue(ratio, 1 - eps, 1 + eps), adv));
    let loss = tf.neg(tf.mean(surrogate));
    if (options.entropy) {
      const entropy = tf.mean(tf.neg(tf.sum(tf.mul(tf.exp(logp), logp), -1)));
      loss = tf.sub(loss, tf.mul(entropy, options.entropy));
    }
    return loss as tf.Scalar;
  });
}
