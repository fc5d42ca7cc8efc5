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
  readonly dense_0: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 16, units: 4, bias: true });
  }

  apply(x: tf.Tensor, scale: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.sub(x, 0.5);
    const centred = t1;
    const t2 = dl.ops.mul(centred, scale);
    const t3 = dl.ops.div(t2, 2);
    const scaled = t3;
    const t4 = dl.ops.neg(scaled);
    const t5 = dl.ops.mul(x, 3);
    const t6 = dl.ops.add(t4, t5);
    const mixed = t6;
    const t7 = dl.ops.add(mixed, 1);
    const t8 = dl.ops.div(x, scale);
    const t9 = dl.ops.sub(t7, t8);
    const shifted = t9;
    const t10 = this.dense_0.apply(shifted);
    return t10;
  }
}
