/**
 * Rename with prepareRename: user declarations only (built-ins and `std/` stay as they are). A
 * model's rename reaches every document that imports it; a name imported under an alias keeps its
 * alias, and renaming the alias renames only the local name.
 */
import { ResponseError, ErrorCodes, type Range, type TextEdit, type WorkspaceEdit } from "vscode-languageserver/node";
import type { ServerContext } from "./context.js";
import { builtinNames } from "../../compiler/resolve/builtins.js";
import { itemAt } from "./ast-query.js";
import { canonical, findAt, isBuiltin, sameTarget, type Found, type Target } from "./lookup.js";
import { toRange } from "./positions.js";
import { occurrences } from "./references.js";

/** Soft keywords can name things; the others cannot. */
const hardKeywords = new Set(["model", "let", "layer", "return", "import", "if", "else", "repeat", "for", "in", "true", "false"]);

function renamable(cx: ServerContext, found: Found | undefined): string | undefined {
  if (!found) return "nothing to rename here";
  const target = canonical(found.target);
  if (isBuiltin(target)) return `'${target.name}' is built in and cannot be renamed`;
  if (cx.docs.isStd(target.file) && !viaAlias(found)) return `'${target.name}' is declared in the standard library and cannot be renamed`;
  return undefined;
}

/** Whether the name at the cursor is a local alias of an imported model. */
function viaAlias(found: Found): boolean {
  const local = found.target;
  return !isBuiltin(local) && local.kind === "import" && local.name !== canonical(local).name;
}

const kindNames: Partial<Record<string, string>> = { param: "parameter", dim: "dimension", input: "input", let: "let", layer: "layer", data: "data set", instance: "model instance", optimizer: "optimizer", pattern: "loop variable", index: "loop variable", metric: "metric" };

/**
 * Why renaming `target` to `newName` would change what a name means, or undefined: the new name is
 * a built-in, a model visible where the old one is used, or another name of the same model or
 * train block (a parameter, a dimension, a let).
 */
function conflict(cx: ServerContext, path: string, target: Target, newName: string, localOnly: boolean): string | undefined {
  if (isBuiltin(target)) return undefined;
  if (newName === target.name) return undefined;
  const builtin = builtinNames.get(newName);
  if (builtin) return `'${newName}' is a built-in ${builtin.kind === "entry" ? builtin.entry.kind : builtin.kind.replace("-", " ")}: renaming to it would hide it`;
  const files = localOnly || target.kind !== "model" ? [target.file === path ? path : target.file] : [...new Set([target.file, ...occurrences(cx, target, path).map((o) => o.file)])];
  for (const file of files) {
    const g = cx.docs.pipeline.resolved(file).resolved.globals.get(newName);
    if (g?.kind === "model") return `a model named '${newName}' already exists${file === target.file ? "" : ` in ${cx.docs.workspace.display(file)}`}: renaming would make its uses ambiguous`;
  }
  if (target.kind === "model" || target.kind === "import" || target.kind === "train") return undefined;
  // A local name: the other names of its model or train block.
  const phase = cx.docs.pipeline.resolved(target.file);
  const item = itemAt(phase.parse.ast, target.span.start);
  if (!item) return undefined;
  const other = phase.resolved.symbols.find(
    (s) => s.file === target.file && s.name === newName && s.span.start >= item.span.start && s.span.end <= item.span.end && s.kind !== "model" && s.kind !== "train",
  );
  if (other) return `'${newName}' is already a ${kindNames[other.kind] ?? other.kind} of ${item.kind === "ImportDecl" ? "this import" : item.name.name}`;
  return undefined;
}

/** The range to rename at `offset`, or an error explaining why not. */
export function prepareRename(cx: ServerContext, path: string, offset: number): { range: Range; placeholder: string } | ResponseError<void> {
  const phase = cx.docs.pipeline.resolved(path);
  const found = findAt(phase, offset);
  const why = renamable(cx, found);
  if (why) return new ResponseError(ErrorCodes.InvalidRequest, why);
  const doc = cx.docs.textDocument(path)!;
  return { range: toRange(doc, found!.span), placeholder: phase.text.slice(found!.span.start, found!.span.end) };
}

/** The edits that rename what is at `offset` to `newName`. */
export function rename(cx: ServerContext, path: string, offset: number, newName: string): WorkspaceEdit | ResponseError<void> {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(newName) || hardKeywords.has(newName)) {
    return new ResponseError(ErrorCodes.InvalidParams, `'${newName}' is not a valid name`);
  }
  const phase = cx.docs.pipeline.resolved(path);
  const found = findAt(phase, offset);
  const why = renamable(cx, found);
  if (why) return new ResponseError(ErrorCodes.InvalidRequest, why);
  const local = found!.target;
  const target = canonical(local);
  const clash = conflict(cx, path, viaAlias(found!) ? local : target, newName, viaAlias(found!));
  if (clash) return new ResponseError(ErrorCodes.InvalidRequest, clash);
  // Renaming an alias (`import { M as N }`, cursor on N or its uses) renames the local name only.
  const changes: Record<string, TextEdit[]> = {};
  const edit = (file: string, start: number, end: number) => {
    const doc = cx.docs.textDocument(file);
    if (!doc) return;
    (changes[cx.docs.uri(file)] ??= []).push({ range: toRange(doc, { start, end }), newText: newName });
  };
  if (viaAlias(found!) && !isBuiltin(local)) {
    edit(path, local.span.start, local.span.end);
    for (const r of phase.resolved.references) if (sameTarget(r.symbol, local)) edit(path, r.span.start, r.span.end);
  } else {
    for (const o of occurrences(cx, target, path)) if (!o.alias) edit(o.file, o.span.start, o.span.end);
  }
  return { changes };
}
