/**
 * The one token vocabulary of DL. The lexer, the parser, the formatter and the editor grammar's
 * tests all read `allTokens` from here.
 */
import { createToken, Lexer, type TokenType } from "./chevrotain.js";

/**
 * Category of every token that can stand as a name: identifiers and the soft keywords. Soft
 * keywords (`train`, `data`, `step`, ...) only start a statement where no name can stand, so
 * `data train = ...` and `for (x, y) in train` read naturally.
 */
export const Name = createToken({ name: "Name", pattern: Lexer.NA });

/** Category shared by all keywords, so the editor can colour them and completion can list them. */
export const Keyword = createToken({ name: "Keyword", pattern: Lexer.NA });

/** Identifiers; every keyword names it as `longer_alt` so `modelX` stays one identifier. */
export const Identifier = createToken({ name: "Identifier", pattern: /[A-Za-z_][A-Za-z0-9_]*/, categories: [Name] });

function keyword(word: string, soft = false): TokenType {
  return createToken({
    name: word[0]!.toUpperCase() + word.slice(1),
    pattern: new RegExp(`${word}\\b`),
    longer_alt: Identifier,
    categories: soft ? [Keyword, Name] : [Keyword],
  });
}

export const Model = keyword("model");
export const Train = keyword("train", true);
export const Input = keyword("input", true);
export const Let = keyword("let");
export const Layer = keyword("layer");
export const Param = keyword("param", true);
export const Return = keyword("return");
export const Import = keyword("import");
export const From = keyword("from", true);
export const As = keyword("as", true);
export const If = keyword("if");
export const Else = keyword("else");
export const Repeat = keyword("repeat");
export const For = keyword("for");
export const In = keyword("in");
export const Data = keyword("data", true);
export const Optimizer = keyword("optimizer", true);
export const Epochs = keyword("epochs", true);
export const Seed = keyword("seed", true);
export const Step = keyword("step", true);
export const Minimize = keyword("minimize", true);
export const Evaluate = keyword("evaluate", true);
export const Metric = keyword("metric", true);
export const Checkpoint = keyword("checkpoint", true);
export const Every = keyword("every", true);
export const Samples = keyword("samples", true);
export const Best = keyword("best", true);
export const Stop = keyword("stop", true);
export const Early = keyword("early", true);
export const Patience = keyword("patience", true);
export const Init = keyword("init", true);
export const Except = keyword("except", true);
export const Freeze = keyword("freeze", true);
export const Fresh = keyword("fresh", true);
export const True = keyword("true");
export const False = keyword("false");

/** The keywords in source spelling, for completion and for "is this name reserved" checks. */
export const keywordTokens: TokenType[] = [
  Model, Train, Input, Let, Layer, Param, Return, Import, From, As, If, Else, Repeat, For, In, Data,
  Optimizer, Epochs, Seed, Step, Minimize, Evaluate, Metric, Checkpoint, Every, Samples, Best, Stop, Early,
  Patience, Init, Except, Freeze, Fresh, True, False,
];
export const keywords: string[] = keywordTokens.map((t) => t.name.toLowerCase());

// Comments live in a token group rather than being skipped: the formatter re-attaches them.
// Doc comments (`///`) must come before line comments so the longer prefix wins.
export const DocComment = createToken({ name: "DocComment", pattern: /\/\/\/[^\n\r]*/, group: "comments" });
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[^*]*\*+(?:[^/*][^*]*\*+)*\//,
  group: "comments",
  line_breaks: true,
});
/**
 * A `/*` that is never closed: it runs to the end of the file. Lexing it as a comment (and
 * reporting it) says what is wrong, instead of a parse error at a stray `/`. After BlockComment,
 * so a closed comment always wins.
 */
export const UnclosedBlockComment = createToken({ name: "UnclosedBlockComment", pattern: /\/\*[\s\S]*/, group: "comments", line_breaks: true });
export const WhiteSpace = createToken({ name: "WhiteSpace", pattern: /[ \t\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });

// Floats before integers: `1.5` and `1e-3` must not lex as `1` followed by more tokens.
export const FloatLiteral = createToken({ name: "FloatLiteral", pattern: /\d+(?:\.\d+(?:[eE][+-]?\d+)?|[eE][+-]?\d+)/ });
export const IntLiteral = createToken({ name: "IntLiteral", pattern: /\d+/ });
export const StringLiteral = createToken({ name: "StringLiteral", pattern: /"(?:[^"\\\n\r]|\\.)*"/ });

// Multi-character operators before their one-character prefixes (`|>` before nothing, `==` before `=`,
// `...` before `..` before `.`, `<=` before `<`).
export const Pipe = createToken({ name: "Pipe", pattern: /\|>/ });
export const AndAnd = createToken({ name: "AndAnd", pattern: /&&/ });
export const OrOr = createToken({ name: "OrOr", pattern: /\|\|/ });
export const EqEq = createToken({ name: "EqEq", pattern: /==/ });
export const NotEq = createToken({ name: "NotEq", pattern: /!=/ });
export const LessEq = createToken({ name: "LessEq", pattern: /<=/ });
export const GreaterEq = createToken({ name: "GreaterEq", pattern: />=/ });
export const Less = createToken({ name: "Less", pattern: /</ });
export const Greater = createToken({ name: "Greater", pattern: />/ });
export const Ellipsis = createToken({ name: "Ellipsis", pattern: /\.\.\./ });
export const DotDot = createToken({ name: "DotDot", pattern: /\.\./ });
export const Dot = createToken({ name: "Dot", pattern: /\./ });
export const Bang = createToken({ name: "Bang", pattern: /!/ });
export const Equals = createToken({ name: "Equals", pattern: /=/ });
export const Plus = createToken({ name: "Plus", pattern: /\+/ });
export const Minus = createToken({ name: "Minus", pattern: /-/ });
export const Star = createToken({ name: "Star", pattern: /\*/ });
export const Slash = createToken({ name: "Slash", pattern: /\// });
export const Percent = createToken({ name: "Percent", pattern: /%/ });
export const LParen = createToken({ name: "LParen", pattern: /\(/ });
export const RParen = createToken({ name: "RParen", pattern: /\)/ });
export const LBrace = createToken({ name: "LBrace", pattern: /\{/ });
export const RBrace = createToken({ name: "RBrace", pattern: /\}/ });
export const LBracket = createToken({ name: "LBracket", pattern: /\[/ });
export const RBracket = createToken({ name: "RBracket", pattern: /\]/ });
export const Comma = createToken({ name: "Comma", pattern: /,/ });
export const Colon = createToken({ name: "Colon", pattern: /:/ });

/**
 * Lexing order matters: comments before `/`, keywords before Identifier, floats before integers,
 * longer operators before their prefixes. Integer division is not an operator (`//` starts a
 * comment); dimension arithmetic uses `/` and reports a non-integer result.
 */
export const allTokens: TokenType[] = [
  WhiteSpace, DocComment, LineComment, BlockComment, UnclosedBlockComment,
  Name, Keyword, ...keywordTokens, Identifier,
  FloatLiteral, IntLiteral, StringLiteral,
  Pipe, AndAnd, OrOr, EqEq, NotEq, LessEq, GreaterEq, Less, Greater, Ellipsis, DotDot, Dot, Bang, Equals,
  Plus, Minus, Star, Slash, Percent,
  LParen, RParen, LBrace, RBrace, LBracket, RBracket, Comma, Colon,
];

/** The lexer; `ensureOptimizations` is off because the comment patterns use lookahead-free regexes anyway. */
export const dlLexer = new Lexer(allTokens, { positionTracking: "full", ensureOptimizations: false });
