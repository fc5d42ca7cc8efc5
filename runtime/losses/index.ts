/** Losses (`dl.losses`): each returns the batch mean as a `tf.Scalar`. */
import * as tf from "@tensorflow/tfjs-core";
import * as twiceDifferentiable from "../kernels/differentiable.js";

/**
 * Softmax cross-entropy from logits `[B, C]`. `labels` are int32 class indices `[B]` or
 * probabilities `[B, C]`. Indices become one-hot rows rather than a gather, because the gather's
 * gradient needs UnsortedSegmentSum, which the wasm backend lacks.
 */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[logits.rank - 1]!;
    const target = labels.rank === logits.rank ? labels : tf.oneHot(tf.cast(labels, "int32") as tf.Tensor1D, classes);
    // Twice differentiable (tf.logSoftmax's second derivative is wrong, tfjs#3252).
    const logp = twiceDifferentiable.logSoftmax(logits);
    return tf.neg(tf.mean(tf.sum(tf.mul(target, logp), -1))) as tf.Scalar;
  });
}

/**
 * Binary cross-entropy of probabilities against targets in [0, 1]. Like PyTorch, each log is
 * clamped at -100 so a saturated probability gives a large finite loss instead of Infinity.
 */
export function bce(probabilities: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const t = tf.cast(targets, "float32");
    const logP = tf.maximum(tf.log(probabilities), -100);
    const log1mP = tf.maximum(tf.log(tf.sub(1, probabilities)), -100);
    return tf.neg(tf.mean(tf.add(tf.mul(t, logP), tf.mul(tf.sub(1, t), log1mP)))) as tf.Scalar;
  });
}

/** Binary cross-entropy from logits (numerically stable form of `bce(sigmoid(z), t)`). */
export function bceWithLogits(logits: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    // max(z, 0) - z*t + log(1 + exp(-|z|))
    const t = tf.cast(targets, "float32");
    // The runtime's exp: tf.exp's second derivative is wrong (tfjs#3252).
    const loss = tf.add(tf.sub(tf.relu(logits), tf.mul(logits, t)), tf.log1p(twiceDifferentiable.exp(tf.neg(tf.abs(logits)))));
    return tf.mean(loss) as tf.Scalar;
  });
}

/** Mean squared error. */
export function mse(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(prediction, target)) as tf.Scalar);
}

/** Mean absolute error. */
export function l1(prediction: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.abs(tf.sub(prediction, target))) as tf.Scalar);
}

/**
 * 1 where `t·s ≤ 0` (the example is on the wrong side or on the boundary), else 0, as a constant:
 * computed inside customGrad's forward, which tfjs does not record (it has no stopGradient).
 */
function misclassified(margin: tf.Tensor): tf.Tensor {
  const op = tf.customGrad((...args: Array<tf.Tensor | tf.GradSaveFunc>) => {
    const m = args[0] as tf.Tensor;
    return { value: tf.cast(tf.lessEqual(m, 0), "float32"), gradFunc: () => tf.zerosLike(m) };
  });
  return op(margin);
}

/**
 * Rosenblatt's perceptron criterion on scores `s` (`[B]` or `[B, 1]`) and labels in {0, 1}:
 * with t = 2y − 1, `mean over examples of −t·s where t·s ≤ 0` (0 where the sign is right). Its
 * gradient is −t·∂s/∂w on each misclassified example, so SGD with learning rate η is the
 * perceptron rule w ← w + η·t·x, averaged over the batch (exactly the rule with batches of one).
 * An example on the boundary (s = 0) counts as misclassified, so training can start from zeros.
 */
export function perceptronLoss(scores: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const s = tf.reshape(scores, [-1]);
    const t = tf.sub(tf.mul(tf.cast(tf.reshape(labels, [-1]), "float32"), 2), 1);
    const margin = tf.mul(t, s);
    return tf.mean(tf.mul(misclassified(margin), tf.neg(margin))) as tf.Scalar;
  });
}

export * from "./generative.js";
