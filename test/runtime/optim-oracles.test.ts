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

test("sgd refuses nesterov without momentum, as torch.optim.SGD", (t) => {
  const m = new Q([1]);
  t.throws(() => dl.optim.sgd(m, { lr: 0.1, nesterov: true }), { message: /nesterov needs momentum/ });
  m.dispose();
});
