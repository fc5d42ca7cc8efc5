/** End-of-epoch evaluation: metric means over a whole data set, read from the device once. */
import * as tf from "@tensorflow/tfjs-core";
import type { Batched } from "../data/batched.js";
import { faultPoint } from "../fault-point.js";
import type { TrainEvaluate } from "./types.js";

/** Averages each metric over every example of `data` (batch means weighted by batch size). */
export async function evaluate(spec: TrainEvaluate, data: Batched): Promise<Record<string, number>> {
  const sums = new Map<string, tf.Scalar>();
  let examples = 0;
  for (const batch of data.epoch(0)) {
    const size = batch[0]?.shape[0] ?? 0;
    tf.tidy(() => {
      for (const [name, value] of Object.entries(spec.metrics(batch))) {
        const old = sums.get(name);
        const weighted = tf.mul(value, size);
        sums.set(name, tf.keep(old ? tf.add(old, weighted) : weighted) as tf.Scalar);
        old?.dispose();
      }
    });
    tf.dispose(batch);
    examples += size;
    faultPoint("evaluate");
  }
  const out: Record<string, number> = {};
  for (const [name, sum] of sums) {
    // Asynchronous: webgpu in Node cannot read synchronously.
    out[name] = (await sum.data())[0]! / Math.max(examples, 1);
    sum.dispose();
  }
  return out;
}
