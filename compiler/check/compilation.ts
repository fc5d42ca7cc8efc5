/**
 * One compilation of a document and what it imports: model instantiation (a model checked with
 * concrete arguments and input shapes, and generated as one class), shared layers, and the
 * document-level facts the evaluator needs (globals, source text).
 */
import type { InstanceShape } from "../data/types.js";
import { limits } from "../../grammar/limits.js";
import type * as A from "../../grammar/ast.js";
import { catalog, warnings } from "../diagnostics/catalog.js";
import type { GlobalBinding } from "../resolve/resolver.js";
import * as D from "../shapes/dim.js";
import type { ArgSpec, ArgType, ArgValue } from "../registry/types.js";
import { bindArgs, convert, typeNames, type EvaluatedArg } from "./args.js";
import { Env, Evaluator } from "./evaluator.js";
import { Frame } from "./frame.js";
import { initializers } from "../layers/initializers.js";
import { className, safeName } from "./names.js";
import type { ModelIR, ModelOutput, ParamValue } from "../ir/model.js";
import type { InitValue } from "../ir/values.js";
import type { CallNode } from "../ir/model.js";
import type { Reporter } from "./reporter.js";
import { instantiationText } from "./context-text.js";
import { describe, unknown, type Callable, type ModelRef, type SharedLayer, type Value } from "./values.js";

/** A model checked for one set of arguments and input shapes; generated as one class. */
export interface ModelInstance {
  key: string;
  model: ModelRef;
  className: string;
  params: { name: string; value: Value }[];
  inputs: { name: string; shape: D.Dim[]; dtype: string }[];
  output: Value;
  frame: Frame;
  /** What targets generate from. */
  ir: ModelIR;
}

/**
 * What the check of one instance depended on. The next check of the same document reuses the
 * instance, without evaluating it again, while everything here still holds: the declarations the
 * names it looked up lead to are the same objects (an unchanged text parses to the same objects),
 * and so are those of the instances it used. Only checks that reported nothing are recorded.
 */
export interface InstanceRecord {
  instance: ModelInstance;
  /** The keys the instance is found under. */
  keys: string[];
  /** Global names the check looked up, and what each named: a model declaration, a builtin, nothing. */
  lookups: { file: string; name: string; target: unknown }[];
  /** Records of the instances it used (its sub-models), dependencies first. */
  uses: InstanceRecord[];
}

/** What an instance check in progress has depended on so far. */
interface Recording {
  lookups: InstanceRecord["lookups"];
  uses: (InstanceRecord | undefined)[];
  reportedBefore: number;
}

/** What a global binding names, compared by identity between checks. */
function targetOf(g: GlobalBinding | undefined): unknown {
  return g === undefined ? undefined : g.kind === "model" ? g.ref.decl : g.builtin;
}

/** What the compilation needs from the document pipeline. */
export interface CompilationHost {
  globals(file: string): Map<string, GlobalBinding>;
  text(file: string): string;
}

const paramTypes: ArgType[] = ["int", "float", "bool", "string"];

/** Thrown by `Compilation.spend` when a document's check has used its whole budget. */
export class WorkBudgetExceeded extends Error {
  constructor(readonly where: { file: string; span: A.Span }) {
    super("check work budget exceeded");
  }
}

export class Compilation {
  /** Instances in creation order: dependencies before the models that use them. */
  readonly instances: ModelInstance[] = [];
  private readonly byKey = new Map<string, ModelInstance>();
  private readonly stack: ModelRef[] = [];
  private readonly classNames = new Set<string>();
  /** Frames of checks that stopped at an error: their shape notes still hold up to it. */
  readonly unfinished: Frame[] = [];
  /** Records of this compilation's clean instances, by key: what the next check may reuse. */
  readonly records = new Map<string, InstanceRecord>();
  private readonly recordOf = new Map<ModelInstance, InstanceRecord>();
  private readonly recordings: Recording[] = [];
  private readonly stillHolds = new Map<InstanceRecord, boolean>();
  /** Training-specific calls (data, optimizers, instances), installed by the train checker. */
  training?: {
    apply(ev: Evaluator, c: Callable, args: EvaluatedArg[], inputs: Value[], span: A.Span, calleeSpan: A.Span, env: Env): Value;
    applyInstance(ev: Evaluator, c: Extract<Callable, { c: "instance" }>, inputs: Value[], span: A.Span, config: EvaluatedArg[]): Value;
    /** A model declaration applied to tensors: refused (and reported) in the train block itself, which applies instances. */
    refusesModel(ev: Evaluator, ref: ModelRef, span: A.Span): boolean;
    /** The inputs and output of a model instance of the train block, for entries that take one (`greedy_decode(net, ...)`). */
    instanceShape(name: string): InstanceShape | undefined;
  };

  /** Pipeline stages applied so far, against `limits.checkWork`. */
  private work = 0;

  /**
   * Counts one pipeline stage applied at `where`; past the document's budget, throws
   * `WorkBudgetExceeded` (the pipeline reports it there), so no input keeps the checker busy.
   */
  spend(where: { file: string; span: A.Span }): void {
    if (++this.work > limits.checkWork) throw new WorkBudgetExceeded(where);
  }

  /** `previous`: the records of the last check of the same document, to reuse what still holds. */
  constructor(
    readonly host: CompilationHost,
    readonly reporter: Reporter,
    private readonly previous?: ReadonlyMap<string, InstanceRecord>,
  ) {}

  /** The global binding of `name` in `file`; the instance being checked depends on it. */
  global(file: string, name: string): GlobalBinding | undefined {
    const g = this.host.globals(file).get(name);
    this.recordings[this.recordings.length - 1]?.lookups.push({ file, name, target: targetOf(g) });
    return g;
  }

  text(file: string): string {
    return this.host.text(file);
  }

  instance(key: string): ModelInstance | undefined {
    return this.byKey.get(key);
  }

  /** Signature of a model's compile-time parameters, reporting unknown type names. */
  paramSpecs(ref: ModelRef): ArgSpec[] {
    return ref.decl.params.map((p) => {
      const type = p.type.name as ArgType;
      if (!paramTypes.includes(type) && p.type.name) {
        this.reporter.inFile(ref.file, () => this.reporter.report(catalog.unknownType(this.reporter.at(p.type.span), p.type.name, paramTypes)));
      }
      // A model's own parameters take any value of their type (an offset of -1, a count of 0).
      return { name: p.name.name, type: paramTypes.includes(type) ? type : "int", default: p.default ? "<expr>" : undefined, doc: "", min: Number.NEGATIVE_INFINITY };
    });
  }

  /**
   * Binds a model's parameters: given arguments, then defaults evaluated in the model's own
   * scope, then (for a standalone check) symbols for parameters with neither.
   */
  bindParams(ref: ModelRef, args: EvaluatedArg[], span: A.Span, standalone: boolean): Map<string, Value> | undefined {
    const specs = this.paramSpecs(ref);
    const given = args.length ? bindArgs(specs.map((s) => ({ ...s, default: "0" })), args, ref.decl.name.name, span, this.reporter) : {};
    if (!given) return undefined;
    const explicit = new Set(args.map((a, i) => a.name?.name ?? specs[i]?.name));
    const params = new Map<string, Value>();
    const env = new Env();
    const ev = this.evaluatorFor(ref.file, new Frame());
    for (const [i, p] of ref.decl.params.entries()) {
      const spec = specs[i]!;
      let v: Value;
      if (explicit.has(spec.name)) v = toValue(spec.type, given[spec.name]!);
      else if (p.default) v = this.reporter.inFile(ref.file, () => this.defaultValue(ev, p, spec, env));
      else if (standalone) v = spec.type === "int" ? { t: "int", v: D.sym(spec.name) } : spec.type === "bool" ? { t: "bool", v: undefined } : unknown;
      else {
        this.reporter.report(catalog.missingArgument(this.reporter.at(span), ref.decl.name.name, spec.name, typeNames[spec.type]));
        return undefined;
      }
      params.set(spec.name, v);
      env.set(spec.name, v);
    }
    return params;
  }

  /** A parameter's default, which must have the declared type (reported at the default even when nothing uses it). */
  private defaultValue(ev: Evaluator, p: A.ModelDecl["params"][number], spec: ArgSpec, env: Env): Value {
    const v = ev.expr(p.default!, env);
    // An unknown type name was reported already; its default has no type to contradict.
    if (v.t === "unknown" || !paramTypes.includes(p.type.name as ArgType) || convert(spec.type, v) !== undefined) return v;
    // Only a number's type is worth suggesting (`rate: int = 0.25` meant a float); a string for an int is a wrong default.
    const natural = spec.type === "int" && v.t === "float" ? "float" : undefined;
    this.reporter.report(catalog.paramDefaultType(this.reporter.at(p.default!.span), spec.name, spec.type, describe(v), natural && `${natural} = ${this.text(ev.cx.file).slice(p.default!.span.start, p.default!.span.end)}`));
    return unknown;
  }

  evaluatorFor(file: string, frame: Frame): Evaluator {
    return new Evaluator({ comp: this, file, frame, training: "model" });
  }

  /**
   * Checks (and prepares the class of) `ref` for these parameters and input shapes. Without
   * `inputs` the declared shapes are used, symbols and all: the model's own standalone check.
   */
  instantiate(ref: ModelRef, params: Map<string, Value>, inputs?: { shape: D.Dim[]; dtype: string }[], site?: { span: A.Span; file: string }): ModelInstance | undefined {
    const name = ref.decl.name.name;
    const again = this.stack.findIndex((m) => m.decl === ref.decl);
    if (again >= 0) {
      // The cycle alone, from the model's first entry: the same message wherever the cycle is reached from, so it is said once.
      const chain = [...this.stack.slice(again).map((m) => m.decl.name.name), name];
      this.reporter.report(catalog.recursion(this.reporter.at(site?.span ?? ref.decl.name.span), chain));
      return undefined;
    }
    const paramKey = [...params].map(([k, v]) => `${k}=${describe(v)}`).join(",");
    const key = instanceKey(ref, params, inputs);
    const found = this.byKey.get(key) ?? this.reuse(key, ref);
    if (found) return this.used(found);

    const recording: Recording = { lookups: [], uses: [], reportedBefore: this.reporter.reported };
    this.stack.push(ref);
    this.recordings.push(recording);
    let instance: ModelInstance | undefined;
    const keys = [key];
    try {
      const frame = new Frame();
      const run = () => this.reporter.inFile(ref.file, () => this.evaluateBody(ref, params, inputs, key, frame));
      instance = site ? this.reporter.anchored(site.file, site.span, instantiationText(name, params), run) : run();
      if (!instance) this.unfinished.push(frame);
    } finally {
      this.stack.pop();
      this.recordings.pop();
    }
    if (!instance) return this.used(undefined);
    this.byKey.set(key, instance);
    // A standalone check on concrete shapes is also the instance for a use with those shapes:
    // one class, not two identical ones.
    if (!inputs) {
      const actualKey = `${ref.file}#${name}(${paramKey})${instance.inputs.map((i) => D.formatShape(i.shape)).join(",")}`;
      const existing = this.byKey.get(actualKey);
      if (existing) {
        this.byKey.set(key, existing);
        const record = this.recordOf.get(existing);
        if (record) this.records.set(key, record);
        return this.used(existing);
      }
      this.byKey.set(actualKey, instance);
      keys.push(actualKey);
    }
    this.instances.push(instance);
    const clean = this.reporter.reported === recording.reportedBefore && recording.uses.every((u) => u !== undefined);
    if (clean) {
      const record: InstanceRecord = { instance, keys, lookups: recording.lookups, uses: recording.uses as InstanceRecord[] };
      this.recordOf.set(instance, record);
      for (const k of keys) this.records.set(k, record);
    }
    return this.used(instance);
  }

  /**
   * The instance for `key` when this check or the last one has it (and what it depended on still
   * holds), without evaluating anything: a model's standalone check whose declaration is
   * unchanged and whose parameters bind the same way (the pipeline knows when), so its
   * parameters need not be bound again. Undefined when it must be checked.
   */
  known(key: string, ref: ModelRef): ModelInstance | undefined {
    if (this.stack.length) return undefined;
    const found = this.byKey.get(key) ?? this.reuse(key, ref);
    return found && this.used(found);
  }

  /** Notes that the instance being checked used `instance` (undefined: a failed one). */
  private used(instance: ModelInstance | undefined): ModelInstance | undefined {
    this.recordings[this.recordings.length - 1]?.uses.push(instance && this.recordOf.get(instance));
    return instance;
  }

  /** The previous check's instance for `key`, when everything it depended on still holds. */
  private reuse(key: string, ref: ModelRef): ModelInstance | undefined {
    const record = this.previous?.get(key);
    if (!record || record.instance.model.decl !== ref.decl || !this.holds(record)) return undefined;
    this.adopt(record);
    return record.instance;
  }

  private holds(record: InstanceRecord): boolean {
    const known = this.stillHolds.get(record);
    if (known !== undefined) return known;
    const { instance } = record;
    // Its generated class keeps its name, which no instance of this check may have taken.
    const nameFree = this.recordOf.has(instance) || !instance.frame.concrete || !this.classNames.has(instance.className);
    const result = nameFree && record.lookups.every((l) => targetOf(this.host.globals(l.file).get(l.name)) === l.target) && record.uses.every((u) => this.holds(u));
    this.stillHolds.set(record, result);
    return result;
  }

  /** Takes over a previous check's instance and, first, the instances it used. */
  private adopt(record: InstanceRecord): void {
    if (this.recordOf.has(record.instance)) return;
    for (const u of record.uses) this.adopt(u);
    const { instance } = record;
    for (const k of record.keys) {
      if (!this.byKey.has(k)) this.byKey.set(k, instance);
      this.records.set(k, record);
    }
    if (instance.frame.concrete) this.classNames.add(instance.className);
    this.recordOf.set(instance, record);
    this.instances.push(instance);
  }

  private evaluateBody(ref: ModelRef, params: Map<string, Value>, actual: { shape: D.Dim[]; dtype: string }[] | undefined, key: string, frame: Frame): ModelInstance | undefined {
    const decl = ref.decl;
    const ev = this.evaluatorFor(ref.file, frame);
    const env = new Env();
    for (const [k, v] of params) env.set(k, v);
    const inputs: ModelInstance["inputs"] = [];
    const inputStmts = decl.body.filter((s): s is A.InputStmt => s.kind === "InputStmt");
    if (actual && actual.length !== inputStmts.length) {
      this.reporter.report(catalog.wrongInputCount(this.reporter.at(decl.name.span), decl.name.name, String(inputStmts.length), actual.length));
      return undefined;
    }
    let output: Value | undefined;
    let inputIndex = 0;
    for (const st of decl.body) {
      switch (st.kind) {
        case "InputStmt": {
          const declared = this.declaredShape(st, env, ev);
          const given = actual?.[inputIndex++];
          const shape = given ? this.unify(st, declared, given.shape, env) : declared;
          if (!shape) return undefined;
          const dtype = st.type.dtype.name;
          // An empty name is a missing type, which the parser reported (`input x = f32[...]`).
          if (dtype && !["f32", "i32", "bool"].includes(dtype)) this.reporter.report(catalog.unknownType(this.reporter.at(st.type.dtype.span), dtype, ["f32", "i32", "bool"]));
          // Symbolic sizes left in an input (the batch size) are read from the tensor at run time.
          for (const [axis, d] of shape.entries()) if (d.k === "sym" && !frame.symbols.has(d.name)) frame.symbols.set(d.name, { input: st.name.name, axis });
          const layout = channelsFirst(shape);
          if (layout) this.reporter.report(warnings.channelsFirst(this.reporter.at(st.type.span), st.name.name, D.formatShape(shape), D.formatShape(layout)));
          inputs.push({ name: st.name.name, shape, dtype });
          env.set(st.name.name, { t: "tensor", shape, dtype: dtype === "i32" ? "i32" : "f32", ref: { k: "input", name: st.name.name } });
          break;
        }
        case "LetStmt": {
          for (const [name, item] of ev.destructure(st, ev.expr(st.value, env))) {
            const v = ev.bindName(name.name, item);
            ev.note(name.span, v);
            env.set(name.name, v);
          }
          break;
        }
        case "LayerStmt": {
          const v = ev.expr(st.value, env);
          if (v.t === "unknown") {
            env.set(st.name.name, v);
            break;
          }
          if (v.t !== "callable" || !(v.callable.c === "entry" || v.callable.c === "model")) {
            this.reporter.report(catalog.typeMismatch(this.reporter.at(st.value.span), `'layer ${st.name.name}' needs a layer or model call such as dense(64), but got ${describe(v)}`));
            env.set(st.name.name, unknown);
            break;
          }
          const layer: SharedLayer = { name: st.name.name, callable: v.callable, configArgs: v.args, span: st.name.span };
          env.set(st.name.name, { t: "callable", callable: { c: "shared", layer }, args: [], span: st.value.span });
          break;
        }
        case "ParamStmt":
          env.set(st.name.name, this.learnable(st, env, ev, frame));
          break;
        case "ReturnStmt":
          output = ev.expr(st.value, env);
          break;
      }
    }
    if (!output) {
      this.reporter.report(catalog.missingReturn(this.reporter.at(decl.name.span), decl.name.name));
      return undefined;
    }
    if (output.t === "unknown") return undefined;
    if (!isTensors(output)) {
      const ret = decl.body.find((s): s is A.ReturnStmt => s.kind === "ReturnStmt")!;
      this.reporter.report(catalog.typeMismatch(this.reporter.at(ret.value.span), `a model returns a tensor or a tuple of tensors, but ${decl.name.name} returns ${describe(output)}`));
      return undefined;
    }
    // Only generated classes take a name, so the first generated specialization is `Name`, not `Name_2`.
    const cls = frame.concrete ? this.allocateClassName(decl.name.name) : className(decl.name.name);
    const paramList = [...params].map(([name, value]) => ({ name, value }));
    const ir: ModelIR = {
      key,
      name: decl.name.name,
      className: cls,
      ...(decl.doc ? { doc: decl.doc } : {}),
      at: { file: ref.file, span: decl.name.span },
      params: paramList.flatMap(({ name, value }) => {
        const v = paramValue(value);
        return v ? [{ name, value: v }] : [];
      }),
      inputs: inputs.map((i) => ({ name: i.name, shape: i.shape, dtype: i.dtype === "i32" ? "i32" : i.dtype === "bool" ? "bool" : "f32" })),
      symbols: Object.fromEntries(frame.symbols),
      fields: frame.fields,
      body: frame.nodes,
      output: modelOutput(output),
      trainable: frame.trainable,
      nonTrainable: frame.nonTrainable,
      concrete: frame.concrete,
    };
    return { key, model: ref, className: cls, params: paramList, inputs, output, frame, ir };
  }

  /**
   * `param cls: f32[1, 1, D] = zeros`: a variable of the model's own, counted with its parameters,
   * created by its initializer and checkpointed under the model's path (`net.cls`).
   */
  private learnable(st: A.ParamStmt, env: Env, ev: Evaluator, frame: Frame): Value {
    const r = this.reporter;
    let ok = true;
    const shape = st.type.dims.map((d) => {
      const v = ev.expr(d, env);
      if (v.t === "int") {
        const c = D.constValue(v.v);
        if (c !== undefined && c <= 0) {
          r.report(catalog.nonPositiveDimension(r.at(d.span), `param ${st.name.name}: every dimension must be positive, but this one is ${c}`));
          ok = false;
        }
        return v.v;
      }
      if (v.t !== "unknown") r.report(catalog.typeMismatch(r.at(d.span), `a dimension must be an int, but got ${describe(v)}`));
      ok = false;
      return D.sym("?");
    });
    if (st.type.dtype.name !== "f32") {
      r.report(catalog.typeMismatch(r.at(st.type.dtype.span), `a learnable tensor is f32, not ${st.type.dtype.name}`));
      ok = false;
    }
    const init = ev.initializer(st.init, env);
    if (init.t !== "init") return unknown;
    if (initializers.get(init.name)?.fans && shape.length < 2) {
      r.report(catalog.invalidArgument(r.at(st.init.span), `${init.name} needs a kernel's fan-in and fan-out (rank 2 or more), but ${st.name.name} has rank ${shape.length}: use normal, uniform, zeros, ones or constant`));
      ok = false;
    }
    if (!ok) return unknown;
    const count = D.product(shape);
    frame.require(shape, false);
    const initValue: InitValue = { kind: "init", name: init.name, args: init.args ?? {} };
    frame.addField({ kind: "param", name: st.name.name, shape, init: initValue, at: { file: ev.cx.file, span: st.span } });
    frame.weights.push({ name: st.name.name, shape, trainable: true });
    frame.rows.push({ name: st.name.name, kind: "param", outputShape: [shape], params: count, span: st.span, file: ev.cx.file });
    frame.addParams(count, D.dim(0));
    const v: Value = { t: "tensor", shape, dtype: "f32", ref: { k: "param", name: st.name.name } };
    ev.note(st.name.span, v);
    return v;
  }

  private allocateClassName(name: string): string {
    let cls = className(name);
    for (let n = 2; this.classNames.has(cls); n++) cls = `${className(name)}_${n}`;
    this.classNames.add(cls);
    return cls;
  }

  /** Evaluates an input's declared dimensions; a new name declares a symbol. */
  private declaredShape(st: A.InputStmt, env: Env, ev: Evaluator): D.Dim[] {
    return st.type.dims.map((d) => {
      if (d.kind === "Name" && !env.get(d.name) && !this.global(ev.cx.file, d.name)) {
        env.set(d.name, { t: "int", v: D.sym(d.name) });
        return D.sym(d.name);
      }
      const v = ev.expr(d, env);
      if (v.t === "int") return v.v;
      if (v.t !== "unknown") this.reporter.report(catalog.typeMismatch(this.reporter.at(d.span), `a dimension must be an int, but got ${describe(v)}`));
      return D.sym("?");
    });
  }

  /**
   * Matches declared input dimensions against actual ones: symbols bind (and must agree at every
   * use), constants must be equal.
   */
  private unify(st: A.InputStmt, declared: D.Dim[], actual: D.Dim[], env: Env): D.Dim[] | undefined {
    const expect = `${st.name.name}: ${st.type.dtype.name}${D.formatShape(declared)}`;
    if (declared.length !== actual.length) {
      this.reporter.report(catalog.rankMismatch(this.reporter.at(st.type.span), `expects ${expect} (rank ${declared.length}) but got ${D.formatShape(actual)} (rank ${actual.length})`));
      return undefined;
    }
    const bound = new Map<string, D.Dim>();
    for (const [i, d] of declared.entries()) {
      const a = actual[i]!;
      if (d.k === "sym" && st.type.dims[i]?.kind === "Name") {
        const previous = bound.get(d.name);
        if (previous && D.definitelyDifferent(previous, a)) {
          this.reporter.report(catalog.dimensionMismatch(this.reporter.at(st.type.dims[i]!.span), `expects ${expect}, but ${d.name} is ${D.format(previous)} on one axis and ${D.format(a)} on axis ${i} of ${D.formatShape(actual)}`));
          return undefined;
        }
        bound.set(d.name, a);
        env.set(d.name, { t: "int", v: a });
      } else if (D.definitelyDifferent(d, a)) {
        this.reporter.report(catalog.dimensionMismatch(this.reporter.at(st.type.dims[i]?.span ?? st.type.span), `expects ${expect} but got ${D.formatShape(actual)}: axis ${i} is ${D.format(a)}, expected ${D.format(d)}`));
        return undefined;
      }
    }
    return actual;
  }

  /** Applies a model as a layer inside another model: a child module with its own parameters. */
  applyModel(ev: Evaluator, ref: ModelRef, config: EvaluatedArg[], tensors: Value[], span: A.Span, shared?: SharedLayer): Value {
    if (this.training?.refusesModel(ev, ref, span)) return unknown;
    const inputs: { shape: D.Dim[]; dtype: string }[] = [];
    for (const t of tensors) {
      if (t.t !== "tensor") {
        this.reporter.report(catalog.expectedTensor(this.reporter.at(span), `the input of ${ref.decl.name.name}`, describe(t)));
        return unknown;
      }
      inputs.push({ shape: t.shape, dtype: t.dtype });
    }
    const params = this.bindParams(ref, config, span, false);
    if (!params) return unknown;
    const instance = this.instantiate(ref, params, inputs, { span, file: ev.cx.file });
    if (!instance) return unknown;
    const frame = ev.cx.frame;
    if (!instance.frame.concrete) {
      frame.concrete = false;
      frame.whyNotConcrete ??= instance.frame.whyNotConcrete;
    }
    if (!frame.children.includes(instance.frame)) frame.children.push(instance.frame);
    const first = !shared?.field;
    const field = shared ? (shared.field ??= safeName(shared.name)) : frame.fieldName(lowerFirst(safeName(ref.decl.name.name)));
    const at = { file: ev.cx.file, span };
    if (first) {
      frame.addField({ kind: "model", name: field, model: instance.key, at });
      for (const w of instance.frame.weights) frame.weights.push({ ...w, name: `${field}.${w.name}` });
      frame.rows.push({ name: field, kind: ref.decl.name.name, outputShape: outputShapes(instance.output), params: instance.frame.trainable, span, file: ev.cx.file, instanceKey: instance.key });
      frame.addParams(instance.frame.trainable, instance.frame.nonTrainable);
    }
    const operands = tensors.map((t) => (t as Extract<Value, { t: "tensor" }>).ref);
    return bindOutput(ev, instance, { op: "call", field, model: instance.key, inputs: operands, at });
  }

  /** Applies a `layer` declared by name: the first use creates it, later uses share its weights. */
  applyShared(ev: Evaluator, layer: SharedLayer, tensors: Value[], span: A.Span): Value {
    const features = tensors.map((t) => (t.t === "tensor" ? D.formatShape(t.shape.slice(1)) : describe(t))).join(", ");
    if (layer.firstUse !== undefined && layer.firstUse !== features) {
      this.reporter.report(catalog.sharedLayerShape(this.reporter.at(span, [{ file: ev.cx.file, span: layer.span, message: "declared here" }]), layer.name, layer.firstUse, features));
      return unknown;
    }
    layer.firstUse = features;
    const c = layer.callable;
    const config = layer.configArgs;
    if (c.c === "model") return this.applyModel(ev, c.model, config, tensors, span, layer);
    if (c.c === "entry") return ev.applyEntry(c.entry, config, tensors, span, layer);
    return unknown;
  }

  applyInstance(ev: Evaluator, c: Extract<Callable, { c: "instance" }>, tensors: Value[], span: A.Span, config: EvaluatedArg[]): Value {
    return this.training ? this.training.applyInstance(ev, c, tensors, span, config) : unknown;
  }

  applyTraining(ev: Evaluator, c: Callable, args: EvaluatedArg[], inputs: Value[], span: A.Span, calleeSpan: A.Span, env: Env): Value {
    if (this.training) return this.training.apply(ev, c, args, inputs, span, calleeSpan, env);
    this.reporter.report(catalog.notCallable(this.reporter.at(calleeSpan), `${describe({ t: "callable", callable: c, args: [], span })} inside a model (it belongs in a train block)`));
    return unknown;
  }
}

function isTensors(v: Value): boolean {
  return v.t === "tensor" || (v.t === "tuple" && v.items.length > 0 && v.items.every(isTensors));
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

function toValue(type: ArgType, v: ArgValue): Value {
  switch (type) {
    case "float":
      return { t: "float", v: v as number };
    case "bool":
      return { t: "bool", v: v as boolean };
    case "string":
      return { t: "string", v: v as string };
    default:
      return { t: "int", v: v as D.Dim };
  }
}

export function outputShapes(v: Value): D.Dim[][] {
  if (v.t === "tensor") return [v.shape];
  if (v.t === "tuple") return v.items.flatMap(outputShapes);
  return [];
}

/** Records a model call: one tensor, or a tuple whose tensors are read by index. */
export function bindOutput(ev: Evaluator, instance: ModelInstance, call: Omit<CallNode, "id" | "outputs" | "tuple">): Value {
  const output = instance.output;
  const outputs = outputShapes(output).map((shape, i) => ({ shape, dtype: tensorDtypes(output)[i] ?? ("f32" as const) }));
  if (output.t !== "tensor" && output.t !== "tuple") return unknown;
  const ref = ev.cx.frame.bind({ ...call, outputs, tuple: output.t === "tuple" });
  if (output.t === "tensor") return { ...output, ref };
  const id = (ref as { id: number }).id;
  return { t: "tuple", items: output.items.map((item, index) => (item.t === "tensor" ? { ...item, ref: { k: "item", id, index } } : item)) };
}

function tensorDtypes(v: Value): ("f32" | "i32" | "bool")[] {
  if (v.t === "tensor") return [v.dtype];
  if (v.t === "tuple") return v.items.flatMap(tensorDtypes);
  return [];
}

/** A model's output value as the IR's output: operands of the model's own body. */
function modelOutput(v: Value): ModelOutput {
  if (v.t === "tensor") return { k: "tensor", value: v.ref, shape: { shape: v.shape, dtype: v.dtype } };
  if (v.t === "tuple") return { k: "tuple", items: v.items.map(modelOutput) };
  throw new Error(`a model output must be tensors, got ${v.t}`);
}

function paramValue(v: Value): ParamValue | undefined {
  switch (v.t) {
    case "int":
      return { type: "int", value: v.v };
    case "float":
      return { type: "float", value: v.v };
    case "bool":
      return { type: "bool", value: v.v };
    case "string":
      return { type: "string", value: v.v };
    default:
      return undefined;
  }
}

/** The key of an instance of `ref` for these parameters and input shapes (`declared`: the model's own). */
export function instanceKey(ref: ModelRef, params: Map<string, Value>, inputs?: { shape: D.Dim[]; dtype: string }[]): string {
  const paramKey = [...params].map(([k, v]) => `${k}=${describe(v)}`).join(",");
  const inputKey = inputs ? inputs.map((i) => D.formatShape(i.shape)).join(",") : "declared";
  return `${ref.file}#${ref.decl.name.name}(${paramKey})${inputKey}`;
}

/**
 * The channels-last shape of an image input that looks channels-first, `[B, 1 or 3, H, W]` with
 * a square H × W larger than the channel count (`[B, 1, 28, 28]` → `[B, 28, 28, 1]`), else undefined.
 */
function channelsFirst(shape: D.Dim[]): D.Dim[] | undefined {
  if (shape.length !== 4) return undefined;
  const [c, h, w] = shape.slice(1).map((d) => D.constValue(d));
  if (c === undefined || h === undefined || w === undefined || (c !== 1 && c !== 3) || h !== w || h <= 4) return undefined;
  return [shape[0]!, shape[2]!, shape[3]!, shape[1]!];
}
