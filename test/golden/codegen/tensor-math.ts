// Generated from test/golden/codegen/tensor-math.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Tensor math for custom losses and metrics: elementwise functions, reductions with an axis, argmax.
 *
 * TensorMath() on x: f32[B, 6, 8].
 * Trainable parameters: 14.
 */
export class TensorMath extends dl.Module {
  readonly dense_0: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 6, units: 2, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.softmax(x, -1);
    const p = t1;
    const t2 = dl.ops.add(p, 1e-8);
    const t3 = dl.ops.log(t2);
    const t4 = dl.ops.abs(t3);
    const a = t4;
    const t5 = dl.ops.clamp(x, -3, 3);
    const t6 = dl.ops.exp(t5);
    const t7 = dl.ops.sqrt(t6);
    const b = t7;
    const t8 = dl.ops.pow(x, 2);
    const t9 = dl.ops.max(t8, 1, false);
    const c = t9;
    const t10 = dl.ops.min(a, b);
    const t11 = dl.ops.mean(t10, 1, false);
    const d = t11;
    const t12 = dl.ops.max(x, -1, true);
    const e = t12;
    const t13 = dl.ops.min(x, 2, false);
    const t14 = this.dense_0.apply(t13);
    const t15 = dl.ops.concat([c, d, t14], -1);
    const t16 = dl.ops.mean(e);
    const t17 = dl.ops.add(t15, t16);
    return t17;
  }
}
