// Generated from test/golden/codegen/initializers.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Initializers chosen per layer: DCGAN's N(0, 0.02), Kaiming for ReLU, Xavier, orthogonal recurrent kernels.
 *
 * Initialized() on x: f32[B, 16, 16, 3], s: f32[B, 10, 8].
 * Trainable parameters: 12068.
 */
export class Initialized extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 3, filters: 8, kernel: [3, 3], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true, init: dl.init.normal(0.02), biasInit: dl.init.zeros });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 8, filters: 8, kernel: [3, 3], stride: [2, 2], padding: "valid", dilation: [1, 1], groups: 1, bias: true, init: dl.init.kaiming({ mode: "fan_out", nonlinearity: "relu", a: 0, distribution: "normal" }) });
  readonly conv2d_transpose_0 = new dl.layers.Conv2DTranspose(this, "conv2d_transpose_0", { inChannels: 8, filters: 4, kernel: [2, 2], stride: [2, 2], padding: "valid", outputPadding: 0, bias: true, init: dl.init.xavier({ gain: 2, distribution: "normal" }) });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 576, units: 16, bias: true, init: dl.init.uniformRange(-0.1, 0.1), biasInit: dl.init.constant(0.5) });
  readonly conv1d_0 = new dl.layers.Conv1D(this, "conv1d_0", { inChannels: 8, filters: 8, kernel: 3, stride: 1, padding: "valid", dilation: 1, groups: 1, bias: true, init: dl.init.kaiming({ mode: "fan_in", nonlinearity: "leaky_relu", a: 0, distribution: "normal" }), biasInit: dl.init.normal(0.01, 1) });
  readonly lstm_0 = new dl.layers.LSTM(this, "lstm_0", { inputSize: 8, units: 16, layers: 1, bidirectional: false, returnSequences: false, init: dl.init.xavier({ gain: 1, distribution: "uniform" }), recurrentInit: dl.init.orthogonal(1), biasInit: dl.init.ones });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 32, units: 1, bias: false, init: dl.init.uniform(0.05) });

  apply(x: tf.Tensor, s_: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = this.conv2d_1.apply(t2);
    const t4 = this.conv2d_transpose_0.apply(t3);
    const t5 = dl.ops.reshape(t4, [576]);
    const image = this.dense_0.apply(t5);
    const t6 = this.conv1d_0.apply(s_);
    const sequence = this.lstm_0.apply(t6);
    const t7 = dl.ops.concat([image, sequence], -1);
    const t8 = this.dense_1.apply(t7);
    return t8;
  }
}
