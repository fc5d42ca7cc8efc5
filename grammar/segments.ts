/**
 * Top-level segments: a document is parsed one segment at a time, so an error inside one
 * declaration never swallows the next, and an editor can re-parse only the segment it changed.
 *
 * A segment starts at a line that begins, in column 0, with a declaration header: `model Name(`,
 * `model Name {`, `train Name {` or `import {`, together with the `///` doc comment lines directly
 * above it. Headers inside block comments do not count. A header that is indented, or written
 * across lines, simply stays in the segment before it (parsed correctly, only less incrementally).
 */

export interface SegmentSlice {
  start: number;
  end: number;
  /** Zero-based line of `start`. */
  line: number;
  /** The keyword that starts the next segment (`model`, `train`, `import`); none for the last. */
  next?: string;
}

const header = /^(model|train|import)\b/;
const headerShape: Record<string, RegExp> = {
  model: /^model[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*[({]/,
  train: /^train[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\{/,
  import: /^import[ \t]*\{/,
};
/** The lexer's string literal: a `"` that does not match is a lone character and lexing goes on after it. */
const stringLiteral = /"(?:[^"\\\n\r]|\\.)*"/y;
/** What can change whether a line starts inside a block comment. */
const significant = /\n|\/\/|\/\*|\*\/|"/g;

/** Splits `text` into segments covering it exactly, in order. */
export function splitSegments(text: string): SegmentSlice[] {
  // One pass over the text, from one significant mark to the next, as the lexer would read it.
  const lineStarts = [0];
  const startsInComment = [false];
  let inComment = false;
  significant.lastIndex = 0;
  for (let m = significant.exec(text); m; m = significant.exec(text)) {
    const mark = m[0];
    if (mark === "\n") {
      lineStarts.push(m.index + 1);
      startsInComment.push(inComment);
    } else if (inComment) {
      if (mark === "*/") inComment = false;
      // `/*/`: the `*` of a mark read inside a comment may begin its `*/`.
      else significant.lastIndex = m.index + 1;
    } else if (mark === "/*") inComment = true;
    // Outside a comment `*/` is a `*` and a `/` that may begin `/*` or `//`.
    else if (mark === "*/") significant.lastIndex = m.index + 1;
    else if (mark === "//") {
      const eol = text.indexOf("\n", m.index);
      significant.lastIndex = eol < 0 ? text.length : eol;
    } else if (mark === '"') {
      stringLiteral.lastIndex = m.index;
      if (stringLiteral.test(text)) significant.lastIndex = stringLiteral.lastIndex;
    }
  }

  const starts: { line: number; word?: string }[] = [{ line: 0 }];
  for (let l = 1; l < lineStarts.length; l++) {
    if (startsInComment[l]) continue;
    const at = lineStarts[l]!;
    const first = text.charCodeAt(at);
    if (first !== 109 /* m */ && first !== 116 /* t */ && first !== 105 /* i */) continue;
    const word = header.exec(text.slice(at, at + 7))?.[1];
    if (!word || !headerShape[word]!.test(text.slice(at, at + 200))) continue;
    // Doc comments above the header (blank lines between them allowed) belong to its declaration.
    let top = l;
    for (let k = l - 1; k >= 0 && !startsInComment[k]; k--) {
      const kind = lineKind(text, lineStarts[k]!);
      if (kind === "doc") top = k;
      else if (kind !== "blank") break;
    }
    if (top > starts[starts.length - 1]!.line) starts.push({ line: top, word });
  }

  return starts.map((s, i) => {
    const following = starts[i + 1];
    const slice: SegmentSlice = { start: lineStarts[s.line]!, end: following ? lineStarts[following.line]! : text.length, line: s.line };
    if (following) slice.next = following.word;
    return slice;
  });
}

function lineKind(text: string, at: number): "doc" | "blank" | "other" {
  let i = at;
  while (text[i] === " " || text[i] === "\t" || text[i] === "\r") i++;
  if (i >= text.length || text[i] === "\n") return "blank";
  return text.startsWith("///", i) ? "doc" : "other";
}
