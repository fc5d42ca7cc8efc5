/**
 * The VS Code TextMate grammar, tokenized with vscode-textmate and vscode-oniguruma (the engine
 * VS Code uses): a sample and the expected scope for every token kind of the lexer.
 */
import test from "ava";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import oniguruma from "vscode-oniguruma";
import vsctm from "vscode-textmate";
import { allTokens, keywordTokens } from "../../grammar/tokens.js";
import { builtinNames } from "../../compiler/resolve/builtins.js";
import { textMateGrammar } from "../../lsp/textmate-grammar.js";

const require = createRequire(import.meta.url);

async function loadGrammar(): Promise<vsctm.IGrammar> {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) => (scope === "source.dl" ? vsctm.parseRawGrammar(JSON.stringify(textMateGrammar()), "dl.tmLanguage.json") : null),
  });
  const g = await registry.loadGrammar("source.dl");
  if (!g) throw new Error("grammar did not load");
  return g;
}

const grammar = loadGrammar();

/** The innermost scope of the token that starts at `text`'s `nth` occurrence in `line`. */
async function scopeOf(line: string, text: string, nth = 0): Promise<string> {
  const g = await grammar;
  const { tokens } = g.tokenizeLine(line, vsctm.INITIAL);
  let at = -1;
  for (let i = 0; i <= nth; i++) at = line.indexOf(text, at + 1);
  const token = tokens.find((t) => t.startIndex <= at && at < t.endIndex)!;
  return token.scopes[token.scopes.length - 1]!;
}

/** Token kind → [sample line, the text of the token in it, expected scope]. */
const samples: Record<string, [string, string, string]> = {
  DocComment: ["/// Docs.", "/// Docs.", "comment.line.documentation.dl"],
  LineComment: ["x // note", "// note", "comment.line.double-slash.dl"],
  BlockComment: ["/* a */ x", " a ", "comment.block.dl"],
  UnclosedBlockComment: ["x /* never closed", "never", "comment.block.dl"],
  Model: ["model LeNet5(classes: int = 10) {", "model", "keyword.declaration.model.dl"],
  Train: ["train lenet {", "train", "keyword.declaration.train.dl"],
  Input: ["  input x: f32[B, 32, 32, 1]", "input", "keyword.declaration.dl"],
  Let: ["  let h = x |> relu", "let", "keyword.declaration.dl"],
  Layer: ["  layer fc = dense(10)", "layer", "keyword.declaration.dl"],
  Param: ["  param pos: f32[1, 8] = zeros", "param", "keyword.declaration.dl"],
  Return: ["  return x", "return", "keyword.control.dl"],
  Import: ['import { A as B } from "std/x"', "import", "keyword.control.import.dl"],
  From: ['import { A as B } from "std/x"', "from", "keyword.control.import.dl"],
  As: ['import { A as B } from "std/x"', "as", "keyword.control.import.dl"],
  If: ["  let s = if a == b { x } else { y }", "if", "keyword.control.dl"],
  Else: ["  let s = if a == b { x } else { y }", "else", "keyword.control.dl"],
  Repeat: ["  |> repeat(i in 0..3) { relu }", "repeat", "keyword.control.dl"],
  For: ["  for (x, y) in train {", "for", "keyword.control.dl"],
  In: ["  for (x, y) in train {", "in", "keyword.control.dl"],
  Data: ["  data train = mnist()", "data", "keyword.declaration.dl"],
  Optimizer: ["  optimizer opt = adam(net, lr=1e-3)", "optimizer", "keyword.declaration.dl"],
  Epochs: ["  epochs 3", "epochs", "keyword.control.dl"],
  Seed: ["  seed 1", "seed", "keyword.control.dl"],
  Step: ["    step opt minimize loss", "step", "keyword.control.dl"],
  Minimize: ["    step opt minimize loss", "minimize", "keyword.control.dl"],
  Evaluate: ["  evaluate (x, y) in test {", "evaluate", "keyword.control.dl"],
  Metric: ["    metric acc = accuracy(p, y)", "metric", "keyword.declaration.dl"],
  Checkpoint: ["  checkpoint every 1 epoch", "checkpoint", "keyword.control.dl"],
  Every: ["  checkpoint every 1 epoch", "every", "keyword.control.dl"],
  True: ["  dense(10, bias=true)", "true", "constant.language.boolean.dl"],
  False: ["  dense(10, bias=false)", "false", "constant.language.boolean.dl"],
  Identifier: ["  return hidden", "hidden", "variable.other.dl"],
  FloatLiteral: ["  adam(net, lr=1e-3)", "1e-3", "constant.numeric.float.dl"],
  IntLiteral: ["  epochs 3", "3", "constant.numeric.integer.dl"],
  StringLiteral: ['  mnist(split="train")', '"train"', "punctuation.definition.string.begin.dl"],
  Pipe: ["  x |> relu", "|>", "keyword.operator.pipe.dl"],
  AndAnd: ["  if a && b { x } else { y }", "&&", "keyword.operator.logical.dl"],
  OrOr: ["  if a || b { x } else { y }", "||", "keyword.operator.logical.dl"],
  EqEq: ["  if a == b { x } else { y }", "==", "keyword.operator.comparison.dl"],
  NotEq: ["  if a != b { x } else { y }", "!=", "keyword.operator.comparison.dl"],
  LessEq: ["  if a <= b { x } else { y }", "<=", "keyword.operator.comparison.dl"],
  GreaterEq: ["  if a >= b { x } else { y }", ">=", "keyword.operator.comparison.dl"],
  Less: ["  if a < b { x } else { y }", "<", "keyword.operator.comparison.dl"],
  Greater: ["  if a > b { x } else { y }", ">", "keyword.operator.comparison.dl"],
  DotDot: ["  |> repeat(i in 0..3) { relu }", "..", "keyword.operator.range.dl"],
  Ellipsis: ["  let h = x[..., 0]", "...", "keyword.operator.rest.dl"],
  Dot: ["  data d = mnist().images", ".", "punctuation.accessor.dl"],
  Bang: ["  if !a { x } else { y }", "!", "keyword.operator.logical.dl"],
  Equals: ["  let h = x", "=", "keyword.operator.assignment.dl"],
  Plus: ["  let h = a + b", "+", "keyword.operator.arithmetic.dl"],
  Minus: ["  let h = a - b", "-", "keyword.operator.arithmetic.dl"],
  Star: ["  let h = a * b", "*", "keyword.operator.arithmetic.dl"],
  Slash: ["  let h = a / b", "/", "keyword.operator.arithmetic.dl"],
  Percent: ["  let h = a % b", "%", "keyword.operator.arithmetic.dl"],
  LParen: ["  return f(x)", "(", "punctuation.section.parens.begin.dl"],
  RParen: ["  return f(x)", ")", "punctuation.section.parens.end.dl"],
  LBrace: ["train t {", "{", "punctuation.section.block.begin.dl"],
  RBrace: ["}", "}", "punctuation.section.block.end.dl"],
  LBracket: ["  input x: f32[B, 4]", "[", "punctuation.section.brackets.begin.dl"],
  RBracket: ["  input x: f32[B, 4]", "]", "punctuation.section.brackets.end.dl"],
  Comma: ["  input x: f32[B, 4]", ",", "punctuation.separator.comma.dl"],
  Colon: ["  input x: f32[B, 4]", ":", "punctuation.separator.colon.dl"],
};

test("every token kind of the lexer has a sample (keywords added later get a generic one)", (t) => {
  for (const k of keywordTokens) {
    const word = k.name.toLowerCase();
    samples[k.name] ??= [`  ${word} x`, word, "keyword.control.dl"];
  }
  const kinds = allTokens.map((k) => k.name).filter((n) => !["WhiteSpace", "Name", "Keyword"].includes(n));
  t.deepEqual(kinds.filter((k) => !samples[k]), []);
});

for (const k of keywordTokens) samples[k.name] ??= [`  ${k.name.toLowerCase()} x`, k.name.toLowerCase(), "keyword.control.dl"];
for (const [kind, [line, text, scope]] of Object.entries(samples)) {
  test(`token ${kind}: '${text}' in '${line.trim()}' is ${scope}`, async (t) => {
    t.is(await scopeOf(line, text), scope);
  });
}

test("names get their roles: declarations, types, named arguments, calls, built-ins", async (t) => {
  t.is(await scopeOf("model LeNet5(classes: int = 10) {", "LeNet5"), "entity.name.type.model.dl");
  t.is(await scopeOf("model LeNet5(classes: int = 10) {", "int"), "support.type.primitive.dl");
  t.is(await scopeOf("train lenet {", "lenet"), "entity.name.function.train.dl");
  t.is(await scopeOf("  let h = x", "h"), "variable.other.declaration.dl");
  t.is(await scopeOf("  input x: f32[B, 32, 32, 1]", "f32"), "storage.type.dtype.dl");
  t.is(await scopeOf("  |> conv2d(6, kernel=5)", "kernel"), "variable.parameter.dl");
  t.is(await scopeOf("  |> conv2d(6, padding=same)", "same"), "support.constant.padding.dl");
  t.is(await scopeOf("  |> LeNet5(classes=3)", "LeNet5"), "entity.name.function.call.dl");
  t.is(await scopeOf('  mnist(split="a\\"b")', '\\"'), "constant.character.escape.dl");
  t.is(await scopeOf('  mnist(split="train")', "train"), "string.quoted.double.dl");
});

test("every built-in of the registries is coloured as one", async (t) => {
  for (const b of builtinNames.values()) {
    const scope = await scopeOf(`  x |> ${b.name}`, b.name);
    t.is(scope, b.kind === "constant" ? "support.constant.padding.dl" : "support.function.builtin.dl", b.name);
  }
});

test("a block comment spans lines", async (t) => {
  const g = await grammar;
  const first = g.tokenizeLine("/* one", vsctm.INITIAL);
  const second = g.tokenizeLine("two */ model", first.ruleStack);
  t.is(second.tokens[0]!.scopes.at(-1), "comment.block.dl");
  t.is(second.tokens.at(-1)!.scopes.at(-1), "keyword.declaration.dl");
});
