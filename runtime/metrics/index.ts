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

/** Fraction of correct binary predictions from probabilities (threshold 0.5). */
export function binaryAccuracy(probabilities: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const predicted = tf.greaterEqual(probabilities, 0.5);
    return tf.mean(tf.cast(tf.equal(predicted, tf.greaterEqual(targets, 0.5)), "float32")) as tf.Scalar;
  });
}
