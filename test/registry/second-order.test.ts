/**
 * Second-order safety, checked against finite differences: every registry entry that says it is
 * twice differentiable (`twiceDifferentiable: true`) sits inside a WGAN-GP gradient penalty, as
 * the generated code applies it, and the penalty's gradient with respect to the critic's
 * parameters matches central differences of the penalty along random directions.
 *
 * The critic is `x ↦ Σ R ⊙ entry(w ⊙ x + b, other inputs)` (w, b learnable, R a fixed readout),
 * so even an entry without weights has parameters before it. tfjs's own tanh, sigmoid, exp and
 * softmax read their saved outputs in their gradients, which a second differentiation treats as
 * constants (tfjs#3252): with them the directional derivatives here are off by 10-100 %.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { registry } from "../../compiler/layers/index.js";
import type { RegistryEntry } from "../../compiler/registry/types.js";
import { selectBackend } from "../../runtime/backend/index.js";
import * as d from "../../runtime/kernels/differentiable.js";
import { materialize, sampleInputs } from "./materialize.js";
import { callText, rng, sample, type Sample } from "./samples.js";

/** Configurations per entry, directions per configuration. */
const CONFIGS = 3;
const DIRECTIONS = 2;
/** Step of the central difference along a unit direction, and the relative tolerance. */
const H = 2e-2;
const TOL = 2e-2;

interface Outcome {
  /** Largest relative error over directions; NaN when the penalty could not be differentiated. */
  error: number;
  detail: string;
}

/**
 * Inputs some entries take from a smaller domain: positive values (log, sqrt, fractional powers)
 * or probabilities in (0, 1) (bce and the losses built on it). The critic maps its input there
 * with ops that are themselves twice differentiable.
 */
const domains: Record<string, "positive" | "probabilities"> = {
  log: "positive",
  sqrt: "positive",
  pow: "positive",
  bce: "probabilities",
  elbo: "probabilities",
  sparsity_kl: "probabilities",
};

/** The penalty of the sample's critic and its directional-derivative check. */
function check(s: Sample, seed: number): Outcome {
  const m = materialize(s, "layer", `critic${seed}`);
  const r = rng(seed);
  const perExample = s.inputs[0]!.shape.slice(1);
  const w = tf.variable(tf.add(1, tf.mul(0.5, tf.randomNormal(perExample, 0, 1, "float32", seed))), true, `w_${seed}_${Math.random()}`);
  const b = tf.variable(tf.mul(0.3, tf.randomNormal(perExample, 0, 1, "float32", seed + 1)), true, `b_${seed}_${Math.random()}`);
  const [real, ...others] = sampleInputs(s, seed);
  const fake = tf.randomNormal(real!.shape, 0, 1, "float32", seed + 7);
  const readout = tf.randomNormal(s.output.shape.slice(s.output.shape.length ? 1 : 0), 0, 1, "float32", seed + 9);
  const domain = domains[s.entry.name];
  const into = (z: tf.Tensor) => (domain === "positive" ? tf.add(tf.square(z), 0.5) : domain === "probabilities" ? tf.add(0.05, tf.mul(0.9, d.sigmoid(z))) : z);
  let training = true;
  const critic = {
    apply: (x: tf.Tensor) => {
      const out = m.apply([into(tf.add(tf.mul(x, w), b)), ...others!], training);
      const y = Array.isArray(out) ? out[0]! : out;
      const scored = tf.mul(y, readout);
      return y.rank > 1 ? tf.sum(scored, Array.from({ length: y.rank - 1 }, (_, i) => i + 1)) : scored;
    },
  } as unknown as Parameters<typeof dl.losses.gradientPenalty>[0];
  const penalty = () => dl.losses.gradientPenalty(critic, real!, fake, 1, new dl.Rng(5, "gp"));
  const vars = [w, b, ...m.root.trainableVariables()];
  try {
    // Random masks drawn anew at each call (dropout) make differences meaningless: such an
    // entry is checked in evaluation mode, where it is deterministic.
    const value = () => tf.tidy(() => penalty().dataSync()[0]!);
    if (value() !== value()) training = false;
    if (value() !== value()) return { error: NaN, detail: "the penalty differs between two evaluations" };
    const p0 = value();
    const { grads } = tf.variableGrads(penalty, vars);
    let worst = 0;
    const parts: string[] = [];
    // A direction whose window crosses a kink (relu at 0) gives differences that disagree
    // between H and H/2: it is skipped for another one, a few times at most.
    for (let k = 0, tries = 0; k < DIRECTIONS && tries < 4 * DIRECTIONS; tries++) {
      const dirs = vars.map((v) => tf.randomNormal(v.shape, 0, 1, "float32", r.int(1, 1e6)));
      const norm = Math.sqrt(dirs.reduce((acc, d) => acc + tf.sum(tf.square(d)).dataSync()[0]!, 0));
      const unit = dirs.map((d) => tf.div(d, norm));
      // A parameter the input gradient does not depend on (b before a linear op) has no gradient: zero.
      const analytic = vars.reduce((acc, v, i) => acc + (grads[v.name] ? tf.sum(tf.mul(grads[v.name]!, unit[i]!)).dataSync()[0]! : 0), 0);
      const at = (t: number) => {
        const saved = vars.map((v) => v.clone());
        vars.forEach((v, i) => v.assign(tf.add(saved[i]!, tf.mul(unit[i]!, t))));
        const value = tf.tidy(() => penalty().dataSync()[0]!);
        vars.forEach((v, i) => v.assign(saved[i]!));
        tf.dispose(saved);
        return value;
      };
      // Richardson extrapolation of two central differences: error O(H⁴).
      const central = (h: number) => (at(h) - at(-h)) / (2 * h);
      const [c1, c2] = [central(H), central(H / 2)];
      const numeric = (4 * c2 - c1) / 3;
      // float32 rounds the penalty itself by ~1e-6·|P|, which a difference over H/2 turns into
      // ~4e-4·|P| of noise: the tolerance is relative to the derivative plus that floor.
      const noise = (2e-6 * Math.abs(p0)) / (H / 2);
      const err = Math.max(0, Math.abs(analytic - numeric) - noise) / Math.max(Math.abs(analytic), Math.abs(numeric), 1e-6);
      if (Math.abs(c1 - c2) > 0.05 * Math.max(Math.abs(c1), Math.abs(c2)) + 2 * noise) continue;
      k++;
      worst = Math.max(worst, err);
      parts.push(`${analytic.toPrecision(4)} vs ${numeric.toPrecision(4)}, P ${p0.toPrecision(3)}`);
    }
    if (parts.length < DIRECTIONS) return { error: NaN, detail: `only ${parts.length} of ${DIRECTIONS} directions were smooth enough to difference` };
    return { error: worst, detail: parts.join(", ") };
  } catch (err) {
    const message = (err as Error).message.split("\n")[0]!;
    // An output that does not depend on the input (constant_input) has no input gradient at all.
    if (message.startsWith("Cannot compute gradient of y=f(x) with respect to x")) return { error: 0, detail: "the output does not depend on the input" };
    return { error: NaN, detail: message };
  } finally {
    m.root.dispose();
    w.dispose();
    b.dispose();
  }
}

/** Entries a penalty can differentiate through: a float first input and a float output. */
const candidates = [...registry.values()].filter((e) => e.inputs.min > 0 && e.name !== "gradient_penalty" && e.name !== "argmax");

function samplesOf(e: RegistryEntry): Sample[] {
  const r = rng(77 + e.name.length * 13 + e.name.charCodeAt(0));
  const out: Sample[] = [];
  for (let i = 0; i < CONFIGS * 4 && out.length < CONFIGS; i++) {
    const s = sample(e, r);
    if (s && s.inputs[0]!.dtype === "f32" && s.output.dtype === "f32") out.push(s);
  }
  return out;
}

test.before(async () => {
  await selectBackend("cpu");
});

for (const e of candidates) {
  const twice = e.twiceDifferentiable === true;
  test(`${e.name} inside a gradient penalty: ${twice ? "second derivatives match finite differences" : "marked not twice differentiable"}`, (t) => {
    const samples = samplesOf(e);
    if (samples.length === 0) return t.pass(`no configuration with a float input and output was drawn for ${e.name}`);
    const results = samples.map((s, i) => {
      tf.engine().startScope();
      try {
        return { s, ...check(s, 100 + i) };
      } finally {
        tf.engine().endScope();
      }
    });
    for (const x of results) t.log(`${callText(x.s)} on [${x.s.inputs.map((i) => i.shape.join("×")).join("], [")}]: ${Number.isNaN(x.error) ? "throws" : `rel. error ${x.error.toExponential(1)}`} (${x.detail})`);
    const bad = results.filter((x) => !(x.error <= TOL));
    if (twice) t.deepEqual(bad.map((x) => `${callText(x.s)}: ${x.detail}`), [], `${e.name} says it is twice differentiable`);
    else t.true(typeof e.twiceDifferentiable === "string" && e.twiceDifferentiable.length > 10, `${e.name} says why it is not twice differentiable`);
  });
}
