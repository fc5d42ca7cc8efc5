/**
 * Renders a block of IR nodes as TypeScript statements: one `const` per node that something
 * uses, named after the source `let` when there is one (`t1`, `t2`, ... otherwise).
 */
import { freshName } from "../fresh-name.js";
import { registry } from "../../layers/index.js";
import { dimCode } from "../../layers/helpers.js";
import { safeName } from "../../check/names.js";
import type { Dim } from "../../shapes/dim.js";
import type { EmitContext } from "../../registry/types.js";
import type { Node, Operand } from "../../ir/model.js";
import type { Code } from "./code.js";
import { tsArgs, type DataScope } from "./lower-args.js";

/** What node rendering needs from the enclosing class or train program. */
export interface BodyScope {
  /** The TS expression of the `training` flag. */
  training: string;
  /** The seeded random generator in scope. */
  rng: string;
  /** Run-time expressions of symbolic sizes (`B` → `x.shape[0]!`). */
  symbols: Map<string, string>;
  /** Symbols an expression used: a train closure declares `B` only when something reads it. */
  usedSymbols: Set<string>;
  /** TS names of inputs (model inputs, batch fields) by DL name. */
  inputs: Map<string, string>;
  /** Inputs an expression read: a train closure binds only the batch fields it reads. */
  usedInputs: Set<string>;
  /** The expression of a model instance of a train program. */
  instance(name: string): string;
  data?: DataScope;
  /** TS names taken in the scope; node names are chosen to be fresh. */
  taken: Set<string>;
  /** Variable of each rendered node, by id (and of a destructured tuple's tensors, by `itemKey`). */
  vars: Map<number | string, string>;
  /** Nodes whose value is an array of tensors (a registry entry's tuple). */
  arrays: Set<number>;
  /** Counter of generated temporaries. */
  temp: { n: number };
}

/** Renders `nodes` into `code`, skipping nodes whose value nothing uses (`used` holds the ids that are). */
export function renderNodes(code: Code, nodes: Node[], scope: BodyScope, used: ReadonlySet<number>): void {
  for (const n of nodes) {
    if (!used.has(n.id)) continue;
    const expr = nodeCode(n, scope);
    const outputs = n.op === "call" && n.tuple ? n.outputs : n.op === "layer" ? n.outputs : undefined;
    const itemNames = n.op === "call" || n.op === "layer" ? n.itemNames : undefined;
    if (outputs && itemNames && !n.names) {
      // `let (mu, logvar) = enc(x)`: the tuple's tensors get the source names. A model's tuple is
      // typed and destructures; an entry's is an array, read item by item.
      const array = n.op === "layer";
      const items = outputs.map((_, i) => (itemNames[i] !== undefined ? fresh(itemNames[i], scope) : ""));
      if (array || items.some((v) => !v)) scope.vars.set(n.id, fresh(undefined, scope));
      if (array) scope.arrays.add(n.id);
      const whole = scope.vars.get(n.id);
      code.line(whole ? `const ${whole} = ${expr};` : `const [${items.join(", ").replace(/(, )+$/, "")}] = ${expr};`);
      for (const [i, v] of items.entries()) {
        if (!v) continue;
        if (whole) code.line(`const ${v} = ${operandCode({ k: "item", id: n.id, index: i }, scope)};`);
        scope.vars.set(itemKey(n.id, i), v);
      }
      continue;
    }
    const v = fresh(n.names?.[0], scope);
    scope.vars.set(n.id, v);
    if (n.op === "layer" && n.outputs) scope.arrays.add(n.id);
    code.line(`const ${v} = ${expr};`);
  }
}

export { usedNodes } from "../../ir/model.js";

const fresh = (name: string | undefined, scope: BodyScope): string => freshName(name, scope, safeName);

/** An operand as a TS expression. */
export function operandCode(o: Operand, scope: BodyScope): string {
  switch (o.k) {
    case "node":
    case "item": {
      const named = o.k === "item" ? scope.vars.get(itemKey(o.id, o.index)) : undefined;
      if (named !== undefined) return named;
      const v = scope.vars.get(o.id);
      if (v === undefined) throw new Error(`IR node ${o.id} used before it is computed`);
      // A registry entry's tuple is an array (`split`); a model's is a typed tuple.
      return o.k === "item" ? `${v}[${o.index}]${scope.arrays.has(o.id) ? "!" : ""}` : v;
    }
    case "input": {
      const v = scope.inputs.get(o.name);
      if (v === undefined) throw new Error(`IR input ${o.name} is not in scope`);
      scope.usedInputs.add(o.name);
      return v;
    }
    case "param":
      return `this.${safeName(o.name)}`;
    case "scalar":
      return String(o.value);
  }
}

/** The TS-lowering context of a registry entry applied (or constructed) in this scope. */
export function emitContext(scope: BodyScope, n: { args: import("../../ir/values.js").IRArgs; inputs: EmitContext["inputs"]; output: EmitContext["output"]; field?: string }): EmitContext {
  return {
    args: tsArgs(n.args, scope.data),
    inputs: n.inputs,
    output: n.output,
    field: `this.${n.field ?? ""}`,
    training: scope.training,
    rng: scope.rng,
    dim: (d: Dim) => dimExpr(d, scope),
  };
}

function dimExpr(d: Dim, scope: BodyScope): string {
  const code = dimCode(d, scope.symbols);
  for (const s of scope.symbols.keys()) if (symbolIn(d, s)) scope.usedSymbols.add(s);
  return code;
}

function symbolIn(d: Dim, name: string): boolean {
  return d.k === "sym" ? d.name === name : d.k === "op" ? symbolIn(d.a, name) || symbolIn(d.b, name) : false;
}

function nodeCode(n: Node, scope: BodyScope): string {
  const inputs = n.inputs.map((i) => operandCode(i, scope));
  switch (n.op) {
    case "arith":
      return `dl.ops.${n.fn}(${inputs.join(", ")})`;
    case "slice": {
      const dim = (d: Dim) => dimExpr(d, scope);
      const drop = n.drop.length || n.step ? `, [${n.drop.join(", ")}]` : "";
      const step = n.step ? `, [${n.step.join(", ")}]` : "";
      return `dl.ops.slice(${inputs[0]}, [${n.begin.map(dim).join(", ")}], [${n.size.map((d) => (d === "all" ? "-1" : dim(d))).join(", ")}]${drop}${step})`;
    }
    case "call": {
      const target = n.field !== undefined ? `this.${n.field}` : scope.instance(n.instance!);
      return `${target}.apply(${[...inputs, scope.training].join(", ")})`;
    }
    case "layer": {
      const entry = registry.get(n.entry);
      if (!entry) throw new Error(`no registry entry ${n.entry}`);
      return entry.apply(emitContext(scope, { args: n.args, inputs: n.inputShapes, output: n.output, field: n.field }), inputs);
    }
  }
}

function itemKey(id: number, index: number): string {
  return `${id}:${index}`;
}
