/**
 * A seeded generator of random model programs from registry entries: a model reshapes its
 * feature vector to a random rank-2 to rank-4 shape, pipes it through 1 to 4 layers drawn from
 * the registry with random valid arguments (the registry samples), then `flatten |> dense(C)`;
 * a train block fits it to `blobs` with cross-entropy. Every stage is valid by the entry's own
 * shape rule at batch size 2, so the checker should accept the program, and then it must run.
 */
import { registry } from "../../compiler/layers/index.js";
import type { RegistryEntry } from "../../compiler/registry/types.js";
import { callText, sample, type Rand } from "../registry/samples.js";

/**
 * Entries a pipeline stage can be: one tensor in, a layer (not a loss, metric or constant). Left
 * out: argmax (integers out), and log, sqrt and pow, whose inputs here may be negative: their
 * NaN losses stop the run with dl's own message (a correct outcome, not what this corpus looks for).
 */
const stages: RegistryEntry[] = [...registry.values()].filter((e) => e.kind === "layer" && e.inputs.min === 1 && !["argmax", "log", "sqrt", "pow"].includes(e.name));

export interface RandomProgram {
  /** The train block's name (`gen3`); the model is `Gen3`. */
  name: string;
  /** The model and its train block, as DL source. */
  text: string;
  /** The stages, for messages: `reshape([4, 4, 2]) |> conv2d(filters=3) |> tanh()`. */
  stages: string;
}

/** One random program numbered `k`; undefined when no stage fitted the drawn shape. */
export function randomProgram(k: number, r: Rand): RandomProgram | undefined {
  const rank = r.int(2, 4);
  const start = Array.from({ length: rank - 1 }, () => r.int(2, 6));
  const features = start.reduce((a, b) => a * b, 1);
  const calls = rank === 2 ? [] : [`reshape([${start.join(", ")}])`];
  let shape = [2, ...start];
  const n = r.int(1, 4);
  for (let i = 0, tries = 0; i < n && tries < 40; tries++) {
    const s = sample(r.pick(stages), r, 30, [{ shape, dtype: "f32" }]);
    if (!s || s.output.dtype !== "f32" || s.output.shape.length < 2 || s.output.shape.reduce((a, b) => a * b, 1) > 4096) continue;
    calls.push(callText(s));
    shape = s.output.shape;
    i++;
  }
  if (calls.length <= (rank === 2 ? 0 : 1)) return undefined;
  const classes = r.int(2, 5);
  const name = `gen${k}`;
  const model = `Gen${k}`;
  const text =
    `model ${model}() {\n  input x: f32[B, ${features}]\n  return x${calls.map((c) => ` |> ${c}`).join("")} |> flatten |> dense(${classes})\n}\n\n` +
    `train ${name} {\n  data train = blobs(features=${features}, centers=${classes}) |> batch(2)\n  model net = ${model}()\n  optimizer opt = adam(net, lr=1e-3)\n  epochs 1\n` +
    `  for (x, y) in train {\n    step opt minimize cross_entropy(net(x), y)\n  }\n}\n`;
  return { name, text, stages: calls.join(" |> ") };
}
