/**
 * Predictions of a trained classifier over a data set, batch by batch: the predicted class and the
 * class probabilities (softmax of the outputs, or the outputs themselves when they already are a
 * distribution; a sigmoid for a single output).
 */
import * as tf from "@tensorflow/tfjs-core";
import type { Dataset } from "../data/dataset.js";
import type { Module } from "../module.js";

/** One example's prediction. */
export interface Prediction {
  /** 0-based position in the input. */
  index: number;
  /** The class with the highest probability. */
  predicted: number;
  probabilities: number[];
  /** The example's label, when the input has one. */
  label?: number;
}

/** A model that maps a batch `x` to outputs `[B, K]` (generated model classes are). */
export type Classifier = Module & { apply(x: tf.Tensor, training: boolean): tf.Tensor };

/** Options of `predictions`. */
export interface PredictOptions {
  batch?: number;
  /** Called after each batch with the examples done so far and the total. */
  onProgress?: (done: number, total: number) => void;
}

/** Yields a prediction per example, in input order; one host read per batch. */
export function* predictions(model: Classifier, data: Dataset, o: PredictOptions = {}): Generator<Prediction> {
  const names = data.names;
  const xi = names.indexOf("x");
  const yi = names.indexOf("y");
  let done = 0;
  for (const batch of data.batch(o.batch ?? 256).epoch(0)) {
    const probs = tf.tidy(() => probabilities(model.apply(batch[xi]!, false)));
    const rows = probs.arraySync() as number[][];
    const labels = yi >= 0 ? Array.from(batch[yi]!.dataSync()) : undefined;
    tf.dispose([probs, ...batch]);
    for (const [i, p] of rows.entries()) {
      const predicted = p.length === 1 ? Number(p[0]! >= 0.5) : p.indexOf(Math.max(...p));
      yield { index: done + i, predicted, probabilities: p, ...(labels ? { label: labels[i]! } : {}) };
    }
    done += rows.length;
    o.onProgress?.(done, data.length);
  }
}

/** Outputs `[B, K]` as probabilities. */
export function probabilities(out: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const y = out.rank === 2 ? (out as tf.Tensor2D) : (tf.reshape(out, [out.shape[0]!, -1]) as tf.Tensor2D);
    const k = y.shape[1]!;
    // Already a distribution (the model ends in softmax or sigmoid): keep it.
    const lo = tf.min(y).dataSync()[0]!;
    const hi = tf.max(y).dataSync()[0]!;
    const sums = tf.sum(y, 1);
    const sumsOk = tf.all(tf.less(tf.abs(tf.sub(sums, 1)), 1e-3)).dataSync()[0] === 1;
    if (lo >= 0 && hi <= 1 && (k === 1 || sumsOk)) return y;
    return k === 1 ? tf.sigmoid(y) : tf.softmax(y);
  });
}
