// Generated from test/golden/codegen/learnable-tensors.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Learnable tensors declared in a model: a position embedding, a per-channel scale and shift (layer scale).
 *
 * LayerScale(D=16) on x: f32[B, 8, 16].
 * Trainable parameters: 432.
 */
export class LayerScale extends dl.Module {
  readonly pos = this.param("pos", [1, 8, 16], dl.init.normal(0.02));
  readonly gamma = this.param("gamma", [16], dl.init.constant(0.0001));
  readonly beta = this.param("beta", [16], dl.init.zeros);
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 16, units: 16, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const h = dl.ops.add(x, this.pos);
    const t1 = this.dense_0.apply(h);
    const t2 = dl.ops.mul(t1, this.gamma);
    const t3 = dl.ops.add(h, t2);
    const t4 = dl.ops.add(t3, this.beta);
    return t4;
  }
}
