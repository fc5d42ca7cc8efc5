// Generated from test/golden/codegen/concat-branches.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * An Inception-style module: four branches joined along the channels.
 *
 * Inception(c1=64, c3=128, c5=32, cp=32) on x: f32[B, 28, 28, 192].
 * Trainable parameters: 222624.
 */
export class Inception extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 192, filters: 64, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 192, filters: 128, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", { inChannels: 128, filters: 128, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_3 = new dl.layers.Conv2D(this, "conv2d_3", { inChannels: 192, filters: 32, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_4 = new dl.layers.Conv2D(this, "conv2d_4", { inChannels: 32, filters: 32, kernel: [5, 5], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_5 = new dl.layers.Conv2D(this, "conv2d_5", { inChannels: 192, filters: 32, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const b1 = dl.ops.relu(t1);
    const t2 = this.conv2d_1.apply(x);
    const t3 = dl.ops.relu(t2);
    const t4 = this.conv2d_2.apply(t3);
    const b3 = dl.ops.relu(t4);
    const t5 = this.conv2d_3.apply(x);
    const t6 = dl.ops.relu(t5);
    const t7 = this.conv2d_4.apply(t6);
    const b5 = dl.ops.relu(t7);
    const t8 = dl.ops.maxPool(x, { size: [3, 3], stride: [1, 1], padding: "same" });
    const t9 = this.conv2d_5.apply(t8);
    const bp = dl.ops.relu(t9);
    const t10 = dl.ops.concat([b1, b3, b5, bp], -1);
    return t10;
  }
}

/**
 * An Inception-style module: four branches joined along the channels.
 *
 * Inception(c1=128, c3=192, c5=96, cp=64) on x: f32[B, 28, 28, 256].
 * Trainable parameters: 685824.
 */
export class Inception_2 extends dl.Module {
  readonly conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", { inChannels: 256, filters: 128, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", { inChannels: 256, filters: 192, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", { inChannels: 192, filters: 192, kernel: [3, 3], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_3 = new dl.layers.Conv2D(this, "conv2d_3", { inChannels: 256, filters: 96, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_4 = new dl.layers.Conv2D(this, "conv2d_4", { inChannels: 96, filters: 96, kernel: [5, 5], stride: [1, 1], padding: "same", dilation: [1, 1], groups: 1, bias: true });
  readonly conv2d_5 = new dl.layers.Conv2D(this, "conv2d_5", { inChannels: 256, filters: 64, kernel: [1, 1], stride: [1, 1], padding: "valid", dilation: [1, 1], groups: 1, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const b1 = dl.ops.relu(t1);
    const t2 = this.conv2d_1.apply(x);
    const t3 = dl.ops.relu(t2);
    const t4 = this.conv2d_2.apply(t3);
    const b3 = dl.ops.relu(t4);
    const t5 = this.conv2d_3.apply(x);
    const t6 = dl.ops.relu(t5);
    const t7 = this.conv2d_4.apply(t6);
    const b5 = dl.ops.relu(t7);
    const t8 = dl.ops.maxPool(x, { size: [3, 3], stride: [1, 1], padding: "same" });
    const t9 = this.conv2d_5.apply(t8);
    const bp = dl.ops.relu(t9);
    const t10 = dl.ops.concat([b1, b3, b5, bp], -1);
    return t10;
  }
}

/**
 * GoogLeNetTiny() on x: f32[B, 28, 28, 192].
 * Trainable parameters: 913258.
 */
export class GoogLeNetTiny extends dl.Module {
  readonly inception_0 = new Inception(this, "inception_0");
  readonly inception_1 = new Inception_2(this, "inception_1");
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 480, units: 10, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.inception_0.apply(x, training);
    const t2 = this.inception_1.apply(t1, training);
    const t3 = dl.ops.avgPool(t2, { size: [28, 28], stride: [28, 28], padding: "valid" });
    const t4 = dl.ops.reshape(t3, [480]);
    const t5 = this.dense_0.apply(t4);
    return t5;
  }
}
