/**
 * Offset ↔ LSP position conversion. The compiler speaks in character offsets (spans); only this
 * file and its callers in `lsp/` turn them into lines and UTF-16 columns.
 */
import type { Position, Range } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Span } from "../../grammar/ast.js";

/** The LSP range of a span in `doc`. */
export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(Math.max(span.start, span.end)) };
}

/** The offset of an LSP position in `doc` (clamped to the text). */
export function toOffset(doc: TextDocument, position: Position): number {
  return doc.offsetAt(position);
}

/** The span of an LSP range in `doc`. */
export function toSpan(doc: TextDocument, range: Range): Span {
  return { start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
}

/** Whether `offset` touches `span` (a cursor right after a name still counts as on it). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** Whether two spans overlap or touch. */
export function overlaps(a: Span, b: Span): boolean {
  return a.start <= b.end && b.start <= a.end;
}
