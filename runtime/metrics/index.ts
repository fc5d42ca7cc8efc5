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

/** Scores `[..., C]` as rows `[N, C]` and labels (indices or one-hot) as class indices `[N]`. */
function rowsAndTruth(logits: tf.Tensor, labels: tf.Tensor): { rows: tf.Tensor2D; truth: tf.Tensor1D } {
  const classes = logits.shape[logits.rank - 1]!;
  const rows = tf.reshape(logits, [-1, classes]) as tf.Tensor2D;
  const truth = labels.rank === logits.rank ? tf.argMax(labels, -1) : tf.cast(labels, "int32");
  return { rows, truth: tf.reshape(truth, [-1]) as tf.Tensor1D };
}

/** Rows `[N, C]` of 0/1 (float32) marking `indices`; tf.oneHot refuses a depth of 1 (one class score). */
function indicator(indices: tf.Tensor1D, classes: number): tf.Tensor2D {
  return tf.cast(tf.equal(tf.expandDims(indices, 1), tf.range(0, classes, 1, "int32")), "float32") as tf.Tensor2D;
}

/**
 * Fraction of rows whose label is among the `k` highest scores: fewer than `k` classes score
 * strictly higher than the label's (ties count in the label's favour, on every engine alike).
 */
export function topKAccuracy(logits: tf.Tensor, labels: tf.Tensor, k = 5): tf.Scalar {
  return tf.tidy(() => {
    const { rows, truth } = rowsAndTruth(logits, labels);
    const classes = rows.shape[1];
    const own = tf.sum(tf.mul(rows, indicator(truth, classes)), -1, true);
    const above = tf.sum(tf.cast(tf.greater(rows, own), "float32"), -1);
    return tf.mean(tf.cast(tf.less(above, k), "float32")) as tf.Scalar;
  });
}

/**
 * Confusion counts `[C, C]` of one batch (float32): row = true class, column = predicted class
 * (arg-max). The engine sums them over the evaluation set for the whole-set metrics.
 */
export function confusionCounts(logits: tf.Tensor, labels: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const { rows, truth } = rowsAndTruth(logits, labels);
    const classes = rows.shape[1];
    return tf.matMul(indicator(truth, classes), indicator(tf.argMax(rows, -1) as tf.Tensor1D, classes), true, false) as tf.Tensor2D;
  });
}

/** What a whole-set metric computes from the summed confusion counts (compiler `WholeSetMetric`). */
export type WholeSetMetric = "precision" | "recall" | "f1" | "confusion";

/**
 * Per-class precision, recall and F1 of confusion counts, and the classes scikit-learn's macro
 * average takes (those that occur as a label or as a prediction). A class never predicted has
 * precision 0, one never a label recall 0, and F1 is 0 where precision + recall is 0.
 */
export function perClass(counts: readonly (readonly number[])[]): { precision: number[]; recall: number[]; f1: number[]; present: boolean[] } {
  const n = counts.length;
  const tp = counts.map((row, i) => row[i]!);
  const truth = counts.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = Array.from({ length: n }, (_, j) => counts.reduce((a, row) => a + row[j]!, 0));
  const precision = tp.map((t, i) => (predicted[i]! > 0 ? t / predicted[i]! : 0));
  const recall = tp.map((t, i) => (truth[i]! > 0 ? t / truth[i]! : 0));
  const f1 = precision.map((p, i) => (p + recall[i]! > 0 ? (2 * p * recall[i]!) / (p + recall[i]!) : 0));
  return { precision, recall, f1, present: truth.map((t, i) => t > 0 || predicted[i]! > 0) };
}

/** A macro-averaged metric (`precision`, `recall`, `f1`) of confusion counts summed over a set. */
export function macro(kind: Exclude<WholeSetMetric, "confusion">, counts: readonly (readonly number[])[]): number {
  const c = perClass(counts);
  const values = c[kind].filter((_, i) => c.present[i]);
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

/** The CSV of a confusion matrix: a header of predicted classes, then one row per true class. */
export function confusionCsv(counts: readonly (readonly number[])[]): string {
  const header = ["true\\predicted", ...counts.map((_, j) => String(j))].join(",");
  return [header, ...counts.map((row, i) => [String(i), ...row.map((v) => String(Math.round(v)))].join(","))].join("\n") + "\n";
}
