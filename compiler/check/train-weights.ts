/**
 * Checks of a train block's weights that move: `init net from <source> except <prefixes>` and
 * `freeze <model>.<prefix>`. Weights are matched by their names under the model, as the
 * generated class creates them (`Frame.weights`), so every mismatch a run would meet is found
 * here when both sides are known: a train block of this file as the source, or a run folder that
 * already holds a checkpoint. A run folder that does not exist yet is checked when the run starts.
 */
import { readdirSync } from "node:fs";
import { basename, dirname } from "node:path";
import type * as A from "../../grammar/ast.js";
import { catalog } from "../diagnostics/catalog.js";
import type { Fix } from "../diagnostics/diagnostic.js";
import * as D from "../shapes/dim.js";
import { isProblem, locateCheckpoint, readSavedModel } from "../../runtime/checkpoint/saved-weights.js";
import { exceptFor, formatShape, matchWeights, under, underPrefix, type NamedShape } from "../../runtime/checkpoint/weight-match.js";
import type { Compilation, ModelInstance } from "./compilation.js";
import { closest } from "./suggest.js";
import type { OptimizerGroup } from "./values.js";
import type { IRArgs } from "../ir/values.js";

/** Where an init's weights come from, as the runtime's `InitSource`. */
export type InitFrom = { run: string } | { train: string; model: string; under?: string };

/** One checked `init`, as the emitter writes it into the program. */
export interface InitIR {
  model: string;
  /** A prefix of the model's weights that the init covers (`encoder_0`); absent: all of them. */
  into?: string;
  from: InitFrom;
  except: string[];
  line: number;
  column: number;
  decl: A.InitDecl;
}

/** One checked `freeze` target: a model and a prefix under it ("" for the whole model). */
export interface FreezeIR {
  model: string;
  path: string;
}

/** What the weight checks need of a checked train block. */
export interface WeightsOfTrain {
  name: string;
  decl: A.TrainDecl;
  models: { name: string; instance: ModelInstance }[];
  init?: InitIR[];
  freeze?: FreezeIR[];
  checkpoint?: { every: number; unit: "epochs" | "steps" };
  epochs: number;
  /** The train program the targets render: a source block's end-of-run checkpoint goes there too. */
  ir?: { checkpoint?: { every: number; unit: "epochs" | "steps" } };
}

const pathText = (p: A.WeightPath, from = 0) =>
  p.parts
    .slice(from)
    .map((x) => x.name)
    .join(".");

/** The model's weights with constant shapes (those of a generated class always are). */
function weightsOf(instance: ModelInstance): NamedShape[] {
  return instance.frame.weights.map((w) => ({ name: w.name, shape: w.shape.map((d) => D.constValue(d) ?? -1) }));
}

/** Every prefix a path may name: layers, nested layers and variables. */
function prefixes(weights: readonly NamedShape[]): string[] {
  const out = new Set<string>();
  for (const w of weights) {
    const parts = w.name.split(".");
    for (let i = 1; i <= parts.length; i++) out.add(parts.slice(0, i).join("."));
  }
  return [...out];
}

/** Reports a path under `model` that names none of its weights (nor, for an except, the source's). */
function checkPath(comp: Compilation, what: string, path: A.WeightPath, from: number, model: string, weights: readonly NamedShape[], also: readonly NamedShape[] = []): boolean {
  const text = pathText(path, from);
  if (!text || [...weights, ...also].some((w) => underPrefix(w.name, text))) return true;
  const r = comp.reporter;
  const all = [...weights, ...also];
  const suggestion = closest(text, prefixes(all));
  const layers = [...new Set(weights.map((w) => w.name.split(".")[0]!))];
  const span = { start: path.parts[from]!.span.start, end: path.span.end };
  r.report(catalog.unknownWeightPath(r.at(span), what, text, model, layers, suggestion));
  return false;
}

/**
 * Checks an optimizer's parameter groups: each path names weights of its model (with a
 * did-you-mean), and no trainable weight is in two groups. Returns the groups for the IR, or
 * undefined after an error.
 */
export function checkGroups(comp: Compilation, optimizer: string, groups: readonly OptimizerGroup[], instance: (name: string) => ModelInstance | undefined): { model: string; path: string; args: IRArgs }[] | undefined {
  const r = comp.reporter;
  let ok = true;
  const owner = new Map<string, number>();
  const shown = (g: OptimizerGroup) => `'${g.model}${g.path ? `.${g.path}` : ""}'`;
  for (const [i, g] of groups.entries()) {
    const inst = instance(g.model);
    // A model that did not check has reported its own errors.
    if (!inst) {
      ok = false;
      continue;
    }
    const weights = weightsOf(inst);
    const covers = (name: string) => g.path === "" || underPrefix(name, g.path);
    if (g.path && !weights.some((w) => covers(w.name))) {
      const suggestion = closest(g.path, prefixes(weights));
      const layers = [...new Set(weights.map((w) => w.name.split(".")[0]!))];
      r.report(catalog.unknownWeightPath(r.at(g.pathSpan ?? g.span), "the group", g.path, g.model, layers, suggestion));
      ok = false;
      continue;
    }
    for (const w of inst.frame.weights) {
      if (!w.trainable || !covers(w.name)) continue;
      const key = `${g.model}.${w.name}`;
      const other = owner.get(key);
      if (other !== undefined) {
        r.report(catalog.groupOverlap(r.at(g.span), optimizer, key, shown(groups[other]!), shown(g)));
        ok = false;
        break;
      }
      owner.set(key, i);
    }
  }
  return ok ? groups.map((g) => ({ model: g.model, path: g.path, args: g.args })) : undefined;
}

/**
 * Checks the block's `init`s and `freeze`s that need only the block itself; returns what the
 * emitter writes. An init from another train block is matched later, by `checkInitSources`.
 */
export function checkWeightItems(comp: Compilation, decl: A.TrainDecl, models: WeightsOfTrain["models"], file: string): { init: InitIR[]; freeze: FreezeIR[] } {
  const r = comp.reporter;
  const init: InitIR[] = [];
  const freeze: FreezeIR[] = [];
  const instance = (name: string) => models.find((m) => m.name === name)?.instance;
  const text = comp.text(file);
  /** A data set or optimizer where a model must stand (an unknown name was reported by the resolver). */
  const notAModel = (id: A.Ident) => {
    const other = decl.items.find((i) => (i.kind === "DataDecl" || i.kind === "OptimizerDecl") && i.name.name === id.name);
    if (other) r.report(catalog.notAModel(r.at(id.span), id.name, other.kind === "DataDecl" ? "a data set" : "an optimizer"));
  };
  for (const item of decl.items) {
    if (item.kind === "FreezeDecl") {
      for (const t of item.targets) {
        const model = t.parts[0]!.name;
        const inst = instance(model);
        // A model that did not check has reported its own errors.
        if (!inst) {
          notAModel(t.parts[0]!);
          continue;
        }
        if (checkPath(comp, "freeze", t, 1, model, weightsOf(inst))) freeze.push({ model, path: pathText(t, 1) });
      }
      continue;
    }
    if (item.kind !== "InitDecl") continue;
    const model = item.model.name;
    const inst = instance(model);
    if (!inst) {
      notAModel(item.model);
      continue;
    }
    const into = item.under.map((p) => p.name).join(".");
    const target: A.WeightPath = { kind: "WeightPath", parts: [item.model, ...item.under], span: { start: item.model.span.start, end: (item.under.at(-1) ?? item.model).span.end } };
    if (into && !checkPath(comp, "init", target, 1, model, weightsOf(inst))) continue;
    const mine = under(weightsOf(inst), into);
    if (init.some((i) => i.model === model && (i.into ?? "") === into)) {
      r.report(catalog.duplicateItem(r.at(item.span), `init ${[model, ...(into ? [into] : [])].join(".")}`));
      continue;
    }
    const before = text.slice(0, item.span.start);
    const at = { line: before.split("\n").length, column: item.span.start - before.lastIndexOf("\n") };
    const except = item.except.map((p) => pathText(p));
    const source = item.source;
    const intoField = into ? { into } : {};
    if (source.kind === "String") {
      const saved = readAtCheckTime(comp, item, source, model, mine);
      let ok = true;
      for (const p of item.except) ok = checkPath(comp, "except", p, 0, model, mine, saved) && ok;
      if (ok) init.push({ model, ...intoField, from: { run: source.value }, except, ...at, decl: item });
    } else {
      // `from stage4` is the model of the same name there; `from stage4.G` names it;
      // `from pretrain.ae.encoder_0` takes the weights under a prefix of it (a sub-model).
      const train = source.parts[0]!.name;
      const fromModel = source.parts[1]?.name ?? model;
      const prefix = pathText(source, 2);
      init.push({ model, ...intoField, from: { train, model: fromModel, ...(prefix ? { under: prefix } : {}) }, except, ...at, decl: item });
    }
  }
  frozenOptimizers(comp, decl, models, freeze);
  return { init, freeze };
}

/** Warns about an optimizer all of whose models' parameters are frozen: its steps change nothing. */
function frozenOptimizers(comp: Compilation, decl: A.TrainDecl, models: WeightsOfTrain["models"], freeze: FreezeIR[]): void {
  if (!freeze.length) return;
  const r = comp.reporter;
  const frozen = (model: string, name: string) => freeze.some((f) => f.model === model && (f.path === "" || underPrefix(name, f.path)));
  for (const item of decl.items) {
    if (item.kind !== "OptimizerDecl" || item.value.kind !== "Call") continue;
    const names = item.value.args.filter((a) => !a.name).flatMap((a) => (a.value.kind === "Name" ? [a.value.name] : a.value.kind === "Tuple" ? a.value.items.flatMap((x) => (x.kind === "Name" ? [x.name] : [])) : []));
    const optimized = models.filter((m) => names.includes(m.name));
    if (!optimized.length) continue;
    const trainable = optimized.flatMap((m) => m.instance.frame.weights.filter((w) => w.trainable).map((w) => ({ model: m.name, name: w.name })));
    if (trainable.length && trainable.every((w) => frozen(w.model, w.name))) {
      r.report(catalog.allFrozen(r.at(item.span), item.name.name, optimized.map((m) => m.name)));
    }
  }
}

/**
 * A run folder's checkpoint, when it is there at check time: mismatches are reported now.
 * Returns the saved weights (for checking `except` paths against them too).
 */
function readAtCheckTime(comp: Compilation, item: A.InitDecl, source: A.StringLit, model: string, mine: NamedShape[]): NamedShape[] {
  const r = comp.reporter;
  const located = locateCheckpoint(source.value, "auto");
  // No run folder yet (the pretraining has not run): checked when this run starts.
  if (isProblem(located)) {
    if (located.found !== "no such folder") r.report(catalog.unreadableCheckpoint(r.at(source.span), located.file, located.expected, located.found));
    return [];
  }
  const saved = readSavedModel(located.folder, model, true);
  if (isProblem(saved)) {
    r.report(catalog.unreadableCheckpoint(r.at(source.span), saved.file, saved.expected, saved.found));
    return [];
  }
  const shown = [model, ...item.under.map((p) => p.name)].join(".");
  reportMatch(comp, item, shown, mine, saved.weights, `${JSON.stringify(source.value)} (${saved.file})`);
  return saved.weights;
}

/**
 * A run folder that does not exist is checked when the run starts (the pretraining may not have
 * run yet); a near miss is warned about now: a sibling folder of a close name, or a train block of
 * this file whose run folder the path misspells.
 */
function missingRunFolder(comp: Compilation, path: string, source: A.StringLit, blocks: string[]): void {
  const located = locateCheckpoint(path, "auto");
  if (!isProblem(located) || located.found !== "no such folder") return;
  const r = comp.reporter;
  const parent = dirname(path);
  const base = basename(path);
  let siblings: string[] = [];
  try {
    siblings = readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name);
  } catch {
    // No parent folder either: nothing near to suggest.
  }
  const near = closest(base, siblings);
  if (near && near !== base) {
    const fixed = parent === "." && !path.startsWith("./") ? near : `${parent}/${near}`;
    r.report(catalog.missingRunFolder(r.at(source.span), path, JSON.stringify(fixed), `'${fixed}' exists`));
    return;
  }
  const block = closest(base, blocks);
  if (block && /^(\.\/)?runs$/.test(parent)) {
    r.report(catalog.missingRunFolder(r.at(source.span), path, `the train block '${block}'`, `'init ... from ${block}' trains it first, in runs/${block}`));
  }
}

/** Reports what `matchWeights` finds between the model and its source. */
function reportMatch(comp: Compilation, item: A.InitDecl, model: string, mine: NamedShape[], saved: NamedShape[], source: string): void {
  const r = comp.reporter;
  const except = item.except.map((p) => pathText(p));
  const m = matchWeights(mine, saved, except);
  const limit = <T>(xs: T[], f: (x: T) => string) => (xs.length > 6 ? [...xs.slice(0, 6).map(f), `… ${xs.length - 6} more`] : xs.map(f));
  const fix = (names: string[]): Fix => {
    const add = exceptFor(names).join(", ");
    const edit = item.except.length ? `, ${add}` : ` except ${add}`;
    return { title: `Add 'except ${add}'`, edits: [{ file: r.at(item.span).file, span: { start: item.span.end, end: item.span.end }, newText: edit }] };
  };
  const at = (names: string[]) => ({ ...r.at(item.source.span), fix: fix(names) });
  if (m.shape.length) {
    const names = m.shape.map((s) => s.name);
    r.report(catalog.weightShapes(at(names), model, source, limit(m.shape, (s) => `${s.name} is ${formatShape(s.model)} in ${model} but ${formatShape(s.saved)} there`), exceptFor(names).join(", ")));
  }
  if (m.missing.length) {
    const names = m.missing.map((s) => s.name);
    r.report(catalog.weightsMissing(at(names), model, source, limit(m.missing, (s) => `${s.name} ${formatShape(s.shape)}`), exceptFor(names).join(", ")));
  }
  if (m.extra.length) {
    const names = m.extra.map((s) => s.name);
    r.report(catalog.weightsExtra(at(names), model, source, limit(m.extra, (s) => `${s.name} ${formatShape(s.shape)}`), exceptFor(names).join(", ")));
  }
}

/**
 * Inits from other train blocks of the document: the block and its model must exist, the
 * weights must match, and no block may start from itself through a chain. A source block keeps
 * its final weights (a checkpoint at its end, unless it already checkpoints).
 */
export function checkInitSources(comp: Compilation, trains: WeightsOfTrain[], decls: A.TrainDecl[]): void {
  const r = comp.reporter;
  const byName = new Map(trains.map((t) => [t.name, t]));
  const declared = decls.map((d) => d.name.name);
  for (const t of trains) {
    for (const init of t.init ?? []) {
      if ("run" in init.from && init.decl.source.kind === "String") missingRunFolder(comp, init.from.run, init.decl.source, declared);
      if (!("train" in init.from) || init.decl.source.kind !== "WeightPath") continue;
      const path = init.decl.source;
      const name = init.from.train;
      const fromModel = init.from.model;
      const prefix = init.from.under;
      const source = byName.get(name);
      if (!source) {
        // A block that is declared but did not check has reported its own errors.
        if (!declared.includes(name)) r.report(catalog.unknownTrainSource(r.at(path.parts[0]!.span), name, declared, closest(name, declared)));
        continue;
      }
      const chain = cycleFrom(t.name, byName);
      if (chain) {
        r.report(catalog.initCycle(r.at(path.span), chain));
        continue;
      }
      const from = source.models.find((m) => m.name === fromModel);
      if (!from) {
        const known = source.models.map((m) => m.name);
        const at = path.parts[1] ?? path.parts[0]!;
        r.report(catalog.unknownSourceModel(r.at(at.span), name, fromModel, known, closest(fromModel, known)));
        continue;
      }
      const mine = under(weightsOf(t.models.find((m) => m.name === init.model)!.instance), init.into);
      if (prefix && !checkPath(comp, `train ${name}'s '${fromModel}': the prefix`, path, 2, fromModel, weightsOf(from.instance))) continue;
      const saved = under(weightsOf(from.instance), prefix);
      let ok = true;
      for (const p of init.decl.except) ok = checkPath(comp, "except", p, 0, init.model, mine, saved) && ok;
      if (ok) reportMatch(comp, init.decl, init.into ? `${init.model}.${init.into}` : init.model, mine, saved, `train ${name}'s '${from.name}${prefix ? `.${prefix}` : ""}'`);
      // The final weights are read from the source's run folder: it writes a checkpoint at its end.
      source.checkpoint ??= { every: source.epochs, unit: "epochs" };
      if (source.ir) source.ir.checkpoint ??= source.checkpoint;
    }
  }
}

/** The chain `a → b → ... → a` when following inits from `start` comes back to it. */
function cycleFrom(start: string, byName: ReadonlyMap<string, WeightsOfTrain>): string[] | undefined {
  const walk = (name: string, chain: string[]): string[] | undefined => {
    for (const i of byName.get(name)?.init ?? []) {
      if (!("train" in i.from)) continue;
      if (i.from.train === start) return [...chain, start];
      if (chain.includes(i.from.train)) continue;
      const found = walk(i.from.train, [...chain, i.from.train]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(start, [start]);
}
