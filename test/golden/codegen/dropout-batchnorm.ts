// Generated from test/golden/codegen/dropout-batchnorm.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Layers whose behaviour depends on training: dropout and batch normalization.
 *
 * Regularized(rate=0.3) on x: f32[B, 28, 28, 1].
 * Trainable parameters: 693258.
 */
export class Regularized extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 1, filters: 16, kernel: [3, 3], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 16, momentum: 0.01, eps: 0.001 });
  readonly dropout_0 = new dl.layers.Dropout(this, "dropout_0", { rate: 0.3 });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 10816, units: 64, bias: true });
  readonly batchnorm_1 = new dl.layers.BatchNorm(this, "batchnorm_1", { features: 64, momentum: 0.1, eps: 0.00001 });
  readonly dropout_1 = new dl.layers.Dropout(this, "dropout_1", { rate: 0.5 });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 64, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    const t4 = dl.ops.reshape(t3, [10816]);
    const t5 = this.dropout_0.apply(t4, training);
    const t6 = this.dense_0.apply(t5);
    const t7 = this.batchnorm_1.apply(t6, training);
    const t8 = dl.ops.relu(t7);
    const t9 = this.dropout_1.apply(t8, training);
    const t10 = this.dense_1.apply(t9);
    return t10;
  }
}
