/**
 * Runs a registry entry's emitted code for one sample: the `construct` expression creates the
 * runtime layer under a root module, the `apply` expression applies it to input tensors. Both
 * are the exact TypeScript the code generator writes, transpiled and evaluated here.
 */
import * as tf from "@tensorflow/tfjs-core";
import ts from "typescript";
import * as dl from "dl-lang/runtime";
import { emitContext, type Sample } from "./samples.js";

/** A root module that holds a sample's layer as a field. */
class Root extends dl.Module {
  [field: string]: unknown;
}

const js = (code: string) => ts.transpileModule(`(${code})`, { compilerOptions: { target: ts.ScriptTarget.ES2022 } }).outputText.trim().replace(/;$/, "");

/** The sample's layer, built (if it has one) under `root.<field>`, and a function applying it. */
export interface Materialized {
  root: dl.Module;
  /** Stable variable names below the root (without the root's own name), with shapes. */
  variables(): Map<string, { shape: number[]; trainable: boolean }>;
  apply(inputs: tf.Tensor[], training?: boolean): tf.Tensor | tf.Tensor[];
  constructCode?: string;
  applyCode: string;
}

export function materialize(s: Sample, field = "layer", name = "root"): Materialized {
  const ctx = emitContext(s, field);
  const root = new Root(null, name, new dl.Rng(7, name));
  let constructCode: string | undefined;
  if (s.entry.construct) {
    constructCode = s.entry.construct(ctx, "self", field);
    const make = new Function("dl", "tf", "self", `return ${js(constructCode)};`) as (d: typeof dl, t: typeof tf, self: dl.Module) => unknown;
    root[field] = make(dl, tf, root);
  }
  const names = s.inputs.map((_, i) => `x${i}`);
  const applyCode = s.entry.apply(ctx, names);
  const run = new Function("dl", "tf", "self", "training", "rng", ...names, `return ${js(applyCode)};`) as (...a: unknown[]) => tf.Tensor | tf.Tensor[];
  const trainable = () => new Set(root.trainableVariables());
  return {
    root,
    constructCode,
    applyCode,
    variables() {
      const keep = trainable();
      const out = new Map<string, { shape: number[]; trainable: boolean }>();
      for (const [n, v] of root.namedVariables()) out.set(n.slice(name.length + 1), { shape: v.shape, trainable: keep.has(v) });
      return out;
    },
    apply: (inputs, training = true) => run(dl, tf, root, training, new dl.Rng(3, "apply"), ...inputs),
  };
}

/** Seeded inputs for a sample: normal floats, and zeros for integer inputs (indices valid for any size). */
export function sampleInputs(s: Sample, seed = 1): tf.Tensor[] {
  return s.inputs.map((i, k) => (i.dtype === "f32" ? tf.randomNormal(i.shape, 0, 1, "float32", seed + k) : tf.zeros(i.shape, i.dtype === "i32" ? "int32" : "bool")));
}

/** tfjs's dtype names for DL's. */
export const tfDtype = { f32: "float32", i32: "int32", bool: "bool" } as const;
