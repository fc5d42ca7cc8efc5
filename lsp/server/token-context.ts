/**
 * Where the cursor stands among the parsed phase's tokens: the word being typed, the token before
 * it, the unclosed bracket around it and what kind of block it is in. Completion and signature
 * help read this, because a half-typed line rarely parses into the node the user means.
 */
import type { IToken } from "chevrotain";

export type BlockKind = "top" | "model" | "train" | "loop" | "evaluate" | "stages" | "expression" | "import";

export interface TokenContext {
  /** The identifier being typed, when the cursor is inside or right after one. */
  word?: IToken;
  /** Where the replaced text starts (the word's start, or the cursor). */
  wordStart: number;
  /** The token before the word. */
  prev?: IToken;
  /** The innermost unclosed `(`, `[` or `{` before the cursor. */
  opener?: IToken;
  /** The kind of the innermost enclosing `{ }` block. */
  block: BlockKind;
  /** When inside a call's parentheses: the callee's name, the argument index and the named arguments given. */
  call?: { callee: IToken; index: number; named: string[]; positional: number; currentName?: string; open: IToken };
}

const isWord = (t: IToken) => /^[A-Za-z_]\w*$/.test(t.image);
const kind = (t: IToken | undefined) => t?.tokenType.name;

/** Index of the last token starting before `offset` (binary search), or -1. */
function lastStartingBefore(tokens: IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.startOffset < offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Index of the bracket matching the closer at `i`, scanning backwards, or -1. */
export function matchBack(tokens: IToken[], i: number): number {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    const k = kind(tokens[j]);
    if (k === "RParen" || k === "RBracket" || k === "RBrace") depth++;
    else if (k === "LParen" || k === "LBracket" || k === "LBrace") {
      depth--;
      if (depth === 0) return j;
    }
  }
  return -1;
}

/** Index of the innermost unclosed opener at or before `i`, or -1. */
function unclosedOpener(tokens: IToken[], i: number): number {
  let depth = 0;
  for (let j = i; j >= 0; j--) {
    const k = kind(tokens[j]);
    if (k === "RParen" || k === "RBracket" || k === "RBrace") depth++;
    else if (k === "LParen" || k === "LBracket" || k === "LBrace") {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/** What kind of block the `{` at `k` opens. */
function blockKind(tokens: IToken[], k: number): BlockKind {
  const before = tokens[k - 1];
  if (kind(before) === "RParen") {
    const m = matchBack(tokens, k - 1);
    if (kind(tokens[m - 1]) === "Repeat") return "stages";
    if (kind(tokens[m - 2]) === "Model") return "model";
    return "expression";
  }
  if (kind(tokens[k - 2]) === "Train") return "train";
  if (kind(before) === "Import") return "import";
  if (kind(before) === "Else") return "expression";
  // Scan back to the keyword that starts this statement.
  for (let j = k - 1; j >= 0; j--) {
    const t = kind(tokens[j]);
    if (t === "RBrace" || t === "LBrace") break;
    if (t === "For") return "loop";
    if (t === "Evaluate") return "evaluate";
    if (t === "Repeat") return "loop";
    if (t === "If") return "expression";
  }
  return "expression";
}

/** The token context at `offset` of a document whose (non-comment) tokens are `tokens`. */
export function tokenContext(tokens: IToken[], offset: number): TokenContext {
  let i = lastStartingBefore(tokens, offset);
  let word: IToken | undefined;
  const at = tokens[i];
  if (at && isWord(at) && offset <= at.endOffset! + 1) {
    word = at;
    i--;
  }
  const wordStart = word ? word.startOffset : offset;
  const prev = i >= 0 ? tokens[i] : undefined;
  const o = unclosedOpener(tokens, i);
  const opener = o >= 0 ? tokens[o] : undefined;
  let block: BlockKind = "top";
  const b = (() => {
    // The innermost unclosed brace, skipping parentheses and brackets.
    let j = o;
    while (j >= 0 && kind(tokens[j]) !== "LBrace") j = unclosedOpener(tokens, j - 1);
    return j;
  })();
  if (b >= 0) block = blockKind(tokens, b);
  const cx: TokenContext = { word, wordStart, prev, opener, block };
  // The innermost call around the cursor: skip list brackets and plain parentheses, stop at braces.
  let c = o;
  const isCallOpen = (j: number) => kind(tokens[j]) === "LParen" && j > 0 && isWord(tokens[j - 1]!) && kind(tokens[j - 1]) !== "Repeat" && kind(tokens[j - 2]) !== "Model";
  while (c >= 0 && kind(tokens[c]) !== "LBrace" && !isCallOpen(c)) c = unclosedOpener(tokens, c - 1);
  if (c >= 0 && isCallOpen(c)) {
    const o = c;
    const opener = tokens[c]!;
    let index = 0;
    const named: string[] = [];
    let currentName: string | undefined;
    let depth = 0;
    let argStart = true;
    let positional = 0;
    let currentNamed = false;
    for (let j = o + 1; j <= i; j++) {
      const t = tokens[j]!;
      const k = kind(t);
      if (k === "LParen" || k === "LBracket" || k === "LBrace") depth++;
      else if (k === "RParen" || k === "RBracket" || k === "RBrace") depth--;
      else if (depth === 0 && k === "Comma") {
        if (!currentNamed) positional++;
        currentNamed = false;
        index++;
        currentName = undefined;
        argStart = true;
        continue;
      } else if (depth === 0 && argStart && isWord(t) && kind(tokens[j + 1]) === "Equals") {
        named.push(t.image);
        currentName = t.image;
        currentNamed = true;
      }
      argStart = false;
    }
    cx.call = { callee: tokens[o - 1]!, index, named, positional, currentName, open: opener };
  }
  return cx;
}
