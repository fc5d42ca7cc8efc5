// Generated from test/golden/codegen/sequence-layers.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * 1-D convolution and pooling over [B, T, C] sequences, and recurrent layers without biases.
 *
 * SequenceLayers() on x: f32[B, 32, 8].
 * Trainable parameters: 1954.
 */
export class SequenceLayers extends dl.Module {
  readonly conv1d_0 = new dl.layers.Conv1D(this, "conv1d_0", { inChannels: 8, filters: 16, kernel: 5, stride: 2, padding: 2, dilation: 1, groups: 1, bias: true });
  readonly conv1d_1 = new dl.layers.Conv1D(this, "conv1d_1", { inChannels: 16, filters: 16, kernel: 3, stride: 1, padding: "same", dilation: 2, groups: 4, bias: false });
  readonly layernorm_0 = new dl.layers.LayerNorm(this, "layernorm_0", { features: 16, eps: 0.00001, affine: false });
  readonly gru_0 = new dl.layers.GRU(this, "gru_0", { inputSize: 16, units: 8, layers: 1, bidirectional: false, returnSequences: true, bias: false });
  readonly lstm_0 = new dl.layers.LSTM(this, "lstm_0", { inputSize: 8, units: 8, layers: 1, bidirectional: false, returnSequences: false, bias: false });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8, units: 2, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv1d_0.apply(x);
    const t2 = dl.ops.relu6(t1);
    const t3 = this.conv1d_1.apply(t2);
    const t4 = dl.ops.maxPool1d(t3, { size: 3, stride: 2, padding: 1, ceilMode: true });
    const t5 = dl.ops.avgPool1d(t4, { size: 2, stride: 2, padding: "valid" });
    const t6 = this.layernorm_0.apply(t5);
    const t7 = this.gru_0.apply(t6);
    const t8 = this.lstm_0.apply(t7);
    const t9 = this.dense_0.apply(t8);
    return t9;
  }
}
