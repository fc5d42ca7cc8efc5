// Generated from test/golden/codegen/drop-path.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A residual block whose branch is dropped for whole examples while training (stochastic depth),
 * at a rate that grows linearly with depth, as in ConvNeXt and EfficientNet.
 *
 * Residual(rate=0) on x: f32[B, 16, 16, 8].
 * Trainable parameters: 600.
 */
export class Residual extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 8, filters: 8, kernel: [3, 3], stride: [1, 1], padding: [[1, 1], [1, 1]], dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 8, momentum: 0.1, eps: 0.00001 });
  readonly drop_path_0 = new dl.layers.DropPath(this, "drop_path_0", { rate: 0 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const branch = dl.ops.relu(t2);
    const t3 = this.drop_path_0.apply(branch, training);
    const t4 = dl.ops.add(x, t3);
    return t4;
  }
}

/**
 * A residual block whose branch is dropped for whole examples while training (stochastic depth),
 * at a rate that grows linearly with depth, as in ConvNeXt and EfficientNet.
 *
 * Residual(rate=0.1) on x: f32[B, 16, 16, 8].
 * Trainable parameters: 600.
 */
export class Residual_2 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 8, filters: 8, kernel: [3, 3], stride: [1, 1], padding: [[1, 1], [1, 1]], dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 8, momentum: 0.1, eps: 0.00001 });
  readonly drop_path_0 = new dl.layers.DropPath(this, "drop_path_0", { rate: 0.1 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const branch = dl.ops.relu(t2);
    const t3 = this.drop_path_0.apply(branch, training);
    const t4 = dl.ops.add(x, t3);
    return t4;
  }
}

/**
 * A residual block whose branch is dropped for whole examples while training (stochastic depth),
 * at a rate that grows linearly with depth, as in ConvNeXt and EfficientNet.
 *
 * Residual(rate=0.2) on x: f32[B, 16, 16, 8].
 * Trainable parameters: 600.
 */
export class Residual_3 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 8, filters: 8, kernel: [3, 3], stride: [1, 1], padding: [[1, 1], [1, 1]], dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 8, momentum: 0.1, eps: 0.00001 });
  readonly drop_path_0 = new dl.layers.DropPath(this, "drop_path_0", { rate: 0.2 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const branch = dl.ops.relu(t2);
    const t3 = this.drop_path_0.apply(branch, training);
    const t4 = dl.ops.add(x, t3);
    return t4;
  }
}

/**
 * DeepStack(blocks=3, stochastic_depth=0.2) on x: f32[B, 16, 16, 8].
 * Trainable parameters: 1890.
 */
export class DeepStack extends dl.Module {
  readonly residual_0 = new Residual(this, "residual_0");
  readonly residual_1 = new Residual_2(this, "residual_1");
  readonly residual_2 = new Residual_3(this, "residual_2");
  readonly drop_path_0 = new dl.layers.DropPath(this, "drop_path_0", { rate: 0.5 });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.residual_0.apply(x, training);
    const t2 = this.residual_1.apply(t1, training);
    const t3 = this.residual_2.apply(t2, training);
    const t4 = dl.ops.globalAvgPool(t3);
    const t5 = this.drop_path_0.apply(t4, training);
    const t6 = this.dense_0.apply(t5);
    return t6;
  }
}
