// Generated from test/golden/codegen/import-alias.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Convolution, batch normalization and ReLU: the building block of most CNNs.
 *
 * ConvBlock(filters=4) on x: f32[B, 16, 16, 3].
 * Trainable parameters: 120.
 */
export class ConvBlock extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 3, filters: 4, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 4, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    return t3;
  }
}

/**
 * A classifier head on image features.
 *
 * Head(classes=2) on x: f32[B, 16, 16, 4].
 * Trainable parameters: 2050.
 */
export class Head extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 1024, units: 2, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(x, [1024]);
    const t2 = this.dense_0.apply(t1);
    return t2;
  }
}

/**
 * Net() on x: f32[B, 16, 16, 3].
 * Trainable parameters: 2170.
 */
export class Net extends dl.Module {
  readonly convBlock_0 = new ConvBlock(this, "convBlock_0");
  readonly head_0 = new Head(this, "head_0");

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.convBlock_0.apply(x, training);
    const t2 = this.head_0.apply(t1, training);
    return t2;
  }
}
