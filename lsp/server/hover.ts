/**
 * Hover: documentation of built-ins and models, the inferred shape of lets, inputs, pipeline stages
 * and loop variables, and parameter counts of models and layer calls, all from the checked phase.
 */
import { MarkupKind, type Hover } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as A from "../../grammar/ast.js";
import type { CheckedPhase } from "../../compiler/pipeline/document-pipeline.js";
import type { DlSymbol } from "../../compiler/resolve/resolver.js";
import { builtinDoc } from "../../compiler/resolve/builtins.js";
import { formatShape } from "../../compiler/shapes/dim.js";
import { shapeText } from "../../compiler/check/evaluator.js";
import type { ServerContext } from "./context.js";
import { children, nodesOfKind } from "./ast-query.js";
import { builtinSignature, canonical, siteIndex, findAt, formatCount, isBuiltin, modelSignature, signatureLabel, type Target } from "./lookup.js";
import { toRange } from "./positions.js";
import { weightsHover } from "./weights-hover.js";

const code = (s: string) => "```dl\n" + s + "\n```";

/** The shape and parameter count the checker recorded for a call site starting at `start`. */
export function siteFacts(phase: CheckedPhase, start: number): { shape?: string; params?: string } {
  const index = siteIndex(phase);
  const row = index.rows.get(start);
  return { shape: index.notes.get(start)?.text, params: row ? formatCount(row.params) : undefined };
}

/** The statement or declaration that declares `sym` in `program` (the parent of its name), and its parent. */
function declaringNode(program: A.Program, sym: DlSymbol): { node: A.Node; parent?: A.Node } | undefined {
  let found: { node: A.Node; parent?: A.Node } | undefined;
  const visit = (n: A.Node, parent: A.Node | undefined, grand: A.Node | undefined) => {
    if (found || n.span.end < sym.span.start || n.span.start > sym.span.end) return;
    if (n.kind === "Ident" && n.span.start === sym.span.start && parent) {
      found = { node: parent, parent: grand };
      return;
    }
    for (const c of children(n)) visit(c as A.Node, n, parent);
  };
  for (const item of program.items) visit(item, undefined, undefined);
  return found;
}

function oneLine(text: string, span: A.Span): string {
  const s = text.slice(span.start, span.end).replace(/\s+/g, " ").trim();
  return s.length > 100 ? s.slice(0, 99) + "…" : s;
}

/** Markdown describing a model: signature, shapes and parameter count (from the check of that model alone, where the document's is not done). */
export function describeModel(cx: ServerContext, file: string, name: string): string | undefined {
  const decl = cx.docs.pipeline.resolved(file).parse.ast.items.find((i): i is A.ModelDecl => i.kind === "ModelDecl" && i.name.name === name);
  if (!decl) return undefined;
  const phase = cx.docs.pipeline.checkedAround(file, decl.span.start);
  const parts = [code(`model ${signatureLabel(modelSignature(decl, phase.text)).label}`)];
  const inst = phase.models.get(name);
  if (inst) {
    const ins = inst.inputs.map((i) => `${i.name}: ${i.dtype}${formatShape(i.shape)}`).join(", ");
    parts.push(`\`${ins}\` → \`${shapeText(inst.output)}\``);
    const fixed = formatCount(inst.frame.nonTrainable);
    parts.push(`**${formatCount(inst.frame.trainable)}** parameters` + (fixed !== "0" ? ` (+ ${fixed} non-trainable)` : ""));
  }
  if (decl.doc) parts.push(decl.doc);
  if (file !== phase.path || cx.docs.isStd(file)) parts.push(`*from ${cx.docs.workspace.display(file)}*`);
  return parts.join("\n\n");
}

function describeLocal(cx: ServerContext, phase: CheckedPhase, sym: DlSymbol): string {
  const other = sym.file === phase.path ? phase : cx.docs.pipeline.checkedAround(sym.file, sym.span.start);
  const text = other.text;
  const found = declaringNode(other.parse.ast, sym);
  const note = siteIndex(other).notes.get(sym.span.start);
  switch (sym.kind) {
    case "let":
      return code(`let ${sym.name}${note ? `: ${note.text}` : ""}`);
    case "input":
      return code(found ? `input ${oneLine(text, found.node.span).replace(/^input\s+/, "")}` : `input ${sym.name}`);
    case "param": {
      const p = found?.node as A.Param | undefined;
      return code(`(parameter) ${p ? oneLine(text, p.span) : sym.name}`);
    }
    case "dim":
      return code(`(dimension) ${sym.name}`) + "\n\nA symbolic dimension: bound by the input's actual shape.";
    case "index":
      return code(`(repeat index) ${sym.name}: int`);
    case "layer": {
      const parts = [code(found ? oneLine(text, found.node.span) : `layer ${sym.name}`), "A named layer: every use shares its weights."];
      return parts.join("\n\n");
    }
    case "data": {
      const ir = other.trains.flatMap((t) => t.data).find((d) => d.name === sym.name && found);
      const fields = ir ? ` { ${ir.fields.map((f) => `${f.name}: ${f.dtype}${formatShape(f.shape)}`).join(", ")} }` : "";
      return code(`data ${sym.name}${fields}`);
    }
    case "instance": {
      const m = other.trains.flatMap((t) => t.models).find((x) => x.name === sym.name);
      const parts = [code(found ? oneLine(text, found.node.span) : `model ${sym.name}`)];
      if (m) parts.push(`**${formatCount(m.instance.frame.trainable)}** parameters`);
      return parts.join("\n\n");
    }
    case "pattern": {
      const loop = found?.node as A.ForLoop | A.EvaluateBlock | undefined;
      let shape = "";
      if (loop && (loop.kind === "ForLoop" || loop.kind === "EvaluateBlock")) {
        const data = other.trains.flatMap((t) => t.data).find((d) => d.name === loop.source.name);
        const i = loop.pattern.findIndex((p) => p.span.start === sym.span.start);
        const f = data?.fields[i];
        if (f) shape = `: ${f.dtype}${formatShape([{ k: "sym", name: "B" }, ...f.shape])}`;
      }
      return code(`(batch) ${sym.name}${shape}`);
    }
    default:
      return code(found ? oneLine(text, found.node.span) : `${sym.kind} ${sym.name}`);
  }
}

/** Hover on a named argument (`kernel=` in `conv2d(6, kernel=5)`): the argument's documentation. */
function argumentHover(cx: ServerContext, doc: TextDocument, phase: CheckedPhase, offset: number): Hover | null {
  for (const call of nodesOfKind(phase.parse.ast, "Call")) {
    if (call.callee.kind !== "Name" || offset < call.argsSpan.start || offset > call.argsSpan.end) continue;
    const arg = call.args.find((a) => a.name && a.name.span.start <= offset && offset <= a.name.span.end);
    if (!arg) continue;
    const g = phase.resolved.globals.get(call.callee.name);
    const text = g?.kind === "model" ? (g.ref.file === phase.path ? phase.text : (cx.docs.textDocument(g.ref.file)?.getText() ?? "")) : "";
    const sig = g?.kind === "builtin" ? builtinSignature(g.builtin) : g?.kind === "model" ? modelSignature(g.ref.decl, text) : undefined;
    const p = sig?.params.find((x) => x.name === arg.name!.name);
    if (!p) return null;
    const value = [code(`(argument of ${sig!.name}) ${p.name}: ${p.type}${p.default !== undefined ? ` = ${p.default}` : ""}`), p.doc].filter(Boolean).join("\n\n");
    return { contents: { kind: MarkupKind.Markdown, value }, range: toRange(doc, arg.name!.span) };
  }
  return null;
}

/** On an import's module path: the module and its documentation (the file's opening `///` lines). */
function importHover(cx: ServerContext, doc: TextDocument, phase: CheckedPhase, offset: number): Hover | null {
  const imp = phase.parse.ast.items.find((i): i is A.ImportDecl => i.kind === "ImportDecl" && i.path.span.start <= offset && offset <= i.path.span.end);
  if (!imp) return null;
  const file = cx.docs.workspace.importPath(phase.path, imp.path.value);
  const target = cx.docs.workspace.document(file);
  const parts = [code(`module ${cx.docs.workspace.display(file)}`)];
  if (!target) parts.push("*not found*");
  else if (target.parsed.ast.doc) parts.push(target.parsed.ast.doc);
  return { contents: { kind: MarkupKind.Markdown, value: parts.join("\n\n") }, range: toRange(doc, imp.path.span) };
}

/** What `fresh` in `repeat n fresh { ... }` does, for its hover. */
export const freshDoc =
  "`repeat n fresh { ... }`: each iteration after the first draws the next batch of the loop's data, and the loop's names " +
  "(`x`, `y`, `B`) are that batch inside the body (a WGAN critic's fresh real batch per step). The loop's step counts iterations of " +
  "its body; the epoch ends when the data runs out, in the middle of a repeat too (the repeat stops early and the statements after " +
  "it run, as in the WGAN paper's reference loop). After the repeat the names are the batch the iteration started with.";

/**
 * The hover at `offset` in an open document. Right after an edit, before the document's check is
 * done, only the declaration under the cursor (and a model named there) is checked for it.
 */
export function hover(cx: ServerContext, doc: TextDocument, path: string, offset: number): Hover | null {
  const phase = cx.docs.pipeline.checkedAround(path, offset);
  const weights = weightsHover(phase, doc, offset);
  if (weights) return weights;
  const fresh = phase.parse.segmentTokens(offset + 1).find((t) => t.tokenType.name === "Fresh" && t.startOffset <= offset && offset < t.startOffset + t.image.length);
  if (fresh) return { contents: { kind: MarkupKind.Markdown, value: freshDoc }, range: toRange(doc, { start: fresh.startOffset, end: fresh.startOffset + fresh.image.length }) };
  const found = findAt(phase, offset);
  if (!found) return importHover(cx, doc, phase, offset) ?? argumentHover(cx, doc, phase, offset);
  const target: Target = canonical(found.target);
  const parts: string[] = [];
  if (isBuiltin(target)) {
    const sig = builtinSignature(target);
    parts.push(code(sig ? signatureLabel(sig).label : target.name));
    parts.push(builtinDoc(target));
    if (sig?.params.length) parts.push(sig.params.map((p) => `- \`${p.name}: ${p.type}${p.default !== undefined ? ` = ${p.default}` : ""}\`${p.doc ? ` — ${p.doc}` : ""}`).join("\n"));
  } else if (target.kind === "model") {
    const m = describeModel(cx, target.file, target.name);
    if (m) parts.push(m);
  } else if (target.kind === "train") {
    parts.push(code(`train ${target.name}`));
  } else parts.push(describeLocal(cx, phase, target));

  // At a call site: what this stage produces and the weights it creates.
  if (!found.declaration) {
    const site = siteFacts(phase, found.span.start);
    const facts: string[] = [];
    if (site.shape) facts.push(`Output: \`${site.shape}\``);
    if (site.params && (isBuiltin(target) ? target.kind === "entry" && target.entry.kind === "layer" : target.kind !== "let")) facts.push(`Parameters here: **${site.params}**`);
    if (facts.length) parts.splice(1, 0, facts.join(" · "));
  }
  return { contents: { kind: MarkupKind.Markdown, value: parts.join("\n\n---\n\n") }, range: toRange(doc, found.span) };
}
