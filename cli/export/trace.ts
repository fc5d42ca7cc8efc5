/**
 * Records what a generated model does in one forward pass, as a graph of layer and op calls: the
 * generated code reaches layers and ops only through `dl.layers.*` and `dl.ops.*`, so a runtime
 * object whose `layers` and `ops` are wrapped sees every call with its tensors (by tfjs id) and
 * its other arguments. The tfjs layers export (tfjs-layers.ts) maps the graph onto tfjs-layers.
 */
import * as tf from "@tensorflow/tfjs-core";
import type * as Runtime from "../../runtime/index.js";
import type { Module } from "../../runtime/index.js";

/** An argument as recorded: a tensor by id, a list of them, or any other value as given. */
export type TracedArg = { tensor: number } | { tensors: number[] } | { value: unknown };

/** One call of the forward pass. */
export type TracedCall =
  | { kind: "layer"; type: string; layer: Module; args: TracedArg[]; output: number; shape: number[] }
  | { kind: "op"; name: string; args: TracedArg[]; output: number; shape: number[] };

/** The forward pass of a model: its inputs and output by tensor id, the calls in order. */
export interface Trace {
  inputs: { name: string; id: number }[];
  calls: TracedCall[];
  output: number | undefined;
  /** Why the graph is not complete (a tensor no recorded call made, an output that is not a tensor). */
  problem?: string;
}

const record = (a: unknown): TracedArg =>
  a instanceof tf.Tensor ? { tensor: a.id } : Array.isArray(a) && a.length > 0 && a.every((t) => t instanceof tf.Tensor) ? { tensors: a.map((t: tf.Tensor) => t.id) } : { value: a };

/** A runtime like `real` whose layers and ops record their calls while a trace is on. */
export function tracingRuntime(real: typeof Runtime): { runtime: Record<string, unknown>; trace(model: Module & { apply(...a: unknown[]): unknown }, inputs: { name: string; tensor: tf.Tensor }[]): Trace } {
  let calls: TracedCall[] | undefined;
  const ops: Record<string, unknown> = {};
  for (const [name, f] of Object.entries(real.ops)) {
    ops[name] =
      typeof f !== "function"
        ? f
        : (...args: unknown[]) => {
            const out = (f as (...a: unknown[]) => unknown)(...args);
            if (calls && out instanceof tf.Tensor) calls.push({ kind: "op", name, args: args.map(record), output: out.id, shape: out.shape });
            return out;
          };
  }
  const layers: Record<string, unknown> = {};
  for (const [type, C] of Object.entries(real.layers)) {
    const isLayerClass = typeof C === "function" && C.prototype instanceof real.Module && typeof (C.prototype as { apply?: unknown }).apply === "function";
    layers[type] = !isLayerClass
      ? C
      : class extends (C as unknown as new (...a: unknown[]) => Module & { apply(...a: unknown[]): unknown }) {
          override apply(...args: unknown[]): unknown {
            const out = super.apply(...args);
            if (calls && out instanceof tf.Tensor) calls.push({ kind: "layer", type, layer: this, args: args.map(record), output: out.id, shape: out.shape });
            return out;
          }
        };
  }
  return {
    runtime: { ...real, ops, layers },
    trace(model, inputs) {
      calls = [];
      try {
        const out = tf.tidy(() => {
          const y = model.apply(...inputs.map((i) => i.tensor), false);
          return y instanceof tf.Tensor ? tf.keep(y) : undefined;
        });
        const result: Trace = { inputs: inputs.map((i) => ({ name: i.name, id: i.tensor.id })), calls, output: out?.id };
        out?.dispose();
        if (out === undefined) result.problem = "the model does not return one tensor";
        else result.problem = unknownTensor(result);
        return result;
      } finally {
        calls = undefined;
      }
    },
  };
}

/** The first tensor used that neither an input nor a recorded call made (tf.* in generated code, a param). */
function unknownTensor(t: Trace): string | undefined {
  const known = new Set(t.inputs.map((i) => i.id));
  for (const c of t.calls) {
    for (const a of c.args) {
      const ids = "tensor" in a ? [a.tensor] : "tensors" in a ? a.tensors : [];
      const missing = ids.find((id) => !known.has(id));
      if (missing !== undefined) return `${c.kind === "layer" ? `${c.layer.path} (${c.type})` : `ops.${c.name}`} uses a tensor that is not the output of a layer or op (a model parameter, or a tensor computed directly)`;
    }
    known.add(c.output);
  }
  return t.output !== undefined && !known.has(t.output) ? "the model's output is not the output of a layer or op" : undefined;
}
