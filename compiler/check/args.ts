/**
 * Binds call arguments to a signature: positional then named, unknown names with "did you mean",
 * duplicates, missing required arguments, defaults, and conversion to each declared type.
 */
import { limits } from "../../grammar/limits.js";
import type * as A from "../../grammar/ast.js";
import { catalog } from "../diagnostics/catalog.js";
import { foreignArgument } from "./foreign-names.js";
import { constValue, dim, type Dim } from "../shapes/dim.js";
import type { ArgSpec, ArgType, Padding } from "../registry/types.js";
import type { IRArgs as Args, IRArgValue as ArgValue } from "../ir/values.js";
import { closest } from "./suggest.js";
import { describe, type Value } from "./values.js";
import type { Reporter } from "./reporter.js";

/** A positional or named argument, already evaluated. */
export interface EvaluatedArg {
  name?: A.Ident;
  value: Value;
  span: A.Span;
}

/** How each argument type reads in messages ("must be an int"). */
export const typeNames: Record<ArgType, string> = {
  int: "an int",
  float: "a number",
  bool: "true or false",
  string: "a string",
  pair: "an int or [int, int]",
  padding: "same, valid, an int, [int, int] or [[top, bottom], [left, right]]",
  ints: "a list of ints",
  axis: "an int axis",
  axes: "an int axis or a list of constant int axes",
  model: "a model of this train block",
  data: "an unbatched data set",
  schedule: "a learning-rate schedule such as cosine_lr(total=10)",
  init: "an initializer such as normal(0.02), kaiming or zeros",
};

/** Binds `args` to `specs`; returns undefined when a reported error leaves no usable binding. */
export function bindArgs(specs: ArgSpec[], args: EvaluatedArg[], callee: string, callSpan: A.Span, r: Reporter): Args | undefined {
  const given = new Map<string, EvaluatedArg>();
  /** Named arguments the callee lacks: each one is probably a required argument misnamed. */
  const unknown: EvaluatedArg[] = [];
  let ok = true;
  let position = 0;
  for (const a of args) {
    if (!a.name) {
      const spec = specs[position++];
      // Initializers are named only (`init=normal(0.02)`): a positional argument never binds to one.
      if (!spec || spec.type === "init") {
        r.report(catalog.tooManyArguments(r.at(a.span), callee, specs.filter((s) => s.type !== "init").length, args.filter((x) => !x.name).length));
        ok = false;
        continue;
      }
      if (spec.keyword) {
        const first = args.find((x) => !x.name);
        const units = specs[0]?.name === "units" && first?.value.t === "int" && a.value.t === "int";
        const size = (v: Value) => describe(v).replace(/^int /, "");
        r.report(catalog.keywordOnlyArgument(r.at(a.span), callee, spec.name, units ? `${callee} reads its input size from the input: PyTorch's ${callee.toUpperCase()}(${size(first!.value)}, ${size(a.value)}) is ${callee}(${size(a.value)})` : undefined));
        ok = false;
        continue;
      }
      given.set(spec.name, a);
      continue;
    }
    const spec = specs.find((s) => s.name === a.name!.name);
    if (!spec) {
      unknown.push(a);
      ok = false;
    } else if (given.has(spec.name)) {
      r.report(catalog.duplicateArgument(r.at(a.name.span), spec.name));
      ok = false;
    } else given.set(spec.name, a);
  }
  const missing = specs.filter((s) => s.default === undefined && !given.has(s.name));
  const names = specs.map((s) => s.name);
  for (const a of unknown) {
    // Keras and PyTorch names (`kernel_size`, `strides`, `learning_rate`) before typos; the one
    // required argument left unfilled when nothing else fits (`cosine_lr(T_max=10)` → `total`).
    const foreign = foreignArgument(a.name!.name, names);
    const open = missing.filter((s) => s.type !== "init").map((s) => s.name);
    const suggestion = foreign ? foreign.name : (closest(a.name!.name, names) ?? (open.length === 1 && unknown.length === 1 && !foreign ? open[0] : undefined));
    r.report(catalog.unknownArgument(r.at(a.name!.span), callee, a.name!.name, names, suggestion, foreign?.note));
  }
  const out: Args = {};
  for (const spec of specs) {
    const a = given.get(spec.name);
    if (!a) {
      // A misnamed argument is reported once, as unknown, not again as the one missing.
      if (spec.default === undefined && unknown.length) {
        ok = false;
        continue;
      }
      if (spec.default === undefined) {
        r.report(catalog.missingArgument(r.at(callSpan), callee, spec.name, typeNames[spec.type]));
        ok = false;
        continue;
      }
      // `none` marks an optional argument: it stays absent and the entry decides.
      if (spec.default !== "none") out[spec.name] = defaultValue(spec, out);
      continue;
    }
    // An error inside the value (a list item, say) was reported where it stands.
    if (containsUnknown(a.value)) {
      ok = false;
      continue;
    }
    const converted = convert(spec.type, a.value);
    if (converted === undefined) {
      r.report(catalog.wrongArgumentType(r.at(a.span), callee, spec.name, typeNames[spec.type], describe(a.value), quotedHint(spec, a.value) ?? (a.name ? undefined : positionalHint(specs, args, a, given, callee))));
      ok = false;
    } else if (spec.values && !spec.values.includes(a.value.t === "init" ? a.value.name : (converted as string))) {
      r.report(catalog.wrongArgumentType(r.at(a.span), callee, spec.name, `one of ${spec.values.map((v) => JSON.stringify(v)).join(", ")}`, describe(a.value)));
      ok = false;
    } else if (!withinMinimum(spec, converted, a, callee, r) || !withinMaximum(spec, converted, a, callee, r)) ok = false;
    else out[spec.name] = converted;
  }
  return ok ? out : undefined;
}

/** The smallest value an argument's constant integers may take (see `ArgSpec.min`). */
export function minimumOf(spec: ArgSpec): number | undefined {
  if (spec.min !== undefined) return spec.min;
  if (spec.type === "int" || spec.type === "pair" || spec.type === "ints") return 1;
  if (spec.type === "padding") return 0;
  return undefined;
}

/** Reports a constant below the argument's minimum (`dense(0)`, `crop(-1)`, `conv2d(padding=-1)`). */
function withinMinimum(spec: ArgSpec, value: ArgValue, a: EvaluatedArg, callee: string, r: Reporter): boolean {
  const min = minimumOf(spec);
  if (min === undefined) return true;
  const bad = constantsOf(spec.type, value).find((n) => n < min);
  if (bad === undefined) return true;
  const rule =
    min === 1 ? (spec.type === "ints" ? "each size in it must be positive" : "it must be positive")
    : min === 0 ? "it must be zero or more"
    : min === -1 ? "each size must be positive, or -1 for the one inferred axis"
    : `it must be at least ${min}`;
  r.report(catalog.argumentBelowMinimum(r.at(a.span), callee, spec.name, bad, rule));
  return false;
}

/** The largest value an argument's constant integers may take (see `ArgSpec.max`). */
export function maximumOf(spec: ArgSpec): number | undefined {
  if (spec.max !== undefined) return spec.max;
  if (spec.type === "int" || spec.type === "pair" || spec.type === "ints" || spec.type === "padding") return limits.size;
  return undefined;
}

/** Reports a constant above the argument's limit (`dense(4294967296)`, `lstm(8, layers=100000)`). */
function withinMaximum(spec: ArgSpec, value: ArgValue, a: EvaluatedArg, callee: string, r: Reporter): boolean {
  const max = maximumOf(spec);
  if (max === undefined) return true;
  const bad = constantsOf(spec.type, value).find((n) => n > max);
  if (bad === undefined) return true;
  r.report(catalog.overLimit(r.at(a.span), `argument '${spec.name}' of ${callee}`, bad, max));
  return false;
}

/** The constant integers inside a converted argument; symbolic dimensions are checked elsewhere. */
function constantsOf(type: ArgType, value: ArgValue): number[] {
  const consts = (ds: Dim[]) => ds.map(constValue).filter((n): n is number => n !== undefined);
  switch (type) {
    case "int":
      return consts([value as Dim]);
    case "pair":
      return consts(value as [Dim, Dim]);
    case "ints":
      return consts(value as Dim[]);
    case "padding": {
      const p = value as Padding;
      return p.kind === "explicit" ? consts(p.pads.flat()) : [];
    }
    default:
      return [];
  }
}

function containsUnknown(v: Value): boolean {
  return v.t === "unknown" || ((v.t === "list" || v.t === "tuple") && v.items.some(containsUnknown));
}

/** Converts a value to an argument type, or undefined when it does not fit. */
export function convert(type: ArgType, v: Value): ArgValue | undefined {
  switch (type) {
    case "int":
      return v.t === "int" ? v.v : undefined;
    case "float":
      if (v.t === "float") return v.v;
      if (v.t === "int") return constValue(v.v);
      return undefined;
    case "bool":
      return v.t === "bool" && v.v !== undefined ? v.v : undefined;
    case "string":
      return v.t === "string" ? v.v : undefined;
    case "schedule":
      return v.t === "schedule" ? { kind: "schedule", name: v.entry.name, args: v.args } : undefined;
    case "init":
      return v.t === "init" && v.args ? { kind: "init", name: v.name, args: v.args } : undefined;
    case "axis":
      return v.t === "int" ? constValue(v.v) : undefined;
    case "axes": {
      // Constant axes only: a symbolic one would leave the result's rank unknown.
      const items = v.t === "int" ? [v.v] : ints(v);
      return items && items.length > 0 && items.every((d) => constValue(d) !== undefined) ? items : undefined;
    }
    case "pair": {
      if (v.t === "int") return [v.v, v.v];
      const items = ints(v);
      return items?.length === 2 ? [items[0]!, items[1]!] : undefined;
    }
    case "ints":
      return ints(v);
    case "padding":
      return padding(v);
    case "model":
      return v.t === "callable" && v.callable.c === "instance" ? { kind: "instance", name: v.callable.name } : undefined;
    case "data":
      return v.t === "dataset" && !v.batched && !v.environment ? { kind: "data", pipeline: v.pipeline, fields: v.fields } : undefined;
  }
}

function ints(v: Value): Dim[] | undefined {
  if (v.t !== "list" && v.t !== "tuple") return undefined;
  const out: Dim[] = [];
  for (const item of v.items) {
    if (item.t !== "int") return undefined;
    out.push(item.v);
  }
  return out;
}

function padding(v: Value): Padding | undefined {
  if (v.t === "string") return v.v === "same" || v.v === "valid" ? { kind: v.v } : undefined;
  if (v.t === "int") return { kind: "explicit", pads: [[v.v, v.v], [v.v, v.v]] };
  const flat = ints(v);
  if (flat?.length === 2) return { kind: "explicit", pads: [[flat[0]!, flat[0]!], [flat[1]!, flat[1]!]] };
  if ((v.t === "list" || v.t === "tuple") && v.items.length === 2) {
    const h = ints(v.items[0]!);
    const w = ints(v.items[1]!);
    if (h?.length === 2 && w?.length === 2) return { kind: "explicit", pads: [[h[0]!, h[1]!], [w[0]!, w[1]!]] };
  }
  return undefined;
}

/** Evaluates a default written in the signature: a literal, `same`/`valid`, or another argument's name. */
function defaultValue(spec: ArgSpec, earlier: Args): ArgValue {
  const text = spec.default!;
  if (text in earlier) return earlier[text]!;
  if (text === "true" || text === "false") return text === "true";
  if (text.startsWith('"')) return JSON.parse(text) as string;
  if (text === "same" || text === "valid") return { kind: text };
  const n = Number(text);
  if (spec.type === "float" || spec.type === "axis") return n;
  const d = dim(n);
  return spec.type === "pair" ? [d, d] : spec.type === "padding" ? { kind: "explicit", pads: [[d, d], [d, d]] } : d;
}

/**
 * Why a positional argument landed where its type does not fit: positions fill parameters in
 * order, so name the one meant (`Net(0.5)` → `rate=0.5`); and PyTorch's `Linear(784, 10)`, whose
 * input size DL reads from the input.
 */
function positionalHint(specs: ArgSpec[], args: EvaluatedArg[], a: EvaluatedArg, given: Map<string, EvaluatedArg>, callee: string): string | undefined {
  const positional = args.filter((x) => !x.name);
  const k = positional.indexOf(a);
  const spec = specs[k];
  const first = positional[0];
  if (k === 1 && (specs[0]?.name === "units" || specs[0]?.name === "filters") && first?.value.t === "int" && a.value.t === "int") {
    const text = describe(a.value).replace(/^int /, "");
    return `${callee} takes only its output size, and reads its input size from the input: PyTorch's ${specs[0].name === "units" ? "Linear" : "Conv2d"}(${describe(first.value).replace(/^int /, "")}, ${text}) is ${callee}(${text})`;
  }
  // `normal(64, 100)` (torch.randn's sizes as arguments): a shape is one list.
  if (spec?.type === "ints" && a.value.t === "int") {
    const sizes = positional.slice(k).filter((x) => x.value.t === "int");
    if (sizes.length === positional.length - k) return `the sizes go in one list: ${callee}(${positional.slice(0, k).map((x) => describe(x.value).replace(/^\w+ /, "") + ", ").join("")}[${sizes.map((x) => describe(x.value).replace(/^int /, "")).join(", ")}])`;
  }
  const fits = specs.find((s) => s !== spec && !given.has(s.name) && s.type !== "init" && convert(s.type, a.value) !== undefined && !s.values);
  if (!fits) return undefined;
  return `positional argument ${k + 1} fills '${spec?.name}' (${callee}'s parameters in order: ${specs.filter((s) => s.type !== "init").map((s) => s.name).join(", ")}); did you mean ${fits.name}=${describe(a.value).replace(/^(int|float|string|bool) /, "")}?`;
}

/** A number or a padding name written as a string (`lr="1e-3"`, TensorFlow's `padding="SAME"`): the unquoted form. */
function quotedHint(spec: ArgSpec, v: Value): string | undefined {
  if (v.t !== "string") return undefined;
  if (spec.type === "padding" && /^(same|valid)$/i.test(v.v)) return `write ${spec.name}=${v.v.toLowerCase()} (a name, not a string)`;
  if ((spec.type === "float" || spec.type === "int") && v.v.trim() !== "" && Number.isFinite(Number(v.v))) return `write ${spec.name}=${v.v.trim()} (a number, not a string)`;
  return undefined;
}
