// Generated from test/golden/codegen/tensor-math.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Tensor math for custom losses and metrics: elementwise functions, reductions over one axis or several, argmax.
 *
 * TensorMath() on x: f32[B, 6, 8].
 * Trainable parameters: 14.
 */
export class TensorMath extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 6, units: 2, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const p = dl.ops.softmax(x, -1);
    const t1 = dl.ops.add(p, 1e-8);
    const t2 = dl.ops.log(t1);
    const a = dl.ops.abs(t2);
    const t3 = dl.ops.clamp(x, -3, 3);
    const t4 = dl.ops.exp(t3);
    const b = dl.ops.sqrt(t4);
    const t5 = dl.ops.pow(x, 2);
    const c = dl.ops.max(t5, 1, false);
    const t6 = dl.ops.min(a, b);
    const d = dl.ops.mean(t6, 1, false);
    const e = dl.ops.max(x, -1, true);
    const t7 = dl.ops.mul(x, x);
    const t8 = dl.ops.sum(t7, [1, 2], true);
    const f = dl.ops.reshape(t8, [1]);
    const t9 = dl.ops.min(x, 2, false);
    const t10 = this.dense_0.apply(t9);
    const t11 = dl.ops.concat([c, d, t10], -1);
    const t12 = dl.ops.mean(e);
    const t13 = dl.ops.add(t11, t12);
    const t14 = dl.ops.mean(f, 1, true);
    const t15 = dl.ops.add(t13, t14);
    return t15;
  }
}
