// Generated from test/golden/codegen/nested-models.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A model used as a layer: each use is a child module with its own weights.
 *
 * ConvBnRelu(filters=16, kernel=3) on x: f32[B, 32, 32, 3].
 * Trainable parameters: 480.
 */
export class ConvBnRelu extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 3, filters: 16, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 16, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    return t3;
  }
}

/**
 * A model used as a layer: each use is a child module with its own weights.
 *
 * ConvBnRelu(filters=16, kernel=1) on x: f32[B, 32, 32, 16].
 * Trainable parameters: 304.
 */
export class ConvBnRelu_2 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 16, filters: 16, kernel: [1, 1], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 16, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    return t3;
  }
}

/**
 * Stage(filters=16) on x: f32[B, 32, 32, 3].
 * Trainable parameters: 784.
 */
export class Stage extends dl.Module {
  readonly convBnRelu_0 = new ConvBnRelu(this, "convBnRelu_0");
  readonly convBnRelu_1 = new ConvBnRelu_2(this, "convBnRelu_1");

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.convBnRelu_0.apply(x, training);
    const t2 = this.convBnRelu_1.apply(t1, training);
    const t3 = dl.ops.maxPool(t2, { size: [2, 2], stride: [2, 2], padding: "valid" });
    return t3;
  }
}

/**
 * A model used as a layer: each use is a child module with its own weights.
 *
 * ConvBnRelu(filters=32, kernel=3) on x: f32[B, 16, 16, 16].
 * Trainable parameters: 4704.
 */
export class ConvBnRelu_3 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 16, filters: 32, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 32, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    return t3;
  }
}

/**
 * A model used as a layer: each use is a child module with its own weights.
 *
 * ConvBnRelu(filters=32, kernel=1) on x: f32[B, 16, 16, 32].
 * Trainable parameters: 1120.
 */
export class ConvBnRelu_4 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 32, filters: 32, kernel: [1, 1], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 32, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    return t3;
  }
}

/**
 * Stage(filters=32) on x: f32[B, 16, 16, 16].
 * Trainable parameters: 5824.
 */
export class Stage_2 extends dl.Module {
  readonly convBnRelu_0 = new ConvBnRelu_3(this, "convBnRelu_0");
  readonly convBnRelu_1 = new ConvBnRelu_4(this, "convBnRelu_1");

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.convBnRelu_0.apply(x, training);
    const t2 = this.convBnRelu_1.apply(t1, training);
    const t3 = dl.ops.maxPool(t2, { size: [2, 2], stride: [2, 2], padding: "valid" });
    return t3;
  }
}

/**
 * Net() on x: f32[B, 32, 32, 3].
 * Trainable parameters: 27098.
 */
export class Net extends dl.Module {
  readonly stage_0 = new Stage(this, "stage_0");
  readonly stage_1 = new Stage_2(this, "stage_1");
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 2048, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.stage_0.apply(x, training);
    const t2 = this.stage_1.apply(t1, training);
    const t3 = dl.ops.reshape(t2, [2048]);
    const t4 = this.dense_0.apply(t3);
    return t4;
  }
}
