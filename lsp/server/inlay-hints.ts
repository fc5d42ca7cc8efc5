/**
 * Inlay hints: the inferred shape after each pipeline stage and on each `let`, from the checked
 * phase's shape notes. The `dl.inlayHints.enabled` setting turns them off.
 */
import { letNames as namesOf } from "../../grammar/ast.js";
import { InlayHintKind, type InlayHint, type Range } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ServerContext } from "./context.js";
import { nodesOfKind } from "./ast-query.js";
import { formatCount, siteIndex } from "./lookup.js";
import { toSpan } from "./positions.js";

/** Hints inside `range` of the document at `path`. */
export function inlayHints(cx: ServerContext, doc: TextDocument, path: string, range: Range): InlayHint[] {
  if (!cx.settings.inlayHints.enabled) return [];
  const phase = cx.docs.pipeline.checked(path);
  const want = toSpan(doc, range);
  const index = siteIndex(phase);
  const letNames = new Set(nodesOfKind(phase.parse.ast, "LetStmt").flatMap((l) => namesOf(l).map((n) => n.span.start)));
  const out: InlayHint[] = [];
  const notes = [...index.notes.values()].filter((n) => n.span.end >= want.start && n.span.end <= want.end).sort((a, b) => a.span.end - b.span.end);
  for (const n of notes) {
    const isLet = letNames.has(n.span.start);
    const row = index.rows.get(n.span.start);
    const hint: InlayHint = {
      position: doc.positionAt(n.span.end),
      label: isLet ? `: ${n.text}` : n.text,
      kind: InlayHintKind.Type,
      paddingLeft: !isLet,
    };
    if (row) hint.tooltip = `${formatCount(row.params)} parameters`;
    out.push(hint);
  }
  return out;
}
