// Generated from test/golden/codegen/tensor-indexing.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Indexing, slicing (with steps), tuple items, comparisons, where, cast, transpose, permute, split and chunk.
 *
 * Enc() on x: f32[B, 8].
 * Trainable parameters: 246.
 */
export class Enc extends dl.Module {
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8, units: 16, bias: true });
  readonly dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 4, bias: true });
  readonly dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 16, units: 2, bias: true });

  apply(x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
    const h = this.dense_0.apply(x);
    const t1 = this.dense_1.apply(h);
    const t2 = this.dense_2.apply(h);
    return [t1, t2];
  }
}

/**
 * M(C=16) on x: f32[B, 10, 16].
 * Trainable parameters: 246.
 */
export class M extends dl.Module {
  readonly enc_0 = new Enc(this, "enc_0");

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const first = dl.ops.slice(x, [0, 0, 0], [-1, 1, -1], [1]);
    const half = dl.ops.slice(x, [0, 0, 0], [-1, -1, 8]);
    const mid = dl.ops.slice(x, [0, 1, 2], [-1, 8, 4]);
    const evens = dl.ops.slice(x, [0, 0, 0], [-1, -1, -1], [], [1, 2, 1]);
    const back = dl.ops.slice(x, [0, 2, 8], [-1, 7, 8], [], [1, -3, 2]);
    const t1 = dl.ops.split(x, [8, 8], 2);
    const a = t1[0]!;
    const b = t1[1]!;
    const t2 = dl.ops.split(x, [4, 4, 8], 2);
    const p = t2[0]!;
    const q = t2[1]!;
    const r = t2[2]!;
    const t = dl.ops.permute(x, [0, 2, 1]);
    const u = dl.ops.permute(x, [0, 2, 1]);
    const t3 = dl.ops.greater(x, 0.5);
    const t4 = dl.ops.less(x, 0.9);
    const mask = dl.ops.logicalAnd(t3, t4);
    const y = dl.ops.where(mask, x, 0);
    const t5 = dl.ops.logicalNot(mask);
    const f = dl.ops.cast(t5, "f32");
    const t6 = dl.ops.slice(first, [0, 0], [-1, 8]);
    const t7 = this.enc_0.apply(t6, training);
    const e = t7[0];
    const t8 = dl.ops.add(y, f);
    const t9 = dl.ops.mean(t8);
    const t10 = dl.ops.mul(a, b);
    const t11 = dl.ops.mean(t10);
    const t12 = dl.ops.add(t9, t11);
    const t13 = dl.ops.mean(p);
    const t14 = dl.ops.add(t12, t13);
    const t15 = dl.ops.mean(r);
    const t16 = dl.ops.add(t14, t15);
    const t17 = dl.ops.mean(mid);
    const t18 = dl.ops.add(t16, t17);
    const t19 = dl.ops.mean(evens);
    const t20 = dl.ops.add(t18, t19);
    const t21 = dl.ops.mean(back);
    const t22 = dl.ops.add(t20, t21);
    const t23 = dl.ops.mean(half);
    const t24 = dl.ops.add(t22, t23);
    const t25 = dl.ops.mean(t);
    const t26 = dl.ops.add(t24, t25);
    const t27 = dl.ops.mean(u);
    const t28 = dl.ops.add(t26, t27);
    const t29 = dl.ops.mean(e);
    const t30 = dl.ops.add(t28, t29);
    return t30;
  }
}
