// Generated from test/golden/codegen/residual.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * A ResNet basic block: the shortcut is the identity when shapes match, else a 1×1 projection.
 *
 * BasicBlock(width=16, stride=1) on x: f32[B, 32, 32, 16].
 * Trainable parameters: 4704.
 */
export class BasicBlock extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 16, filters: 16, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 16, momentum: 0.1, eps: 0.00001 });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 16, filters: 16, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_1 = new dl.layers.BatchNorm(this, "batchnorm_1", { features: 16, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    const t4 = this.conv2d_1.apply(t3);
    const main = this.batchnorm_1.apply(t4, training);
    const t5 = dl.ops.add(main, x);
    const t6 = dl.ops.relu(t5);
    return t6;
  }
}

/**
 * A ResNet basic block: the shortcut is the identity when shapes match, else a 1×1 projection.
 *
 * BasicBlock(width=32, stride=2) on x: f32[B, 32, 32, 16].
 * Trainable parameters: 14624.
 */
export class BasicBlock_2 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 16, filters: 32, kernel: [3, 3], stride: [2, 2], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 32, momentum: 0.1, eps: 0.00001 });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 32, filters: 32, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_1 = new dl.layers.BatchNorm(this, "batchnorm_1", { features: 32, momentum: 0.1, eps: 0.00001 });
  readonly conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", { inChannels: 16, filters: 32, kernel: [1, 1], stride: [2, 2], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_2 = new dl.layers.BatchNorm(this, "batchnorm_2", { features: 32, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    const t4 = this.conv2d_1.apply(t3);
    const main = this.batchnorm_1.apply(t4, training);
    const t5 = this.conv2d_2.apply(x);
    const skip = this.batchnorm_2.apply(t5, training);
    const t6 = dl.ops.add(main, skip);
    const t7 = dl.ops.relu(t6);
    return t7;
  }
}

/**
 * A ResNet basic block: the shortcut is the identity when shapes match, else a 1×1 projection.
 *
 * BasicBlock(width=32, stride=1) on x: f32[B, 16, 16, 32].
 * Trainable parameters: 18624.
 */
export class BasicBlock_3 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 32, filters: 32, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 32, momentum: 0.1, eps: 0.00001 });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 32, filters: 32, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly batchnorm_1 = new dl.layers.BatchNorm(this, "batchnorm_1", { features: 32, momentum: 0.1, eps: 0.00001 });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = this.batchnorm_0.apply(t1, training);
    const t3 = dl.ops.relu(t2);
    const t4 = this.conv2d_1.apply(t3);
    const main = this.batchnorm_1.apply(t4, training);
    const t5 = dl.ops.add(main, x);
    const t6 = dl.ops.relu(t5);
    return t6;
  }
}

/**
 * ResNetTiny() on x: f32[B, 32, 32, 3].
 * Trainable parameters: 120330.
 */
export class ResNetTiny extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 3, filters: 16, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly basicBlock_0 = new BasicBlock(this, "basicBlock_0");
  readonly basicBlock_1 = new BasicBlock_2(this, "basicBlock_1");
  readonly basicBlock_2 = new BasicBlock_3(this, "basicBlock_2");
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8192, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const t3 = this.basicBlock_0.apply(t2, training);
    const t4 = this.basicBlock_1.apply(t3, training);
    const t5 = this.basicBlock_2.apply(t4, training);
    const t6 = dl.ops.reshape(t5, [8192]);
    const t7 = this.dense_0.apply(t6);
    return t7;
  }
}
