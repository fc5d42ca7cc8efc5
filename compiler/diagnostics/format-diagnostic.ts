/**
 * Diagnostics as text, in the style of the TypeScript compiler's baselines:
 * `file.dl(3,14): error DL3001: message`, then the source line and a `~~~` underline.
 */
import { LineIndex } from "../text/line-index.js";
import type { Diagnostic } from "./diagnostic.js";

/** Formats diagnostics of one or more files; `display` maps a path to how it is shown. */
export function formatDiagnostics(diagnostics: Diagnostic[], textOf: (file: string) => string, display: (file: string) => string = (f) => f): string {
  const indexes = new Map<string, LineIndex>();
  const index = (file: string) => {
    let i = indexes.get(file);
    if (!i) indexes.set(file, (i = new LineIndex(textOf(file))));
    return i;
  };
  const sorted = [...diagnostics].sort((a, b) => (a.file === b.file ? a.span.start - b.span.start : a.file < b.file ? -1 : 1));
  return sorted
    .map((d) => {
      const idx = index(d.file);
      const { line, column } = idx.position(d.span.start);
      const end = idx.position(Math.max(d.span.start, d.span.end - 1));
      const source = idx.lineText(line);
      const width = end.line === line ? Math.max(1, end.column - column + 1) : Math.max(1, source.length - column + 1);
      const lines = [`${display(d.file)}(${line},${column}): ${d.severity} ${d.code}: ${d.message}`, `  ${source}`, `  ${" ".repeat(column - 1)}${"~".repeat(width)}`];
      for (const rel of d.related ?? []) {
        const p = index(rel.file).position(rel.span.start);
        lines.push(`    ${display(rel.file)}(${p.line},${p.column}): ${rel.message}`);
      }
      return lines.join("\n");
    })
    .join("\n");
}
