/** Metrics (`dl.metrics`): each returns the batch mean as a `tf.Scalar`, read by the engine. */
import * as tf from "@tensorflow/tfjs-core";

/** Fraction of rows whose arg-max logit is the label (int32 `[B]` or probabilities `[B, C]`). */
export function accuracy(logits: tf.Tensor, labels: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const predicted = tf.argMax(logits, -1);
    const truth = labels.rank === logits.rank ? tf.argMax(labels, -1) : tf.cast(labels, "int32");
    return tf.mean(tf.cast(tf.equal(predicted, truth), "float32")) as tf.Scalar;
  });
}

/**
 * Fraction of correct binary predictions: a prediction at or above `threshold` (0.5 for
 * probabilities, 0 for scores or logits) means 1. Predictions `[B]` or `[B, 1]`, targets in {0, 1}.
 */
export function binaryAccuracy(predictions: tf.Tensor, targets: tf.Tensor, threshold = 0.5): tf.Scalar {
  return tf.tidy(() => {
    const predicted = tf.greaterEqual(tf.reshape(predictions, [-1]), threshold);
    const truth = tf.greaterEqual(tf.cast(tf.reshape(targets, [-1]), "float32"), 0.5);
    return tf.mean(tf.cast(tf.equal(predicted, truth), "float32")) as tf.Scalar;
  });
}
