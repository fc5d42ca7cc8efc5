/**
 * Checks a `train` block and records its IR: data pipelines, model instances, optimizers over
 * their models' parameters, the steps of the loop over batches, evaluation metrics and
 * checkpoint policy.
 */
import { letNames } from "../../grammar/ast.js";
import type * as A from "../../grammar/ast.js";
import { catalog, warnings } from "../diagnostics/catalog.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import * as D from "../shapes/dim.js";
import { bindArgs, type EvaluatedArg } from "./args.js";
import { bindOutput, type Compilation, type ModelInstance } from "./compilation.js";
import { Env, Evaluator } from "./evaluator.js";
import { Frame } from "./frame.js";
import { closest } from "./suggest.js";
import { inputMismatchHint } from "./input-hint.js";
import { RoleChecker } from "./train-roles.js";
import { checkGroups, checkWeightItems, type FreezeIR, type InitIR } from "./train-weights.js";
import { describe, unknown, type Batching, type Callable, type DataField, type OptimizerGroup, type Value } from "./values.js";
import type { InstanceShape } from "../data/types.js";
import type { DataPipeline, EvalMetric, LoopStmt, TrainIR, Watch } from "../ir/train.js";
import { registry } from "../layers/index.js";
import type { Operand } from "../ir/model.js";
import type { InstanceValue, IRArgs } from "../ir/values.js";
import type { ArgValue } from "../registry/types.js";

/** A checked train block: its IR, and what the editor shows about its data sets and models. */
export interface CheckedTrain {
  decl: A.TrainDecl;
  name: string;
  /** `batch`: examples per batch when the data set is batched by a constant. */
  data: { name: string; pipeline: DataPipeline; fields: DataField[]; batch?: number }[];
  models: { name: string; instance: ModelInstance }[];
  epochs: number;
  checkpoint?: { every: number; unit: "epochs" | "steps" };
  /** `init net from ... except ...`: saved weights the run starts from (train-weights.ts). */
  init?: InitIR[];
  /** `freeze net.features`: prefixes of weights no optimizer updates. */
  freeze?: FreezeIR[];
  ir: TrainIR;
  frame: Frame;
}

/** What the check collects before the IR is complete. */
interface Partial {
  decl: A.TrainDecl;
  seed: number;
  epochs: number;
  data: CheckedTrain["data"];
  models: CheckedTrain["models"];
  optimizers: TrainIR["optimizers"];
  loop?: TrainIR["loop"];
  evaluate?: TrainIR["evaluate"];
  checkpoint?: TrainIR["checkpoint"];
  best?: Watch;
  stopEarly?: TrainIR["stopEarly"];
  samples?: TrainIR["samples"];
}

/** Checks one train block; returns undefined when errors leave nothing to generate. */
export function checkTrain(comp: Compilation, decl: A.TrainDecl, file: string): CheckedTrain | undefined {
  const r = comp.reporter;
  const frame = new Frame();
  batching.current = undefined;
  // The batch size: axis 0 of a loop's (or the evaluation's) first batch field.
  frame.symbols.set("B", { input: "B", axis: 0 });
  const instances = new Map<string, ModelInstance>();
  const applied = new Map<string, Value>();
  const roles = new RoleChecker(comp, instances, file);
  const ir: Partial = { decl, seed: 0, epochs: 0, data: [], models: [], optimizers: [] };
  const evaluator = (training: boolean) => new Evaluator({ comp, file, frame, training });
  const setup = evaluator(false);
  const env = new Env();
  const watches: (A.CheckpointBestDecl | A.StopDecl)[] = [];
  let ok = true;
  const seen = new Set<string>();
  const saidInputs = new Set<string>();
  const once = (what: string, span: A.Span) => {
    if (seen.has(what)) r.report(catalog.duplicateItem(r.at(span), what));
    seen.add(what);
  };

  /** Instances whose declared inputs leave sizes open: checked again, and generated, for the shapes of their first use. */
  const deferred = new Map<string, { ref: ModelInstance["model"]; params: Map<string, Value>; span: A.Span; held: Diagnostic[] }>();
  /** Instance names in declaration order (one first checked at its use joins `ir.models` late). */
  const declared: string[] = [];
  const specialize = (name: string, tensors: Value[], span: A.Span): ModelInstance | undefined => {
    const d = deferred.get(name);
    if (!d || !tensors.every((t) => t.t === "tensor")) return undefined;
    deferred.delete(name);
    const shapes = tensors.map((t) => ({ shape: (t as { shape: D.Dim[] }).shape, dtype: (t as { dtype: string }).dtype }));
    const instance = comp.instantiate(d.ref, d.params, shapes, { span, file });
    if (!instance) {
      ok = false;
      return undefined;
    }
    // Still symbolic for the shapes of its use (a layer sized by the batch B): no class to generate.
    if (!instance.frame.concrete) {
      r.report(catalog.notGeneratable(r.at(span), name, instance.frame.whyNotConcrete ?? "a size its layers need is symbolic"));
      ok = false;
    }
    instances.set(name, instance);
    const m = ir.models.find((x) => x.name === name);
    if (m) m.instance = instance;
    else ir.models.push({ name, instance });
    return instance;
  };

  comp.training = {
    refusesModel: (ev, ref, span) => {
      // Inside a model's own body (a sub-model) a declaration is applied; in the train block it would be a fresh, untrained copy.
      if (ev.cx.frame !== frame) return false;
      const name = ref.decl.name.name;
      const callee = comp.text(file).slice(span.start, span.start + name.length) === name ? { start: span.start, end: span.start + name.length } : span;
      const known = ir.models.map((m) => ({ name: m.name, model: m.instance.model.decl.name.name, declared: instanceShape(m)!.describe }));
      r.report(catalog.modelNotInstance(r.at(callee), "a train block", name, instanceFor(name, known)));
      return true;
    },
    apply: (ev, c, args, inputs, span, calleeSpan) =>
      applyTraining(
        comp,
        ev,
        c,
        args,
        inputs,
        span,
        calleeSpan,
        (a) => instanceShape(ir.models.find((m) => m.name === (a as InstanceValue | undefined)?.name)),
        () => ir.models.map((m) => ({ name: m.name, model: m.instance.model.decl.name.name, declared: instanceShape(m)!.describe })),
      ),
    instanceShape: (name) => instanceShape(ir.models.find((m) => m.name === name)),
    applyInstance: (ev, c, tensors, span, config) => {
      const instance = specialize(c.name, tensors, span) ?? instances.get(c.name);
      if (!instance) return unknown;
      if (config.length) {
        const inputs = instance.inputs.map((i) => `${i.name}: ${i.dtype}${D.formatShape(i.shape)}`).join(", ");
        for (const a of config) {
          if (a.name) {
            const model = instance.model.decl;
            const param = closest(a.name.name, model.params.map((p) => p.name.name));
            r.report(catalog.unknownModelArgument(r.at(a.name.span), c.name, a.name.name, inputs, param ? { name: param, model: model.name.name } : undefined));
          }
          else r.report(catalog.expectedTensor(r.at(a.span), `input of ${c.name}`, describe(a.value)));
        }
        return unknown;
      }
      if (roles.reported.has(`${span.start}:${span.end}`) || !checkInstanceInputs(comp, instance, c.name, tensors, span, saidInputs)) return unknown;
      const refs = tensors.map((t) => (t as { ref: Operand }).ref);
      // The same model on the same tensors in one closure is computed once (two metrics on net(x)).
      const key = `${ev.cx.frame.blockId}|${c.name}(${JSON.stringify(refs)})|${ev.cx.training}`;
      const known = applied.get(key);
      if (known) return known;
      const v = bindOutput(ev, instance, { op: "call", instance: c.name, model: instance.key, inputs: refs, at: ev.at(span) });
      applied.set(key, v);
      return v;
    },
  };

  for (const item of decl.items) {
    switch (item.kind) {
      case "DataDecl": {
        const v = setup.expr(item.value, env);
        if (v.t === "dataset") ir.data.push({ name: item.name.name, pipeline: v.pipeline, fields: v.fields, ...(v.batching ? { batch: v.batching.size } : {}) });
        else if (v.t !== "unknown") r.report(catalog.notADataset(r.at(item.value.span), item.name.name, describe(v)));
        env.set(item.name.name, v.t === "dataset" ? { ...v, pipeline: { source: { data: item.name.name }, ops: [] } } : unknown);
        break;
      }
      case "InstanceDecl": {
        const v = setup.expr(item.value, env);
        if (v.t === "callable" && v.callable.c === "model") {
          const params = comp.bindParams(v.callable.model, v.args, item.value.span, false);
          // A model whose inputs leave sizes open (`input x: f32[B, H, W, C]`) is checked for the
          // shapes of its first use in the loop: what its declared shapes fail on (`x + conv2d(dim)(x)`
          // needs C = dim) is said only if no use fixes them.
          const ref = v.callable.model;
          const held = params ? r.held(() => comp.instantiate(ref, params, undefined, { span: item.value.span, file })) : undefined;
          const instance = held?.value;
          const open = instance ? openSizes(instance).length > 0 : params !== undefined && declaredOpenSizes(comp, ref, params).length > 0;
          if (held && !open) r.release(held.diagnostics);
          if (held && (instance || open)) {
            // Input sizes left symbolic (`input x: f32[B, N]`) are fixed by the first use in the loop.
            // An instance with open sizes is checked (and generated) for the shapes of its first use:
            // generated from its declared shapes, a reshape by H, W, C had no class (std ChannelShuffle).
            if (!instance || !instance.frame.concrete || open) deferred.set(item.name.name, { ref, params: params!, span: item.value.span, held: open ? held.diagnostics : [] });
            declared.push(item.name.name);
            if (instance) {
              instances.set(item.name.name, instance);
              ir.models.push({ name: item.name.name, instance });
            }
            // The instance's key is only known at its first use when its declared shapes failed.
            env.set(item.name.name, { t: "callable", callable: { c: "instance", name: item.name.name, instanceKey: instance?.key ?? "" }, args: [], span: item.name.span });
            break;
          }
        } else if (v.t !== "unknown") r.report(catalog.notAModel(r.at(item.value.span), item.name.name, describe(v)));
        ok = false;
        env.set(item.name.name, unknown);
        break;
      }
      case "OptimizerDecl": {
        const v = setup.expr(item.value, env);
        if (v.t === "optimizer") {
          const groups = v.groups && checkGroups(comp, item.name.name, v.groups, (name) => instances.get(name));
          if (v.groups && !groups) ok = false;
          ir.optimizers.push({ name: item.name.name, entry: v.entry.name, models: v.models, args: v.args, ...(groups ? { groups } : {}) });
          roles.optimizer(item.name.name, v.models, item.value.span, v.groups);
        }
        else if (v.t !== "unknown") r.report(catalog.notAnOptimizer(r.at(item.value.span), item.name.name, describe(v)));
        env.set(item.name.name, v.t === "optimizer" ? { ...v, name: item.name.name } : unknown);
        break;
      }
      case "EpochsDecl":
        once("epochs", item.span);
        ir.epochs = positiveInt(comp, setup, item.value, env, "epochs") ?? 1;
        break;
      case "SeedDecl":
        once("seed", item.span);
        ir.seed = positiveInt(comp, setup, item.value, env, "seed", true) ?? 0;
        break;
      case "CheckpointDecl": {
        once("checkpoint", item.span);
        const every = positiveInt(comp, setup, item.every, env, "the checkpoint interval");
        const unit = item.unit.name.replace(/s$/, "");
        if (unit !== "epoch" && unit !== "step") r.report(catalog.unknownUnit(r.at(item.unit.span), item.unit.name));
        else if (every !== undefined) ir.checkpoint = { every, unit: unit === "epoch" ? "epochs" : "steps" };
        break;
      }
      case "CheckpointBestDecl":
      case "StopDecl":
        // Checked after the loop: the evaluate block they watch may come later in the block.
        once(item.kind === "StopDecl" ? "stop early" : "checkpoint best", item.span);
        watches.push(item);
        break;
      case "SamplesDecl": {
        once("samples", item.span);
        const ev = new Evaluator({ comp, file, frame, training: false });
        let value: Value = unknown;
        const nodes = frame.nested(() => {
          value = ev.expr(item.value, env);
        });
        const v = value as Value;
        if (v.t === "tensor") {
          const channels = v.shape.length === 4 ? D.constValue(v.shape[3]!) : undefined;
          if (channels !== 1 && channels !== 3) r.report(catalog.samplesShape(r.at(item.value.span), D.formatShape(v.shape)));
          else ir.samples = { block: { nodes, training: false, rng: "samples" }, value: v.ref };
        } else if (v.t !== "unknown") r.report(catalog.expectedTensor(r.at(item.value.span), "samples", describe(v)));
        break;
      }
      case "ForLoop": {
        once("for loop", item.span);
        const loopEnv = batchEnv(comp, env, item.source, item.pattern);
        if (!loopEnv) {
          ok = false;
          break;
        }
        const ev = evaluator(true);
        const steps = countSteps(item.body);
        const body = loopBody(comp, ev, item.body, loopEnv, steps > 1, (opt, models, loss, at) => roles.step(opt, models, loss, at));
        ir.loop = { over: item.source.name, pattern: item.pattern.map((p) => p.name), body };
        break;
      }
      case "EvaluateBlock": {
        once("evaluate", item.span);
        const evalEnv = batchEnv(comp, env, item.source, item.pattern);
        if (!evalEnv) break;
        const over = env.get(item.source.name);
        if (over?.t === "dataset" && over.augmented) r.report(warnings.augmentedEvaluation(r.at(item.source.span), item.source.name, over.augmented.op));
        const ev = evaluator(false);
        ev.wholeSet = [];
        const metrics: EvalMetric[] = [];
        // Whole-set metrics applied by this statement: accepted only as the metric's whole value.
        const wholeSetOf = (v: Value | undefined): { total?: EvalMetric["total"]; misused: boolean } => {
          const applied = ev.wholeSet!.splice(0);
          const whole = v?.t === "tensor" && v.ref.k === "node" && applied.length === 1 && applied[0]!.id === v.ref.id ? applied[0] : undefined;
          for (const a of applied) if (a !== whole) r.report(catalog.wholeSetMisused(r.at(a.span), a.entry));
          return { ...(whole ? { total: registry.get(whole.entry)!.wholeSet } : {}), misused: applied.length > (whole ? 1 : 0) };
        };
        const nodes = frame.nested(() => {
          for (const m of item.body) {
            if (m.kind === "LetStmt") {
              // A let shared by metrics (`let (logits, _) = net(x)`): computed once per batch.
              const bound = ev.destructure(m, ev.expr(m.value, evalEnv));
              // A let of a whole-set metric has been refused: its names say nothing more.
              const misused = wholeSetOf(undefined).misused;
              for (const [name, value] of bound) evalEnv.set(name.name, misused ? unknown : ev.bindName(name.name, value));
              continue;
            }
            const v = ev.expr(m.value, evalEnv);
            const { total, misused } = wholeSetOf(v);
            if (misused) {
              evalEnv.set(m.name.name, unknown);
              continue;
            }
            if (total && v.t === "tensor") {
              metrics.push({ name: m.name.name, value: v.ref, total });
              // Its name holds the counts, not the metric's value: a later use is refused.
              evalEnv.set(m.name.name, { ...v, wholeSet: true });
              continue;
            }
            if (v.t === "tensor" && v.shape.length !== 0) r.report(catalog.notScalar(r.at(m.value.span), `metric '${m.name.name}'`, D.formatShape(v.shape)));
            else if (v.t === "tensor") metrics.push({ name: m.name.name, value: v.ref });
            else if (v.t !== "unknown") r.report(catalog.expectedTensor(r.at(m.value.span), `metric '${m.name.name}'`, describe(v)));
            evalEnv.set(m.name.name, v);
          }
        });
        ir.evaluate = { over: item.source.name, pattern: item.pattern.map((p) => p.name), block: { nodes, training: false, rng: "loop" }, metrics };
        break;
      }
    }
  }
  for (const w of watches) {
    const what = w.kind === "StopDecl" ? "'stop early'" : "'checkpoint best'";
    const watch = checkWatch(comp, ir, w, what);
    if (!watch) continue;
    if (w.kind === "CheckpointBestDecl") ir.best = watch;
    else {
      const patience = positiveInt(comp, setup, w.patience, env, "the patience (epochs without improvement)");
      if (patience !== undefined) ir.stopEarly = { ...watch, patience };
    }
  }
  comp.training = undefined;
  batching.current = undefined;
  ir.models.sort((a, b) => declared.indexOf(a.name) - declared.indexOf(b.name));
  for (const [name, d] of deferred) {
    // Never applied: what the declared shapes fail on stands, with the sizes left open.
    r.release(d.held);
    const known = instances.get(name);
    // Never applied in the loop but clean on its declared shapes, with every weight sized (a
    // decoder read by greedy_decode with an open length T): the declared-shape instance stands.
    if (known && known.frame.concrete && d.held.length === 0) continue;
    const open = known ? openSizes(known) : declaredOpenSizes(comp, d.ref, d.params);
    r.report(catalog.openInstanceSize(r.at(d.span), name, open.length ? open.join(", ") : "a size its layers need"));
    ok = false;
  }
  if (!seen.has("epochs")) r.report(catalog.missingEpochs(r.at(decl.name.span), decl.name.name));
  if (!ir.loop && ok) r.report(catalog.missingLoop(r.at(decl.name.span), decl.name.name));
  if (!ok || !ir.loop) return undefined;
  const { init, freeze } = checkWeightItems(comp, decl, ir.models, file);
  const { seed, epochs, loop, evaluate, checkpoint, best, stopEarly, samples } = ir;
  const program: TrainIR = {
    name: decl.name.name,
    ...(decl.doc ? { doc: decl.doc } : {}),
    at: { file, span: decl.name.span },
    seed,
    epochs,
    data: ir.data,
    models: ir.models.map((m) => ({ name: m.name, model: m.instance.key })),
    optimizers: ir.optimizers,
    loop,
    ...(evaluate ? { evaluate } : {}),
    ...(samples ? { samples } : {}),
    ...(checkpoint ? { checkpoint } : {}),
    ...(best ? { best } : {}),
    ...(stopEarly ? { stopEarly } : {}),
    ...(init.length ? { init: init.map((i) => ({ model: i.model, ...(i.into ? { into: i.into } : {}), from: i.from, except: i.except, at: { file, span: i.decl.span, line: i.line, column: i.column } })) } : {}),
    ...(freeze.length ? { freeze } : {}),
  };
  return { decl, name: decl.name.name, data: ir.data, models: ir.models, epochs, ...(checkpoint ? { checkpoint } : {}), init, freeze, ir: program, frame };
}

/**
 * Resolves a watched metric: a `metric` name of the evaluate block, or its history name
 * (`test_accuracy` for `metric accuracy` in `evaluate ... in test`).
 */
function checkWatch(comp: Compilation, ir: Partial, w: A.CheckpointBestDecl | A.StopDecl, what: string): Watch | undefined {
  const r = comp.reporter;
  const mode = w.mode.name;
  if (mode !== "min" && mode !== "max") {
    r.report(catalog.unknownMode(r.at(w.mode.span), what, mode));
    return undefined;
  }
  const ev = ir.evaluate;
  // An evaluate block that did not check has reported its own errors: nothing to add here.
  if (!ev && ir.decl.items.some((i) => i.kind === "EvaluateBlock")) return undefined;
  const name = w.metric.name;
  const history = (m: string) => `${ev!.over}_${m}`;
  const found = ev?.metrics.find((m) => m.name === name || history(m.name) === name);
  if (!found) {
    const known = ev?.metrics.map((m) => m.name) ?? [];
    r.report(catalog.unknownMonitoredMetric(r.at(w.metric.span), what, name, known, closest(name, known)));
    return undefined;
  }
  if (found.total === "confusion") {
    r.report(catalog.unwatchableMetric(r.at(w.metric.span), what, name));
    return undefined;
  }
  return { metric: history(found.name), mode };
}

function countSteps(body: A.LoopStmt[]): number {
  return body.reduce((n, s) => n + (s.kind === "StepStmt" ? 1 : s.kind === "RepeatStmt" ? countSteps(s.body) : 0), 0);
}

/** Binds a loop's pattern to the fields of a batched data set, plus the batch size `B`. */
function batchEnv(comp: Compilation, env: Env, source: A.Ident, pattern: A.Ident[]): Env | undefined {
  const r = comp.reporter;
  const data = env.get(source.name);
  if (!data || data.t === "unknown") return undefined;
  if (data.t !== "dataset") {
    r.report(catalog.notADataset(r.at(source.span), source.name, describe(data)));
    return undefined;
  }
  if (!data.batched) {
    r.report(catalog.notBatched(r.at(source.span), source.name));
    return undefined;
  }
  if (pattern.length !== data.fields.length) {
    r.report(catalog.patternArity(r.at(pattern[0]!.span), source.name, data.fields.map((f) => f.name), pattern.length));
    return undefined;
  }
  const inner = new Env(env);
  inner.set("B", { t: "int", v: D.sym("B") });
  for (const [i, p] of pattern.entries()) {
    const f = data.fields[i]!;
    const v: Value = { t: "tensor", shape: [D.sym("B"), ...f.shape], dtype: f.dtype, ref: { k: "input", name: p.name }, ...(f.classes ? { classes: f.classes } : {}) };
    dataTensors.add(v);
    inner.set(p.name, v);
  }
  batching.current = data.batching && { ...data.batching, source: source.name };
  batchNames.current = pattern.map((p) => p.name).filter((n) => n !== "_");
  return inner;
}

/** The batching of the loop being checked (`for (x, y) in train`), for models with a fixed batch size. */
const batching: { current?: Batching & { source: string } } = {};

type StepCheck = (optimizer: string, models: string[], loss: A.Expr, env: Env) => void;

function loopBody(comp: Compilation, ev: Evaluator, body: A.LoopStmt[], env: Env, manySteps: boolean, checkStep: StepCheck): LoopStmt[] {
  const r = comp.reporter;
  const out: LoopStmt[] = [];
  for (const st of body) {
    if (st.kind === "LetStmt") {
      // A let sees what is declared before it, never itself (`let a = a`, which error recovery can
      // produce) nor later lets: its value is evaluated lazily, so a shared scope would loop forever.
      const before = env;
      env = new Env(before);
      const whole = new Map<number, Value>();
      for (const [index, name] of letNames(st).entries()) {
        const of = st.names ? { let: st, index, whole } : undefined;
        env.set(name.name, { t: "lazy", name: name.name, expr: st.value, env: before, cache: new Map(), of });
      }
    } else if (st.kind === "RepeatStmt") {
      const n = positiveInt(comp, ev, st.count, env, "the repeat count");
      const inner = loopBody(comp, ev, st.body, new Env(env), manySteps, checkStep);
      if (st.fresh) {
        const at = r.at({ start: st.span.start, end: st.freshSpan?.end ?? st.count.span.end });
        if (countSteps(st.body) === 0) r.report(catalog.freshWithoutStep(at));
        else if (inner.length && !readsBatch(inner)) r.report(warnings.freshUnread(at, batchNames.current));
      }
      if (n !== undefined) out.push({ s: "repeat", count: n, body: inner, ...(st.fresh ? { fresh: true as const } : {}) });
    } else {
      const opt = env.get(st.optimizer.name);
      if (!opt || opt.t === "unknown") continue;
      if (opt.t !== "optimizer") {
        r.report(catalog.notAnOptimizer(r.at(st.optimizer.span), st.optimizer.name, describe(opt)));
        continue;
      }
      checkStep(st.optimizer.name, opt.models, st.loss, env);
      let loss: Value = unknown;
      const nodes = ev.cx.frame.nested(() => {
        loss = ev.expr(st.loss, env);
      });
      const l = loss as Value;
      if (l.t === "unknown") continue;
      if (l.t !== "tensor") {
        r.report(catalog.expectedTensor(r.at(st.loss.span), "the loss", describe(l)));
        continue;
      }
      if (l.shape.length !== 0) {
        r.report(catalog.notScalar(r.at(st.loss.span), "the loss", D.formatShape(l.shape)));
        continue;
      }
      // A metric counts hits (argmax, thresholds): its gradient is zero everywhere, so nothing would train.
      const metric = l.from !== undefined ? registry.get(l.from) : undefined;
      if (metric?.category === "metrics") {
        r.report(
          catalog.invalidArgument(
            r.at(st.loss.span),
            `${metric.name} is a metric, not a loss: it counts correct predictions, so its gradient is zero and the step would change nothing; minimize a loss (cross_entropy for classes, bce_with_logits for binary labels) and report ${metric.name} as a metric in 'evaluate'`,
          ),
        );
        continue;
      }
      const { line, column } = lineColumn(comp.text(ev.cx.file), st.loss.span.start);
      out.push({
        s: "step",
        optimizer: opt.name ?? st.optimizer.name,
        lossName: manySteps ? `loss_${st.optimizer.name}` : "loss",
        block: { nodes, training: true, rng: "loop" },
        loss: l.ref,
        at: { file: ev.cx.file, span: st.loss.span, line, column },
      });
    }
  }
  return out;
}

/** Whether a statement's blocks read a batch field (an `input` operand) anywhere. */
function readsBatch(body: LoopStmt[]): boolean {
  const input = (o: Operand) => o.k === "input";
  return body.some((st) => (st.s === "repeat" ? readsBatch(st.body) : input(st.loss) || st.block.nodes.some((n) => n.inputs.some(input))));
}

/** The names the loop being checked binds to its batch fields, for messages. */
const batchNames: { current: string[] } = { current: [] };

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

function positiveInt(comp: Compilation, ev: Evaluator, e: A.Expr, env: Env, what: string, zeroOk = false): number | undefined {
  const v = ev.expr(e, env);
  if (v.t === "unknown") return undefined;
  const n = v.t === "int" ? D.constValue(v.v) : undefined;
  if (n === undefined || n < (zeroOk ? 0 : 1)) {
    comp.reporter.report(catalog.wrongArgumentType(comp.reporter.at(e.span), "train", what, zeroOk ? "a constant int ≥ 0" : "a constant int ≥ 1", describe(v)));
    return undefined;
  }
  return n;
}

/** A model instance as data operations see it (the network an RL operation acts with). */
function instanceShape(m: CheckedTrain["models"][number] | undefined): InstanceShape | undefined {
  if (!m) return undefined;
  const i = m.instance;
  const params = i.params.map((p) => `${p.name}=${p.value.t === "int" ? D.format(p.value.v) : p.value.t === "float" || p.value.t === "bool" ? String(p.value.v) : p.value.t === "string" ? JSON.stringify(p.value.v) : p.value.t}`);
  return { name: m.name, key: i.key, describe: `${i.model.decl.name.name}(${params.join(", ")})`, inputs: i.inputs, output: i.output.t === "tensor" ? i.output.shape : undefined };
}

/**
 * The instance meant where a model declaration was written: one of that model (the first, as
 * an instance is what the user declared it for), else the instance whose name is closest.
 */
function instanceFor(model: string, instances: { name: string; model: string; declared: string }[]): { name: string; declared: string } | undefined {
  const same = instances.find((i) => i.model === model);
  if (same) return same;
  const near = closest(model, instances.map((i) => i.name));
  return instances.find((i) => i.name === near);
}

/** Data sources, data operations, optimizers and schedules, which only train blocks may call. */
function applyTraining(
  comp: Compilation,
  ev: Evaluator,
  c: Callable,
  args: EvaluatedArg[],
  inputs: Value[],
  span: A.Span,
  calleeSpan: A.Span,
  instance: (arg: ArgValue | undefined) => InstanceShape | undefined,
  instances: () => { name: string; model: string; declared: string }[],
): Value {
  const r = comp.reporter;
  switch (c.c) {
    case "data-source": {
      const bound = bindArgs(c.entry.args, args, c.entry.name, span, r);
      if (!bound) return unknown;
      const pipeline: DataPipeline = { source: { entry: c.entry.name, args: bound }, ops: [] };
      return { t: "dataset", source: c.entry, fields: c.entry.fields(bound), batched: false, pipeline, environment: c.entry.environment?.(bound), size: c.entry.size?.(bound) };
    }
    case "data-op": {
      const data = inputs[0];
      if (!data) return { t: "callable", callable: c, args, span };
      if (data.t === "unknown") return unknown;
      if (data.t !== "dataset") {
        r.report(catalog.typeMismatch(r.at(calleeSpan), `${c.entry.name} transforms a data set, but got ${describe(data)}`));
        return unknown;
      }
      // An environment yields nothing by itself: an RL operation collects experience from it first.
      if (data.environment && !c.entry.collects) {
        r.report(catalog.typeMismatch(r.at(calleeSpan), `${data.environment.name}() is an environment: collect experience from it with replay(...), episode_replay(...) or rollouts(...) before '${c.entry.name}'`));
        return unknown;
      }
      if (c.entry.collects && !data.environment) {
        r.report(catalog.typeMismatch(r.at(calleeSpan), `${c.entry.name} collects experience from an environment such as cartpole() or tmaze(), but got ${describe(data)}`));
        return unknown;
      }
      if (data.batched) {
        const by = data.batching ? `batch(${data.batching.size})` : "batch";
        r.report(
          catalog.typeMismatch(
            r.at(calleeSpan),
            c.entry.name === "batch"
              ? `the data set is already batched by ${by}; batch it once (a second batch would stack batches into batches)`
              : `${c.entry.name} works on single examples, so it must come before ${by} in a data pipeline: move it in front of ${by}`,
          ),
        );
        return unknown;
      }
      const bound = bindArgs(c.entry.args, args, c.entry.name, span, r);
      if (!bound) return unknown;
      const fields = c.entry.apply({
        fields: data.fields,
        args: bound,
        site: ev.siteText(span, c.entry.name),
        fail: (message) => {
          r.report(catalog.invalidArgument(r.at(span), message));
          return undefined;
        },
        environment: data.environment,
        instance,
      });
      if (!fields) return unknown;
      const size = c.entry.collects ? undefined : c.entry.size ? c.entry.size(data.size, bound) : data.size;
      const batchSize = c.entry.batches ? D.constValue(bound.size as D.Dim) : undefined;
      const batching = batchSize !== undefined ? { size: batchSize, dropLast: bound.drop_last === true, total: size } : undefined;
      const augmented = data.augmented ?? (c.entry.augments ? { op: c.entry.name, span: calleeSpan } : undefined);
      return {
        ...data,
        fields,
        batched: c.entry.batches === true,
        pipeline: { ...data.pipeline, ops: [...data.pipeline.ops, { op: "apply", entry: c.entry.name, args: bound }] },
        environment: c.entry.collects ? undefined : data.environment,
        size,
        batching,
        ...(augmented ? { augmented } : {}),
      };
    }
    case "param-group": {
      // Checked here, bound into groups by the optimizer around it (see "optimizer" below).
      const items: Extract<Value, { t: "weights" }>[] = [];
      const rest: EvaluatedArg[] = [];
      let ok = true;
      for (const a of args) {
        if (a.name) rest.push(a);
        else if (a.value.t === "callable" && a.value.callable.c === "instance") items.push({ t: "weights", instance: a.value.callable.name, path: "", span: a.span });
        else if (a.value.t === "weights") items.push(a.value);
        else if (a.value.t !== "unknown") {
          r.report(a.value.t === "callable" && a.value.callable.c === "model" ? catalog.modelNotInstance(r.at(a.span), "group", a.value.callable.model.decl.name.name, instanceFor(a.value.callable.model.decl.name.name, instances())) : catalog.notGroupable(r.at(a.span), "group", describe(a.value)));
          ok = false;
        } else ok = false;
      }
      if (!items.length && ok) {
        r.report(catalog.missingArgument(r.at(span), "group", "weights", "the models or weight paths of the group, e.g. group(net.body_0, lr=1e-4)"));
        return unknown;
      }
      const bound = bindArgs(c.entry.args, rest, c.entry.name, span, r);
      if (!bound || !ok) return unknown;
      return { t: "param-group", items, args: bound, span };
    }
    case "optimizer": {
      const models: string[] = [];
      const rest: EvaluatedArg[] = [];
      // Parameter groups, in order: a bare model is a group of all its weights with the optimizer's options.
      const groups: OptimizerGroup[] = [];
      let failed = false;
      const addGroup = (w: Extract<Value, { t: "weights" }>, args: IRArgs, span: A.Span) => {
        if (!models.includes(w.instance)) models.push(w.instance);
        groups.push({ model: w.instance, path: w.path, args, span, ...(w.pathSpan ? { pathSpan: w.pathSpan } : {}) });
      };
      const positional = (v: Value, span: A.Span) => {
        if (v.t === "callable" && v.callable.c === "instance") addGroup({ t: "weights", instance: v.callable.name, path: "", span }, {}, span);
        else if (v.t === "weights") addGroup(v, {}, span);
        else if (v.t === "param-group") for (const w of v.items) addGroup(w, v.args, w.span);
        else if (v.t === "unknown") failed = true;
        else if (!(v.t === "callable" && v.callable.c === "model")) {
          r.report(catalog.notGroupable(r.at(span), c.entry.name, describe(v)));
          failed = true;
        }
      };
      for (const a of args) {
        if (!a.name && (a.value.t === "callable" || a.value.t === "weights" || a.value.t === "param-group")) positional(a.value, a.span);
        else if (!a.name && a.value.t === "tuple") {
          for (const item of a.value.items) positional(item, a.span);
        } else rest.push(a);
      }
      if (failed) return unknown;
      const declaration = args.find((a) => !a.name && a.value.t === "callable" && a.value.callable.c === "model");
      if (declaration) {
        const model = (declaration.value as { callable: { model: { decl: A.ModelDecl } } }).callable.model.decl.name.name;
        r.report(catalog.modelNotInstance(r.at(declaration.span), c.entry.name, model, instanceFor(model, instances())));
        return unknown;
      }
      if (!models.length) {
        // Something else where the models go: a list (PyTorch's param groups), a loss, a tensor.
        const first = args.find((a) => !a.name);
        if (first) {
          const list = first.value.t === "list" && first.value.items.every((i) => i.t === "callable" && i.callable.c === "instance");
          const names = list && first.value.t === "list" ? first.value.items.map((i) => (i as { callable: { name: string } }).callable.name) : [];
          const fix = list ? `${c.entry.name}(${names.length === 1 ? names[0] : `(${names.join(", ")})`}, ...)` : `${c.entry.name}(net, lr=1e-3)`;
          r.report(
            catalog.typeMismatch(
              r.at(first.span),
              `${c.entry.name} takes the model instances it trains first (one name, or a tuple of names for several), but got ${describe(first.value)}; write ${fix}`,
            ),
          );
          return unknown;
        }
        r.report(catalog.missingArgument(r.at(span), c.entry.name, "models", "the model instances it trains, e.g. adam(net, lr=1e-3)"));
        return unknown;
      }
      const bound = bindArgs(c.entry.args, rest, c.entry.name, span, r);
      if (!bound) return unknown;
      const problem = c.entry.check?.(bound);
      if (problem) {
        r.report(catalog.invalidArgument(r.at(span), `${ev.siteText(span, c.entry.name)}: ${problem}`));
        return unknown;
      }
      // Groups only where they say more than "these models": the plain form stays as it was.
      const plain = groups.every((g) => g.path === "" && Object.keys(g.args).length === 0) && new Set(groups.map((g) => g.model)).size === groups.length;
      return { t: "optimizer", entry: c.entry, models, args: bound, ...(plain ? {} : { groups }) };
    }
    case "schedule": {
      const bound = bindArgs(c.entry.args, args, c.entry.name, span, r);
      if (!bound) return unknown;
      const problem = c.entry.check?.(bound);
      if (problem) {
        r.report(catalog.invalidArgument(r.at(span), `${ev.siteText(span, c.entry.name)}: ${problem}`));
        return unknown;
      }
      return { t: "schedule", entry: c.entry, args: bound };
    }
    default:
      return unknown;
  }
}

/** The tensors a train loop reads from its data set, as bound to the loop's names (what `pad` can fix). */
const dataTensors = new WeakSet<Value>();

/** A model instance applied in a train block: its inputs must match the declared shapes. */
function checkInstanceInputs(comp: Compilation, instance: ModelInstance, name: string, tensors: Value[], span: A.Span, said: Set<string>): boolean {
  // The same wrong tensor given to the same model again (noise drawn once, used by two steps) is
  // one mistake: said at its first use.
  const r = {
    at: (s: A.Span) => comp.reporter.at(s),
    report: (d: Diagnostic) => {
      const key = `${d.code}:${d.message}`;
      if (!said.has(key)) comp.reporter.report(d);
      said.add(key);
    },
  };
  if (tensors.length !== instance.inputs.length) {
    const declared = instance.inputs.map((i) => `${i.name}: ${i.dtype}${D.formatShape(i.shape)}`).join(", ");
    r.report(catalog.wrongInputCount(r.at(span), name, String(instance.inputs.length), tensors.length, `its inputs are ${declared}, given in that order`));
    return false;
  }
  for (const [i, t] of tensors.entries()) {
    if (t.t !== "tensor") {
      r.report(catalog.expectedTensor(r.at(span), `input ${i + 1} of ${name}`, describe(t)));
      return false;
    }
    const want = instance.inputs[i]!;
    const expect = `${want.name}: ${want.dtype}${D.formatShape(want.shape)}`;
    if (t.shape.length !== want.shape.length) {
      r.report(catalog.rankMismatch(r.at(span), `${name} expects ${expect} but got ${D.formatShape(t.shape)}${inputMismatchHint(instance, i, t, dataTensors.has(t))}`));
      return false;
    }
    const fixed = D.constValue(want.shape[0]!);
    const b = batching.current;
    if (fixed !== undefined && b && t.shape[0]!.k === "sym" && t.shape[0]!.name === "B") {
      const last = b.total === undefined || b.dropLast ? 0 : b.total % b.size;
      const full = b.total === undefined || b.total >= b.size;
      if (b.size !== fixed || !full) {
        r.report(catalog.dimensionMismatch(r.at(span), `${name} expects a fixed batch of ${fixed} (${expect}), but '${b.source}' is batched by ${b.size}; declare the batch axis as B to take any size, or batch by ${fixed}`));
        return false;
      }
      if (last !== 0) {
        r.report(
          catalog.dimensionMismatch(
            r.at(span),
            `${name} expects a fixed batch of ${fixed} (${expect}), but the last batch of '${b.source}' holds ${last} examples (${b.total} = ${Math.floor(b.total! / b.size)} × ${b.size} + ${last}); add drop_last=true to its batch(...) or declare the batch axis as B`,
          ),
        );
        return false;
      }
    }
    for (const [axis, d] of want.shape.entries()) {
      if (D.definitelyDifferent(d, t.shape[axis]!)) {
        const got = D.constValue(t.shape[axis]!)!;
        const wanted = D.constValue(d)!;
        const hint = inputMismatchHint(instance, i, t, dataTensors.has(t));
        r.report(catalog.dimensionMismatch(r.at(span), `${name} expects ${expect} but got ${D.formatShape(t.shape)}: axis ${axis} is ${got}, expected ${wanted}${hint}`));
        return false;
      }
    }
  }
  return true;
}

/** The input sizes an instance leaves open (all but the batch): `N (input x: f32[B, N])`. */
function openSizes(instance: ModelInstance): string[] {
  return instance.inputs.flatMap((i) => i.shape.filter((x) => x.k !== "const" && !(x.k === "sym" && x.name === "B")).map((x) => `${D.format(x)} (input ${i.name}: ${i.dtype}${D.formatShape(i.shape)})`));
}

/**
 * The input sizes a model declaration leaves open for these parameters, from its source (for an
 * instance whose check on the declared shapes failed): `H (input x: f32[B, H, W, C])`.
 */
function declaredOpenSizes(comp: Compilation, ref: ModelInstance["model"], params: Map<string, Value>): string[] {
  const text = comp.text(ref.file);
  return ref.decl.body
    .filter((st): st is A.InputStmt => st.kind === "InputStmt")
    .flatMap((st) => st.type.dims.filter((e) => e.kind === "Name" && e.name !== "B" && !params.has(e.name)).map((e) => `${text.slice(e.span.start, e.span.end)} (input ${st.name.name}: ${text.slice(st.type.span.start, st.type.span.end)})`));
}
