// Generated from test/golden/codegen/layer-options.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Ceil-mode and per-axis pooling padding, bilinear upsampling, batch norm without affine parameters.
 *
 * LayerOptions() on x: f32[B, 15, 15, 3].
 * Trainable parameters: 3460.
 */
export class LayerOptions extends dl.Module {
  readonly batchnorm_0 = new dl.layers.BatchNorm(this, "batchnorm_0", { features: 3, momentum: 0.1, eps: 0.00001, affine: false });
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 864, units: 4, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.maxPool(x, { size: [3, 3], stride: [2, 2], padding: "valid", ceilMode: true });
    const t2 = dl.ops.avgPool(t1, { size: [3, 3], stride: [2, 2], padding: [1, 0], ceilMode: true });
    const t3 = dl.ops.upsampleBilinear(t2, [2, 2], false);
    const t4 = dl.ops.upsampleBilinear(t3, [2, 3], true);
    const t5 = this.batchnorm_0.apply(t4, training);
    const t6 = dl.ops.reshape(t5, [864]);
    const t7 = this.dense_0.apply(t6);
    return t7;
  }
}
