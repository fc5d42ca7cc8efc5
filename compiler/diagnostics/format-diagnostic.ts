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
      const shown = excerpt(source, column - 1, width);
      const lines = [`${display(d.file)}(${line},${column}): ${d.severity} ${d.code}: ${d.message}`, `  ${shown.text}`, `  ${" ".repeat(shown.start)}${"~".repeat(shown.width)}`];
      for (const rel of d.related ?? []) {
        const p = index(rel.file).position(rel.span.start);
        lines.push(`    ${display(rel.file)}(${p.line},${p.column}): ${rel.message}`);
      }
      return lines.join("\n");
    })
    .join("\n");
}

/** Tab stops in the printed source line. */
const tabWidth = 4;
/** Longest source line printed whole; longer ones are cut around the underlined part. */
const maxLine = 120;

/**
 * The source line as printed: tabs expanded (so the underline sits under the token), and a line
 * too long for a terminal cut to a window around the underlined part, with `…` where it was cut.
 * `start` and `width` (in UTF-16 units of the line) become columns of the printed text.
 */
export function excerpt(line: string, start: number, width: number): { text: string; start: number; width: number } {
  let text = "";
  const at: number[] = [];
  for (let i = 0; i < line.length; i++) {
    at.push(text.length);
    if (line[i] === "\t") text += " ".repeat(tabWidth - (text.length % tabWidth));
    else text += line[i];
  }
  at.push(text.length);
  const from = at[Math.min(start, line.length)]!;
  const to = at[Math.min(start + width, line.length)] ?? text.length;
  let s = from;
  let w = Math.max(1, to - from);
  if (text.length > maxLine) {
    const keep = maxLine - 2;
    // The window starts a little before the underline, so its context shows.
    let left = Math.max(0, Math.min(from - 20, text.length - keep));
    if (w > keep - 20) left = from;
    const right = Math.min(text.length, left + keep);
    const cut = (left > 0 ? "…" : "") + text.slice(left, right) + (right < text.length ? "…" : "");
    s = from - left + (left > 0 ? 1 : 0);
    w = Math.max(1, Math.min(w, right - from));
    text = cut;
  }
  return { text, start: s, width: w };
}
