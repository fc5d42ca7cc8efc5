/**
 * Random valid configurations of registry entries, seeded: arguments drawn from each entry's
 * signature (as DL source text and as checker values), input shapes of small sizes, kept when
 * the argument binding and the entry's shape rule accept them. The registry tests use them to
 * bind each entry to its runtime layer, to build critics for second-order checks, and to
 * generate whole programs.
 */
import { bindArgs, type EvaluatedArg } from "../../compiler/check/args.js";
import { Reporter } from "../../compiler/check/reporter.js";
import type { Value } from "../../compiler/check/values.js";
import type { ArgSpec, Args, DType, EmitContext, RegistryEntry, TensorShape } from "../../compiler/registry/types.js";
import { integerInputProblem } from "../../compiler/registry/dtypes.js";
import { constValue, dim } from "../../compiler/shapes/dim.js";
import { rng } from "../runtime/seeded.js";

export type Rand = ReturnType<typeof rng>;
export { rng };

/** One accepted configuration of an entry. */
export interface Sample {
  entry: RegistryEntry;
  /** Concrete input shapes (batch first). */
  inputs: { shape: number[]; dtype: DType }[];
  /** The named arguments as DL source, `kernel=[2, 3]`, in signature order. */
  argText: string[];
  args: Args;
  output: { shape: number[]; dtype: DType };
}

const span = { start: 0, end: 0 };

/** An argument value drawn for `spec`: its source text and the checker's value; undefined keeps the default. */
function drawArg(spec: ArgSpec, r: Rand): { text: string; value: Value } | undefined {
  const int = (lo: number, hi: number) => {
    const n = r.int(lo, hi);
    return { text: String(n), value: { t: "int", v: dim(n) } as Value };
  };
  const list = (items: { text: string; value: Value }[]) => ({ text: `[${items.map((i) => i.text).join(", ")}]`, value: { t: "list", items: items.map((i) => i.value) } as Value });
  const lo = spec.min ?? (spec.type === "padding" ? 0 : 1);
  switch (spec.type) {
    case "int":
      return int(Math.max(lo, 0), Math.max(lo, 0) + 4);
    case "float": {
      const v = r.pick([0.1, 0.25, 0.5, 0.9, 1.0, 2.0]);
      return { text: v.toFixed(2), value: { t: "float", v } };
    }
    case "bool": {
      const v = r.int(0, 1) === 1;
      return { text: String(v), value: { t: "bool", v } };
    }
    case "string": {
      if (!spec.values) return undefined;
      const v = r.pick(spec.values);
      return { text: JSON.stringify(v), value: { t: "string", v } };
    }
    case "pair":
      return r.int(0, 1) ? int(1, 3) : list([int(1, 3), int(1, 3)]);
    case "padding": {
      const kind = r.int(0, 3);
      if (kind === 0) return { text: "same", value: { t: "string", v: "same" } };
      if (kind === 1) return { text: "valid", value: { t: "string", v: "valid" } };
      return kind === 2 ? int(0, 2) : list([int(0, 2), int(0, 2)]);
    }
    case "ints":
      return list(Array.from({ length: r.int(1, 3) }, () => int(Math.max(lo, 0), Math.max(lo, 0) + 3)));
    case "axis":
      return int(-2, 2);
    default:
      // Initializers, schedules, models and data sets keep their defaults here.
      return undefined;
  }
}

/** Draws input shapes: rank 2 to 4, batch 2, small sizes; often all inputs alike (add, concat). */
function drawInputs(entry: RegistryEntry, r: Rand): { shape: number[]; dtype: DType }[] {
  const n = r.int(entry.inputs.min, Math.min(entry.inputs.max, 3));
  const one = () => {
    const rank = r.int(2, 4);
    return { shape: [2, ...Array.from({ length: rank - 1 }, () => r.int(1, 6))], dtype: (r.int(0, 9) === 0 ? "i32" : "f32") as DType };
  };
  const first = one();
  const alike = r.int(0, 1) === 1;
  return Array.from({ length: n }, (_, i) => (i === 0 || alike ? { shape: [...first.shape], dtype: first.dtype } : one()));
}

/**
 * Tries to draw one accepted configuration of `entry`; undefined when `tries` draws were all
 * refused. `fixedInputs` pins the input shapes (a chain in a generated program).
 */
export function sample(entry: RegistryEntry, r: Rand, tries = 400, fixedInputs?: { shape: number[]; dtype: DType }[]): Sample | undefined {
  for (let i = 0; i < tries; i++) {
    const inputs = fixedInputs ?? drawInputs(entry, r);
    if (inputs.length < entry.inputs.min || inputs.length > entry.inputs.max) return undefined;
    const drawn: { spec: ArgSpec; text: string; value: Value }[] = [];
    let usable = true;
    for (const spec of entry.args) {
      const required = spec.default === undefined;
      if (!required && r.int(0, 1) === 0) continue;
      const a = drawArg(spec, r);
      if (a) drawn.push({ spec, ...a });
      else if (required) usable = false;
    }
    if (!usable) return undefined;
    const reporter = new Reporter("sample.dl");
    const evaluated: EvaluatedArg[] = drawn.map((d) => ({ name: { kind: "Ident", name: d.spec.name, span } as unknown as EvaluatedArg["name"], value: d.value, span }));
    const args = bindArgs(entry.args, evaluated, entry.name, span, reporter);
    if (!args) continue;
    const shapes: TensorShape[] = inputs.map((s) => ({ shape: s.shape.map(dim), dtype: s.dtype }));
    if (integerInputProblem(entry, shapes, entry.name)) continue; // the checker refuses these before the shape rule
    let refused = false;
    let out: TensorShape | undefined;
    try {
      out = entry.shape({ inputs: shapes, args, site: entry.name, fail: () => ((refused = true), undefined) });
    } catch {
      continue; // a rule that reads what a checker error would have stopped earlier
    }
    if (refused || !out) continue;
    const shape = out.shape.map(constValue);
    if (shape.some((d) => d === undefined || d < 1)) continue;
    return { entry, inputs, argText: drawn.map((d) => `${d.spec.name}=${d.text}`), args, output: { shape: shape as number[], dtype: out.dtype } };
  }
  return undefined;
}

/** An emit context for a sample: every dimension is a constant, the layer field is `self.<field>`. */
export function emitContext(s: Sample, field: string): EmitContext {
  const shapes: TensorShape[] = s.inputs.map((i) => ({ shape: i.shape.map(dim), dtype: i.dtype }));
  return {
    args: s.args,
    inputs: shapes,
    output: { shape: s.output.shape.map(dim), dtype: s.output.dtype },
    field: `self.${field}`,
    training: "training",
    rng: "rng",
    dim: (d) => String(constValue(d)),
  };
}

/** The call as DL source: `conv2d(filters=4, kernel=[2, 3])`. */
export function callText(s: Sample): string {
  return `${s.entry.name}(${s.argText.join(", ")})`;
}
