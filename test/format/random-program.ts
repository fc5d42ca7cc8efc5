/**
 * A random DL program generator for the formatter's property test. It builds programs from the
 * shapes of the AST (every declaration, statement and expression kind) and writes them out the
 * clumsy way: every compound sub-expression in parentheses, tokens separated by random spaces,
 * newlines, blank lines and comments, so the formatter has to choose the parentheses, the layout
 * and the comment placement itself.
 */
import fc from "fast-check";

/** A program as a list of tokens; `Sep` marks where random whitespace or a comment may go. */
type Tokens = string[];

const names = ["x", "y", "h", "relu", "conv2d", "dense", "w", "B", "C", "data", "step", "seed"];
const typeNames = ["int", "float", "bool", "string"];
const floats = ["1.5", "2e-4", "0.5", "1e3", "3.0E+2"];
const strings = ['"a"', '"std/layers"', '"a\\"b"', '""'];
const binaryOps = ["+", "-", "*", "/", "%", "==", "!=", "<", ">", "<=", ">=", "&&", "||"];

const name = fc.constantFrom(...names);

/** Whether printing `tokens` as an operand needs parentheses: anything longer than one token. */
function wrap(tokens: Tokens): Tokens {
  return tokens.length === 1 ? tokens : ["(", ...tokens, ")"];
}

function commaList(items: Tokens[]): Tokens {
  return items.flatMap((item, i) => (i === 0 ? item : [",", ...item]));
}

const { expr } = fc.letrec<{ expr: Tokens; atom: Tokens; argument: Tokens; indexItem: Tokens }>((tie) => ({
  atom: fc.oneof(
    fc.nat(999).map((n) => [String(n)]),
    fc.constantFrom(...floats).map((f) => [f]),
    fc.constantFrom(...strings).map((s) => [s]),
    fc.constantFrom("true", "false").map((b) => [b]),
    name.map((n) => [n]),
  ),
  argument: fc.tuple(fc.option(name, { nil: undefined }), tie("expr")).map(([n, v]) => (n ? [n, "=", ...v] : v)),
  // `i`, `a:b` with either end optional, `a:b:s` (`::2`), or `...`; bounds are additive expressions, so wrapped.
  indexItem: fc.oneof(
    fc.constant<Tokens>(["..."]),
    tie("expr").map((e) => wrap(e)),
    fc.tuple(fc.option(tie("expr"), { nil: undefined }), fc.option(tie("expr"), { nil: undefined })).map(([a, b]) => [...(a ? wrap(a) : []), ":", ...(b ? wrap(b) : [])]),
    fc
      .tuple(fc.option(tie("expr"), { nil: undefined }), fc.option(tie("expr"), { nil: undefined }), fc.option(tie("expr"), { nil: undefined }))
      .map(([a, b, c]) => [...(a ? wrap(a) : []), ":", ...(b ? wrap(b) : []), ":", ...(c ? wrap(c) : [])]),
  ),
  expr: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    tie("atom"),
    fc.tuple(tie("expr"), fc.array(tie("argument"), { maxLength: 4 })).map(([callee, args]) => [...wrap(callee), "(", ...commaList(args), ")"]),
    fc.tuple(tie("expr"), name).map(([object, member]) => [...wrap(object), ".", member]),
    // Tuple items, `t.0.1` included (its `0.1` lexes as a float).
    fc.tuple(tie("expr"), fc.constantFrom(["0"], ["1"], ["0", ".", "1"])).map(([object, items]) => [...wrap(object), ".", ...items]),
    fc.tuple(tie("expr"), fc.array(tie("indexItem"), { minLength: 1, maxLength: 3 })).map(([object, items]) => [...wrap(object), "[", ...commaList(items), "]"]),
    fc.tuple(tie("expr"), fc.array(tie("expr"), { minLength: 1, maxLength: 4 })).map(([input, stages]) => [
      ...wrap(input),
      ...stages.flatMap((s) => ["|>", ...wrap(s)]),
    ]),
    fc.tuple(tie("expr"), fc.constantFrom(...binaryOps), tie("expr")).map(([l, op, r]) => [...wrap(l), op, ...wrap(r)]),
    fc.tuple(fc.constantFrom("-", "!"), tie("expr")).map(([op, e]) => [op, ...wrap(e)]),
    fc.array(tie("expr"), { minLength: 2, maxLength: 3 }).map((items) => ["(", ...commaList(items), ")"]),
    fc.array(tie("expr"), { maxLength: 3 }).map((items) => ["[", ...commaList(items), "]"]),
    fc.tuple(tie("expr"), tie("expr"), tie("expr")).map(([c, t, e]) => ["if", ...c, "{", ...t, "}", "else", "{", ...e, "}"]),
    fc
      .tuple(fc.option(fc.tuple(name, tie("expr")), { nil: undefined }), tie("expr"), fc.array(tie("expr"), { minLength: 1, maxLength: 3 }))
      .map(([range, to, stages]) => [
        "repeat",
        "(",
        ...(range ? [range[0], "in", ...wrap(range[1]), ".."] : []),
        ...wrap(to),
        ")",
        "{",
        ...stages.flatMap((s, i) => (i === 0 ? wrap(s) : ["|>", ...wrap(s)])),
        "}",
      ]),
  ),
}));

const shape = fc.array(expr, { maxLength: 4 }).map((dims) => ["f32", "[", ...commaList(dims), "]"]);

const pattern = fc.array(name, { minLength: 1, maxLength: 3 }).map((ns) => (ns.length === 1 ? ns : ["(", ...commaList(ns.map((n) => [n])), ")"]));

const modelStmt = fc.oneof(
  fc.tuple(name, shape).map(([n, t]) => ["input", n, ":", ...t]),
  fc.tuple(fc.constantFrom("let", "layer"), name, expr).map(([k, n, v]) => [k, n, "=", ...v]),
  fc.tuple(pattern, expr).map(([p, v]) => ["let", ...p, "=", ...v]),
  expr.map((v) => ["return", ...v]),
);

const { loopStmt } = fc.letrec<{ loopStmt: Tokens }>((tie) => ({
  loopStmt: fc.oneof(
    { depthSize: "small" },
    fc.tuple(pattern, expr).map(([p, v]) => ["let", ...p, "=", ...v]),
    fc.tuple(name, expr).map(([o, l]) => ["step", o, "minimize", ...l]),
    fc.tuple(expr, fc.array(tie("loopStmt"), { maxLength: 3 })).map(([count, body]) => ["repeat", ...wrap(count), "{", ...body.flat(), "}"]),
  ),
}));

const trainItem = fc.oneof(
  fc.tuple(fc.constantFrom("data", "model", "optimizer"), name, expr).map(([k, n, v]) => [k, n, "=", ...v]),
  fc.tuple(fc.constantFrom("epochs", "seed"), expr).map(([k, v]) => [k, ...v]),
  fc.tuple(pattern, name, fc.array(loopStmt, { maxLength: 4 })).map(([p, src, body]) => ["for", ...p, "in", src, "{", ...body.flat(), "}"]),
  fc
    .tuple(pattern, name, fc.array(fc.tuple(fc.constantFrom("metric", "let"), name, expr), { maxLength: 3 }))
    .map(([p, src, ms]) => ["evaluate", ...p, "in", src, "{", ...ms.flatMap(([k, n, v]) => [k, n, "=", ...v]), "}"]),
  fc.tuple(expr, fc.constantFrom("epoch", "epochs", "step", "steps")).map(([every, unit]) => ["checkpoint", "every", ...wrap(every), unit]),
);

const param = fc
  .tuple(name, fc.constantFrom(...typeNames), fc.option(expr, { nil: undefined }))
  .map(([n, t, d]) => [n, ":", t, ...(d ? ["=", ...d] : [])]);

const item = fc.oneof(
  fc
    .tuple(fc.array(fc.tuple(name, fc.option(name, { nil: undefined })), { minLength: 1, maxLength: 3 }), fc.constantFrom(...strings))
    .map(([ns, path]) => ["import", "{", ...commaList(ns.map(([n, a]) => (a ? [n, "as", a] : [n]))), "}", "from", path]),
  fc
    .tuple(name, fc.array(param, { maxLength: 3 }), fc.array(modelStmt, { maxLength: 5 }))
    .map(([n, ps, body]) => ["model", n, "(", ...commaList(ps), ")", "{", ...body.flat(), "}"]),
  fc.tuple(name, fc.array(trainItem, { maxLength: 5 })).map(([n, items]) => ["train", n, "{", ...items.flat(), "}"]),
);

/**
 * What goes between two tokens: mostly one space, sometimes a newline, a blank line or a comment.
 * `%` in a comment becomes its number, so every comment is distinct and can be traced.
 */
export const commentSeparators = [" ", " ", " ", " ", "\n", "\n\n", "  ", " /* c% */ ", " // l%\n", "\n// o%\n", "\n/// d%\n"];

/** Whitespace only: random layout, no comments. */
export const layoutSeparators = [" ", " ", " ", "\n", "\n\n", "   ", "\n    "];

/** A random program's source text, with tokens separated by picks from `separators`. */
export function randomProgram(separators: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.array(item, { minLength: 1, maxLength: 4 }), fc.array(fc.nat(separators.length - 1), { minLength: 1, maxLength: 64 }))
    .map(([items, seps]) => {
      const tokens = items.flat();
      let counter = 0;
      let text = "";
      tokens.forEach((token, i) => {
        const sep = separators[seps[i % seps.length]!]!;
        text += token + (i === tokens.length - 1 ? "\n" : sep.replace("%", () => String(counter++)));
      });
      return text;
    });
}
