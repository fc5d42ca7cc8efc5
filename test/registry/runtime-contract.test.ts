/**
 * The registry's contract with the runtime, like Keras' build/compute_output_shape: for every
 * entry, over seeded random valid configurations, the code the generator writes runs, and
 *   - an entry with weights creates exactly the variables its parameter rule (`weights()`) names,
 *     with the same shapes and trainability;
 *   - the output has the shape and dtype of its shape rule (`shape()`).
 * A layer's facts live in two places (compiler entry, runtime layer); this test binds them.
 */
import test from "ava";
import * as tf from "@tensorflow/tfjs-core";
import { registry } from "../../compiler/layers/index.js";
import { constValue } from "../../compiler/shapes/dim.js";
import { selectBackend } from "../../runtime/backend/index.js";
import { materialize, sampleInputs, tfDtype } from "./materialize.js";
import { rng, sample, callText, type Sample } from "./samples.js";

/** Configurations drawn per entry. */
const PER_ENTRY = 6;

/**
 * Entries left out, each with the reason: they take what a random tensor cannot be (a model
 * instance, a train block's data) or are not applied to tensors.
 */
const skipped: Record<string, string> = {
  gradient_penalty: "takes a critic model instance (test/registry/second-order.test.ts runs it)",
  contrastive_divergence: "takes an RBM model instance (test/generative runs it)",
  greedy_decode: "takes a sequence model instance of a train block (test/sequence/transformer-reverse.test.ts runs it)",
  where: "its mask is a bool tensor, which only comparisons make (x > 0); codegen baselines and the op tests cover it",
  td_loss: "five or six inputs of different roles and ranks (q-values, actions, rewards, next values, done flags) that random shapes never meet; test/rl runs it",
  ppo_clip_loss: "four inputs of different roles (logits, actions, log-probabilities, advantages) that random shapes never meet; test/rl runs it",
};

function describeSample(s: Sample): string {
  return `${callText(s)} on ${s.inputs.map((i) => `${i.dtype}[${i.shape.join(", ")}]`).join(", ")}`;
}

test.before(async () => {
  await selectBackend("cpu");
});

const entries = [...registry.values()].filter((e) => !(e.name in skipped) && e.inputs.max > 0);

for (const entry of entries) {
  test(`${entry.kind} ${entry.name}: runtime layer matches weights() and shape()`, (t) => {
    const r = rng(1000 + [...entry.name].reduce((a, c) => a * 31 + c.charCodeAt(0), 0) % 100000);
    const samples: Sample[] = [];
    for (let i = 0; i < PER_ENTRY; i++) {
      const s = sample(entry, r);
      if (s) samples.push(s);
    }
    if (samples.length === 0) return t.fail(`no valid configuration of ${entry.name} was drawn: widen the sampler`);
    const problems: string[] = [];
    for (const s of samples) {
      const where = describeSample(s);
      tf.tidy(() => {
        const m = materialize(s);
        try {
          if (entry.weights) {
            const expected = new Map(entry.weights(s.args, s.inputs.map((i) => ({ shape: i.shape.map((d) => ({ k: "const", v: d }) as const), dtype: i.dtype }))).map((w) => [`layer.${w.name}`, { shape: w.shape.map((d) => constValue(d)!), trainable: w.trainable }]));
            const actual = m.variables();
            const fmt = (xs: Map<string, { shape: number[]; trainable: boolean }>) =>
              [...xs].map(([n, v]) => `${n}: [${v.shape.join(", ")}]${v.trainable ? "" : " (buffer)"}`).sort().join("; ");
            if (fmt(expected) !== fmt(actual)) problems.push(`${where}: weights() says ${fmt(expected) || "none"}, the runtime layer has ${fmt(actual) || "none"}`);
          } else if (m.variables().size > 0) {
            problems.push(`${where}: no weights() but the runtime creates ${[...m.variables().keys()].join(", ")}`);
          }
          const out = m.apply(sampleInputs(s));
          const y = Array.isArray(out) ? out[0]! : out;
          if (y.shape.join(",") !== s.output.shape.join(",") || y.dtype !== tfDtype[s.output.dtype]) {
            problems.push(`${where}: shape() says ${s.output.dtype}[${s.output.shape.join(", ")}], the runtime returns ${y.dtype}[${y.shape.join(", ")}]`);
          }
        } catch (err) {
          problems.push(`${where}: the generated code throws: ${(err as Error).message.split("\n")[0]} (apply: ${m.applyCode})`);
        } finally {
          m.root.dispose();
        }
      });
    }
    t.log(`${samples.length} configurations: ${samples.map(describeSample).join("; ")}`);
    t.deepEqual(problems, []);
  });
}

test("every entry applied to tensors is covered or skipped with a reason", (t) => {
  for (const [name, why] of Object.entries(skipped)) t.true(registry.has(name) && why.length > 10, name);
  t.true(entries.length + Object.keys(skipped).length + [...registry.values()].filter((e) => e.inputs.max === 0).length === registry.size);
});
