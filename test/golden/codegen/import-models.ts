// Generated from test/golden/codegen/import-models.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Convolution, batch normalization and ReLU: the building block of most CNNs.
 *
 * ConvBlock(filters=8) on x: f32[B, 28, 28, 1].
 * Trainable parameters: 96.
 */
export class ConvBlock extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 1, filters: 8, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 8, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    return t3;
  }
}

/**
 * Convolution, batch normalization and ReLU: the building block of most CNNs.
 *
 * ConvBlock(filters=16) on x: f32[B, 14, 14, 8].
 * Trainable parameters: 1200.
 */
export class ConvBlock_2 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 8, filters: 16, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 16, momentum: 0.1, eps: 0.00001 });

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
 * Head(classes=10) on x: f32[B, 14, 14, 16].
 * Trainable parameters: 31370.
 */
export class Head extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 3136, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.reshape(x, [3136]);
    const t2 = this.dense_0.apply(t1);
    return t2;
  }
}

/**
 * Models imported from another file are generated into this module as well.
 *
 * Net() on x: f32[B, 28, 28, 1].
 * Trainable parameters: 32666.
 */
export class Net extends dl.Module {
  readonly convBlock_0 = new ConvBlock(this, "convBlock_0");
  readonly convBlock_1 = new ConvBlock_2(this, "convBlock_1");
  readonly head_0 = new Head(this, "head_0");

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.convBlock_0.apply(x, training);
    const t2 = dl.ops.maxPool(t1, { size: [2, 2], stride: [2, 2], padding: "valid" });
    const t3 = this.convBlock_1.apply(t2, training);
    const t4 = this.head_0.apply(t3, training);
    return t4;
  }
}
