/**
 * Abstract interpretation of DL expressions: every value's type and shape is computed at compile
 * time, layer calls are checked by their registry entries, and the IR nodes that compute the same
 * thing at run time are recorded in the current frame as a side effect.
 */
import { integerInputProblem } from "../registry/dtypes.js";
import { foreignMethod } from "./foreign-names.js";
import { limits } from "../../grammar/limits.js";
import type * as A from "../../grammar/ast.js";
import { catalog, warnings } from "../diagnostics/catalog.js";
import { registry } from "../layers/index.js";
import { broadcast } from "../layers/merge/broadcast.js";
import * as D from "../shapes/dim.js";
import type { RegistryEntry, ShapeContext, ShapeProblem, StageFix, TensorShape } from "../registry/types.js";
import { bindArgs, type EvaluatedArg } from "./args.js";
import type { Compilation } from "./compilation.js";
import { argDims, type Frame } from "./frame.js";
import { initializers } from "../layers/initializers.js";
import type { ArithNode, Operand } from "../ir/model.js";
import { safeName } from "./names.js";
import { branchText, iterationText } from "./context-text.js";
import { describe, unknown, type Callable, type SharedLayer, type Value } from "./values.js";
import { indexValue, tupleItem, type IndexHost } from "./indexing.js";

/** Lexical environment: names bound to values, innermost first. */
export class Env {
  private readonly vars = new Map<string, Value>();
  constructor(readonly parent?: Env) {}
  get(name: string): Value | undefined {
    return this.vars.get(name) ?? this.parent?.get(name);
  }
  set(name: string, v: Value): void {
    this.vars.set(name, v);
  }
}

export interface EvalContext {
  comp: Compilation;
  file: string;
  frame: Frame;
  /** The `training` flag where layers are applied: the model's own (`"model"`), or fixed in a train block. */
  training: "model" | boolean;
}

const comparisonOps = { "==": "equal", "!=": "notEqual", "<": "less", ">": "greater", "<=": "lessEqual", ">=": "greaterEqual" } as const;
const tensorOps: Record<string, ArithNode["fn"]> = { "+": "add", "-": "sub", "*": "mul", "/": "div", "&&": "logicalAnd", "||": "logicalOr", ...comparisonOps };

export class Evaluator {
  /** Start offsets of the pipeline stages evaluated, so a shape rule's fix can insert a stage before one. */
  private readonly stageStarts = new Set<number>();

  /**
   * Where whole-set metrics (`precision`, `confusion_matrix`) may be applied: an `evaluate` block
   * sets a list, which collects each application for the block to accept as a metric's whole
   * value or refuse; everywhere else (models, steps, losses) it stays undefined and they are errors.
   */
  wholeSet?: { span: A.Span; id: number; entry: string }[];

  constructor(readonly cx: EvalContext) {}

  private get r() {
    return this.cx.comp.reporter;
  }

  expr(e: A.Expr, env: Env): Value {
    switch (e.kind) {
      case "Int":
        return { t: "int", v: D.dim(e.value) };
      case "Float":
        return { t: "float", v: e.value };
      case "String":
        return { t: "string", v: e.value };
      case "Bool":
        return { t: "bool", v: e.value };
      case "Name": {
        const v = this.name(e.name, env);
        // A whole-set metric's name (`metric p = precision(...)`) holds counts, not its value.
        if (v.t === "tensor" && v.wholeSet) {
          this.r.report(catalog.wholeSetMisused(this.r.at(e.span), v.from ?? e.name));
          return unknown;
        }
        return v;
      }
      case "Tuple":
        return { t: "tuple", items: e.items.map((i) => this.expr(i, env)) };
      case "List":
        return { t: "list", items: e.items.map((i) => this.expr(i, env)) };
      case "Unary":
        return this.unary(e, env);
      case "Binary":
        return this.binary(e, env);
      case "If":
        return this.ifExpr(e, env);
      case "Call":
        return this.call(e, env, undefined);
      case "Pipe": {
        let v = this.expr(e.input, env);
        for (const stage of e.stages) {
          v = this.stage(stage, v, env);
          this.note(stage.span, v);
        }
        return v;
      }
      case "Repeat":
        this.r.report(catalog.notCallable(this.r.at(e.span), "a repeat block outside a pipeline"));
        return unknown;
      case "Member":
        return this.member(e, env);
      case "Index":
        return indexValue(this.indexHost(env), e, this.expr(e.object, env));
      case "Error":
        return unknown;
    }
  }

  private indexHost(env: Env): IndexHost {
    return { r: this.r, frame: this.cx.frame, file: this.cx.file, value: (x) => this.expr(x, env) };
  }

  /** `data.x`: one field of a data set, as a data set of its own; `t.0`: an item of a tuple. */
  private member(e: A.MemberExpr, env: Env): Value {
    const v = this.expr(e.object, env);
    if (v.t === "unknown") return unknown;
    if (v.t === "tuple" && /^\d+$/.test(e.member.name)) return tupleItem(this.indexHost(env), v, Number(e.member.name), e.member.span);
    // `net.body_0.kernel`: weights of a model instance by path, as an optimizer's group names them
    // (checked against the instance's weights where the optimizer is declared).
    if (v.t === "callable" && v.callable.c === "instance" && v.args.length === 0) {
      return { t: "weights", instance: v.callable.name, path: e.member.name, span: e.span, pathSpan: e.member.span };
    }
    if (v.t === "weights") return { ...v, path: `${v.path}.${e.member.name}`, span: e.span, pathSpan: { start: v.pathSpan!.start, end: e.member.span.end } };
    if (v.t !== "dataset") {
      this.r.report(catalog.notCallable(this.r.at(e.member.span), `'.${e.member.name}'`, foreignMethod(e.member.name)));
      return unknown;
    }
    const name = e.member.name;
    const field = v.fields.find((f) => f.name === name);
    if (!field || v.batched) {
      const why = v.batched ? "select a field before 'batch'" : `the data set has no field '${name}'; its fields are ${v.fields.map((f) => f.name).join(", ")}`;
      this.r.report(catalog.invalidArgument(this.r.at(e.member.span), why));
      return unknown;
    }
    return { ...v, fields: [field], pipeline: { ...v.pipeline, ops: [...v.pipeline.ops, { op: "select", field: name }] } };
  }

  /** Records the shape after a stage for inlay hints and hover. */
  note(span: A.Span, v: Value): void {
    if (v.t === "tensor" || v.t === "tuple") this.cx.frame.notes.push({ file: this.cx.file, span, text: shapeText(v) });
  }

  name(name: string, env: Env): Value {
    const local = env.get(name);
    if (local?.t === "lazy") {
      const id = this.cx.frame.blockId;
      const cached = local.cache.get(id);
      if (cached) return cached;
      let value: Value;
      if (local.of) {
        let whole = local.of.whole.get(id);
        if (!whole) local.of.whole.set(id, (whole = this.expr(local.expr, local.env as Env)));
        value = this.destructure(local.of.let, whole)[local.of.index]![1];
      } else value = this.expr(local.expr, local.env as Env);
      const v = this.bindName(name, value);
      local.cache.set(id, v);
      return v;
    }
    if (local) return local;
    const g = this.cx.comp.global(this.cx.file, name);
    if (!g) return unknown; // The resolver reported it.
    if (g.kind === "model") return { t: "callable", callable: { c: "model", model: g.ref }, args: [], span: { start: 0, end: 0 } };
    const b = g.builtin;
    switch (b.kind) {
      case "constant":
        return { t: "string", v: b.name };
      case "entry":
        return { t: "callable", callable: { c: "entry", entry: b.entry }, args: [], span: { start: 0, end: 0 } };
      case "data-source":
        return { t: "callable", callable: { c: "data-source", entry: b.entry }, args: [], span: { start: 0, end: 0 } };
      case "data-op":
        return { t: "callable", callable: { c: "data-op", entry: b.entry }, args: [], span: { start: 0, end: 0 } };
      case "optimizer":
        return { t: "callable", callable: { c: "optimizer", entry: b.entry }, args: [], span: { start: 0, end: 0 } };
      case "schedule":
        return { t: "callable", callable: { c: "schedule", entry: b.entry }, args: [], span: { start: 0, end: 0 } };
      case "param-group":
        return { t: "callable", callable: { c: "param-group", entry: b.entry }, args: [], span: { start: 0, end: 0 } };
      case "initializer":
        // Outside an `init=` argument an initializer is a plain value that nothing else accepts.
        return { t: "init", name: b.name, args: b.entry.args.some((a) => a.default === undefined) ? undefined : (bindArgs(b.entry.args, [], b.name, { start: 0, end: 0 }, this.r) ?? {}) };
    }
  }

  private unary(e: A.UnaryExpr, env: Env): Value {
    const v = this.expr(e.operand, env);
    if (v.t === "unknown") return v;
    if (e.op === "!") {
      if (v.t === "bool") return { t: "bool", v: v.v === undefined ? undefined : !v.v };
      if (v.t === "tensor" && v.dtype === "bool") {
        const output = { shape: v.shape, dtype: "bool" as const };
        return { t: "tensor", ...output, ref: this.cx.frame.bind({ op: "arith", fn: "logicalNot", inputs: [v.ref], output, at: this.at(e.span) }) };
      }
    } else {
      if (v.t === "int") return { t: "int", v: D.sub(D.dim(0), v.v) };
      if (v.t === "float") return { t: "float", v: -v.v };
      if (v.t === "tensor" && v.dtype !== "bool") {
        const output = { shape: v.shape, dtype: v.dtype };
        return { t: "tensor", ...output, ref: this.cx.frame.bind({ op: "arith", fn: "neg", inputs: [v.ref], output, at: this.at(e.span) }) };
      }
    }
    this.r.report(catalog.typeMismatch(this.r.at(e.span), `operator '${e.op}' cannot apply to ${describe(v)}`));
    return unknown;
  }

  private binary(e: A.BinaryExpr, env: Env): Value {
    const a = this.expr(e.left, env);
    const b = this.expr(e.right, env);
    if (a.t === "unknown" || b.t === "unknown") return unknown;
    const op = e.op;
    if (a.t === "tensor" || b.t === "tensor") return this.tensorOperator(e, a, b);
    if (op === "&&" || op === "||") {
      if (a.t === "bool" && b.t === "bool") {
        if (op === "&&") return { t: "bool", v: a.v === false || b.v === false ? false : a.v && b.v };
        return { t: "bool", v: a.v === true || b.v === true ? true : a.v === undefined || b.v === undefined ? undefined : false };
      }
    } else if (op === "==" || op === "!=" || op === "<" || op === ">" || op === "<=" || op === ">=") {
      const result = compare(op, a, b);
      if (result !== null) return { t: "bool", v: result };
    } else if (a.t === "int" && b.t === "int") {
      return this.intArithmetic(e, a.v, b.v);
    } else if ((a.t === "int" || a.t === "float") && (b.t === "int" || b.t === "float")) {
      const x = a.t === "int" ? D.constValue(a.v) : a.v;
      const y = b.t === "int" ? D.constValue(b.v) : b.v;
      if (x !== undefined && y !== undefined) return { t: "float", v: floatOp(op, x, y) };
    }
    this.r.report(catalog.typeMismatch(this.r.at(e.span), `operator '${op}' cannot combine ${describe(a)} and ${describe(b)}`));
    return unknown;
  }

  private intArithmetic(e: A.BinaryExpr, a: D.Dim, b: D.Dim): Value {
    switch (e.op) {
      case "+":
        return { t: "int", v: D.add(a, b) };
      case "-":
        return { t: "int", v: D.sub(a, b) };
      case "*":
        return { t: "int", v: D.mul(a, b) };
      case "%":
        return { t: "int", v: D.mod(a, b) };
      default: {
        const divides = D.divides(a, b);
        if (D.constValue(b) === 0) {
          this.r.report(catalog.nonIntegerDimension(this.r.at(e.span), `division by zero: ${D.format(a)} / 0`));
          return unknown;
        }
        if (divides === false) {
          const x = D.constValue(a)!;
          const y = D.constValue(b)!;
          this.r.report(
            catalog.nonIntegerDimension(
              this.r.at(e.span),
              `${x} / ${y} = ${(x / y).toFixed(3).replace(/0+$/, "")} is not an integer; dimensions must divide exactly (use a multiple of ${y}, or write a float like ${x}.0 for a ratio)`,
            ),
          );
          return unknown;
        }
        return { t: "int", v: D.floorDiv(a, b) };
      }
    }
  }

  /**
   * An operator with a tensor on either side: arithmetic (`+ - * /`) of numbers, comparisons giving
   * bool tensors, `&&`/`||` of bool tensors. Both sides broadcast; a number stands for a scalar.
   */
  private tensorOperator(e: A.BinaryExpr, a: Value, b: Value): Value {
    const shapeOf = (v: Value): TensorShape | undefined =>
      v.t === "tensor" ? { shape: v.shape, dtype: v.dtype } : v.t === "int" || v.t === "float" ? { shape: [], dtype: "f32" } : v.t === "bool" && v.v !== undefined ? { shape: [], dtype: "bool" } : undefined;
    const refOf = (v: Value): Operand | undefined =>
      v.t === "tensor"
        ? v.ref
        : v.t === "float"
          ? { k: "scalar", value: v.v }
          : v.t === "int" && D.isConst(v.v)
            ? { k: "scalar", value: v.v.v }
            : v.t === "bool" && v.v !== undefined
              ? { k: "scalar", value: v.v }
              : undefined;
    const sa = shapeOf(a);
    const sb = shapeOf(b);
    const ra = refOf(a);
    const rb = refOf(b);
    const op = e.op;
    const fn = tensorOps[op];
    const logical = op === "&&" || op === "||";
    if (!sa || !sb || ra === undefined || rb === undefined || !fn) {
      this.r.report(catalog.typeMismatch(this.r.at(e.span), `operator '${op}' cannot combine ${describe(a)} and ${describe(b)}`));
      return unknown;
    }
    // Bool tensors (comparisons' results) combine with && and || only; numbers never do.
    const bools = [sa, sb].filter((s) => s.dtype === "bool").length;
    if (logical ? bools !== 2 : bools !== 0) {
      const why = logical ? `'${op}' combines bool tensors (comparisons such as x > 0)` : `a bool tensor has no arithmetic or order: write cast(mask, "f32") for its 0/1 values`;
      this.r.report(catalog.dtypeMismatch(this.r.at(e.span), `operator '${op}' cannot combine ${describeTyped(a)} and ${describeTyped(b)}: ${why}`));
      return unknown;
    }
    const out = broadcast(this.shapeContext(e.span, `'${op}'`), sa, sb);
    if (!out) return unknown;
    const compares = op in comparisonOps;
    const dtype = compares || logical ? "bool" : out.dtype === "i32" && (sa.dtype === "f32" || sb.dtype === "f32" || op === "/") ? "f32" : out.dtype;
    const output = { shape: out.shape, dtype };
    this.cx.frame.require(out.shape, true);
    const ref = this.cx.frame.bind({ op: "arith", fn, inputs: [ra, rb], output, at: this.at(e.span) });
    return { t: "tensor", ...output, ref };
  }

  private ifExpr(e: A.IfExpr, env: Env): Value {
    const c = this.expr(e.condition, env);
    if (c.t === "unknown") return unknown;
    if (c.t !== "bool") {
      this.r.report(catalog.typeMismatch(this.r.at(e.condition.span), `an if condition must be a bool, but got ${describe(c)}`));
      return unknown;
    }
    if (c.v !== undefined) {
      const condition = this.cx.comp.text(this.cx.file).slice(e.condition.span.start, e.condition.span.end);
      return this.r.inBranch(this.cx.file, e.condition.span, branchText(c.v, condition), () => this.expr(c.v ? e.then : e.else, env));
    }
    // Undecided (symbolic dimensions): check both branches; such a model is check-only.
    this.cx.frame.concrete = false;
    const t = this.expr(e.then, env);
    this.expr(e.else, env);
    return t;
  }

  /** Evaluates call arguments (positional and named); arguments named in `inits` are initializers. */
  private args(call: A.CallExpr, env: Env, inits: ReadonlySet<string> = new Set()): EvaluatedArg[] {
    return call.args.map((a) => ({ name: a.name, value: a.name && inits.has(a.name.name) ? this.initializer(a.value, env) : this.expr(a.value, env), span: a.span }));
  }

  /**
   * An initializer written as a name or a call (`zeros`, `normal(0.02)`, `kaiming(mode="fan_out")`).
   * Its names are looked up among the initializers, not the layers (`normal` is also a tensor function).
   */
  initializer(e: A.Expr, env: Env): Value {
    const callee = e.kind === "Call" ? e.callee : e;
    const known = [...initializers.keys()];
    if (callee.kind !== "Name") {
      this.r.report(catalog.typeMismatch(this.r.at(e.span), `an initializer is one of ${known.join(", ")}, optionally called with arguments`));
      return unknown;
    }
    const entry = initializers.get(callee.name);
    if (!entry) {
      // An unknown name was reported by the resolver; a known one (a layer, say) is reported here.
      if (this.cx.comp.global(this.cx.file, callee.name) || env.get(callee.name)) this.r.report(catalog.typeMismatch(this.r.at(callee.span), `'${callee.name}' is not an initializer; use one of ${known.join(", ")}`));
      if (e.kind === "Call") this.args(e, env);
      return unknown;
    }
    const args = e.kind === "Call" ? this.args(e, env) : [];
    const bound = bindArgs(entry.args, args, entry.name, e.span, this.r);
    if (!bound) return unknown;
    const problem = entry.check?.(bound);
    if (problem) {
      this.r.report(catalog.invalidArgument(this.r.at(e.span), `${this.siteText(e.span, entry.name)}: ${problem}`));
      return unknown;
    }
    return { t: "init", name: entry.name, args: bound };
  }

  /** A call expression; `piped` is the value flowing in when the call is a pipeline stage. */
  call(call: A.CallExpr, env: Env, piped: Value | undefined): Value {
    const callee = this.expr(call.callee, env);
    if (callee.t === "unknown") {
      this.args(call, env);
      return unknown;
    }
    if (callee.t !== "callable") {
      // `net.parameters()`, `y.float()`: a framework method, said in DL's terms.
      const method = call.callee.kind === "Member" ? foreignMethod(call.callee.member.name) : undefined;
      this.r.report(catalog.notCallable(this.r.at(call.callee.span), describe(callee), method));
      return unknown;
    }
    const inits = callee.callable.c === "entry" ? new Set(callee.callable.entry.args.filter((a) => a.type === "init").map((a) => a.name)) : undefined;
    const args = [...callee.args, ...this.args(call, env, inits)];
    return this.invoke(callee.callable, args, piped === undefined ? [] : [piped], call.span, call.callee.span, env);
  }

  /** A pipeline stage applied to `input`. */
  stage(stage: A.Expr, input: Value, env: Env): Value {
    this.cx.comp.spend(this.r.at(stage.span));
    this.stageStarts.add(stage.span.start);
    if (stage.kind === "Call") return this.call(stage, env, input);
    if (stage.kind === "Repeat") return this.repeat(stage, input, env);
    const v = this.expr(stage, env);
    if (v.t === "unknown" || input.t === "unknown") return unknown;
    if (v.t !== "callable") {
      this.r.report(catalog.notCallable(this.r.at(stage.span), describe(v)));
      return unknown;
    }
    return this.invoke(v.callable, v.args, [input], stage.span, stage.span, env);
  }

  private repeat(e: A.RepeatExpr, input: Value, env: Env): Value {
    const from = e.from ? this.expr(e.from, env) : { t: "int" as const, v: D.dim(0) };
    const to = this.expr(e.to, env);
    if (from.t === "unknown" || to.t === "unknown") return unknown;
    if (from.t !== "int" || to.t !== "int") {
      const bad = from.t !== "int" ? e.from! : e.to;
      this.r.report(catalog.typeMismatch(this.r.at(bad.span), `a repeat bound must be an int, but got ${describe(from.t !== "int" ? from : to)}`));
      return unknown;
    }
    const start = D.constValue(from.v);
    const end = D.constValue(to.v);
    if (start === undefined || end === undefined) {
      // A count that is a parameter without a default (the model's standalone check): the
      // count is known at each use, where the model is checked again, so nothing to say here.
      this.cx.frame.concrete = false;
      return unknown;
    }
    if (end - start > limits.repeatCount) {
      this.r.report(catalog.overLimit(this.r.at(e.to.span), "the repeat count", end - start, limits.repeatCount));
      return unknown;
    }
    let v = input;
    let stopped = false;
    for (let i = start; i < end && !stopped; i++) {
      const inner = new Env(env);
      if (e.index) inner.set(e.index.name, { t: "int", v: D.dim(i) });
      const iteration = () => {
        for (const s of e.stages) {
          v = this.stage(s, v, inner);
          if (v.t === "unknown") {
            stopped = true;
            return;
          }
        }
      };
      // Which iteration an error is in matters once there are several.
      if (end - start > 1) this.r.inIteration(this.cx.file, e.span, iterationText(i - start + 1, end - start), iteration);
      else iteration();
    }
    return v;
  }

  /**
   * Calls a callable with configuration arguments and tensor inputs. Positional tensors join the
   * inputs; with too few inputs the result is the configured layer, applied later in a pipeline.
   */
  invoke(c: Callable, args: EvaluatedArg[], inputs: Value[], span: A.Span, calleeSpan: A.Span, env: Env): Value {
    // An entry may take positional numbers as scalar tensors (`where(mask, x, 0.0)`).
    const numbers = c.c === "entry" && c.entry.numbersAsTensors === true;
    const input = (a: EvaluatedArg) => !a.name && (isTensorLike(a.value) || (numbers && isNumber(a.value)));
    const tensors = [...inputs, ...args.filter(input).map((a) => scalarTensor(a.value))];
    const config = args.filter((a) => !input(a));
    if (tensors.some((t) => t.t === "unknown") || config.some((a) => a.value.t === "unknown" && !a.name)) return unknown;
    switch (c.c) {
      case "entry": {
        if (tensors.length < c.entry.inputs.min && tensors.length === 0) return { t: "callable", callable: c, args: config, span };
        return this.applyEntry(c.entry, config, tensors, span);
      }
      case "model":
        if (tensors.length === 0) return { t: "callable", callable: c, args: config, span };
        return this.cx.comp.applyModel(this, c.model, config, tensors, span);
      case "shared":
        if (tensors.length === 0) return { t: "callable", callable: c, args: [], span };
        return this.cx.comp.applyShared(this, c.layer, tensors, span);
      case "instance":
        return this.cx.comp.applyInstance(this, c, tensors, span, config);
      case "data-source":
      case "data-op":
      case "optimizer":
      case "schedule":
      case "param-group":
        return this.cx.comp.applyTraining(this, c, args, inputs, span, calleeSpan, env);
    }
  }

  /** Applies a registry entry: argument binding, shape rule, parameter rule, emission, summary row. */
  applyEntry(entry: RegistryEntry, config: EvaluatedArg[], given: Value[], span: A.Span, shared?: SharedLayer): Value {
    // A tuple of tensors (a model's several outputs) counts as its items: elbo(dec(z), x, enc(x)).
    const inputs = given.flatMap((v) => (v.t === "tuple" && v.items.every((i) => i.t === "tensor") ? v.items : [v]));
    const { min, max } = entry.inputs;
    if (inputs.length < min || inputs.length > max) {
      // A model with several outputs (a VAE's (recon, mu, logvar)) given where one tensor goes.
      const k = given.findIndex((v) => v.t === "tuple");
      const tuple = given[k];
      const note =
        tuple?.t === "tuple"
          ? `its input ${k + 1} is a tuple of ${tuple.items.length} (a model with several outputs), counted as ${tuple.items.length} inputs; take the item you mean with .0, .1, ..., or bind them first: let (${["a", "b", "c", "d", "e", "f"].slice(0, Math.min(tuple.items.length, 6)).join(", ")}) = ...`
          : entry.inputsNote;
      this.r.report(catalog.wrongInputCount(this.r.at(span), entry.name, min === max ? String(min) : `${min} to ${max}`, inputs.length, note));
      return unknown;
    }
    const tensors: Extract<Value, { t: "tensor" }>[] = [];
    for (const v of inputs) {
      if (v.t !== "tensor") {
        this.r.report(catalog.expectedTensor(this.r.at(span), `the input of ${entry.name}`, describe(v)));
        return unknown;
      }
      tensors.push(v);
    }
    if (entry.wholeSet && !this.wholeSet) {
      this.r.report(catalog.wholeSetMisused(this.r.at(span), entry.name));
      return unknown;
    }
    const bound = bindArgs(entry.args, config, entry.name, span, this.r);
    if (!bound) return unknown;
    const shapes: TensorShape[] = tensors.map((t) => ({ shape: t.shape, dtype: t.dtype, ...(t.classes ? { classes: t.classes } : {}) }));
    if (entry.expects && tensors[0]) this.checkProducer(entry, tensors[0], span);
    // Shape rules read the batch axis of their input: a scalar (`mean(x) |> reshape([1])`) has none.
    const scalar = entry.kind === "layer" && shapes.some((s) => s.shape.length === 0);
    const ctx = this.shapeContext(span, this.siteText(span, entry.name));
    const integers = integerInputProblem(entry, shapes, ctx.site);
    if (integers) return ctx.fail("dtypeMismatch", integers) ?? unknown;
    let out: ReturnType<RegistryEntry["shape"]>;
    let outs: TensorShape[] | undefined;
    let threw = false;
    try {
      const sctx = { ...ctx, inputs: shapes, args: bound };
      if (entry.outputs) out = (outs = entry.outputs(sctx))?.[0];
      else out = entry.shape(sctx);
    } catch (err) {
      if (!scalar || !(err instanceof TypeError)) throw err;
      threw = true;
    }
    // A rule that refused the scalar itself (returned nothing) has said so already.
    if (scalar && (threw || out?.shape.some((d) => d === undefined))) {
      this.r.report(catalog.rankMismatch(this.r.at(span), `${entry.name} expects a batch [B, ...] as its input, but got a scalar (shape []); a reduction such as mean leaves no batch axis`));
      return unknown;
    }
    if (!out) return unknown;
    const frame = this.cx.frame;
    const weights = entry.weights?.(bound, shapes) ?? [];
    const trainable = weights.filter((w) => w.trainable).reduce((acc, w) => D.add(acc, D.product(w.shape)), D.dim(0));
    const fixed = weights.filter((w) => !w.trainable).reduce((acc, w) => D.add(acc, D.product(w.shape)), D.dim(0));
    // A shared layer is created (and counted) at its first use only.
    const first = !shared?.field;
    const name = shared ? (shared.field ??= safeName(shared.name)) : entry.kind === "layer" ? frame.fieldName(entry.name) : entry.name;
    const field = entry.construct ? name : undefined;
    const at = this.at(span);
    const output: TensorShape = { shape: out.shape, dtype: out.dtype, ...(out.classes ? { classes: out.classes } : {}) };
    // Weights and constructor arguments are fixed when the model is built; the rest may read the batch size at run time.
    frame.require(weights.flatMap((w) => w.shape), false);
    const args = Object.values(bound).flatMap(argDims);
    frame.require(args, !entry.construct);
    for (const s of [...shapes, output]) frame.require(s.shape, true);
    if (field !== undefined && first) {
      frame.addField({ kind: "layer", name: field, entry: entry.name, args: bound, inputs: shapes, output, at });
      for (const w of weights) frame.weights.push({ ...w, name: `${field}.${w.name}` });
    }
    const tuple = outs !== undefined && (entry.tuple?.(bound) ?? true);
    const ref = frame.bind({
      op: "layer",
      entry: entry.name,
      args: bound,
      inputs: tensors.map((t) => t.ref),
      inputShapes: shapes,
      output,
      ...(tuple ? { outputs: outs } : {}),
      at,
      ...(field !== undefined ? { field } : {}),
    });
    frame.applied.push({ entry, span, file: this.cx.file });
    if (entry.kind === "layer" && first) {
      const kept = entry.kept?.(bound, shapes);
      frame.rows.push({ name, kind: entry.name, outputShape: outs ? outs.map((o) => o.shape) : [out.shape], params: trainable, span, file: this.cx.file, ...(kept ? { kept } : {}) });
      frame.addParams(trainable, fixed);
    }
    const id = (ref as { id: number }).id;
    if (entry.wholeSet) this.wholeSet?.push({ span, id, entry: entry.name });
    if (outs && tuple) return { t: "tuple", items: outs.map((o, index) => ({ t: "tensor", shape: o.shape, dtype: o.dtype, ref: { k: "item", id, index }, from: entry.name })) };
    return { t: "tensor", shape: out.shape, dtype: out.dtype, ref, from: entry.name };
  }

  /** Warns when a loss's input is not what it takes: softmax fed to cross_entropy, logits to bce. */
  private checkProducer(entry: RegistryEntry, input: Extract<Value, { t: "tensor" }>, span: A.Span): void {
    const producer = input.from === undefined ? undefined : registry.get(input.from);
    if (!producer) return;
    const range = producer.range ?? (producer.weights ? "unbounded" : undefined);
    if (entry.expects === "logits" && range === "probabilities") {
      this.r.report(warnings.doubleNormalization(this.r.at(span), entry.name, producer.name));
    } else if (entry.expects === "probabilities" && range === "unbounded") {
      this.r.report(warnings.notProbabilities(this.r.at(span), entry.name, producer.name));
    }
  }

  /** The call as written, for messages: `conv2d(6, kernel=5)`. */
  siteText(span: A.Span, fallback: string): string {
    const text = this.cx.comp.text(this.cx.file).slice(span.start, span.end).replace(/\s+/g, " ").trim();
    return text && text.length <= 60 ? text : fallback;
  }

  shapeContext(span: A.Span, site: string): ShapeContext {
    return {
      inputs: [],
      args: {},
      site,
      instance: (name) => this.cx.comp.training?.instanceShape(name),
      fail: (problem: ShapeProblem, message: string, fix?: StageFix) => {
        const where = this.r.at(span);
        // A stage can only be inserted where the failing call is itself a pipeline stage.
        const edit = fix && this.stageStarts.has(span.start) ? { title: fix.title, edits: [{ file: where.file, span: { start: span.start, end: span.start }, newText: `${fix.insertBefore} |> ` }] } : undefined;
        this.r.report(catalog[problem](edit ? { ...where, fix: edit } : where, message));
        return undefined;
      },
    };
  }

  /**
   * What each name of a `let` is bound to: the value itself, or for `let (a, b) = ...` the items
   * of a tuple of that many values (anything else is reported, and the names are unknown).
   */
  destructure(st: A.LetStmt, v: Value): [A.Ident, Value][] {
    if (!st.names) return [[st.name, v]];
    const names = st.names;
    if (v.t === "unknown") return names.map((n) => [n, unknown]);
    if (v.t !== "tuple" || v.items.length !== names.length) {
      const pattern = `(${names.map((n) => n.name).join(", ")})`;
      this.r.report(catalog.typeMismatch(this.r.at(st.value.span), `let ${pattern} takes a tuple of ${names.length} value${names.length === 1 ? "" : "s"}, but got ${describe(v)}`));
      return names.map((n) => [n, unknown]);
    }
    return names.map((n, i) => [n, v.items[i]!]);
  }

  /** Notes a `let` name on the node computing a tensor, so targets can name its variable after it. */
  bindName(name: string, v: Value): Value {
    if (v.t !== "tensor") return v;
    const node = this.cx.frame.node(v.ref);
    if (node && v.ref.k === "node") (node.names ??= []).push(name);
    else if ((node?.op === "call" || node?.op === "layer") && v.ref.k === "item") (node.itemNames ??= [])[v.ref.index] ??= name;
    return v;
  }

  /** A source location in the file being checked. */
  at(span: A.Span): { file: string; span: A.Span } {
    return { file: this.cx.file, span };
  }
}

/** `tensor [B] of bool` for messages about dtypes. */
function describeTyped(v: Value): string {
  return v.t === "tensor" ? `${describe(v)} of ${v.dtype}` : describe(v);
}

function isNumber(v: Value): boolean {
  return v.t === "float" || (v.t === "int" && D.isConst(v.v));
}

/** A number as a scalar f32 tensor input; anything else as it is. */
function scalarTensor(v: Value): Value {
  if (v.t === "float") return { t: "tensor", shape: [], dtype: "f32", ref: { k: "scalar", value: v.v } };
  if (v.t === "int" && D.isConst(v.v)) return { t: "tensor", shape: [], dtype: "f32", ref: { k: "scalar", value: v.v.v } };
  return v;
}

function isTensorLike(v: Value): boolean {
  return v.t === "tensor" || v.t === "unknown" || (v.t === "tuple" && v.items.every((i) => i.t === "tensor"));
}

/** Compares compile-time values: a bool, undefined when symbols leave it open, null when the types don't compare. */
function compare(op: string, a: Value, b: Value): boolean | undefined | null {
  const num = (v: Value): number | undefined | null => (v.t === "int" ? (D.constValue(v.v) ?? undefined) : v.t === "float" ? v.v : null);
  const x = num(a);
  const y = num(b);
  if (x !== null && y !== null) {
    if (x === undefined || y === undefined) {
      // Symbolic: only identical expressions are decidable.
      const same = a.t === "int" && b.t === "int" && D.equal(a.v, b.v);
      return same ? op === "==" || op === "<=" || op === ">=" : undefined;
    }
    return { "==": x === y, "!=": x !== y, "<": x < y, ">": x > y, "<=": x <= y, ">=": x >= y }[op]!;
  }
  if ((a.t === "string" && b.t === "string") || (a.t === "bool" && b.t === "bool")) {
    if (a.v === undefined || b.v === undefined) return undefined;
    if (op === "==") return a.v === b.v;
    if (op === "!=") return a.v !== b.v;
  }
  return null;
}

function floatOp(op: string, x: number, y: number): number {
  return op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? x / y : x % y;
}

/** `[B, 10]`, or `([B, 10], [B, 20])` for tuples. */
export function shapeText(v: Value): string {
  if (v.t === "tensor") return D.formatShape(v.shape);
  if (v.t === "tuple") return `(${v.items.map(shapeText).join(", ")})`;
  return describe(v);
}
