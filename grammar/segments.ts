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
const special = /["/]/g;

/** Splits `text` into segments covering it exactly, in order. */
export function splitSegments(text: string): SegmentSlice[] {
  const lineStarts: number[] = [];
  const startsInComment: boolean[] = [];
  let inComment = false;
  let pos = 0;
  while (pos <= text.length) {
    lineStarts.push(pos);
    startsInComment.push(inComment);
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    inComment = scanLine(text, pos, end, inComment);
    pos = end + 1;
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

/** Follows comments and strings along one line; returns whether a block comment is open at its end. */
function scanLine(text: string, from: number, end: number, inComment: boolean): boolean {
  let i = from;
  while (i < end) {
    if (!inComment) {
      // Only `/` and `"` can change anything: skip to the next one.
      special.lastIndex = i;
      const m = special.exec(text);
      if (!m || m.index >= end) return false;
      i = m.index;
    }
    if (inComment) {
      const close = text.indexOf("*/", i);
      if (close < 0 || close >= end) return true;
      inComment = false;
      i = close + 2;
      continue;
    }
    const c = text.charCodeAt(i);
    if (c === 47 /* / */ && text.charCodeAt(i + 1) === 47) return false;
    if (c === 47 && text.charCodeAt(i + 1) === 42 /* * */) {
      inComment = true;
      i += 2;
      continue;
    }
    if (c === 34 /* " */) {
      stringLiteral.lastIndex = i;
      i = stringLiteral.test(text) ? stringLiteral.lastIndex : i + 1;
      continue;
    }
    i++;
  }
  return inComment;
}
