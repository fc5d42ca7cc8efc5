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

/**
 * Yields a prediction per example, in input order; one asynchronous host read per batch (WebGPU
 * in Node has no synchronous reads).
 */
export async function* predictions(model: Classifier, data: Dataset, o: PredictOptions = {}): AsyncGenerator<Prediction> {
  const names = data.names;
  const xi = names.indexOf("x");
  const yi = names.indexOf("y");
  let done = 0;
  for (const batch of data.batch(o.batch ?? 256).epoch(0)) {
    const probs = tf.tidy(() => probabilities(model.apply(batch[xi]!, false)));
    const rows = (await probs.array()) as number[][];
    const labels = yi >= 0 ? Array.from(await batch[yi]!.data()) : undefined;
    tf.dispose([probs, ...batch]);
    for (const [i, p] of rows.entries()) {
      const predicted = p.length === 1 ? Number(p[0]! >= 0.5) : p.indexOf(Math.max(...p));
      yield { index: done + i, predicted, probabilities: p, ...(labels ? { label: labels[i]! } : {}) };
    }
    done += rows.length;
    o.onProgress?.(done, data.length);
  }
}

/**
 * Outputs `[B, K]` as probabilities: a softmax (a sigmoid for K = 1), unless the outputs already
 * are a distribution (the model ends in softmax or sigmoid). Decided on the device, no host read.
 */
export function probabilities(out: tf.Tensor): tf.Tensor2D {
  return tf.tidy(() => {
    const y = out.rank === 2 ? (out as tf.Tensor2D) : (tf.reshape(out, [out.shape[0]!, -1]) as tf.Tensor2D);
    const k = y.shape[1]!;
    const inUnit = tf.logicalAnd(tf.greaterEqual(tf.min(y), 0), tf.lessEqual(tf.max(y), 1));
    const sumsToOne = k === 1 ? tf.scalar(true, "bool") : tf.all(tf.less(tf.abs(tf.sub(tf.sum(y, 1), 1)), 1e-3));
    const already = tf.logicalAnd(inUnit, sumsToOne);
    return tf.where(tf.broadcastTo(already, y.shape), y, k === 1 ? tf.sigmoid(y) : tf.softmax(y)) as tf.Tensor2D;
  });
}
