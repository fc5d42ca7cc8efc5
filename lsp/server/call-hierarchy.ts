/**
 * Call hierarchy over models: incoming calls are the models and train blocks that use a model
 * ("models that use X"), grouped with the places they use it; outgoing calls are the models a
 * model or train block uses. Layers and other built-ins are not part of the hierarchy.
 */
import { SymbolKind, type CallHierarchyIncomingCall, type CallHierarchyItem, type CallHierarchyOutgoingCall, type Range } from "vscode-languageserver/node";
import type * as A from "../../grammar/ast.js";
import type { ServerContext } from "./context.js";
import { itemAt } from "./ast-query.js";
import { canonical, findAt, isBuiltin, type Target } from "./lookup.js";
import { toRange } from "./positions.js";
import { occurrences } from "./references.js";

interface ItemData {
  file: string;
  name: string;
}

/** The hierarchy item of a model or train declaration in `file`. */
function itemOf(cx: ServerContext, file: string, decl: A.ModelDecl | A.TrainDecl): CallHierarchyItem | undefined {
  const doc = cx.docs.textDocument(file);
  if (!doc) return undefined;
  const data: ItemData = { file, name: decl.name.name };
  return {
    name: decl.name.name,
    kind: decl.kind === "ModelDecl" ? SymbolKind.Class : SymbolKind.Namespace,
    uri: cx.docs.uri(file),
    detail: cx.docs.workspace.display(file),
    range: toRange(doc, decl.span),
    selectionRange: toRange(doc, decl.name.span),
    data,
  };
}

function declIn(cx: ServerContext, file: string, name: string): A.ModelDecl | A.TrainDecl | undefined {
  const items = cx.docs.workspace.document(file)?.parsed.ast.items ?? [];
  return items.find((i): i is A.ModelDecl | A.TrainDecl => (i.kind === "ModelDecl" || i.kind === "TrainDecl") && i.name.name === name);
}

/** The item for the model or train block at `offset` (its name or a use of it). */
export function prepareCallHierarchy(cx: ServerContext, path: string, offset: number): CallHierarchyItem[] | null {
  const phase = cx.docs.pipeline.resolved(path);
  const found = findAt(phase, offset);
  let target: Target | undefined = found && canonical(found.target);
  if (target && (isBuiltin(target) || (target.kind !== "model" && target.kind !== "train"))) target = undefined;
  if (!target || isBuiltin(target)) return null;
  const decl = declIn(cx, target.file, target.name);
  const item = decl && itemOf(cx, target.file, decl);
  return item ? [item] : null;
}

/** The models and train blocks that use the model of `item`, with where. */
export function incomingCalls(cx: ServerContext, item: CallHierarchyItem): CallHierarchyIncomingCall[] {
  const { file, name } = item.data as ItemData;
  const decl = declIn(cx, file, name);
  if (!decl || decl.kind !== "ModelDecl") return [];
  const target: Target = { name, kind: "model", file, span: decl.name.span };
  const groups = new Map<string, { from: CallHierarchyItem; fromRanges: Range[] }>();
  for (const o of occurrences(cx, target, file)) {
    if (o.declaration) continue;
    const program = cx.docs.workspace.document(o.file)?.parsed.ast;
    const user = program && itemAt(program, o.span.start);
    if (!user || (user.kind !== "ModelDecl" && user.kind !== "TrainDecl")) continue; // an import line
    const key = `${o.file}#${user.name.name}`;
    let group = groups.get(key);
    if (!group) {
      const from = itemOf(cx, o.file, user);
      if (!from) continue;
      groups.set(key, (group = { from, fromRanges: [] }));
    }
    group.fromRanges.push(toRange(cx.docs.textDocument(o.file)!, o.span));
  }
  return [...groups.values()];
}

/** The models that the model or train block of `item` uses, with where. */
export function outgoingCalls(cx: ServerContext, item: CallHierarchyItem): CallHierarchyOutgoingCall[] {
  const { file, name } = item.data as ItemData;
  const decl = declIn(cx, file, name);
  if (!decl) return [];
  const phase = cx.docs.pipeline.resolved(file);
  const doc = cx.docs.textDocument(file)!;
  const groups = new Map<string, CallHierarchyOutgoingCall>();
  for (const r of phase.resolved.references) {
    if (r.span.start < decl.span.start || r.span.end > decl.span.end) continue;
    const t = canonical(r.symbol);
    if (isBuiltin(t) || t.kind !== "model") continue;
    const key = `${t.file}#${t.name}`;
    let call = groups.get(key);
    if (!call) {
      const callee = declIn(cx, t.file, t.name);
      const to = callee && itemOf(cx, t.file, callee);
      if (!to) continue;
      groups.set(key, (call = { to, fromRanges: [] }));
    }
    call.fromRanges.push(toRange(doc, r.span));
  }
  return [...groups.values()];
}
