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
  const problems: SyntaxProblem[] = lexed.errors.map((e) => {
    const bad = text.slice(e.offset, e.offset + e.length);
    // A lone `"` is a string literal that never closes: strings end on the line they start.
    const message = bad === '"' ? `unterminated string: close it with '"' before the end of the line` : `unexpected character '${printable(bad)}'`;
    return { code: "unexpected-character", message, span: { start: e.offset, end: e.offset + Math.max(1, e.length) } };
  });
  for (const t of lexed.groups["comments"] ?? []) {
    if (t.tokenType.name === "UnclosedBlockComment") {
      problems.push({ code: "unexpected-character", message: "unterminated comment: '/*' has no closing '*/', so the rest of the file is a comment", span: { start: t.startOffset, end: t.startOffset + 2 } });
    }
  }
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
    block: t.tokenType.name === "BlockComment" || t.tokenType.name === "UnclosedBlockComment",
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
