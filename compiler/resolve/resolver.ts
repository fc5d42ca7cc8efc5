/**
 * Name resolution: scopes of models and train blocks, imports, and the built-in names of the
 * registries. Records every definition and reference (for go-to-definition, references and
 * rename) and reports unknown names with a "did you mean".
 */
import { letNames } from "../../grammar/ast.js";
import type * as A from "../../grammar/ast.js";
import { catalog } from "../diagnostics/catalog.js";
import { closest } from "../check/suggest.js";
import { foreignName } from "../check/foreign-names.js";
import { Reporter } from "../check/reporter.js";
import { builtinNames, initializerBuiltin, type Builtin } from "./builtins.js";
import type { ModelRef } from "../check/values.js";

export type SymbolKind = "model" | "train" | "param" | "dim" | "input" | "let" | "layer" | "weight" | "data" | "instance" | "optimizer" | "pattern" | "index" | "import" | "metric";

/** A declared name. `span` is the declaring identifier's span in `file`. */
export interface DlSymbol {
  name: string;
  kind: SymbolKind;
  file: string;
  span: A.Span;
  /** For imports: the model the name stands for, once found. */
  target?: ModelRef;
}

export interface Reference {
  span: A.Span;
  symbol: DlSymbol | Builtin;
}

/** What a top-level name means in a document. */
export type GlobalBinding = { kind: "model"; ref: ModelRef; symbol: DlSymbol } | { kind: "builtin"; builtin: Builtin };

export interface ResolveResult {
  symbols: DlSymbol[];
  references: Reference[];
  globals: Map<string, GlobalBinding>;
  /** Imports as found: the import declaration and the document path it points to. */
  imports: { decl: A.ImportDecl; path: string }[];
  /** What the next resolve of the document may reuse: each clean model's and train block's resolution. */
  items: Map<A.Item, ItemResolution>;
}

/**
 * The resolution of one model or train block: its own symbols and references, and the global
 * names it looked up with what each meant. The next resolve of the document reuses it while the
 * item is the same object (its text is unchanged) and every one of those names means the same.
 * Only items that reported nothing are kept (a "did you mean" depends on every name there is).
 */
export interface ItemResolution {
  symbols: DlSymbol[];
  references: Reference[];
  lookups: [name: string, meaning: unknown][];
}

/** What a failed import's name means: it was reported at the import, so its uses are not. */
const fromFailedImport = Symbol("from a failed import");

/**
 * One symbol object per declaring identifier while what it declares is unchanged, so references
 * kept from an earlier resolve still point at the symbol a new resolve makes.
 */
const globalSymbols = new WeakMap<A.Ident, DlSymbol>();

/** Looks up the models another document declares (the workspace's job). */
export interface ImportLoader {
  /** Resolved path and its model declarations, or an error message. */
  load(from: string, spec: string): { path: string; models: Map<string, A.ModelDecl> } | { error: string; kind?: "not-regular" | "too-large"; suggestion?: string };
}

class Scope {
  private readonly names = new Map<string, DlSymbol>();
  constructor(readonly parent?: Scope) {}
  lookup(name: string): DlSymbol | undefined {
    return this.names.get(name) ?? this.parent?.lookup(name);
  }
  declare(s: DlSymbol): boolean {
    if (this.names.has(s.name)) return false;
    this.names.set(s.name, s);
    return true;
  }
  all(): string[] {
    return [...this.names.keys(), ...(this.parent?.all() ?? [])];
  }
}

/** Resolves one document; diagnostics go to `r`. `previous`: the items of its last resolve, to reuse. */
export function resolveProgram(program: A.Program, file: string, loader: ImportLoader, r: Reporter, previous?: ReadonlyMap<A.Item, ItemResolution>): ResolveResult {
  const symbols: DlSymbol[] = [];
  const references: Reference[] = [];
  const globals = new Map<string, GlobalBinding>();
  const imports: ResolveResult["imports"] = [];
  for (const b of builtinNames.values()) globals.set(b.name, { kind: "builtin", builtin: b });
  // Names a failed import would have declared: the import is reported, so their uses are not.
  const unresolvedImports = new Set<string>();

  const declareGlobal = (name: A.Ident, kind: SymbolKind, ref?: ModelRef): DlSymbol | undefined => {
    if (!name.name) return undefined;
    const known = globalSymbols.get(name);
    const same = known && known.kind === kind && known.file === file && known.target?.decl === ref?.decl && known.target?.file === ref?.file;
    const sym: DlSymbol = same ? known : { name: name.name, kind, file, span: name.span, target: ref };
    globalSymbols.set(name, sym);
    const existing = globals.get(name.name);
    if (existing && existing.kind === "model") {
      r.report(catalog.duplicateDeclaration(r.at(name.span, [{ file: existing.symbol.file, span: existing.symbol.span, message: "first declared here" }]), name.name));
      return undefined;
    }
    symbols.push(sym);
    if (ref) globals.set(name.name, { kind: "model", ref, symbol: sym });
    return sym;
  };

  for (const item of program.items) {
    if (item.kind !== "ImportDecl") continue;
    const loaded = loader.load(file, item.path.value);
    if ("error" in loaded) {
      if (loaded.kind === "not-regular") r.report(catalog.importNotRegular(r.at(item.path.span), loaded.error));
      else if (loaded.kind === "too-large") r.report(catalog.importTooLarge(r.at(item.path.span), loaded.error));
      else if (!item.path.value) r.report(catalog.importNotFound(r.at(item.path.span), "", "a path"));
      else r.report({ ...catalog.importNotFound(r.at(item.path.span), item.path.value, "", loaded.suggestion && JSON.stringify(loaded.suggestion)), message: loaded.error });
      for (const n of item.names) unresolvedImports.add((n.alias ?? n.name).name);
      continue;
    }
    imports.push({ decl: item, path: loaded.path });
    for (const n of item.names) {
      const decl = loaded.models.get(n.name.name);
      if (!decl) {
        if (n.name.name) r.report(catalog.notExported(r.at(n.name.span), n.name.name, item.path.value, [...loaded.models.keys()], closest(n.name.name, loaded.models.keys())));
        unresolvedImports.add((n.alias ?? n.name).name);
        continue;
      }
      const local = n.alias ?? n.name;
      const sym = declareGlobal(local, "import", { decl, file: loaded.path });
      if (sym) references.push({ span: n.name.span, symbol: { name: decl.name.name, kind: "model", file: loaded.path, span: decl.name.span } });
    }
  }
  for (const item of program.items) {
    if (item.kind === "ModelDecl") declareGlobal(item.name, "model", { decl: item, file });
  }
  // A train block becomes a function beside the models' classes in the generated module, so its
  // name must differ from every model's and every other train block's.
  const trains = new Map<string, DlSymbol>();
  for (const item of program.items) {
    if (item.kind !== "TrainDecl" || !item.name.name) continue;
    const g = globals.get(item.name.name);
    const first = g?.kind === "model" ? g.symbol : trains.get(item.name.name);
    if (first) {
      r.report(catalog.duplicateDeclaration(r.at(item.name.span, [{ file: first.file, span: first.span, message: "first declared here" }]), item.name.name));
      continue;
    }
    const sym: DlSymbol = { name: item.name.name, kind: "train", file, span: item.name.span };
    trains.set(sym.name, sym);
    symbols.push(sym);
  }

  const globalScope = new Scope();
  const declare = (scope: Scope, name: A.Ident, kind: SymbolKind) => {
    if (!name.name) return;
    const sym: DlSymbol = { name: name.name, kind, file, span: name.span };
    if (!scope.declare(sym)) {
      const first = scope.lookup(name.name)!;
      r.report(catalog.duplicateDeclaration(r.at(name.span, [{ file, span: first.span, message: "first declared here" }]), name.name));
      return;
    }
    symbols.push(sym);
  };

  /** The global names the item being resolved looked up, with what each meant. */
  let lookups: ItemResolution["lookups"] = [];
  const meaning = (name: string): unknown => {
    const g = globals.get(name);
    return g ? (g.kind === "model" ? g.symbol : g.builtin) : unresolvedImports.has(name) ? fromFailedImport : undefined;
  };
  const isGlobal = (name: string): boolean => {
    const m = meaning(name);
    lookups.push([name, m]);
    return m !== undefined && m !== fromFailedImport;
  };

  const use = (scope: Scope, name: string, span: A.Span) => {
    const local = scope.lookup(name);
    if (local) return void references.push({ span, symbol: local });
    lookups.push([name, meaning(name)]);
    const g = globals.get(name);
    if (g) return void references.push({ span, symbol: g.kind === "model" ? g.symbol : g.builtin });
    // An empty name is a node the parser recovered, where a syntax error is reported already.
    if (unresolvedImports.has(name) || name === "") return;
    // A PyTorch or Keras name (`MaxPool2d`, `CrossEntropyLoss`) before typos: edit distance misleads there.
    // Python's literals, and the batch size named where no loop gives it one.
    if (name === "True" || name === "False") return void r.report(catalog.unknownName(r.at(span), name, name.toLowerCase(), "DL writes its booleans in lower case"));
    if (name === "None") return void r.report(catalog.unknownName(r.at(span), name, undefined, "DL has no None: leave the argument out to take its default"));
    if (name === "B") return void r.report(catalog.unknownName(r.at(span), name, undefined, "B is the batch size of a loop over a batched data set, known only inside the loop; here write a number, for example normal([64, 100])"));
    const foreign = foreignName(name, (n) => globals.has(n) || scope.lookup(n) !== undefined);
    const suggestion = foreign ? foreign.name : closest(name, [...scope.all(), ...globals.keys()]);
    r.report(catalog.unknownName(r.at(span), name, suggestion, foreign?.note));
  };

  const expr = (scope: Scope, e: A.Expr | undefined): void => {
    if (!e) return;
    switch (e.kind) {
      case "Name":
        return use(scope, e.name, e.span);
      case "Call": {
        expr(scope, e.callee);
        const inits = initSlots(scope, e.callee);
        for (const a of e.args) (a.name && inits.has(a.name.name) ? initializer : expr)(scope, a.value);
        return;
      }
      case "Member":
        return expr(scope, e.object);
      case "Index":
        expr(scope, e.object);
        for (const i of e.items) {
          expr(scope, i.start);
          expr(scope, i.end);
          expr(scope, i.step);
        }
        return;
      case "Pipe":
        expr(scope, e.input);
        for (const s of e.stages) expr(scope, s);
        return;
      case "Binary":
        expr(scope, e.left);
        return expr(scope, e.right);
      case "Unary":
        return expr(scope, e.operand);
      case "Tuple":
      case "List":
        for (const i of e.items) expr(scope, i);
        return;
      case "If":
        expr(scope, e.condition);
        expr(scope, e.then);
        return expr(scope, e.else);
      case "Repeat": {
        expr(scope, e.from);
        expr(scope, e.to);
        const inner = new Scope(scope);
        if (e.index) declare(inner, e.index, "index");
        for (const s of e.stages) expr(inner, s);
        return;
      }
      default:
        return;
    }
  };

  /** The initializer arguments (`init=`, `bias_init=`) of the built-in a call's callee names. */
  const initSlots = (scope: Scope, callee: A.Expr): Set<string> => {
    if (callee.kind !== "Name" || scope.lookup(callee.name)) return new Set();
    const g = globals.get(callee.name);
    return new Set(g?.kind === "builtin" && g.builtin.kind === "entry" ? g.builtin.entry.args.filter((a) => a.type === "init").map((a) => a.name) : []);
  };

  /**
   * An initializer's place: its name means the initializer even where a tensor function has it
   * too (`zeros`, `ones`, `normal`), as the checker reads it; other names resolve as usual.
   */
  const initializer = (scope: Scope, e: A.Expr): void => {
    const callee = e.kind === "Call" ? e.callee : e;
    const init = callee.kind === "Name" ? initializerBuiltin(callee.name) : undefined;
    if (!init) return expr(scope, e);
    references.push({ span: callee.span, symbol: init });
    if (e.kind === "Call") for (const a of e.args) expr(scope, a.value);
  };

  const items = new Map<A.Item, ItemResolution>();
  for (const item of program.items) {
    if (item.kind === "ImportDecl") continue;
    const kept = previous?.get(item);
    if (kept && kept.lookups.every(([name, m]) => meaning(name) === m)) {
      symbols.push(...kept.symbols);
      references.push(...kept.references);
      items.set(item, kept);
      continue;
    }
    const symbolsBefore = symbols.length;
    const referencesBefore = references.length;
    const reportedBefore = r.reported;
    lookups = [];
    resolveItem(item);
    if (r.reported === reportedBefore) items.set(item, { symbols: symbols.slice(symbolsBefore), references: references.slice(referencesBefore), lookups });
  }

  function resolveItem(item: A.ModelDecl | A.TrainDecl): void {
    if (item.kind === "ModelDecl") {
      const scope = new Scope(globalScope);
      for (const p of item.params) {
        expr(scope, p.default);
        declare(scope, p.name, "param");
      }
      for (const st of item.body) {
        if (st.kind === "InputStmt") {
          for (const d of st.type.dims) {
            // A name in an input shape refers to a parameter or earlier dimension, or declares a new symbolic dimension.
            if (d.kind === "Name" && !scope.lookup(d.name) && !isGlobal(d.name)) declare(scope, { kind: "Ident", name: d.name, span: d.span }, "dim");
            else expr(scope, d);
          }
          declare(scope, st.name, "input");
        } else if (st.kind === "ReturnStmt") expr(scope, st.value);
        else if (st.kind === "LetStmt") {
          expr(scope, st.value);
          for (const name of letNames(st)) declare(scope, name, "let");
        } else if (st.kind === "ParamStmt") {
          for (const d of st.type.dims) expr(scope, d);
          initializer(scope, st.init);
          declare(scope, st.name, "weight");
        } else {
          expr(scope, st.value);
          declare(scope, st.name, "layer");
        }
      }
    } else if (item.kind === "TrainDecl") {
      const scope = new Scope(globalScope);
      // `init` and `freeze` name the block's models wherever they stand in it: resolved after them.
      const weightItems: (A.InitDecl | A.FreezeDecl)[] = [];
      for (const ti of item.items) {
        switch (ti.kind) {
          case "InitDecl":
          case "FreezeDecl":
            weightItems.push(ti);
            break;
          case "DataDecl":
          case "InstanceDecl":
          case "OptimizerDecl":
            expr(scope, ti.value);
            declare(scope, ti.name, ti.kind === "DataDecl" ? "data" : ti.kind === "InstanceDecl" ? "instance" : "optimizer");
            break;
          case "EpochsDecl":
          case "SeedDecl":
            expr(scope, ti.value);
            break;
          case "CheckpointDecl":
            expr(scope, ti.every);
            break;
          case "CheckpointBestDecl":
            // The metric names an evaluation result, not a value in scope: the checker resolves it.
            break;
          case "StopDecl":
            expr(scope, ti.patience);
            break;
          case "SamplesDecl":
            expr(scope, ti.value);
            break;
          case "ForLoop": {
            use(scope, ti.source.name, ti.source.span);
            const inner = batchScope(scope, ti.source);
            for (const p of ti.pattern) declare(inner, p, "pattern");
            loopBody(inner, ti.body);
            break;
          }
          case "EvaluateBlock": {
            use(scope, ti.source.name, ti.source.span);
            const inner = batchScope(scope, ti.source);
            for (const p of ti.pattern) declare(inner, p, "pattern");
            for (const m of ti.body) {
              expr(inner, m.value);
              if (m.kind === "MetricDecl") declare(inner, m.name, "metric");
              else for (const name of letNames(m)) declare(inner, name, "let");
            }
            break;
          }
        }
      }
      for (const ti of weightItems) {
        // A freeze target starts with a model of the block; the rest of a path, an `except` and an
        // init's source name parameters and train blocks, which the checker resolves.
        if (ti.kind === "InitDecl" && ti.model.name) use(scope, ti.model.name, ti.model.span);
        if (ti.kind === "FreezeDecl") for (const t of ti.targets) if (t.parts[0]?.name) use(scope, t.parts[0].name, t.parts[0].span);
      }
    }
  }

  /** A loop over batches declares the batch size `B` (for shapes like `normal([B, 100])`). */
  function batchScope(scope: Scope, source: A.Ident): Scope {
    const inner = new Scope(scope);
    inner.declare({ name: "B", kind: "dim", file, span: source.span });
    return inner;
  }

  function loopBody(scope: Scope, body: A.LoopStmt[]): void {
    for (const st of body) {
      if (st.kind === "LetStmt") {
        expr(scope, st.value);
        for (const name of letNames(st)) declare(scope, name, "let");
      } else if (st.kind === "StepStmt") {
        if (st.optimizer.name) use(scope, st.optimizer.name, st.optimizer.span);
        expr(scope, st.loss);
      } else {
        expr(scope, st.count);
        loopBody(new Scope(scope), st.body);
      }
    }
  }

  return { symbols, references, globals, imports, items };
}
