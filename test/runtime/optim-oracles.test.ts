/**
 * Learning-rate schedules and optimizers against PyTorch (`fixtures/optim-oracles.json` from
 * `fixtures/generate_optim_oracles.py`): the rate of every update of StepLR, MultiStepLR,
 * ExponentialLR, CosineAnnealingLR, LinearLR (warm-up) and OneCycleLR (absolute error ≤ 1e-6),
 * and the parameters after five steps of SGD with momentum and Nesterov, and of AdamW
 * (relative error ≤ 1e-5).
 */
import test from "ava";
import { readFileSync } from "node:fs";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { useWasm } from "./fixtures/backend.js";

interface Fixture {
  quadratic: { p0: number[]; w: number[]; target: number[]; steps: number };
  schedules: { name: string; fn: "step" | "multistep" | "exponential" | "cosine" | "warmup" | "oneCycle"; options: Record<string, unknown>; rates: number[] }[];
  optimizers: { name: string; fn: "sgd" | "adam" | "adamw"; options: Record<string, unknown>; params: number[] }[];
  groups: {
    q0: number[];
    wq: number[];
    tq: number[];
    schedule: { every: number; gamma: number; unit: "step" };
    cases: { name: string; fn: "sgd" | "adam" | "adamw" | "rmsprop"; options: Record<string, unknown>; groups: { path: string; lr?: number; weightDecay?: number }[]; params: { body: number[]; head: number[] } }[];
  };
}

const fixture = JSON.parse(readFileSync(new URL("./fixtures/optim-oracles.json", import.meta.url), "utf8")) as Fixture;

test.before(useWasm);

for (const s of fixture.schedules) {
  test(`schedule ${s.fn} matches torch ${s.name}`, (t) => {
    const schedule = (dl.schedules[s.fn] as (o: never) => dl.schedules.Schedule)(s.options as never);
    const ours = s.rates.map((_, step) => schedule({ step, epoch: 0 }, 0.1));
    const err = Math.max(...ours.map((v, i) => Math.abs(v - s.rates[i]!)));
    t.true(err <= 1e-6, `max abs error ${err}\nours  ${ours.join(", ")}\ntorch ${s.rates.join(", ")}`);
  });
}

test("an epoch schedule reads the optimizer's epoch, a step schedule its step", (t) => {
  const byEpoch = dl.schedules.step({ every: 2, gamma: 0.5 });
  t.is(byEpoch({ step: 100, epoch: 3 }, 1), 0.5);
  const byStep = dl.schedules.exponential({ gamma: 0.5, unit: "step" });
  t.is(byStep({ step: 2, epoch: 9 }, 1), 0.25);
});

class Q extends dl.Module {
  readonly p: tf.Variable;
  constructor(init: number[]) {
    super(null, "q");
    this.p = this.param("p", [init.length], () => tf.tensor1d(init));
  }
}

for (const o of fixture.optimizers) {
  test(`optimizer ${o.fn} matches torch ${o.name}`, (t) => {
    const { p0, w, target, steps } = fixture.quadratic;
    const m = new Q(p0);
    const opt = (dl.optim[o.fn] as (m: dl.Module, o: never) => dl.Optimizer)(m, o.options as never);
    for (let i = 0; i < steps; i++) opt.minimize(() => tf.tidy(() => tf.sum(tf.mul(tf.tensor1d(w), tf.square(tf.sub(m.p, tf.tensor1d(target))))) as tf.Scalar)).dispose();
    const ours = Array.from(m.p.dataSync());
    const scale = Math.max(...o.params.map(Math.abs));
    const err = Math.max(...ours.map((v, i) => Math.abs(v - o.params[i]!))) / scale;
    t.true(err <= 1e-5, `relative error ${err}\nours  ${ours.join(", ")}\ntorch ${o.params.join(", ")}`);
    opt.dispose();
    m.dispose();
  });
}

/** A model with two sub-modules, `body.p` and `head.q`, for parameter groups. */
class Two extends dl.Module {
  readonly p: tf.Variable;
  readonly q: tf.Variable;
  constructor(p0: number[], q0: number[]) {
    super(null, "two");
    class Leaf extends dl.Module {}
    this.p = new Leaf(this, "body").param("p", [p0.length], () => tf.tensor1d(p0));
    this.q = new Leaf(this, "head").param("q", [q0.length], () => tf.tensor1d(q0));
  }
}

for (const c of fixture.groups.cases) {
  test(`parameter groups: ${c.fn} matches torch ${c.name}`, (t) => {
    const { p0, w, target, steps } = fixture.quadratic;
    const { q0, wq, tq } = fixture.groups;
    const m = new Two(p0, q0);
    const groups = c.groups.map((g) => ({ model: m as dl.Module, ...g }));
    const options = { ...c.options, schedule: dl.schedules.step(fixture.groups.schedule), groups };
    const opt = (dl.optim[c.fn] as (m: dl.Module, o: never) => dl.Optimizer)(m, options as never);
    const rates: number[][] = [];
    for (let i = 0; i < steps; i++) {
      rates.push(opt.lrs);
      opt.minimize(() =>
        tf.tidy(() => tf.add(tf.sum(tf.mul(tf.tensor1d(w), tf.square(tf.sub(m.p, tf.tensor1d(target))))), tf.sum(tf.mul(tf.tensor1d(wq), tf.square(tf.sub(m.q, tf.tensor1d(tq)))))) as tf.Scalar),
      ).dispose();
    }
    // Each group's rate follows the schedule from its own base: 0.5× every 2 updates.
    const base = c.groups.map((g) => g.lr ?? (c.options.lr as number));
    t.deepEqual(rates.map((r) => r.map((x) => Number(x.toPrecision(12)))), rates.map((_, i) => base.map((b) => Number((b * 0.5 ** Math.floor(i / 2)).toPrecision(12)))));
    for (const [name, v] of [["body", m.p], ["head", m.q]] as const) {
      const ours = Array.from(v.dataSync());
      const want = c.params[name];
      const err = Math.max(...ours.map((x, i) => Math.abs(x - want[i]!))) / Math.max(...want.map(Math.abs));
      t.true(err <= 1e-5, `${name}: relative error ${err}\nours  ${ours.join(", ")}\ntorch ${want.join(", ")}`);
    }
    opt.dispose();
    m.dispose();
  });
}

test("parameter groups with different rates move their weights by different amounts (SGD, by hand)", (t) => {
  // loss = sum(p) + sum(q): every gradient is 1, so one SGD step moves body by -0.01 and head by -0.1.
  const m = new Two([1, 2, 3], [4, 5]);
  const opt = dl.optim.sgd(m, { lr: 0.1, groups: [{ model: m, path: "body", lr: 0.01 }, { model: m, path: "head" }] });
  opt.minimize(() => tf.tidy(() => tf.add(tf.sum(m.p), tf.sum(m.q)) as tf.Scalar)).dispose();
  t.deepEqual(Array.from(m.p.dataSync()).map((x) => Number(x.toFixed(6))), [0.99, 1.99, 2.99]);
  t.deepEqual(Array.from(m.q.dataSync()).map((x) => Number(x.toFixed(6))), [3.9, 4.9]);
  opt.dispose();
  m.dispose();
});

test("a weight in no group is not updated; a weight in two groups or a path naming nothing is refused", (t) => {
  const m = new Two([1], [2]);
  const opt = dl.optim.sgd(m, { lr: 0.1, groups: [{ model: m, path: "head" }] });
  opt.minimize(() => tf.tidy(() => tf.add(tf.sum(m.p), tf.sum(m.q)) as tf.Scalar)).dispose();
  t.deepEqual(Array.from(m.p.dataSync()), [1]);
  t.is(Number(m.q.dataSync()[0]!.toFixed(6)), 1.9);
  t.throws(() => dl.optim.sgd(m, { lr: 0.1, groups: [{ model: m, path: "" }, { model: m, path: "head" }] }), { message: /two\.head\.q is in groups 0 and 1/ });
  t.throws(() => dl.optim.sgd(m, { lr: 0.1, groups: [{ model: m, path: "neck" }] }), { message: /names no weights/ });
  opt.dispose();
  m.dispose();
});

test("sgd refuses nesterov without momentum, as torch.optim.SGD", (t) => {
  const m = new Q([1]);
  t.throws(() => dl.optim.sgd(m, { lr: 0.1, nesterov: true }), { message: /nesterov needs momentum/ });
  m.dispose();
});
