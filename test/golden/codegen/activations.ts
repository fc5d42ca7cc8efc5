// Generated from test/golden/codegen/activations.dl by dl. Do not edit: change the .dl file and compile again.
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";

/**
 * Every activation of the registry, each on its own branch.
 *
 * Activations() on x: f32[B, 16].
 * Trainable parameters: 305.
 */
export class Activations extends dl.Module {
  readonly dense_0: dl.layers.Dense;

  constructor(parent: dl.Module | null, name: string, rng?: dl.Rng) {
    super(parent, name, rng);
    this.dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 304, units: 1, bias: true });
  }

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const t1 = dl.ops.relu(x);
    const a = t1;
    const t2 = dl.ops.tanh(x);
    const b = t2;
    const t3 = dl.ops.sigmoid(x);
    const c = t3;
    const t4 = dl.ops.leakyRelu(x, 0.2);
    const d = t4;
    const t5 = dl.ops.leakyRelu(x, 0.01);
    const e = t5;
    const t6 = dl.ops.softmax(x, -1);
    const f = t6;
    const t7 = dl.ops.softmax(x, 0);
    const g = t7;
    const t8 = dl.ops.gelu(x);
    const h = t8;
    const t9 = dl.ops.gelu(x, "tanh");
    const i = t9;
    const t10 = dl.ops.silu(x);
    const j = t10;
    const t11 = dl.ops.relu6(x);
    const k = t11;
    const t12 = dl.ops.hardswish(x);
    const l = t12;
    const t13 = dl.ops.hardsigmoid(x);
    const m = t13;
    const t14 = dl.ops.mish(x);
    const n = t14;
    const t15 = dl.ops.elu(x, 1);
    const o = t15;
    const t16 = dl.ops.elu(x, 0.5);
    const p = t16;
    const t17 = dl.ops.selu(x);
    const q = t17;
    const t18 = dl.ops.softplus(x, 1, 20);
    const r = t18;
    const t19 = dl.ops.softplus(x, 2, 10);
    const s_ = t19;
    const t20 = dl.ops.concat([a, b, c, d, e, f, g], -1);
    const classic = t20;
    const t21 = dl.ops.concat([h, i, j, k, l, m, n, o, p, q, r, s_], -1);
    const modern = t21;
    const t22 = dl.ops.concat([classic, modern], -1);
    const t23 = this.dense_0.apply(t22);
    return t23;
  }
}
