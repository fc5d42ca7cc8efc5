/**
 * The phased document pipeline shared by the CLI, the tests and the language server:
 * Parsed → Resolved → Checked → Emitted. Each phase is computed on demand, cached until the
 * document or one of its imports changes, and never throws on user errors.
 */
import type * as A from "../../grammar/ast.js";
import type { ParseResult } from "../../grammar/parse.js";
import { catalog, warnings } from "../diagnostics/catalog.js";
import { describeTrainMemory, estimateTrainMemory, stepMemory } from "../memory/train-memory.js";
import { backendMemoryLimits, formatBytes, memoryAdvice } from "../../runtime/backend/memory.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { Compilation, instanceKey, WorkBudgetExceeded, type InstanceRecord, type ModelInstance } from "../check/compilation.js";
import { limits } from "../../grammar/limits.js";
import { Reporter } from "../check/reporter.js";
import { checkTrain, type CheckedTrain } from "../check/train.js";
import { checkInitSources } from "../check/train-weights.js";
import type { ShapeNote } from "../check/frame.js";
import { emitTypeScript } from "../targets/ts/emit-module.js";
import type { ProgramIR } from "../ir/index.js";
import { resolveProgram, type GlobalBinding, type ImportLoader, type ItemResolution, type ResolveResult } from "../resolve/resolver.js";
import { sourceProblem, Workspace } from "../workspace/workspace.js";
import { closest } from "../check/suggest.js";

/** The catalog entry of each kind of syntax problem. */
const syntaxBuilders: Record<ParseResult["problems"][number]["code"], (w: Parameters<typeof catalog.unexpectedToken>[0], detail: string) => Diagnostic> = {
  "unexpected-character": catalog.unexpectedCharacter,
  "unexpected-token": catalog.unexpectedToken,
  "missing-token": catalog.missingToken,
  "too-deep": catalog.tooDeep,
  "literal-out-of-range": catalog.literalOutOfRange,
};

export interface ParsedPhase {
  path: string;
  text: string;
  parse: ParseResult;
  diagnostics: Diagnostic[];
}

export interface ResolvedPhase extends ParsedPhase {
  resolved: ResolveResult;
  /** The resolve ran out of stack: nothing of the document is checked. */
  tooDeep?: boolean;
}

export interface CheckedPhase extends ResolvedPhase {
  /**
   * Only some declarations were checked (`checkedAround`): what is said about them is what the
   * whole check says, the rest (their models, notes, diagnostics) is missing.
   */
  partial?: boolean;
  /** The standalone check of each model declared here, by name (absent when it has errors). */
  models: Map<string, ModelInstance>;
  trains: CheckedTrain[];
  compilation: Compilation;
  /** Shapes after pipeline stages and lets, for inlay hints and hover (also up to an error). */
  notes: ShapeNote[];
}

export interface EmittedPhase extends CheckedPhase {
  /** The generated TypeScript, or undefined when the document has errors. */
  code?: string;
  /** The program's IR the targets render (with `code`). */
  ir?: ProgramIR;
}

interface CacheEntry {
  /** Text of this document and every document it reached, when computed. */
  texts: Map<string, string>;
  parsed?: ParsedPhase;
  resolved?: ResolvedPhase;
  checked?: CheckedPhase;
  emitted?: EmittedPhase;
  /** Checks of single declarations (`checkedAround`), by declaration. */
  around?: Map<A.Item | undefined, CheckedPhase>;
}

/** How far a check has come: declarations (models and train blocks) checked of `total`. */
export interface CheckProgress {
  done: number;
  total: number;
}

export interface PipelineOptions {
  /**
   * Reuse the name resolution of unchanged declarations and the model instances of a document's
   * last check whose declarations and dependencies are unchanged (the language server, checking
   * again after every edit). Off for one-shot compiles, so generated class names never depend on
   * what was checked before.
   */
  reuseChecks?: boolean;
}

export class DocumentPipeline {
  private readonly cache = new Map<string, CacheEntry>();
  /** Per document, what its last resolve and check left to reuse (with `reuseChecks`). */
  private readonly reusable = new Map<string, { items?: ReadonlyMap<A.Item, ItemResolution>; instances?: ReadonlyMap<string, InstanceRecord> }>();

  constructor(
    readonly workspace: Workspace = new Workspace(),
    private readonly options: PipelineOptions = {},
  ) {}

  /** Forgets everything about a closed document, including the last check it could reuse. */
  forget(path: string): void {
    this.cache.delete(path);
    this.reusable.delete(path);
  }

  /** Drops cached phases of `path` (the language server calls this on every change). */
  invalidate(path?: string): void {
    if (path) this.cache.delete(path);
    else this.cache.clear();
  }

  private entry(path: string): CacheEntry {
    const cached = this.cache.get(path);
    if (cached && [...cached.texts].every(([p, t]) => this.workspace.host.read(p) === t)) return cached;
    const fresh: CacheEntry = { texts: new Map() };
    this.cache.set(path, fresh);
    return fresh;
  }

  parsed(path: string): ParsedPhase {
    const e = this.entry(path);
    if (e.parsed) return e.parsed;
    const doc = this.workspace.document(path);
    const text = doc?.text ?? "";
    e.texts.set(path, text);
    const parse = doc?.parsed ?? this.workspace.document(path)!.parsed;
    const r = new Reporter(path);
    for (const p of parse.problems) {
      const build = syntaxBuilders[p.code];
      r.report(build(r.at(p.span), p.message));
    }
    return (e.parsed = { path, text, parse, diagnostics: r.diagnostics });
  }

  resolved(path: string): ResolvedPhase {
    const e = this.entry(path);
    if (e.resolved) return e.resolved;
    const p = this.parsed(path);
    const r = new Reporter(path);
    const reusable = this.reusable.get(path);
    let resolved: ResolveResult;
    let tooDeep = false;
    try {
      resolved = resolveProgram(p.parse.ast, path, this.loader(e), r, reusable?.items);
    } catch (err) {
      // Too deep for the stack this process has left (the limits keep a fresh one far from it):
      // a diagnostic, and nothing of the document is checked.
      if (!(err instanceof RangeError)) throw err;
      r.report(catalog.checkTooDeep(r.at(p.parse.ast.items[0] ? nameSpan(p.parse.ast.items[0]) : { start: 0, end: 0 })));
      resolved = resolveProgram({ ...p.parse.ast, items: [] }, path, this.loader(e), new Reporter(path));
      tooDeep = true;
    }
    if (this.options.reuseChecks) this.reusable.set(path, { ...reusable, items: resolved.items });
    for (const imp of resolved.imports) {
      const cycle = this.cycleThrough(path, imp.path);
      if (cycle) r.report(catalog.importCycle(r.at(imp.decl.path.span), [path, ...cycle].map((c) => this.workspace.display(c))));
    }
    return (e.resolved = { ...p, resolved, tooDeep, diagnostics: [...p.diagnostics, ...r.diagnostics] });
  }

  checked(path: string): CheckedPhase {
    return run(this.checking(path));
  }

  /**
   * The checked phase where it is known, else a check of only the declaration around `offset`
   * (every train block, when it is one: an `init` reads the others), reusing the last check's
   * instances of what it uses: what hover needs right after an edit, at the cost of that one
   * declaration instead of the document. Kept until the document changes; never published.
   */
  checkedAround(path: string, offset: number): CheckedPhase {
    const e = this.entry(path);
    if (e.checked) return e.checked;
    const items = this.resolved(path).parse.ast.items;
    const item = items.find((i) => i.kind !== "ImportDecl" && i.span.start <= offset && offset <= i.span.end);
    e.around ??= new Map();
    const known = e.around.get(item);
    if (known) return known;
    const only = new Set<A.Item>(item?.kind === "TrainDecl" ? items.filter((i) => i.kind === "TrainDecl") : item ? [item] : []);
    const phase = run(this.checking(path, only));
    e.around.set(item, phase);
    return phase;
  }

  /**
   * The checked phase one declaration at a time: yields after each model and train block (with
   * how many of the document's declarations are done), returns the phase. The language server
   * drives it between messages and drops it when the document changes; an abandoned check leaves
   * nothing behind, and one whose phase was computed meanwhile by `checked` returns that.
   */
  *checking(path: string, only?: ReadonlySet<A.Item>): Generator<CheckProgress, CheckedPhase, void> {
    const e = this.entry(path);
    if (e.checked) return e.checked;
    const res = this.resolved(path);
    const r = new Reporter(path);
    const imported = new Map<string, Map<string, GlobalBinding>>();
    const globals = (file: string) => {
      if (file === path) return res.resolved.globals;
      let g = imported.get(file);
      if (!g) imported.set(file, (g = this.resolvedQuietly(file, e).globals));
      return g;
    };
    const comp = new Compilation(
      { globals, text: (file) => (file === path ? res.text : (this.workspace.document(file)?.text ?? "")) },
      r,
      this.reusable.get(path)?.instances,
    );
    const models = new Map<string, ModelInstance>();
    const trains: CheckedTrain[] = [];
    const items = res.tooDeep ? [] : only ? res.parse.ast.items.filter((i) => only.has(i)) : res.parse.ast.items;
    const total = items.filter((i) => i.kind === "ModelDecl" || i.kind === "TrainDecl").length;
    let done = 0;
    let current: A.Item | undefined;
    try {
      for (const item of items) {
        current = item;
        if (item.kind === "ModelDecl" && item.name.name) {
          const ref = { decl: item, file: path };
          // An unchanged declaration whose parameters bound cleanly to literals: its last
          // standalone check, when it still holds, without binding them again.
          const key = this.options.reuseChecks ? standaloneKeys.get(item) : undefined;
          let instance = key !== undefined ? comp.known(key, ref) : undefined;
          if (!instance) {
            const reported = r.reported;
            const params = comp.bindParams(ref, [], item.name.span, true);
            if (params && r.reported === reported && item.params.every((p) => !p.default || isLiteral(p.default))) standaloneKeys.set(item, instanceKey(ref, params));
            instance = params && comp.instantiate(ref, params);
          }
          if (instance) models.set(item.name.name, instance);
          yield { done: ++done, total };
          if (e.checked && !only) return e.checked;
        }
      }
      for (const item of items) {
        current = item;
        if (item.kind === "TrainDecl") {
          const ir = checkTrain(comp, item, path);
          if (ir) {
            trains.push(ir);
            checkStepMemory(ir, comp, r);
          }
          yield { done: ++done, total };
          if (e.checked && !only) return e.checked;
        }
      }
      checkInitSources(comp, trains, items.filter((i): i is A.TrainDecl => i.kind === "TrainDecl"));
    } catch (err) {
      // A document past the checker's budget stops where it ran out; one too deep for the stack
      // left (a deep caller) at its declaration; anything else is a compiler bug, reported as one
      // so it does not take the user's session down.
      if (process.env.DL_DEBUG) console.error(err);
      if (err instanceof WorkBudgetExceeded) r.report(catalog.workBudget(err.where, limits.checkWork));
      else if (err instanceof RangeError && /call stack/.test(err.message)) r.report(catalog.checkTooDeep(r.at(current ? nameSpan(current) : { start: 0, end: 0 })));
      else r.report(catalog.internalError(r.at({ start: 0, end: 0 }), err instanceof Error ? `${err.message} (${err.stack?.split("\n")[1]?.trim() ?? ""})` : String(err)));
    }
    // A partial check's records are only part of the document's: the next check reuses the last whole one's.
    if (this.options.reuseChecks && !only) this.reusable.set(path, { ...this.reusable.get(path), instances: comp.records });
    // Shapes up to an error in a model are still shown: the finished instances' notes come first.
    const frames = [...comp.instances.map((i) => i.frame), ...trains.map((t) => t.frame), ...comp.unfinished];
    const notes = frames.flatMap((f) => f.notes).filter((n) => n.file === path);
    const diagnostics = withoutFollowOns([...res.diagnostics, ...r.diagnostics], res.parse.ast.items, res.parse.problems, path, res.text);
    const phase: CheckedPhase = { ...res, models, trains, compilation: comp, notes, diagnostics };
    if (only) return { ...phase, partial: true };
    return (e.checked = phase);
  }

  async emitted(path: string, source = this.workspace.display(path)): Promise<EmittedPhase> {
    const e = this.entry(path);
    if (e.emitted) return e.emitted;
    const c = this.checked(path);
    if (c.diagnostics.some((d) => d.severity === "error")) return (e.emitted = { ...c });
    const ir = { source, models: c.compilation.instances.map((i) => i.ir), trains: c.trains.map((t) => t.ir) };
    const code = emitTypeScript(ir);
    return (e.emitted = { ...c, code, ir });
  }

  /** The import loader: reads the imported document and lists its models. */
  private loader(e: CacheEntry): ImportLoader {
    return {
      load: (from, spec) => {
        const path = this.workspace.importPath(from, spec);
        const doc = this.workspace.document(path);
        if (!doc) {
          const problem = sourceProblem(path);
          if (problem) return { error: `cannot import '${spec}': ${this.workspace.display(path)} ${problem.message}`, kind: problem.kind };
          const near = closest(spec, this.workspace.importCandidates(from, spec));
          return { error: `cannot find module '${spec}' (looked for ${this.workspace.display(path)})${near ? `; did you mean '${near}'?` : ""}`, suggestion: near };
        }
        e.texts.set(path, doc.text);
        const models = new Map<string, A.ModelDecl>();
        for (const item of doc.parsed.ast.items) if (item.kind === "ModelDecl") models.set(item.name.name, item);
        return { path, models };
      },
    };
  }

  /** Globals of an imported document; its own diagnostics belong to it, not to the importer. */
  private resolvedQuietly(path: string, importer: CacheEntry): ResolveResult {
    const doc = this.workspace.document(path);
    return resolveProgram(doc?.parsed.ast ?? { kind: "Program", items: [], comments: [], span: { start: 0, end: 0 } }, path, this.loader(importer), new Reporter(path));
  }

  /** The import chain from `next` back to `start`, if one exists. */
  private cycleThrough(start: string, next: string, seen = new Set<string>()): string[] | undefined {
    if (next === start) return [start];
    if (seen.has(next)) return undefined;
    seen.add(next);
    const doc = this.workspace.document(next);
    if (!doc) return undefined;
    for (const item of doc.parsed.ast.items) {
      if (item.kind !== "ImportDecl") continue;
      const target = this.workspace.importPath(next, item.path.value);
      const rest = this.cycleThrough(start, target, seen);
      if (rest) return [next, ...rest];
    }
    return undefined;
  }
}

/**
 * The key of each model declaration's standalone check, where binding its parameters reported
 * nothing and read nothing but the declaration (literal defaults): the same declaration object
 * (its text unchanged) binds them the same way again.
 */
const standaloneKeys = new WeakMap<A.ModelDecl, string>();

function isLiteral(e: A.Expr): boolean {
  return e.kind === "Int" || e.kind === "Float" || e.kind === "String" || e.kind === "Bool" || (e.kind === "Unary" && isLiteral(e.operand));
}

/** Runs a check to its end. */
function run(steps: Generator<CheckProgress, CheckedPhase, void>): CheckedPhase {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Type, shape and training diagnostics inside a declaration with a syntax error are left out: they
 * judge the tree the parser recovered, not what was meant (a missing `)` in `conv2d(8, kernel=3`
 * makes `3 |> relu` a kernel size). Name errors stay, and everything returns once the syntax is fixed.
 */
function withoutFollowOns(diagnostics: Diagnostic[], items: A.Item[], problems: ParseResult["problems"], path: string, text: string): Diagnostic[] {
  if (problems.length === 0) return diagnostics;
  // A syntax error after a declaration's recovered end but before the next one is that
  // declaration's: the parser closed it early (`net.fit(train)` in a train block).
  const sorted = [...items].sort((a, b) => a.span.start - b.span.start);
  const broken = sorted
    .filter((item, i) => {
      const next = sorted[i + 1]?.span.start ?? Infinity;
      return problems.some((p) => p.span.start >= item.span.start && (p.span.start <= item.span.end || p.span.start < next));
    })
    .map((item) => item.span);
  const inBroken = (file: string, span: A.Span) => file === path && broken.some((b) => span.start >= b.start && span.start <= b.end);
  // The rest of a line with a syntax error is the same mistake (`init model from pre`: not also
  // an unknown name 'from'), names included.
  const brokenLines = new Set(problems.map((p) => lineOf(text, p.span.start)));
  const sameLine = (d: Diagnostic) => d.file === path && !/^DL1/.test(d.code) && brokenLines.has(lineOf(text, d.span.start));
  return diagnostics.filter((d) => !sameLine(d) && (!/^DL[34]/.test(d.code) || !(inBroken(d.file, d.span) || d.related?.some((r) => inBroken(r.file, r.span)))));
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Warns when a train step's estimated memory is over what the default backend (wasm) can address. */
function checkStepMemory(ir: CheckedTrain, comp: Compilation, r: Reporter): void {
  const m = estimateTrainMemory(ir, (key) => comp.instance(key));
  const limit = backendMemoryLimits["wasm"]!;
  if (!m || m.total <= limit) return;
  r.report(warnings.stepMemory(r.at(ir.decl.name.span), ir.name, describeTrainMemory(m), formatBytes(limit), memoryAdvice(stepMemory(m), "wasm")));
}

/** Where a declaration's diagnostics about itself go: its name, else its start. */
function nameSpan(item: A.Item): A.Span {
  return item.kind === "ImportDecl" ? item.span : item.name.name ? item.name.span : { start: item.span.start, end: item.span.start };
}
