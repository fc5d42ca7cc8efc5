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
  readonly dense_0 = new dl.layers.Dense(this, "dense_0", { inFeatures: 304, units: 1, bias: true });

  apply(x: tf.Tensor, training: boolean): tf.Tensor {
    const a = dl.ops.relu(x);
    const b = dl.ops.tanh(x);
    const c = dl.ops.sigmoid(x);
    const d = dl.ops.leakyRelu(x, 0.2);
    const e = dl.ops.leakyRelu(x, 0.01);
    const f = dl.ops.softmax(x, -1);
    const t1 = dl.ops.reshape(x, [4, 4]);
    const t2 = dl.ops.softmax(t1, 1);
    const g = dl.ops.reshape(t2, [16]);
    const h = dl.ops.gelu(x);
    const i = dl.ops.gelu(x, "tanh");
    const j = dl.ops.silu(x);
    const k = dl.ops.relu6(x);
    const l = dl.ops.hardswish(x);
    const m = dl.ops.hardsigmoid(x);
    const n = dl.ops.mish(x);
    const o = dl.ops.elu(x, 1);
    const p = dl.ops.elu(x, 0.5);
    const q = dl.ops.selu(x);
    const r = dl.ops.softplus(x, 1, 20);
    const s_ = dl.ops.softplus(x, 2, 10);
    const classic = dl.ops.concat([a, b, c, d, e, f, g], -1);
    const modern = dl.ops.concat([h, i, j, k, l, m, n, o, p, q, r, s_], -1);
    const t3 = dl.ops.concat([classic, modern], -1);
    const t4 = this.dense_0.apply(t3);
    return t4;
  }
}
