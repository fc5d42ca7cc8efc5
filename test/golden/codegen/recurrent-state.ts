// Generated from test/golden/codegen/recurrent-state.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A sequence-to-sequence RNN: an LSTM encoder's final states start an LSTM decoder.
 *
 * Seq2Seq(vocab=12, units=32) on src: i32[B, S], tgt: i32[B, T].
 * Trainable parameters: 13580.
 */
export class Seq2Seq extends dl.Module {
  readonly embedding_0 = new dl.layers.Embedding(this, "embedding_0", { vocab: 12, dim: 16 });
  readonly lstm_0 = new dl.layers.LSTM(this, "lstm_0", { inputSize: 16, units: 32, layers: 1, bidirectional: false, returnSequences: false });
  readonly embedding_1 = new dl.layers.Embedding(this, "embedding_1", { vocab: 12, dim: 16 });
  readonly lstm_1 = new dl.layers.LSTM(this, "lstm_1", { inputSize: 16, units: 32, layers: 1, bidirectional: false, returnSequences: true });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 32, units: 12, bias: true });

  apply(src: tf.Tensor, tgt: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.embedding_0.apply(src);
    const t2 = this.lstm_0.applyWithState(t1, null, null);
    const __ = t2[0]!;
    const h = t2[1]!;
    const c = t2[2]!;
    const t3 = this.embedding_1.apply(tgt);
    const out = this.lstm_1.applyWithState(t3, h, c)[0]!;
    const t4 = this.dense_0.apply(out);
    return t4;
  }
}
