import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);

/** A module with one parameter p (initialised to `init`) and loss sum(g * p), so grad = g. */
class P extends dl.Module {
  readonly p: tf.Variable;
  constructor(name: string, init: number[]) {
    super(null, name);
    this.p = this.param("p", [init.length], () => tf.tensor1d(init));
  }
}
const linear = (m: P, g: number[]) => (): tf.Scalar => tf.sum(tf.mul(m.p, tf.tensor1d(g)));
const close = (a: ArrayLike<number>, b: number[], tol = 1e-5): boolean => Array.from(a).every((v, i) => Math.abs(v - b[i]!) <= tol);

function steps(opt: dl.Optimizer, f: () => tf.Scalar, n: number): void {
  for (let i = 0; i < n; i++) opt.minimize(f).dispose();
}

test("sgd and momentum follow torch.optim.SGD", (t) => {
  const a = new P("a", [1, 2]);
  steps(dl.optim.sgd(a, { lr: 0.1 }), linear(a, [1, -1]), 2);
  t.true(close(a.p.dataSync(), [0.8, 2.2]));
  const b = new P("b", [0]);
  steps(dl.optim.momentum(b, { lr: 0.1, momentum: 0.9 }), linear(b, [1]), 3);
  // buf: 1, 1.9, 2.71 -> p = -0.1 * (1 + 1.9 + 2.71)
  t.true(close(b.p.dataSync(), [-0.561]));
});

test("adam: first step moves every parameter by lr against the gradient sign", (t) => {
  const a = new P("a", [0, 0]);
  const opt = dl.optim.adam(a, { lr: 0.01 });
  steps(opt, linear(a, [3, -0.5]), 1);
  t.true(close(a.p.dataSync(), [-0.01, 0.01], 1e-6));
  t.is(opt.step, 1);
  t.deepEqual([...opt.state().slots.keys()], ["a.p/m", "a.p/v"]);
});

test("rmsprop follows torch.optim.RMSprop", (t) => {
  const a = new P("a", [0]);
  steps(dl.optim.rmsprop(a, { lr: 0.01 }), linear(a, [2]), 1);
  // s = 0.01 * 4 = 0.04; p = -0.01 * 2 / (0.2 + 1e-8)
  t.true(close(a.p.dataSync(), [-0.1], 1e-5));
});

test("an optimizer updates only its own models and skips frozen ones", (t) => {
  const mine = new P("mine", [1]);
  const other = new P("other", [1]);
  const opt = dl.optim.sgd(mine, { lr: 1 });
  steps(opt, () => tf.add(linear(mine, [1])(), linear(other, [1])()), 1);
  t.true(close(mine.p.dataSync(), [0]));
  t.true(close(other.p.dataSync(), [1]));
  mine.freeze();
  steps(opt, linear(mine, [1]), 1);
  t.true(close(mine.p.dataSync(), [0]), "frozen");
});

test("clipNorm, clipValue and weightClip", (t) => {
  const a = new P("a", [0, 0]);
  steps(dl.optim.sgd(a, { lr: 1, clipNorm: 1 }), linear(a, [3, 4]), 1);
  t.true(close(a.p.dataSync(), [-0.6, -0.8], 1e-5));
  const b = new P("b", [0, 0]);
  steps(dl.optim.sgd(b, { lr: 1, clipValue: 0.5 }), linear(b, [3, -0.1]), 1);
  t.true(close(b.p.dataSync(), [-0.5, 0.1]));
  const c = new P("c", [0, 0]);
  steps(dl.optim.sgd(c, { lr: 1, weightClip: 0.01 }), linear(c, [3, -0.001]), 1);
  t.true(close(c.p.dataSync(), [-0.01, 0.001]));
});

test("schedules: step, cosine, warmup", (t) => {
  const s = dl.schedules.step({ every: 2, gamma: 0.5 });
  t.deepEqual([0, 1, 2, 4].map((epoch) => s({ step: 0, epoch }, 1)), [1, 1, 0.5, 0.25]);
  const c = dl.schedules.cosine({ total: 10, unit: "step" });
  t.true(Math.abs(c({ step: 5, epoch: 0 }, 2) - 1) < 1e-9);
  t.is(c({ step: 20, epoch: 0 }, 2), 0);
  const w = dl.schedules.warmup({ steps: 4 });
  t.deepEqual([0, 1, 3, 10].map((step) => w({ step, epoch: 0 }, 1)), [0.25, 0.5, 1, 1]);
  const a = new P("a", [0]);
  const opt = dl.optim.sgd(a, { lr: 1, schedule: w });
  steps(opt, linear(a, [1]), 2);
  t.true(close(a.p.dataSync(), [-0.75]), "the optimizer applies the schedule");
});

test("no tensors leak across optimizer steps", (t) => {
  const a = new P("a", [1, 2, 3]);
  const opt = dl.optim.adam(a, { lr: 0.1, clipNorm: 1 });
  steps(opt, linear(a, [1, 1, 1]), 1);
  const before = tf.memory().numTensors;
  steps(opt, linear(a, [1, 1, 1]), 20);
  t.is(tf.memory().numTensors, before);
});
