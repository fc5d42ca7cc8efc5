// Generated from test/golden/codegen/tensor-indexing.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Indexing, slicing, tuple items, comparisons, where, cast, transpose, permute, split and chunk.
 *
 * Enc() on x: f32[B, 8].
 * Trainable parameters: 246.
 */
export class Enc extends dl.Module {
  readonly dense_0: dl.layers.Dense;
  readonly dense_1: dl.layers.Dense;
  readonly dense_2: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 8, units: 16, bias: true });
    this.dense_1 = new dl.layers.Dense(this, "dense_1", { inFeatures: 16, units: 4, bias: true });
    this.dense_2 = new dl.layers.Dense(this, "dense_2", { inFeatures: 16, units: 2, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): [tf.Tensor, tf.Tensor] {
    const t1 = this.dense_0.apply(x);
    const h = t1;
    const t2 = this.dense_1.apply(h);
    const t3 = this.dense_2.apply(h);
    return [t2, t3];
  }
}

/**
 * M(C=16) on x: f32[B, 10, 16].
 * Trainable parameters: 246.
 */
export class M extends dl.Module {
  readonly enc_0: Enc;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.enc_0 = new Enc(this, "enc_0");
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.slice(x, [0, 0, 0], [-1, 1, -1], [1]);
    const first = t1;
    const t2 = dl.ops.slice(x, [0, 0, 0], [-1, -1, 8]);
    const half = t2;
    const t3 = dl.ops.slice(x, [0, 1, 2], [-1, 8, 4]);
    const mid = t3;
    const t4 = dl.ops.split(x, [8, 8], 2);
    const a = t4[0]!;
    const b = t4[1]!;
    const t5 = dl.ops.split(x, [4, 4, 8], 2);
    const p = t5[0]!;
    const q = t5[1]!;
    const r = t5[2]!;
    const t6 = dl.ops.permute(x, [0, 2, 1]);
    const t = t6;
    const t7 = dl.ops.permute(x, [0, 2, 1]);
    const u = t7;
    const t8 = dl.ops.greater(x, 0.5);
    const t9 = dl.ops.less(x, 0.9);
    const t10 = dl.ops.logicalAnd(t8, t9);
    const mask = t10;
    const t11 = dl.ops.where(mask, x, 0);
    const y = t11;
    const t12 = dl.ops.logicalNot(mask);
    const t13 = dl.ops.cast(t12, "f32");
    const f = t13;
    const t14 = dl.ops.slice(first, [0, 0], [-1, 8]);
    const t15 = this.enc_0.apply(t14, training);
    const e = t15[0];
    const t16 = dl.ops.add(y, f);
    const t17 = dl.ops.mean(t16);
    const t18 = dl.ops.mul(a, b);
    const t19 = dl.ops.mean(t18);
    const t20 = dl.ops.add(t17, t19);
    const t21 = dl.ops.mean(p);
    const t22 = dl.ops.add(t20, t21);
    const t23 = dl.ops.mean(r);
    const t24 = dl.ops.add(t22, t23);
    const t25 = dl.ops.mean(mid);
    const t26 = dl.ops.add(t24, t25);
    const t27 = dl.ops.mean(half);
    const t28 = dl.ops.add(t26, t27);
    const t29 = dl.ops.mean(t);
    const t30 = dl.ops.add(t28, t29);
    const t31 = dl.ops.mean(u);
    const t32 = dl.ops.add(t30, t31);
    const t33 = dl.ops.mean(e);
    const t34 = dl.ops.add(t32, t33);
    return t34;
  }
}
