/**
 * `parse(text)`: lex, parse with recovery, convert to the AST. Never throws on any input; lexing and
 * parsing problems come back as `SyntaxProblem`s for the compiler's diagnostics catalog.
 */
import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { CstToAst } from "./cst-to-ast.js";
import { dlParser, type CstNode } from "./parser.js";
import { dlLexer } from "./tokens.js";

/** A lexing or parsing problem; `code` picks the catalog entry (DL1001 lexer, DL1002 parser). */
export interface SyntaxProblem {
  code: "unexpected-character" | "unexpected-token" | "missing-token";
  message: string;
  span: A.Span;
}

export interface ParseResult {
  ast: A.Program;
  cst: CstNode;
  tokens: IToken[];
  comments: A.Comment[];
  problems: SyntaxProblem[];
}

/** Parses one document. */
export function parse(text: string): ParseResult {
  const lexed = dlLexer.tokenize(text);
  const problems: SyntaxProblem[] = lexed.errors.map((e) => ({
    code: "unexpected-character",
    message: `unexpected character '${printable(text.slice(e.offset, e.offset + e.length))}'`,
    span: { start: e.offset, end: e.offset + Math.max(1, e.length) },
  }));
  dlParser.input = lexed.tokens;
  const cst = dlParser.program();
  for (const e of dlParser.errors) {
    const t = e.token;
    const atEnd = t.tokenType.name === "EOF" || isNaN(t.startOffset);
    const prev = (e as { previousToken?: IToken }).previousToken;
    const span = atEnd
      ? prev && !isNaN(prev.startOffset)
        ? { start: prev.endOffset! + 1, end: prev.endOffset! + 1 }
        : { start: text.length, end: text.length }
      : { start: t.startOffset, end: t.endOffset! + 1 };
    problems.push({ code: e.name === "MismatchedTokenException" ? "missing-token" : "unexpected-token", message: describe(e.message, t, atEnd), span });
  }
  const comments: A.Comment[] = (lexed.groups["comments"] ?? []).map((t) => ({
    kind: "Comment",
    text: t.image,
    doc: t.tokenType.name === "DocComment",
    block: t.tokenType.name === "BlockComment",
    span: { start: t.startOffset, end: t.endOffset! + 1 },
  }));
  const ast = new CstToAst(text.length).program(cst);
  ast.comments = comments;
  attachDocs(ast, comments, text);
  return { ast, cst, tokens: lexed.tokens, comments, problems };
}

/** Rewrites Chevrotain's messages into ours: name the token found, keep the expectation short. */
function describe(message: string, token: IToken, atEnd: boolean): string {
  const found = atEnd ? "end of file" : `'${printable(token.image)}'`;
  const expecting = /Expecting token of type --> (\w+) <--/.exec(message);
  if (expecting) return `expected ${tokenName(expecting[1]!)} but found ${found}`;
  const oneOf = /Expecting: one of these possible Token sequences:/.test(message) || /Expecting: expecting at least one/.test(message);
  if (oneOf) {
    const firsts = [...message.matchAll(/\[([A-Za-z]+)/g)].map((m) => tokenName(m[1]!));
    const unique = [...new Set(firsts)].slice(0, 6);
    return unique.length ? `unexpected ${found}; expected ${unique.join(", ")}` : `unexpected ${found}`;
  }
  if (/Redundant input/.test(message)) return `unexpected ${found}; expected a declaration (model, train or import)`;
  return `unexpected ${found}`;
}

const punctuation: Record<string, string> = {
  LParen: "'('", RParen: "')'", LBrace: "'{'", RBrace: "'}'", LBracket: "'['", RBracket: "']'",
  Comma: "','", Colon: "':'", Equals: "'='", Pipe: "'|>'", Dot: "'.'", DotDot: "'..'",
  Identifier: "a name", Name: "a name", Minus: "'-'", Bang: "'!'", Plus: "'+'", Star: "'*'", Slash: "'/'",
  EOF: "end of file", IntLiteral: "an integer", FloatLiteral: "a number", StringLiteral: "a string",
};

function tokenName(name: string): string {
  return punctuation[name] ?? `'${name.toLowerCase()}'`;
}

function printable(s: string): string {
  return s.length > 20 ? s.slice(0, 20) + "…" : s.replace(/[\n\r]/g, "\\n");
}

/** Gives each model and train declaration the text of the `///` comments directly above it. */
function attachDocs(ast: A.Program, comments: A.Comment[], text: string): void {
  for (const item of ast.items) {
    if (item.kind === "ImportDecl") continue;
    const lines: string[] = [];
    let cursor = item.span.start;
    for (let i = comments.length - 1; i >= 0; i--) {
      const c = comments[i]!;
      if (c.span.end > cursor) continue;
      if (!c.doc || text.slice(c.span.end, cursor).trim() !== "") break;
      lines.unshift(c.text.replace(/^\/\/\/ ?/, ""));
      cursor = c.span.start;
    }
    if (lines.length) item.doc = lines.join("\n");
  }
}
