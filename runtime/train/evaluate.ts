/** End-of-epoch evaluation: metric means over a whole data set, read from the device once. */
import * as tf from "@tensorflow/tfjs-core";
import type { Batched } from "../data/batched.js";
import { faultPoint } from "../fault-point.js";
import { macro } from "../metrics/index.js";
import type { TrainEvaluate } from "./types.js";

/** The values of an evaluation: numbers by metric name, and the confusion matrices by name. */
export interface Evaluation {
  values: Record<string, number>;
  matrices: Record<string, number[][]>;
}

/**
 * Evaluates every metric over every example of `data`: batch means weighted by batch size, and
 * the whole-set metrics (`spec.totals`) from confusion counts summed over the batches.
 */
export async function evaluateSet(spec: TrainEvaluate, data: Batched): Promise<Evaluation> {
  const sums = new Map<string, tf.Tensor>();
  let examples = 0;
  for (const batch of data.epoch(0)) {
    const size = batch[0]?.shape[0] ?? 0;
    tf.tidy(() => {
      for (const [name, value] of Object.entries(spec.metrics(batch))) {
        const old = sums.get(name);
        // Counts add up as they are; a batch mean is weighted by the batch's size.
        const weighted = spec.totals?.[name] ? value : tf.mul(value, size);
        sums.set(name, tf.keep(old ? tf.add(old, weighted) : weighted));
        old?.dispose();
      }
    });
    tf.dispose(batch);
    examples += size;
    faultPoint("evaluate");
  }
  const out: Evaluation = { values: {}, matrices: {} };
  for (const [name, sum] of sums) {
    // Asynchronous: webgpu in Node cannot read synchronously.
    const total = spec.totals?.[name];
    if (total) {
      const counts = (await sum.array()) as number[][];
      if (total === "confusion") out.matrices[name] = counts.map((row) => row.map((v) => Math.round(v)));
      else out.values[name] = macro(total, counts);
    } else out.values[name] = (await sum.data())[0]! / Math.max(examples, 1);
    sum.dispose();
  }
  return out;
}

/** Averages each metric over every example of `data` (the numbers of `evaluateSet`). */
export async function evaluate(spec: TrainEvaluate, data: Batched): Promise<Record<string, number>> {
  return (await evaluateSet(spec, data)).values;
}
