/**
 * Checks a segment's tokens against the nesting, expression-depth and literal limits before the
 * parser sees them (the parser and every tree walk after it recurse per level). Returns the
 * problems and, when a depth limit is reached, the index of the token where it was: the parser
 * then reads the tokens before it only.
 */
import type { IToken, TokenType } from "chevrotain";
import type { SyntaxProblem } from "./parse.js";
import { limits } from "./limits.js";
import * as T from "./tokens.js";

const opening = new Set<TokenType>([T.LParen, T.LBracket, T.LBrace]);
const closing = new Set<TokenType>([T.RParen, T.RBracket, T.RBrace]);
/** Tokens that chain one more node onto an expression tree (binary and prefix operators, `.`). */
const chaining = new Set<TokenType>([
  T.Pipe, T.OrOr, T.AndAnd, T.EqEq, T.NotEq, T.LessEq, T.GreaterEq, T.Less, T.Greater,
  T.Plus, T.Minus, T.Star, T.Slash, T.Percent, T.Bang, T.Dot,
]);
/** Tokens after which a new expression starts: the chain count of the level starts again. */
const separating = new Set<TokenType>([T.Comma, T.Equals, T.Colon, ...T.keywordTokens.filter((k) => k !== T.If && k !== T.Else && k !== T.True && k !== T.False)]);

interface Level {
  chain: number;
  elseIfs: number;
}

export interface GuardResult {
  problems: SyntaxProblem[];
  /** The index of the token at which a depth limit was reached. */
  cut?: number;
}

export function guardTokens(tokens: IToken[]): GuardResult {
  const problems: SyntaxProblem[] = [];
  const span = (t: IToken) => ({ start: t.startOffset, end: t.endOffset! + 1 });
  const stack: Level[] = [{ chain: 0, elseIfs: 0 }];
  let chains = 0; // sum of `chain` over the stack
  let elseIfs = 0; // sum of `elseIfs` over the stack
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const type = t.tokenType;
    const top = stack[stack.length - 1]!;
    if (type === T.IntLiteral) {
      if (Number(t.image) > limits.integer) {
        problems.push({ code: "literal-out-of-range", message: `integer literal ${abbreviate(t.image)} is too large: the limit is 2^53 - 1 (${limits.integer})`, span: span(t) });
      }
    } else if (type === T.FloatLiteral) {
      if (!Number.isFinite(Number(t.image))) problems.push({ code: "literal-out-of-range", message: `number literal ${abbreviate(t.image)} is out of range: the largest is about 1.8e308`, span: span(t) });
    } else if (opening.has(type)) {
      stack.push({ chain: 0, elseIfs: 0 });
    } else if (closing.has(type)) {
      if (stack.length > 1) {
        const level = stack.pop()!;
        chains -= level.chain;
        elseIfs -= level.elseIfs;
      }
    } else if (chaining.has(type)) {
      top.chain++;
      chains++;
    } else if (type === T.If && tokens[i - 1]?.tokenType === T.Else) {
      top.elseIfs++;
      elseIfs++;
    } else if (separating.has(type)) {
      chains -= top.chain;
      elseIfs -= top.elseIfs;
      top.chain = 0;
      top.elseIfs = 0;
    }
    const nesting = stack.length - 1 + elseIfs;
    if (nesting > limits.nesting) {
      problems.push({ code: "too-deep", message: `nesting too deep: more than ${limits.nesting} brackets and 'else if' links are open here (the limit is ${limits.nesting})`, span: span(t) });
      return { problems, cut: i };
    }
    if (stack.length - 1 + chains > limits.expressionDepth) {
      problems.push({ code: "too-deep", message: `expression too deep: more than ${limits.expressionDepth} operators and brackets are chained here (the limit is ${limits.expressionDepth}); split it with 'let'`, span: span(t) });
      return { problems, cut: i };
    }
  }
  return { problems };
}

function abbreviate(s: string): string {
  return s.length > 24 ? `${s.slice(0, 10)}…${s.slice(-6)} (${s.length} digits)` : s;
}
