/**
 * `textDocument/documentHighlight`, `selectionRange` and `documentLink`: the occurrences of the
 * name under the cursor in this document (its declaration a write, uses reads), the chain of
 * enclosing syntax nodes for expand-selection, and import paths as links to their files.
 */
import { DocumentHighlightKind, type DocumentHighlight, type DocumentLink, type Position, type SelectionRange } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { ServerContext } from "./context.js";
import { nodesAt } from "./ast-query.js";
import { canonical, findAt, isBuiltin, sameTarget } from "./lookup.js";
import { toRange } from "./positions.js";

/** Occurrences in this document of what is at `offset`. */
export function documentHighlights(cx: ServerContext, doc: TextDocument, path: string, offset: number): DocumentHighlight[] {
  const phase = cx.docs.pipeline.resolved(path);
  const found = findAt(phase, offset);
  if (!found) return [];
  const target = canonical(found.target);
  const out: DocumentHighlight[] = [];
  const seen = new Set<number>();
  const add = (span: { start: number; end: number }, kind: DocumentHighlightKind) => {
    if (seen.has(span.start)) return;
    seen.add(span.start);
    out.push({ range: toRange(doc, span), kind });
  };
  if (!isBuiltin(target) && target.file === path) add(target.span, DocumentHighlightKind.Write);
  for (const s of phase.resolved.symbols) if (s.file === path && sameTarget(canonical(s), target)) add(s.span, DocumentHighlightKind.Write);
  for (const r of phase.resolved.references) if (sameTarget(canonical(r.symbol), target)) add(r.span, DocumentHighlightKind.Read);
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}

/** For each position, the enclosing nodes from the innermost out to the whole document. */
export function selectionRanges(cx: ServerContext, doc: TextDocument, path: string, positions: Position[]): SelectionRange[] {
  const phase = cx.docs.pipeline.parsed(path);
  return positions.map((position) => {
    const offset = doc.offsetAt(position);
    let range: SelectionRange = { range: toRange(doc, { start: 0, end: phase.text.length }) };
    let last = { start: 0, end: phase.text.length };
    for (const n of nodesAt(phase.parse.ast, offset)) {
      // Each step must grow the selection: nodes with the span of their parent are skipped.
      if (n.span.start === last.start && n.span.end === last.end) continue;
      if (n.span.start < last.start || n.span.end > last.end) continue;
      range = { range: toRange(doc, n.span), parent: range };
      last = n.span;
    }
    return range;
  });
}

/** Each import's path as a link to the file it names, when that file exists. */
export function documentLinks(cx: ServerContext, doc: TextDocument, path: string): DocumentLink[] {
  const phase = cx.docs.pipeline.parsed(path);
  const out: DocumentLink[] = [];
  for (const item of phase.parse.ast.items) {
    if (item.kind !== "ImportDecl" || !item.path.value) continue;
    const file = cx.docs.workspace.importPath(path, item.path.value);
    if (!cx.docs.workspace.document(file)) continue;
    // The link covers the path inside the quotes.
    const span = { start: item.path.span.start + 1, end: Math.max(item.path.span.start + 1, item.path.span.end - 1) };
    out.push({ range: toRange(doc, span), target: cx.docs.uri(file), tooltip: cx.docs.workspace.display(file) });
  }
  return out;
}
