/**
 * Renders a block of IR nodes as Python statements: one assignment per node that something
 * uses, named after the source `let` when there is one (`t1`, `t2`, ... otherwise). Registry
 * entries lower through `lower.torch` when they have one, else through their runtime call
 * (runtime-call.ts).
 */
import { freshName } from "../fresh-name.js";
import { registry } from "../../layers/index.js";
import { dimCode } from "../../layers/helpers.js";
import { safeName } from "../../check/names.js";
import type { Dim } from "../../shapes/dim.js";
import type { EmitContext } from "../../registry/types.js";
import type { IRArgs } from "../../ir/values.js";
import type { Node, Operand } from "../../ir/model.js";
import { callArgs, type DataScope } from "./lower-args.js";
import type { PythonWriter } from "./python-writer.js";
import { pyName } from "./python-writer.js";
import { runtimeCall, type RuntimeNames } from "./runtime-call.js";

/** What node rendering needs from the enclosing class or train function. */
export interface PyScope {
  /** The `training` flag: `training` in a model, `True`/`False` in a train block. */
  training: "training" | "True" | "False";
  /** The seeded generator in scope, in the runtime-call notation (`this.rng`, `rng.child("loop")`). */
  rng: string;
  /** Symbolic sizes in the runtime-call notation (`B` → `x.shape[0]!`). */
  symbols: Map<string, string>;
  usedSymbols: Set<string>;
  /** Python names of inputs (model inputs, batch fields) by DL name. */
  inputs: Map<string, string>;
  usedInputs: Set<string>;
  /** The Python name of a train-block model instance. */
  instance(name: string): string;
  data?: DataScope;
  /** Python names taken in the scope. */
  taken: Set<string>;
  vars: Map<number | string, string>;
  temp: { n: number };
  names: RuntimeNames;
}

/** A DL name as a Python name (the TypeScript target's name, then Python's reserved words). */
export function pyIdent(name: string): string {
  return pyName(safeName(name));
}

/** Writes `nodes` (those in `used`) to `w`. */
export function renderNodes(w: PythonWriter, nodes: Node[], scope: PyScope, used: ReadonlySet<number>): void {
  for (const n of nodes) {
    if (!used.has(n.id)) continue;
    const expr = nodeCode(n, scope);
    const outputs = n.op === "call" && n.tuple ? n.outputs : n.op === "layer" ? n.outputs : undefined;
    const itemNames = n.op === "call" || n.op === "layer" ? n.itemNames : undefined;
    if (outputs && itemNames && !n.names) {
      // `let (mu, logvar) = enc(x)`: every tensor named unpacks; else the tuple is kept and indexed.
      const items = outputs.map((_, i) => (itemNames[i] !== undefined ? fresh(itemNames[i], scope) : ""));
      if (items.every((v) => v)) {
        w.line(`${items.join(", ")}${items.length === 1 ? "," : ""} = ${expr}`);
      } else {
        const whole = fresh(undefined, scope);
        scope.vars.set(n.id, whole);
        w.line(`${whole} = ${expr}`);
        for (const [i, v] of items.entries()) if (v) w.line(`${v} = ${whole}[${i}]`);
      }
      for (const [i, v] of items.entries()) if (v) scope.vars.set(itemKey(n.id, i), v);
      continue;
    }
    const v = fresh(n.names?.[0], scope);
    scope.vars.set(n.id, v);
    w.line(`${v} = ${expr}`);
  }
}

const fresh = (name: string | undefined, scope: PyScope): string => freshName(name, scope, pyIdent);

/** An operand as a Python expression. */
export function operandCode(o: Operand, scope: PyScope): string {
  switch (o.k) {
    case "node":
    case "item": {
      const named = o.k === "item" ? scope.vars.get(itemKey(o.id, o.index)) : undefined;
      if (named !== undefined) return named;
      const v = scope.vars.get(o.id);
      if (v === undefined) throw new Error(`IR node ${o.id} used before it is computed`);
      return o.k === "item" ? `${v}[${o.index}]` : v;
    }
    case "input": {
      const v = scope.inputs.get(o.name);
      if (v === undefined) throw new Error(`IR input ${o.name} is not in scope`);
      scope.usedInputs.add(o.name);
      return v;
    }
    case "param":
      return `self.${pyIdent(o.name)}`;
    case "scalar":
      return typeof o.value === "boolean" ? (o.value ? "True" : "False") : String(o.value);
  }
}

/**
 * The lowering context of an entry in this scope, in the runtime-call notation the entries'
 * lowerings share (what `runtimeCall` reads): the field as `this.<name>`, the flag and sizes.
 */
export function callContext(scope: PyScope, n: { args: IRArgs; inputs: EmitContext["inputs"]; output: EmitContext["output"]; field?: string }): EmitContext {
  return {
    args: callArgs(n.args, { python: false }, scope.data),
    inputs: n.inputs,
    output: n.output,
    field: `this.${n.field ?? ""}`,
    training: scope.training === "training" ? "training" : scope.training === "True" ? "true" : "false",
    rng: scope.rng,
    dim: (d: Dim) => dimExpr(d, scope),
  };
}

/** The same context in Python, for an entry's own `lower.torch`. */
export function pythonContext(ctx: EmitContext, scope: PyScope, args: IRArgs): EmitContext {
  return {
    ...ctx,
    args: callArgs(args, { python: true, names: scope.names }, scope.data),
    field: ctx.field.replace(/^this\./, "self."),
    training: scope.training,
    rng: runtimeCall(ctx.rng, "rng", scope.names),
    dim: (d: Dim) => runtimeCall(ctx.dim(d), "size", scope.names),
  };
}

function dimExpr(d: Dim, scope: PyScope): string {
  const code = dimCode(d, scope.symbols);
  for (const s of scope.symbols.keys()) if (symbolIn(d, s)) scope.usedSymbols.add(s);
  return code;
}

function symbolIn(d: Dim, name: string): boolean {
  return d.k === "sym" ? d.name === name : d.k === "op" ? symbolIn(d.a, name) || symbolIn(d.b, name) : false;
}

/** The Python expression of one node. */
function nodeCode(n: Node, scope: PyScope): string {
  const inputs = n.inputs.map((i) => operandCode(i, scope));
  const where = n.op === "layer" ? n.entry : n.op;
  const call = (src: string) => runtimeCall(src, where, scope.names);
  switch (n.op) {
    case "arith":
      return call(`dl.ops.${n.fn}(${inputs.join(", ")})`);
    case "slice": {
      const dim = (d: Dim) => dimExpr(d, scope);
      const drop = n.drop.length || n.step ? `, [${n.drop.join(", ")}]` : "";
      const step = n.step ? `, [${n.step.join(", ")}]` : "";
      return call(`dl.ops.slice(${inputs[0]}, [${n.begin.map(dim).join(", ")}], [${n.size.map((d) => (d === "all" ? "-1" : dim(d))).join(", ")}]${drop}${step})`);
    }
    case "call": {
      const target = n.field !== undefined ? `self.${n.field}` : scope.instance(n.instance!);
      return `${target}.apply(${[...inputs, scope.training].join(", ")})`;
    }
    case "layer": {
      const entry = registry.get(n.entry);
      if (!entry) throw new Error(`no registry entry ${n.entry}`);
      const ctx = callContext(scope, { args: n.args, inputs: n.inputShapes, output: n.output, field: n.field });
      const own = entry.lower?.torch;
      if (own) return own.apply(pythonContext(ctx, scope, n.args), inputs);
      return call(entry.apply(ctx, inputs));
    }
  }
}

function itemKey(id: number, index: number): string {
  return `${id}:${index}`;
}
