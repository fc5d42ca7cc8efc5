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
  readonly conv2d_0: dl.layers.Conv2D;
  readonly conv2d_1: dl.layers.Conv2D;
  readonly conv2d_2: dl.layers.Conv2D;
  readonly conv2d_3: dl.layers.Conv2D;
  readonly conv2d_4: dl.layers.Conv2D;
  readonly conv2d_5: dl.layers.Conv2D;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", {
      inChannels: 192,
      filters: 64,
      kernel: [1, 1],
      stride: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", {
      inChannels: 192,
      filters: 128,
      kernel: [1, 1],
      stride: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", {
      inChannels: 128,
      filters: 128,
      kernel: [3, 3],
      stride: [1, 1],
      padding: "same",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_3 = new dl.layers.Conv2D(this, "conv2d_3", {
      inChannels: 192,
      filters: 32,
      kernel: [1, 1],
      stride: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_4 = new dl.layers.Conv2D(this, "conv2d_4", {
      inChannels: 32,
      filters: 32,
      kernel: [5, 5],
      stride: [1, 1],
      padding: "same",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_5 = new dl.layers.Conv2D(this, "conv2d_5", {
      inChannels: 192,
      filters: 32,
      kernel: [1, 1],
      stride: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const b1 = t2;
    const t3 = this.conv2d_1.apply(x);
    const t4 = dl.ops.relu(t3);
    const t5 = this.conv2d_2.apply(t4);
    const t6 = dl.ops.relu(t5);
    const b3 = t6;
    const t7 = this.conv2d_3.apply(x);
    const t8 = dl.ops.relu(t7);
    const t9 = this.conv2d_4.apply(t8);
    const t10 = dl.ops.relu(t9);
    const b5 = t10;
    const t11 = dl.ops.maxPool(x, { size: [3, 3], stride: [1, 1], padding: "same" });
    const t12 = this.conv2d_5.apply(t11);
    const t13 = dl.ops.relu(t12);
    const bp = t13;
    const t14 = dl.ops.concat([b1, b3, b5, bp], -1);
    return t14;
  }
}

/**
 * An Inception-style module: four branches joined along the channels.
 *
 * Inception(c1=128, c3=192, c5=96, cp=64) on x: f32[B, 28, 28, 256].
 * Trainable parameters: 685824.
 */
export class Inception_2 extends dl.Module {
  readonly conv2d_0: dl.layers.Conv2D;
  readonly conv2d_1: dl.layers.Conv2D;
  readonly conv2d_2: dl.layers.Conv2D;
  readonly conv2d_3: dl.layers.Conv2D;
  readonly conv2d_4: dl.layers.Conv2D;
  readonly conv2d_5: dl.layers.Conv2D;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.conv2d_0 = new dl.layers.Conv2D(this, "conv2d_0", {
      inChannels: 256,
      filters: 128,
      kernel: [1, 1],
      stride: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_1 = new dl.layers.Conv2D(this, "conv2d_1", {
      inChannels: 256,
      filters: 192,
      kernel: [1, 1],
      stride: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_2 = new dl.layers.Conv2D(this, "conv2d_2", {
      inChannels: 192,
      filters: 192,
      kernel: [3, 3],
      stride: [1, 1],
      padding: "same",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_3 = new dl.layers.Conv2D(this, "conv2d_3", {
      inChannels: 256,
      filters: 96,
      kernel: [1, 1],
      stride: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_4 = new dl.layers.Conv2D(this, "conv2d_4", {
      inChannels: 96,
      filters: 96,
      kernel: [5, 5],
      stride: [1, 1],
      padding: "same",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
    this.conv2d_5 = new dl.layers.Conv2D(this, "conv2d_5", {
      inChannels: 256,
      filters: 64,
      kernel: [1, 1],
      stride: [1, 1],
      padding: "valid",
      dilation: [1, 1],
      groups: 1,
      bias: true,
    });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.conv2d_0.apply(x);
    const t2 = dl.ops.relu(t1);
    const b1 = t2;
    const t3 = this.conv2d_1.apply(x);
    const t4 = dl.ops.relu(t3);
    const t5 = this.conv2d_2.apply(t4);
    const t6 = dl.ops.relu(t5);
    const b3 = t6;
    const t7 = this.conv2d_3.apply(x);
    const t8 = dl.ops.relu(t7);
    const t9 = this.conv2d_4.apply(t8);
    const t10 = dl.ops.relu(t9);
    const b5 = t10;
    const t11 = dl.ops.maxPool(x, { size: [3, 3], stride: [1, 1], padding: "same" });
    const t12 = this.conv2d_5.apply(t11);
    const t13 = dl.ops.relu(t12);
    const bp = t13;
    const t14 = dl.ops.concat([b1, b3, b5, bp], -1);
    return t14;
  }
}

/**
 * GoogLeNetTiny() on x: f32[B, 28, 28, 192].
 * Trainable parameters: 913258.
 */
export class GoogLeNetTiny extends dl.Module {
  readonly inception_0: Inception;
  readonly inception_1: Inception_2;
  readonly dense_0: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.inception_0 = new Inception(this, "inception_0");
    this.inception_1 = new Inception_2(this, "inception_1");
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 480, units: 10, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = this.inception_0.apply(x, training);
    const t2 = this.inception_1.apply(t1, training);
    const t3 = dl.ops.avgPool(t2, { size: [28, 28], stride: [28, 28], padding: "valid" });
    const t4 = dl.ops.reshape(t3, [480]);
    const t5 = this.dense_0.apply(t4);
    return t5;
  }
}
