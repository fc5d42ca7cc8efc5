/**
 * Context-aware completion: statement keywords for the block the cursor is in, layers and models
 * after `|>`, named arguments (with types and defaults) inside a call, names in scope, and module
 * paths (`std/...`, sibling files) and their models inside imports.
 */
import { readdirSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { CompletionItemKind, MarkupKind, type CompletionItem, type CompletionList } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as A from "../../grammar/ast.js";
import { builtinNames, type Builtin } from "../../compiler/resolve/builtins.js";
import type { ResolvedPhase } from "../../compiler/pipeline/document-pipeline.js";
import type { DlSymbol, SymbolKind } from "../../compiler/resolve/resolver.js";
import type { ServerContext } from "./context.js";
import { itemAt } from "./ast-query.js";
import { builtinSignature, modelSignature, signatureLabel, type Signature } from "./lookup.js";
import { matchBack, tokenContext, type BlockKind, type TokenContext } from "./token-context.js";
import type { IToken } from "chevrotain";
import { dlParser } from "../../grammar/parser.js";
import { keywords, keywordTokens } from "../../grammar/tokens.js";
import { weightPathItems } from "./weights-completion.js";
import type { DataField } from "../../compiler/check/values.js";
import type { ArgSpec, Args } from "../../compiler/registry/types.js";
import { dim, formatShape, sym } from "../../compiler/shapes/dim.js";

/**
 * The grammar rule each block's statements come from: the keywords that can start one are read
 * from the parser (Chevrotain's content assist), so a new statement is offered once it parses.
 */
const statementRules: Record<BlockKind, string | undefined> = {
  top: "item",
  model: "modelStmt",
  train: "trainItem",
  loop: "loopStmt",
  evaluate: "metricDecl",
  stages: undefined,
  expression: undefined,
  import: undefined,
};

const statementKeywordCache = new Map<BlockKind, string[]>();
/** Keywords that start a statement of `block`, in the grammar's order. */
function statementKeywords(block: BlockKind): string[] {
  let out = statementKeywordCache.get(block);
  if (out) return out;
  const rule = statementRules[block];
  const next = rule ? dlParser.computeContentAssist(rule, []).map((s) => s.nextTokenType) : [];
  out = [...new Set(next.filter((t) => keywordTokens.includes(t)).map((t) => keywords[keywordTokens.indexOf(t)]!))];
  statementKeywordCache.set(block, out);
  return out;
}

const expressionKeywords = ["if", "else", "repeat", "true", "false"];
const paramTypes = ["int", "float", "bool", "string"];
const dtypes = ["f32", "i32", "bool"];

const symbolKinds: Partial<Record<SymbolKind, CompletionItemKind>> = {
  param: CompletionItemKind.TypeParameter,
  dim: CompletionItemKind.TypeParameter,
  input: CompletionItemKind.Variable,
  let: CompletionItemKind.Variable,
  layer: CompletionItemKind.Field,
  data: CompletionItemKind.Variable,
  instance: CompletionItemKind.Variable,
  optimizer: CompletionItemKind.Variable,
  pattern: CompletionItemKind.Variable,
  index: CompletionItemKind.Variable,
  metric: CompletionItemKind.Variable,
};

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

/**
 * What `completionItem/resolve` needs to complete an item. A list after `|>` holds every layer and
 * every model, so lists leave out documentation (and a model's signature), and the editor asks for
 * them for the item it shows. A model's file is given by number: a list names it hundreds of times.
 */
type ItemData = { builtin: string } | { model: string; file: number };

const files: string[] = [];
const fileNumbers = new Map<string, number>();
function fileNumber(path: string): number {
  let n = fileNumbers.get(path);
  if (n === undefined) fileNumbers.set(path, (n = files.push(path) - 1));
  return n;
}

function builtinItem(b: Builtin): CompletionItem {
  const sig = builtinSignature(b);
  const kind =
    b.kind === "constant" ? CompletionItemKind.EnumMember : b.kind === "data-source" ? CompletionItemKind.Constructor : CompletionItemKind.Function;
  const detail = sig ? signatureLabel(sig).label : b.kind === "constant" ? "padding constant" : b.name;
  const category = b.kind === "entry" ? b.entry.kind : b.kind;
  const data: ItemData = { builtin: b.name };
  return { label: b.name, kind, detail, labelDetails: { description: category }, data, sortText: `2_${b.name}` };
}

/** An item with its documentation, and a model's signature (`completionItem/resolve`). */
export function resolveCompletion(cx: ServerContext, item: CompletionItem): CompletionItem {
  const data = item.data as ItemData | undefined;
  if (!data) return item;
  if ("builtin" in data) {
    const b = builtinNames.get(data.builtin);
    if (!b) return item;
    return { ...item, documentation: markdown(builtinSignature(b)?.doc ?? (b.kind === "constant" ? b.doc : "")) };
  }
  const doc = files[data.file] === undefined ? undefined : cx.docs.workspace.document(files[data.file]!);
  const decl = doc?.parsed.ast.items.find((i): i is A.ModelDecl => i.kind === "ModelDecl" && i.name.name === data.model);
  if (!decl) return item;
  const sig = modelSignature(decl, doc!.text);
  return { ...item, detail: `model ${signatureLabel(sig).label}`, documentation: sig.doc ? markdown(sig.doc) : undefined };
}

/** Built-in items, built once: they come from the registries and never change. */
const builtinItems = new Map<string, CompletionItem>([...builtinNames.values()].map((b) => [b.name, builtinItem(b)]));

function keywordItem(k: string, sort = "1"): CompletionItem {
  return { label: k, kind: CompletionItemKind.Keyword, sortText: `${sort}_${k}` };
}

function modelItem(decl: A.ModelDecl, file: string, label = decl.name.name): CompletionItem {
  const data: ItemData = { model: decl.name.name, file: fileNumber(file) };
  return { label, kind: CompletionItemKind.Class, data, sortText: `1_${label}` };
}

/** Builtins usable where the cursor is: training-only names only in train blocks. */
function builtinsFor(inTrain: boolean, only?: (b: Builtin) => boolean): CompletionItem[] {
  const out: CompletionItem[] = [];
  for (const b of builtinNames.values()) {
    if (!inTrain && (b.kind === "data-source" || b.kind === "data-op" || b.kind === "optimizer" || b.kind === "schedule")) continue;
    if (only && !only(b)) continue;
    out.push(builtinItems.get(b.name)!);
  }
  return out;
}

const modelItemCache = new WeakMap<ResolvedPhase, CompletionItem[]>();
/** One item per declaration and name: a declaration is the same object while its text is unchanged. */
const declItemCache = new WeakMap<A.ModelDecl, Map<string, CompletionItem>>();

/** Models visible in the document (declared or imported), as items; built once per phase. */
function modelItems(cx: ServerContext, phase: ResolvedPhase): CompletionItem[] {
  const cached = modelItemCache.get(phase);
  if (cached) return cached;
  const out: CompletionItem[] = [];
  modelItemCache.set(phase, out);
  for (const [name, g] of phase.resolved.globals) {
    if (g.kind !== "model") continue;
    let byName = declItemCache.get(g.ref.decl);
    if (!byName) declItemCache.set(g.ref.decl, (byName = new Map()));
    let item = byName.get(name);
    if (!item) byName.set(name, (item = modelItem(g.ref.decl, g.ref.file, name)));
    out.push(item);
  }
  return out;
}

/** Local names declared before the cursor in the item around it. */
function localItems(phase: ResolvedPhase, item: A.Item | undefined, offset: number, kinds?: SymbolKind[]): CompletionItem[] {
  if (!item) return [];
  const seen = new Set<string>();
  const out: CompletionItem[] = [];
  // The item's own resolution where it has one (it reported nothing), else every symbol of the document.
  const symbols: DlSymbol[] = phase.resolved.items.get(item)?.symbols ?? phase.resolved.symbols;
  for (const s of symbols) {
    if (s.file !== phase.path || s.span.start < item.span.start || s.span.end > offset || s.span.start > item.span.end) continue;
    if (s.kind === "model" || s.kind === "train" || s.kind === "import") continue;
    if (kinds && !kinds.includes(s.kind)) continue;
    if (seen.has(s.name)) continue;
    seen.add(s.name);
    out.push({ label: s.name, kind: symbolKinds[s.kind] ?? CompletionItemKind.Variable, detail: s.kind, sortText: `0_${s.name}` });
  }
  return out;
}

/** Named-argument items for the call the cursor is in, skipping those already given. */
function argumentItems(sig: Signature, given: string[], positional: number): CompletionItem[] {
  return sig.params
    .filter((p, i) => i >= positional && !given.includes(p.name))
    .map((p, i) => ({
      label: `${p.name}=`,
      filterText: p.name,
      insertText: `${p.name}=`,
      kind: CompletionItemKind.Property,
      detail: `${p.type}${p.default !== undefined ? ` = ${p.default}` : " (required)"}`,
      documentation: p.doc ? markdown(p.doc) : undefined,
      sortText: `0_${String(i).padStart(2, "0")}`,
    }));
}

/** The signature of a callee name as the document sees it. */
function calleeSignature(cx: ServerContext, phase: ResolvedPhase, name: string): Signature | undefined {
  const g = phase.resolved.globals.get(name);
  if (!g) return undefined;
  if (g.kind === "builtin") return builtinSignature(g.builtin);
  const text = g.ref.file === phase.path ? phase.text : (cx.docs.textDocument(g.ref.file)?.getText() ?? "");
  return modelSignature(g.ref.decl, text);
}

/** Values an argument of type `type` commonly takes. */
function valueItems(type: string | undefined): CompletionItem[] {
  if (type === "padding") return ["same", "valid"].map((v) => builtinItems.get(v)!).map((i) => ({ ...i, sortText: `0_${i.label}` }));
  if (type === "bool") return ["true", "false"].map((v) => keywordItem(v, "0"));
  return [];
}

/** The first item of each label (a value may come both as a suggestion and as a name in scope). */
function uniqueLabels(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.label) && seen.add(i.label));
}

/** Arguments as the registry's defaults give them; a required dimension stays its symbol. */
function defaultArgs(specs: ArgSpec[]): Args {
  const out: Args = {};
  for (const a of specs) {
    const d = a.default;
    if (a.type === "int") out[a.name] = d !== undefined && /^-?\d+$/.test(d) ? dim(Number(d)) : sym(a.name);
    else if (a.type === "float") out[a.name] = d !== undefined ? Number(d) : 0;
    else if (a.type === "bool") out[a.name] = d === "true";
    else if (a.type === "string") out[a.name] = d?.startsWith('"') ? (JSON.parse(d) as string) : "";
  }
  return out;
}

/** Field items after the `.` token `dot`, when it follows a call of a data source. */
function fieldItems(tokens: IToken[], dot: IToken, inTrain: boolean): CompletionItem[] {
  const i = tokens.indexOf(dot);
  if (!inTrain || tokens[i - 1]?.tokenType.name !== "RParen") return [];
  const open = matchBack(tokens, i - 1);
  const source = builtinNames.get(tokens[open - 1]?.image ?? "");
  if (source?.kind !== "data-source") return [];
  let fields: DataField[];
  try {
    fields = source.entry.fields(defaultArgs(source.entry.args));
  } catch {
    return [];
  }
  return fields.map((f) => ({ label: f.name, kind: CompletionItemKind.Field, detail: `${f.dtype}${formatShape(f.shape)}`, sortText: `0_${f.name}` }));
}

/** `.dl` module specifiers under the stdlib root (`std/a/b`) and beside the document (`./x`). */
export function modulePaths(cx: ServerContext, path: string): { spec: string; detail: string }[] {
  const out: { spec: string; detail: string }[] = [];
  const walk = (dir: string, depth: number, visit: (file: string) => void) => {
    if (depth > 6) return;
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      if (n === "node_modules" || n.startsWith(".")) continue;
      const full = join(dir, n);
      let isDir = false;
      try {
        isDir = statSync(full).isDirectory();
      } catch {
        continue;
      }
      if (isDir) walk(full, depth + 1, visit);
      else if (n.endsWith(".dl")) visit(full);
    }
  };
  const std = cx.docs.workspace.stdRoot;
  walk(std, 0, (f) => out.push({ spec: "std/" + relative(std, f).replace(/\\/g, "/").replace(/\.dl$/, ""), detail: "standard library" }));
  const here = dirname(path);
  if (!cx.docs.isStd(path) && !path.startsWith("/__dl_virtual__/")) {
    let names: string[] = [];
    try {
      names = readdirSync(here);
    } catch {
      names = [];
    }
    for (const n of names) if (n.endsWith(".dl") && join(here, n) !== path) out.push({ spec: "./" + n.replace(/\.dl$/, ""), detail: "workspace file" });
  }
  return out;
}

/** Completion at `offset` in the open document `doc` (compiler path `path`). */
export function complete(cx: ServerContext, doc: TextDocument, path: string, offset: number): CompletionList {
  const phase = cx.docs.pipeline.resolved(path);
  const text = phase.text;
  const list = (items: CompletionItem[], incomplete = false): CompletionList => ({ isIncomplete: incomplete, items });
  const lineStart = text.lastIndexOf("\n", offset - 1) + 1;
  const before = text.slice(lineStart, offset);

  // Module paths inside `from "..."`.
  const pathMatch = /\bfrom\s+"([^"]*)$/.exec(before);
  if (pathMatch) {
    const typed = pathMatch[1]!;
    const start = doc.positionAt(offset - typed.length);
    const end = doc.positionAt(offset);
    return list(
      modulePaths(cx, path).map((m) => ({ label: m.spec, kind: CompletionItemKind.Module, detail: m.detail, textEdit: { range: { start, end }, newText: m.spec }, filterText: m.spec })),
    );
  }
  // No completion inside other strings or comments.
  if ((before.match(/"/g)?.length ?? 0) % 2 === 1 || /\/\//.test(before.replace(/"[^"]*"/g, ""))) return list([]);

  // The tokens of the declaration the cursor is in: nothing before it changes what is typed here.
  const tokens = phase.parse.segmentTokens(offset);
  const tc: TokenContext = tokenContext(tokens, offset);
  const item = itemAt(phase.parse.ast, offset);
  const inTrain = tc.block === "train" || tc.block === "loop" || tc.block === "evaluate" || item?.kind === "TrainDecl";
  const prevKind = tc.prev?.tokenType.name;

  // Names a module declares, inside `import { ... }`.
  if (tc.block === "import" && tc.opener?.tokenType.name === "LBrace") {
    // The module is named after the braces; the half-typed import may not parse, so read the tokens.
    let j = tokens.indexOf(tc.opener);
    while (j < tokens.length && tokens[j]!.tokenType.name !== "RBrace" && tokens[j]!.tokenType.name !== "Import") j++;
    const spec = tokens[j + 1]?.tokenType.name === "From" && tokens[j + 2]?.tokenType.name === "StringLiteral" ? tokens[j + 2]!.image.slice(1, -1) : "";
    if (!spec) return list([]);
    const target = cx.docs.workspace.document(cx.docs.workspace.importPath(path, spec));
    const models = (target?.parsed.ast.items ?? []).filter((i): i is A.ModelDecl => i.kind === "ModelDecl" && !!i.name.name);
    return list(models.map((m) => modelItem(m, target!.path)));
  }

  // Weight paths of `init ... except ...`, `freeze ...` and an optimizer's parameter groups (and
  // an init's train block): only there does completion need the checked document (weight names).
  if (inTrain && /^\s*(init|freeze|optimizer)\b/.test(before)) {
    const weights = weightPathItems(cx.docs.pipeline.checked(path), before, offset);
    if (weights) return list(weights);
  }

  // Fields after `.`: those of a data source's examples (`mnist(split="train").x`); nothing else has any.
  if (prevKind === "Dot") return list(fieldItems(tokens, tc.prev!, inTrain));

  // Parameter types and input dtypes after `:`.
  if (prevKind === "Colon") {
    if (tc.block === "top" && tc.opener?.tokenType.name === "LParen") return list(paramTypes.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter })));
    if (tc.block === "model") return list(dtypes.map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter })));
  }

  // Named arguments and values inside a call.
  if (tc.call) {
    const sig = calleeSignature(cx, phase, tc.call.callee.image);
    if (prevKind === "Equals" && tc.call.currentName) {
      const type = sig?.params.find((p) => p.name === tc.call!.currentName)?.type;
      return list(uniqueLabels([...valueItems(type), ...localItems(phase, item, tc.wordStart), ...builtinsFor(inTrain, (b) => b.kind === "constant" && type === "padding")]));
    }
    if (prevKind === "LParen" || prevKind === "Comma") {
      const args = sig ? argumentItems(sig, tc.call.named, tc.call.positional) : [];
      return list([...args, ...localItems(phase, item, tc.wordStart), ...modelItems(cx, phase), ...builtinsFor(inTrain), ...expressionKeywords.map((k) => keywordItem(k, "3"))]);
    }
  }

  // Pipeline stages after `|>` (and inside `repeat(n) { ... }`).
  if (prevKind === "Pipe" || (tc.block === "stages" && (prevKind === "LBrace" || prevKind === "Pipe"))) {
    const inData = item?.kind === "TrainDecl" && item.items.some((ti) => ti.kind === "DataDecl" && ti.span.start <= offset && offset <= ti.span.end + 1);
    if (inData) return list(builtinsFor(true, (b) => b.kind === "data-op"));
    return list([
      ...localItems(phase, item, tc.wordStart, ["layer"]),
      ...modelItems(cx, phase),
      ...builtinsFor(false, (b) => b.kind === "entry" && (b.entry.kind === "layer" || b.entry.kind === "function")),
      keywordItem("repeat", "3"),
    ]);
  }

  // The start of a statement: keywords of the enclosing block.
  const onNewLine = !tc.prev || text.slice(tc.prev.endOffset! + 1, tc.wordStart).includes("\n");
  const continues = tc.prev && /^(Pipe|Equals|Comma|LParen|LBracket|Plus|Minus|Star|Slash|Percent|AndAnd|OrOr|EqEq|NotEq|Less|Greater|LessEq|GreaterEq|Colon|Bang|Dot|DotDot|Ellipsis|Return|Minimize|In|Every|If|Else)$/.test(prevKind ?? "");
  const statementStart = !tc.opener || tc.opener.tokenType.name === "LBrace" ? (prevKind === "LBrace" || prevKind === "RBrace" || (onNewLine && !continues)) : false;
  if (statementStart && statementKeywords(tc.block).length) return list(statementKeywords(tc.block).map((k) => keywordItem(k, "0")));
  if (tc.block === "top") return list(statementKeywords("top").map((k) => keywordItem(k, "0")));

  // Any other expression position: names in scope, models, built-ins, expression keywords.
  return list([
    ...localItems(phase, item, tc.wordStart),
    ...modelItems(cx, phase),
    ...builtinsFor(inTrain),
    ...expressionKeywords.map((k) => keywordItem(k, "3")),
  ]);
}
