/**
 * Top-level segments: a document is parsed one segment at a time, so an error inside one
 * declaration never swallows the next, and an editor can re-parse only the segment it changed.
 *
 * A segment starts at a line that begins, in column 0, with a declaration header: `model Name(`,
 * `model Name {`, `train Name {` or `import {`, together with the `///` doc comment lines directly
 * above it. Headers inside block comments do not count. A header that is indented, or written
 * across lines, simply stays in the segment before it (parsed correctly, only less incrementally).
 *
 * Splitting again after an edit (`splitAgain`) reads only the text between the last segment start
 * the edit cannot have moved and the first one after the edit where the old split takes over: the
 * split at a line depends only on whether the line starts inside a block comment, on the line's
 * own text and on the lines above it back to the previous segment start, so from a segment start
 * common to both texts onward (where no block comment is open) the rest is the old split, moved.
 */

export interface SegmentSlice {
  start: number;
  end: number;
  /** Zero-based line of `start`. */
  line: number;
  /** The keyword that starts the next segment (`model`, `train`, `import`); none for the last. */
  next?: string;
}

/** A segment start: its first line (the doc comment's or the header's) and its header line. */
interface Start {
  line: number;
  /** Offset of `line`. */
  at: number;
  /** Offset of the header line (`model ...`), past which the decision to start here reads 200 characters. */
  header: number;
  word?: string;
}

/** A split of one text, kept to split an edited version of it again. */
export interface Split {
  text: string;
  slices: SegmentSlice[];
  starts: Start[];
}

const header = /^(model|train|import)\b/;
const headerShape: Record<string, RegExp> = {
  model: /^model[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*[({]/,
  train: /^train[ \t]+[A-Za-z_][A-Za-z0-9_]*[ \t]*\{/,
  import: /^import[ \t]*\{/,
};
/** How far past a header line's start its shape is read. */
const headerReach = 200;
/** The lexer's string literal: a `"` that does not match is a lone character and lexing goes on after it. */
const stringLiteral = /"(?:[^"\\\n\r]|\\.)*"/y;
/** What can change whether a line starts inside a block comment. */
const significant = /\n|\/\/|\/\*|\*\/|"/g;

/** Splits `text` into segments covering it exactly, in order. */
export function splitSegments(text: string): SegmentSlice[] {
  return split(text).slices;
}

/** Splits `text` from scratch. */
export function split(text: string): Split {
  const starts: Start[] = [{ line: 0, at: 0, header: 0 }];
  scan(text, starts);
  return finish(text, starts);
}

/**
 * Splits `text`, an edited version of `previous.text`, reusing the old split before and after the
 * edit. Gives exactly what `split(text)` gives.
 */
export function splitAgain(text: string, previous: Split, ends = commonEnds(previous.text, text)): Split {
  const old = previous.text;
  if (old === text) return previous;
  const { prefix, suffix } = ends;
  const delta = text.length - old.length;
  // The old starts whose decision lies wholly in the unchanged beginning hold in the new text.
  const oldStarts = previous.starts;
  let keep = 0;
  while (keep + 1 < oldStarts.length && oldStarts[keep + 1]!.header + headerReach <= prefix) keep++;
  const starts = oldStarts.slice(0, keep + 1);
  // From there the new text is read until a start falls in the unchanged end where the old text
  // had one too: the old starts after it follow, moved.
  const suffixFrom = text.length - suffix;
  let oldIndex = keep + 1;
  const tail = scan(text, starts, (s) => {
    if (s.at < suffixFrom) return false;
    const oldAt = s.at - delta;
    while (oldIndex < oldStarts.length && oldStarts[oldIndex]!.at < oldAt) oldIndex++;
    return oldIndex < oldStarts.length && oldStarts[oldIndex]!.at === oldAt;
  });
  if (tail) {
    const matched = oldStarts[oldIndex]!;
    const lines = tail.line - matched.line;
    for (let i = oldIndex + 1; i < oldStarts.length; i++) {
      const s = oldStarts[i]!;
      starts.push({ line: s.line + lines, at: s.at + delta, header: s.header + delta, word: s.word });
    }
  }
  return finish(text, starts);
}

/**
 * Reads `text` from the last of `starts` (a line start outside any comment) to its end, pushing
 * the segment starts found. `stop` is asked about each start pushed; when it says so, reading
 * stops and that start is returned.
 */
function scan(text: string, starts: Start[], stop?: (s: Start) => boolean): Start | undefined {
  const from = starts[starts.length - 1]!;
  // Lines from `from.line` on: their offsets and whether each starts inside a block comment.
  const lineStarts = [from.at];
  const startsInComment = [false];
  const base = from.line;
  let inComment = false;
  significant.lastIndex = from.at;
  for (let m = significant.exec(text); m; m = significant.exec(text)) {
    const mark = m[0];
    if (mark === "\n") {
      const at = m.index + 1;
      lineStarts.push(at);
      startsInComment.push(inComment);
      if (inComment) continue;
      const found = headerAt(text, at, lineStarts.length - 1, lineStarts, startsInComment, starts[starts.length - 1]!.line - base);
      if (!found) continue;
      const s: Start = { line: base + found.top, at: lineStarts[found.top]!, header: at, word: found.word };
      starts.push(s);
      if (stop?.(s)) return s;
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
  return undefined;
}

/**
 * Whether the line `l` (relative to the scan's first line), starting at `at` outside a comment,
 * starts a segment: its header's keyword, and the first line of the segment (the doc comments
 * above it, blank lines between them allowed), which must lie below the last start (`last`).
 */
function headerAt(text: string, at: number, l: number, lineStarts: number[], startsInComment: boolean[], last: number): { word: string; top: number } | undefined {
  const first = text.charCodeAt(at);
  if (first !== 109 /* m */ && first !== 116 /* t */ && first !== 105 /* i */) return undefined;
  const word = header.exec(text.slice(at, at + 7))?.[1];
  if (!word || !headerShape[word]!.test(text.slice(at, at + headerReach))) return undefined;
  // Doc comments above the header (blank lines between them allowed) belong to its declaration.
  // Lines below the last start cannot change the answer (the last start's line is a doc comment,
  // a header or the document's first line), so the look stops there.
  let top = l;
  for (let k = l - 1; k >= last && !startsInComment[k]; k--) {
    const kind = lineKind(text, lineStarts[k]!);
    if (kind === "doc") top = k;
    else if (kind !== "blank") break;
  }
  return top > last ? { word, top } : undefined;
}

function finish(text: string, starts: Start[]): Split {
  const slices = starts.map((s, i) => {
    const following = starts[i + 1];
    const slice: SegmentSlice = { start: s.at, end: following ? following.at : text.length, line: s.line };
    if (following) slice.next = following.word;
    return slice;
  });
  return { text, slices, starts };
}

/** The lengths of the longest common beginning and end of `a` and `b` (not overlapping in either). */
export function commonEnds(a: string, b: string): { prefix: number; suffix: number } {
  const max = Math.min(a.length, b.length);
  let prefix = 0;
  // Whole chunks first (compared natively), then character by character.
  for (let chunk = 4096; chunk >= 1; chunk >>= 4) {
    while (prefix + chunk <= max && a.slice(prefix, prefix + chunk) === b.slice(prefix, prefix + chunk)) prefix += chunk;
  }
  let suffix = 0;
  const room = max - prefix;
  for (let chunk = 4096; chunk >= 1; chunk >>= 4) {
    while (suffix + chunk <= room && a.slice(a.length - suffix - chunk, a.length - suffix) === b.slice(b.length - suffix - chunk, b.length - suffix)) suffix += chunk;
  }
  return { prefix, suffix };
}

function lineKind(text: string, at: number): "doc" | "blank" | "other" {
  let i = at;
  while (text[i] === " " || text[i] === "\t" || text[i] === "\r") i++;
  if (i >= text.length || text[i] === "\n") return "blank";
  return text.startsWith("///", i) ? "doc" : "other";
}
