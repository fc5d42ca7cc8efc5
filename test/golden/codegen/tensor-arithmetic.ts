// Generated from test/golden/codegen/tensor-arithmetic.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Arithmetic on tensors with broadcasting: scalars, negation, and shapes that stretch.
 *
 * Arithmetic() on x: f32[B, 16], scale: f32[B, 1].
 * Trainable parameters: 68.
 */
export class Arithmetic extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 16, units: 4, bias: true });

  apply(x: tf.Tensor, scale: tf.Tensor, training: boolean): tf.Tensor {
    const centred = dl.ops.sub(x, 0.5);
    const t1 = dl.ops.mul(centred, scale);
    const scaled = dl.ops.div(t1, 2);
    const t2 = dl.ops.neg(scaled);
    const t3 = dl.ops.mul(x, 3);
    const mixed = dl.ops.add(t2, t3);
    const t4 = dl.ops.add(mixed, 1);
    const t5 = dl.ops.div(x, scale);
    const shifted = dl.ops.sub(t4, t5);
    const t6 = this.dense_0.apply(shifted);
    return t6;
  }
}
