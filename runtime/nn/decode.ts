/** Autoregressive decoding with a trained sequence model (`dl.ops.greedyDecode`). */
import * as tf from "@tensorflow/tfjs-core";

/** A model instance as generated code defines it: inputs then the training flag. */
export interface SequenceModel {
  apply(...args: [...tf.Tensor[], boolean]): tf.Tensor | tf.Tensor[];
}

/**
 * Greedy decoding: `length` inference calls of `net`, its target input (at position `target`
 * among its inputs; the others are `inputs`, in order) a buffer `[B, length]` that starts as the
 * `start` token everywhere; after call t the arg-max token at position t is kept and written to
 * position t + 1 of the buffer. Returns the kept tokens, int32 `[B, length]`. For a decoder with
 * a causal mask (position t sees positions ≤ t) this is the usual token-by-token greedy search;
 * positions past the prefix hold `start` and are not seen. The model's first output is read
 * when it returns several.
 */
export function greedyDecode(net: SequenceModel, inputs: tf.Tensor[], target: number, length: number, start: number): tf.Tensor {
  return tf.tidy(() => {
    const batch = inputs[0]?.shape[0] ?? 1;
    const positions = tf.reshape(tf.range(0, length, 1, "int32"), [1, length]);
    const starts = tf.fill([batch, 1], start, "int32");
    let out: tf.Tensor = tf.fill([batch, length], start, "int32");
    for (let t = 0; t < length; t++) {
      const buffer = length > 1 ? tf.concat([starts, tf.slice(out, [0, 0], [-1, length - 1])], 1) : starts;
      const args = [...inputs.slice(0, target), buffer, ...inputs.slice(target)];
      const result = net.apply(...args, false);
      const logits = Array.isArray(result) ? result[0]! : result;
      const predicted = tf.cast(tf.argMax(logits, -1), "int32");
      out = tf.where(tf.equal(positions, t), predicted, out);
    }
    return out;
  });
}
