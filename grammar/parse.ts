/**
 * `parse(text)`: lex, parse with recovery, convert to the AST, one top-level segment at a time.
 * Never throws on any input; lexing and parsing problems come back as `SyntaxProblem`s for the
 * compiler's diagnostics catalog.
 */
import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { CstToAst } from "./cst-to-ast.js";
import { dlParser } from "./parser.js";
import { limits } from "./limits.js";
import { commonEnds, split as splitFresh, splitAgain, type SegmentSlice, type Split } from "./segments.js";
import { guardTokens } from "./token-guard.js";
import { describeStray } from "./stray-characters.js";
import { dlLexer } from "./tokens.js";
import { habitMessage, retypeHabits } from "./habits.js";

/**
 * A lexing or parsing problem; `code` picks the catalog entry (DL1001 lexer, DL1002 and DL1003
 * parser, DL1004 a nesting or expression-depth limit, DL1005 a literal out of range).
 */
export interface SyntaxProblem {
  code: "unexpected-character" | "unexpected-token" | "missing-token" | "too-deep" | "literal-out-of-range";
  message: string;
  span: A.Span;
}

export interface ParseResult {
  ast: A.Program;
  tokens: IToken[];
  comments: A.Comment[];
  problems: SyntaxProblem[];
  /**
   * The tokens of the top-level segment the text before `offset` ends in (the one whose start is
   * before `offset` and whose end is at or after it; the first at 0). What a completion at
   * `offset` reads, without joining the whole document's tokens.
   */
  segmentTokens(offset: number): IToken[];
}

/** Parses one document, one top-level segment at a time (see `segments.ts`). */
export function parse(text: string, cache?: SegmentCache): ParseResult {
  return (cache ?? new SegmentCache()).parse(text);
}

/**
 * The parsed segments of one document, kept between parses. After an edit, the text is split
 * again only around the edit (`splitAgain`); a segment wholly before the edit is reused as it is,
 * one wholly after it is moved by the length the edit added (its spans at once, its tokens when
 * they are next read), and one in between is reused when an old segment had its text (and the
 * keyword after it: a declaration cut off at the next one says which), else parsed. The language
 * server keeps one per open document, so an edit re-parses only the segment it touched and costs
 * little more than the edit itself. Reused segments are moved in place: a previous `ParseResult`
 * from the same cache is stale.
 */
export class SegmentCache {
  private last?: { split: Split; parts: ParsedSegment[] };

  parse(text: string): ParseResult {
    const previous = this.last;
    let parts: ParsedSegment[];
    let split: Split;
    if (!previous) {
      split = splitFresh(text);
      parts = split.slices.map((slice) => parseSegment(text.slice(slice.start, slice.end), slice.next));
    } else {
      const ends = commonEnds(previous.split.text, text);
      split = splitAgain(text, previous.split, ends);
      parts = reuseSegments(text, split.slices, previous.split.text, previous.parts, ends);
    }
    split.slices.forEach((slice, i) => moveSegment(parts[i]!, slice.start, slice.line));
    this.last = { split, parts };
    const items = parts.flatMap((p) => p.items);
    const comments = parts.flatMap((p) => p.comments);
    const problems = parts.flatMap((p) => p.problems);
    const ast: A.Program = { kind: "Program", items, comments, span: { start: 0, end: text.length } };
    const doc = moduleDoc(comments, text);
    if (doc !== undefined) ast.doc = doc;
    // Tokens are joined when first asked for (completion, semantic tokens), not on every edit.
    let tokens: IToken[] | undefined;
    return {
      ast,
      comments,
      problems,
      get tokens() {
        return (tokens ??= ([] as IToken[]).concat(...parts.map(tokensOf)));
      },
      segmentTokens(offset: number) {
        // The last segment starting before `offset` (binary search).
        let lo = 0;
        let hi = parts.length - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if (parts[mid]!.offset < offset) lo = mid;
          else hi = mid - 1;
        }
        return parts[lo] ? tokensOf(parts[lo]!) : [];
      },
    };
  }
}

/**
 * The parsed segment for each slice of `text`, from the segments of its previous version `old`
 * where their text is unchanged (`ends`: the lengths of the two texts' common beginning and end).
 */
function reuseSegments(text: string, slices: SegmentSlice[], old: string, oldParts: ParsedSegment[], ends: { prefix: number; suffix: number }): ParsedSegment[] {
  const delta = text.length - old.length;
  const suffixFrom = text.length - ends.suffix;
  const byStart = new Map<number, ParsedSegment>();
  for (const p of oldParts) byStart.set(p.offset, p);
  const used = new Set<ParsedSegment>();
  const parts: (ParsedSegment | undefined)[] = slices.map((slice) => {
    // Before the edit a segment keeps its offset; after it, it moves by `delta`.
    const oldStart = slice.end <= ends.prefix ? slice.start : slice.start >= suffixFrom ? slice.start - delta : undefined;
    const p = oldStart === undefined ? undefined : byStart.get(oldStart);
    if (!p || p.length !== slice.end - slice.start || p.next !== slice.next || used.has(p)) return undefined;
    used.add(p);
    return p;
  });
  // The rest by text, among the old segments not reused (those the edit touched, or all of them
  // when the whole text was replaced): a declaration moved, or an edit undone, is not parsed again.
  let byText: Map<string, ParsedSegment[]> | undefined;
  return slices.map((slice, i) => {
    if (parts[i]) return parts[i]!;
    const segmentText = text.slice(slice.start, slice.end);
    if (!byText) {
      byText = new Map();
      for (const p of oldParts) {
        if (used.has(p)) continue;
        const key = `${p.next ?? ""}\n${old.slice(p.offset, p.offset + p.length)}`;
        const list = byText.get(key);
        if (list) list.push(p);
        else byText.set(key, [p]);
      }
    }
    return byText.get(`${slice.next ?? ""}\n${segmentText}`)?.pop() ?? parseSegment(segmentText, slice.next);
  });
}

/**
 * One segment's parse, at `offset` (and `line`) of its document; `spans` are all its span objects.
 * Its tokens lie at `tokenOffset` and `tokenLine` until they are read (`tokensOf`).
 */
interface ParsedSegment {
  offset: number;
  line: number;
  /** The length of its text, and the keyword after it, with which it was parsed. */
  length: number;
  next: string | undefined;
  items: A.Item[];
  tokens: IToken[];
  tokenOffset: number;
  tokenLine: number;
  comments: A.Comment[];
  problems: SyntaxProblem[];
  spans: A.Span[];
}

/** Lexes and parses one segment as if it were a document of its own, at offset 0. */
function parseSegment(text: string, next: string | undefined): ParsedSegment {
  let lexed = dlLexer.tokenize(text);
  const problems: SyntaxProblem[] = [];
  const unterminated = (e: { offset: number; length: number }) => text.slice(e.offset, e.offset + e.length) === '"';
  const stray = describeStray(text, lexed.errors.filter((e) => !unterminated(e)));
  for (const e of lexed.errors.filter(unterminated)) {
    // A lone `"` is a string literal that never closes: strings end on the line they start.
    problems.push({ code: "unexpected-character", message: `unterminated string: close it with '"' before the end of the line`, span: { start: e.offset, end: e.offset + 1 } });
  }
  for (const c of stray.strays) problems.push({ code: "unexpected-character", message: c.message, span: { start: c.start, end: c.end } });
  if (stray.replaced !== undefined) {
    // Look-alikes (a no-break space, '×') stand in as the character meant: one error, no cascade.
    const again = dlLexer.tokenize(stray.replaced);
    const reported = new Set(problems.map((p) => p.span.start));
    for (const e of again.errors) {
      if (reported.has(e.offset)) continue;
      const bad = stray.replaced.slice(e.offset, e.offset + e.length);
      const message = bad === '"' ? `unterminated string: close it with '"' before the end of the line` : `unexpected character '${printable(bad)}'`;
      problems.push({ code: "unexpected-character", message, span: { start: e.offset, end: e.offset + Math.max(1, e.length) } });
    }
    // Tokens keep the text as written (positions and images match the document).
    for (const t of [...again.tokens, ...Object.values(again.groups).flat()]) t.image = text.slice(t.startOffset, t.endOffset! + 1);
    lexed = again;
  }
  problems.sort((a, b) => a.span.start - b.span.start);
  for (const t of lexed.groups["comments"] ?? []) {
    if (t.tokenType.name === "UnclosedBlockComment") {
      problems.push({ code: "unexpected-character", message: "unterminated comment: '/*' has no closing '*/', so the rest of the file is a comment", span: { start: t.startOffset, end: t.startOffset + 2 } });
    }
  }
  // Tokens past a depth limit are not parsed: the problem says where the limit was reached.
  const guard = guardTokens(lexed.tokens);
  problems.push(...guard.problems);
  const parsed = guard.cut === undefined ? lexed.tokens : lexed.tokens.slice(0, guard.cut);
  // `kernel: 3` in a call, `f32(B, 784)` as a type: read as meant, one error each.
  for (const h of retypeHabits(parsed)) problems.push({ code: "unexpected-token", ...h });
  dlParser.input = parsed;
  let cst: ReturnType<typeof dlParser.program> | undefined;
  try {
    cst = dlParser.program();
  } catch (err) {
    // The limits keep the parser's recursion far from the stack's end; a caller that already
    // used most of it (deep in its own frames) still gets a diagnostic, at the token reached.
    if (!(err instanceof RangeError)) throw err;
    const at = dlParser.nextToken();
    const where = isNaN(at.startOffset) ? { start: 0, end: Math.min(1, text.length) } : { start: at.startOffset, end: at.endOffset! + 1 };
    problems.push({ code: "too-deep", message: `nesting too deep to parse here: the stack ran out (the documented limit is ${limits.nesting} levels)`, span: where });
    dlParser.input = [];
  }
  // The end of a segment that is not the last is where the next declaration begins.
  const end = next ? `the next '${next}' declaration` : "end of file";
  /** Lines with a keyword used as a name: the recovery's further errors there are the same mistake. */
  const keywordLines = new Set<number>();
  // A line with a character the lexer refused: the parser's error after it is that character's doing.
  const lexerLines = new Set(problems.filter((p) => p.code === "unexpected-character").map((p) => text.slice(0, p.span.start).split("\n").length));
  for (const e of cst ? dlParser.errors : []) {
    const t = e.token;
    if (t.startLine !== undefined && keywordLines.has(t.startLine)) continue;
    const atEnd = t.tokenType.name === "EOF" || isNaN(t.startOffset);
    // Where the tokens were cut at a limit, what is missing at their end was never read.
    if (atEnd && guard.cut !== undefined) continue;
    const prev = (e as { previousToken?: IToken }).previousToken;
    const span = atEnd
      ? prev && !isNaN(prev.startOffset)
        ? { start: prev.endOffset! + 1, end: prev.endOffset! + 1 }
        : { start: text.length, end: text.length }
      : { start: t.startOffset, end: t.endOffset! + 1 };
    const before = prev && !isNaN(prev.startOffset) ? prev : undefined;
    // Where a name (not any expression) must come, a reserved word is a name the user chose.
    const nameExpected = /Expecting token of type --> (Name|Identifier) <--/.test(e.message) || (/\bName\b/.test(e.message) && !/IntLiteral/.test(e.message));
    const keyword = !atEnd && before?.tokenType.name !== "Pipe" && nameExpected && isHardKeyword(t) && !["True", "False"].includes(t.tokenType.name);
    if (keyword && t.startLine !== undefined) keywordLines.add(t.startLine);
    // A pipe with nothing after it: say so at the '|>' itself.
    const dangling = before?.tokenType.name === "Pipe" && !keyword;
    // Python, PyTorch and Keras habits, named as such (the rest of their line is the same mistake).
    const index = parsed.indexOf(t);
    const habit = keyword || dangling || atEnd || index < 0 || lexerLines.has(t.startLine ?? 0) ? undefined : habitMessage(e.message, t, parsed[index - 1], parsed[index + 1], text, parsed, index);
    for (const l of habit?.lines ?? []) keywordLines.add(l);
    const message = keyword
      ? keywordAsName(t.image, before?.image)
      : dangling
        ? `'|>' has no stage after it: add a layer after it (for example '|> relu') or delete it`
        : (habit?.message ?? describe(e.message, t, atEnd, end));
    const at = dangling ? { start: before!.startOffset, end: before!.endOffset! + 1 } : habit?.at ? { start: habit.at.startOffset, end: habit.at.endOffset! + 1 } : span;
    problems.push({ code: e.name === "MismatchedTokenException" ? "missing-token" : "unexpected-token", message, span: at });
  }
  const comments: A.Comment[] = (lexed.groups["comments"] ?? []).map((t) => ({
    kind: "Comment",
    text: t.image,
    doc: t.tokenType.name === "DocComment",
    block: t.tokenType.name === "BlockComment" || t.tokenType.name === "UnclosedBlockComment",
    span: { start: t.startOffset, end: t.endOffset! + 1 },
  }));
  let items: A.Item[] = [];
  const spans = new Set<A.Span>();
  try {
    items = cst ? new CstToAst(text.length).program(cst).items : [];
    // The parser's recovery can read a declaration that the text never opened (`train:` ending a
    // Python-style loop header read as `train step {`): a declaration's keyword begins its line.
    if (problems.length) {
      const opensLine = (at: number) => text.slice(text.lastIndexOf("\n", at - 1) + 1, at).trim() === "";
      items = items.filter((item) => opensLine(item.span.start) && /^(model|train|import)\b/.test(text.slice(item.span.start, item.span.start + 7)));
    }
    // A declaration cut at a limit spans to the end of its text, so the diagnostics that follow
    // from the cut (a missing 'return') are left out as those after any syntax error are.
    const last = items[items.length - 1];
    if (guard.cut !== undefined && last) last.span.end = Math.max(last.span.end, text.length);
    attachDocs(items, comments, text);
    collectSpans([items, comments, problems], spans, new Set());
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    items = [];
    spans.clear();
    problems.push({ code: "too-deep", message: `nesting too deep to read here: the stack ran out (the documented limit is ${limits.nesting} levels)`, span: { start: 0, end: Math.min(1, text.length) } });
    collectSpans([comments, problems], spans, new Set());
  }
  return { offset: 0, line: 0, length: text.length, next, items, tokens: lexed.tokens, tokenOffset: 0, tokenLine: 0, comments, problems, spans: [...spans] };
}

/** Moves a segment's spans to `offset` and `line` (its tokens follow when read). */
function moveSegment(segment: ParsedSegment, offset: number, line: number): void {
  const delta = offset - segment.offset;
  if (delta !== 0) {
    for (const s of segment.spans) {
      s.start += delta;
      s.end += delta;
    }
  }
  segment.offset = offset;
  segment.line = line;
}

/** A segment's tokens, moved to where the segment now is. */
function tokensOf(segment: ParsedSegment): IToken[] {
  const delta = segment.offset - segment.tokenOffset;
  const lines = segment.line - segment.tokenLine;
  if (delta !== 0 || lines !== 0) {
    for (const t of segment.tokens) {
      t.startOffset += delta;
      if (t.endOffset !== undefined) t.endOffset += delta;
      if (t.startLine !== undefined) t.startLine += lines;
      if (t.endLine !== undefined) t.endLine += lines;
    }
    segment.tokenOffset = segment.offset;
    segment.tokenLine = segment.line;
  }
  return segment.tokens;
}

/** Every span object reachable from `value` (AST nodes, comments, problems), each once. */
function collectSpans(value: unknown, into: Set<A.Span>, seen: Set<object>): void {
  if (typeof value !== "object" || value === null || seen.has(value)) return;
  seen.add(value);
  if (Array.isArray(value)) {
    for (const v of value) collectSpans(v, into, seen);
    return;
  }
  const o = value as Record<string, unknown>;
  if (typeof o.start === "number" && typeof o.end === "number" && !("kind" in o)) {
    into.add(o as unknown as A.Span);
    return;
  }
  for (const k in o) collectSpans(o[k], into, seen);
}

/** Rewrites Chevrotain's messages into ours: name the token found, keep the expectation short. */
/** A reserved word (not a soft keyword, which may name things). */
function isHardKeyword(t: IToken): boolean {
  const categories = (t.tokenType as { CATEGORIES?: { name: string }[] }).CATEGORIES ?? [];
  return categories.some((c) => c.name === "Keyword") && !categories.some((c) => c.name === "Name");
}

/** Example names for what each declaring word names. */
const exampleNames: Record<string, [string, string]> = {
  model: ["the instance", "net"],
  data: ["the data set", "train_set"],
  optimizer: ["the optimizer", "opt"],
  let: ["the value", "h"],
  input: ["the input", "x"],
  layer: ["the layer", "fc"],
  train: ["the train block", "run"],
  metric: ["the metric", "acc"],
  for: ["the loop variable", "x"],
  // `init model from pre`: the model instance the block declares.
  init: ["the model instance to start (declared with 'model net = ...')", "net"],
  freeze: ["the model instance or its layer", "net"],
};

function keywordAsName(word: string, declaring: string | undefined): string {
  const known = declaring ? exampleNames[declaring] : undefined;
  const example = known && known[1] !== word ? known[1] : `${word}_`;
  return `'${word}' is a keyword; ${known ? `name ${known[0]}` : "choose another name"}, for example '${example}'`;
}

function describe(message: string, token: IToken, atEnd: boolean, end: string): string {
  const found = atEnd ? end : `'${printable(token.image)}'`;
  const expecting = /Expecting token of type --> (\w+) <--/.exec(message);
  // An item where a list or call expects ',' or its closing bracket: the comma is what is missing.
  const item = ["IntLiteral", "FloatLiteral", "Identifier", "StringLiteral", "True", "False"].includes(token.tokenType.name);
  if (!atEnd && item && (expecting?.[1] === "RBracket" || expecting?.[1] === "RParen")) {
    return `expected ',' before ${found} (or ${tokenName(expecting[1])} to close the ${expecting[1] === "RBracket" ? "list" : "call"})`;
  }
  // Chevrotain expects EOF after the last declaration it could read: what is missing is a declaration.
  if (expecting?.[1] === "EOF") return `unexpected ${found}; expected a declaration (model, train or import)`;
  if (expecting) return `expected ${tokenName(expecting[1]!)} but found ${found}`;
  const oneOf = /Expecting: one of these possible Token sequences:/.test(message) || /Expecting: expecting at least one/.test(message);
  if (oneOf) {
    const tokens = [...message.matchAll(/\[([A-Za-z]+)/g)].map((m) => m[1]!);
    // Where an expression may start, the list of its first tokens helps less than saying so.
    if (tokens.includes("IntLiteral") && tokens.includes("Name")) return `unexpected ${found}; expected an expression`;
    const unique = [...new Set(tokens.map(tokenName))].slice(0, 6);
    return unique.length ? `unexpected ${found}; expected ${unique.join(", ")}` : `unexpected ${found}`;
  }
  if (/Redundant input/.test(message)) return `unexpected ${found}; expected a declaration (model, train or import)`;
  return `unexpected ${found}`;
}

const punctuation: Record<string, string> = {
  LParen: "'('", RParen: "')'", LBrace: "'{'", RBrace: "'}'", LBracket: "'['", RBracket: "']'",
  Comma: "','", Colon: "':'", Equals: "'='", Pipe: "'|>'", Dot: "'.'", DotDot: "'..'", Ellipsis: "'...'",
  Identifier: "a name", Name: "a name", Minus: "'-'", Bang: "'!'", Plus: "'+'", Star: "'*'", Slash: "'/'",
  EOF: "end of file", IntLiteral: "an integer", FloatLiteral: "a number", StringLiteral: "a string",
};

function tokenName(name: string): string {
  return punctuation[name] ?? `'${name.toLowerCase()}'`;
}

function printable(s: string): string {
  return s.length > 20 ? s.slice(0, 20) + "…" : s.replace(/[\n\r]/g, "\\n");
}

/**
 * The module's documentation: the `///` lines that open the file, when a blank line separates them
 * from what follows (directly above a declaration they document it instead).
 */
function moduleDoc(comments: A.Comment[], text: string): string | undefined {
  const lines: string[] = [];
  let cursor = 0;
  for (const c of comments) {
    const gap = text.slice(cursor, c.span.start);
    if (!c.doc || gap.trim() !== "" || (lines.length && /\n[ \t]*\r?\n/.test(gap))) break;
    lines.push(c.text.replace(/^\/\/\/ ?/, ""));
    cursor = c.span.end;
  }
  if (!lines.length) return undefined;
  const after = text.slice(cursor);
  return /^[ \t]*\r?\n[ \t]*\r?\n/.test(after) || after.trim() === "" ? lines.join("\n") : undefined;
}

/** Gives each model and train declaration the text of the `///` comments directly above it. */
function attachDocs(items: A.Item[], comments: A.Comment[], text: string): void {
  for (const item of items) {
    if (item.kind === "ImportDecl") continue;
    const lines: string[] = [];
    let cursor = item.span.start;
    for (let i = comments.length - 1; i >= 0; i--) {
      const c = comments[i]!;
      if (c.span.end > cursor) continue;
      // A blank line ends a declaration's documentation: what is above it belongs to the module.
      const gap = text.slice(c.span.end, cursor);
      if (!c.doc || gap.trim() !== "" || /\n[ \t]*\r?\n/.test(gap)) break;
      lines.unshift(c.text.replace(/^\/\/\/ ?/, ""));
      cursor = c.span.start;
    }
    if (lines.length) item.doc = lines.join("\n");
  }
}
