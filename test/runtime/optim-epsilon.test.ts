/**
 * Every optimizer passes its epsilon explicitly. tfjs's backends disagree on epsilon()
 * (webgl reports 1e-4, tensorflow/tfjs#6980; cpu, wasm and webgpu 1e-7), so an optimizer that
 * relied on it would train differently in a browser. Two checks:
 * - the compiler: each registry optimizer with an `eps` argument writes it into the generated
 *   options even at its default;
 * - the runtime: each optimizer, with `eps` left out and with it given, takes identical steps
 *   when the backend's epsilon() is changed to webgl's 1e-4 (gradients of 1e-6, where an epsilon
 *   of 1e-4 instead of 1e-8 changes an Adam step a hundredfold).
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { optimizers } from "../../compiler/optim/optimizers.js";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

test("generated code passes eps for every optimizer that has one", (t) => {
  const withEps = [...optimizers.values()].filter((o) =>
    o.args.some((a) => a.name === "eps"),
  );
  t.true(withEps.length >= 3, "adam, adamw and rmsprop at least");
  for (const o of withEps) {
    const defaults = Object.fromEntries(
      o.args
        .filter((a) => a.default !== undefined)
        .map((a) => [a.name, a.default]),
    );
    const code = o.emit(["net"], { lr: "0.001", ...defaults } as never);
    t.regex(code, /\beps: 1e-8\b/, `${o.name}: ${code}`);
  }
});

class P extends dl.Module {
  readonly p: tf.Variable;
  constructor(name: string) {
    super(null, name);
    this.p = this.param("p", [3], () => tf.tensor1d([0.5, -0.25, 1]));
  }
}

type Make = (m: P) => dl.Optimizer;
const RUNTIME: Array<[string, Make]> = [
  ["sgd", (m) => dl.optim.sgd(m, { lr: 0.1 })],
  ["momentum", (m) => dl.optim.momentum(m, { lr: 0.1, momentum: 0.9 })],
  ["adam (eps left out)", (m) => dl.optim.adam(m, { lr: 0.1 })],
  ["adam", (m) => dl.optim.adam(m, { lr: 0.1, eps: 1e-8 })],
  ["adamw (eps left out)", (m) => dl.optim.adamw(m, { lr: 0.1 })],
  ["rmsprop (eps left out)", (m) => dl.optim.rmsprop(m, { lr: 0.1 })],
  ["rmsprop", (m) => dl.optim.rmsprop(m, { lr: 0.1, eps: 1e-8 })],
];

/** Parameters after three steps on gradients of 1e-6 (loss Σ g·p). */
function threeSteps(name: string, make: Make): Float32Array {
  const m = new P(name);
  const opt = make(m);
  const g = tf.tensor1d([1e-6, -2e-6, 3e-6]);
  for (let i = 0; i < 3; i++)
    opt.minimize(() => tf.sum(tf.mul(m.p, g)) as tf.Scalar).dispose();
  const out = m.p.dataSync().slice() as Float32Array;
  g.dispose();
  return out;
}

test.serial("runtime optimizers never read the backend's epsilon", (t) => {
  const backend = tf.backend();
  const own = backend.epsilon;
  for (const [name, make] of RUNTIME) {
    const reference = threeSteps(`${name}-ref`, make);
    backend.epsilon = () => 1e-4; // what webgl reports
    let webglLike: Float32Array;
    try {
      webglLike = threeSteps(`${name}-webgl`, make);
    } finally {
      backend.epsilon = own;
    }
    t.deepEqual(Array.from(webglLike), Array.from(reference), name);
  }
  // The check can fail: tf.train's Adam takes its default epsilon from the backend.
  const trained = (eps: number) => {
    backend.epsilon = () => eps;
    try {
      const v = tf.variable(tf.tensor1d([0.5]));
      const opt = tf.train.adam(0.1);
      for (let i = 0; i < 3; i++)
        opt.minimize(() => tf.sum(tf.mul(v, 1e-6)) as tf.Scalar);
      const out = v.dataSync()[0]!;
      opt.dispose();
      v.dispose();
      return out;
    } finally {
      backend.epsilon = own;
    }
  };
  t.not(
    trained(1e-4),
    trained(1e-7),
    "a backend epsilon of 1e-4 changes tf.train.adam's steps",
  );
});
