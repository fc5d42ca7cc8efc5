// Generated from test/golden/codegen/greedy-decode.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A sequence-to-sequence model trained with teacher forcing on token sequences and evaluated
 * by greedy decoding (the target input left out of the call, fed back token by token).
 *
 * Copier(vocab=6, d=16) on src: i32[B, 5], tgt: i32[B, 5].
 * Trainable parameters: 2470.
 */
export class Copier extends dl.Module {
  readonly embedding_0 = new dl.layers.Embedding(this, "embedding_0", { vocab: 6, dim: 16 });
  readonly embedding_1 = new dl.layers.Embedding(this, "embedding_1", { vocab: 6, dim: 16 });
  readonly multihead_attention_0 = new dl.layers.MultiHeadAttention(this, "multihead_attention_0", { dModel: 16, heads: 2, causal: true, dropout: 0 });
  readonly multihead_attention_1 = new dl.layers.MultiHeadAttention(this, "multihead_attention_1", { dModel: 16, heads: 2, causal: false, dropout: 0 });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 16, units: 6, bias: true });

  apply(src: tf.Tensor, tgt: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.embedding_0.apply(src);
    const memory = dl.ops.positionalEncoding(t1);
    const t2 = this.embedding_1.apply(tgt);
    const t3 = dl.ops.positionalEncoding(t2);
    const h = this.multihead_attention_0.apply(t3, null, null, training);
    const t4 = dl.ops.full([src.shape[0]!, 1, 5], 1);
    const t5 = this.multihead_attention_1.apply(h, memory, t4, training);
    const t6 = this.dense_0.apply(t5);
    return t6;
  }
}

/**
 * The training program `train copy`; run it with dl.run().
 */
export function copy(): dl.TrainProgram {
  return {
    name: "copy",
    source: "test/golden/codegen/greedy-decode.dl",
    seed: 4,
    epochs: 1,
    build: (rng: dl.Rng) => {
      const net = new Copier(null, "net", rng.child("net"));
      const opt = dl.optim.adam([net], { lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 });
      return {
        models: { net },
        optimizers: { opt },
        data: {
          train: dl.data.tokenSequences({ n: 64, length: 5, vocab: 6, task: "copy", seed: 1 }).batch(16, { shuffle: true, dropLast: false }),
          test: dl.data.tokenSequences({ n: 32, length: 5, vocab: 6, task: "copy", seed: 2 }).batch(32, { shuffle: false, dropLast: false }),
        },
        loop: {
          over: "train",
          step: (batch: tf.Tensor[], s: dl.StepContext) => {
            const [x, y] = batch;
            s.minimize(opt, "loss", { line: 20, column: 23 }, () => {
              const t1 = dl.ops.slice(y, [0, 0], [-1, 5]);
              const t2 = net.apply(x, t1, true);
              const t3 = dl.ops.slice(y, [0, 1], [-1, 5]);
              const t4 = dl.losses.crossEntropy(t2, t3);
              return t4 as tf.Scalar;
            });
          },
        },
        evaluate: {
          over: "test",
          metrics: (batch: tf.Tensor[]) => {
            const [x, y] = batch;
            const t1 = dl.ops.greedyDecode(net, [x], 1, 5, 0);
            const t2 = dl.ops.slice(y, [0, 1], [-1, 5]);
            const t3 = dl.ops.equal(t1, t2);
            const t4 = dl.ops.cast(t3, "f32");
            const t5 = dl.ops.mean(t4);
            return { token_accuracy: t5 as tf.Scalar };
          },
        },
      };
    },
  };
}
