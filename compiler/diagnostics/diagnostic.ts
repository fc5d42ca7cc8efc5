/**
 * The one diagnostic type of the compiler. Spans are offsets into the document named by `file`;
 * lines and columns are computed only when printing (CLI) or converting (LSP).
 */
import type { Span } from "../../grammar/ast.js";

export type Severity = "error" | "warning" | "info";

/** A text edit that fixes a diagnostic: replace `span` in `file` by `newText`. */
export interface TextEdit {
  file: string;
  span: Span;
  newText: string;
}

export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface RelatedInfo {
  file: string;
  span: Span;
  message: string;
}

export interface Diagnostic {
  /** Stable code: DL1xxx syntax, DL2xxx names and imports, DL3xxx types and shapes, DL4xxx training, DL9xxx internal. */
  code: string;
  severity: Severity;
  message: string;
  file: string;
  span: Span;
  related?: RelatedInfo[];
  fix?: Fix;
}

/** Where a diagnostic should go; stages report through this and never compute offsets. */
export interface DiagnosticSink {
  report(d: Diagnostic): void;
}
