/**
 * The TextMate grammar of DL for VS Code, generated from the token vocabulary and the built-in
 * registries so that keyword and built-in lists cannot drift from the compiler. The extension's
 * build writes it to `lsp/vscode/dist/dl.tmLanguage.json`; the grammar tests tokenize with it.
 */
import { builtinNames } from "../compiler/resolve/builtins.js";
import { keywords } from "../grammar/tokens.js";

const declarationKeywords = ["model", "train", "input", "let", "layer", "param", "data", "optimizer", "metric"];
const importKeywords = ["import", "from", "as"];
const constantKeywords = ["true", "false"];

/** Longest first, so `conv2d_transpose` wins over `conv2d` in an alternation. */
function alternation(words: Iterable<string>): string {
  return [...new Set(words)].sort((a, b) => b.length - a.length || a.localeCompare(b)).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|");
}

const ident = "[A-Za-z_][A-Za-z0-9_]*";

/** The grammar as a JSON-serialisable object (scope `source.dl`). */
export function textMateGrammar(): Record<string, unknown> {
  const builtins = [...builtinNames.values()];
  const functions = alternation(builtins.filter((b) => b.kind !== "constant").map((b) => b.name));
  const constants = alternation(builtins.filter((b) => b.kind === "constant").map((b) => b.name));
  // Every other keyword of the lexer is a control keyword, so a new one is coloured without an edit here.
  const control = alternation(keywords.filter((k) => ![...declarationKeywords, ...importKeywords, ...constantKeywords].includes(k)));
  return {
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "DL",
    scopeName: "source.dl",
    fileTypes: ["dl"],
    patterns: [{ include: "#comments" }, { include: "#declarations" }, { include: "#expressions" }],
    repository: {
      comments: {
        patterns: [
          { name: "comment.line.documentation.dl", match: "///.*$" },
          { name: "comment.line.double-slash.dl", match: "//.*$" },
          // An unclosed block comment runs to the end of the file, as the lexer reads it.
          { name: "comment.block.dl", begin: "/\\*", end: "\\*/", beginCaptures: { 0: { name: "punctuation.definition.comment.dl" } }, endCaptures: { 0: { name: "punctuation.definition.comment.dl" } } },
        ],
      },
      declarations: {
        patterns: [
          {
            // `model Name(` declares a model; `model net = ...` in a train block names an instance.
            match: `\\b(model)\\s+(${ident})\\s*(?=\\()`,
            captures: { 1: { name: "keyword.declaration.model.dl" }, 2: { name: "entity.name.type.model.dl" } },
          },
          {
            match: `\\b(train)\\s+(${ident})\\s*(?=\\{)`,
            captures: { 1: { name: "keyword.declaration.train.dl" }, 2: { name: "entity.name.function.train.dl" } },
          },
          {
            match: `\\b(input|let|layer|data|model|optimizer|metric)\\s+(${ident})\\b`,
            captures: { 1: { name: "keyword.declaration.dl" }, 2: { name: "variable.other.declaration.dl" } },
          },
          {
            // Parameter types: `classes: int`.
            match: `(:)\\s*(int|float|bool|string)\\b`,
            captures: { 1: { name: "punctuation.separator.colon.dl" }, 2: { name: "support.type.primitive.dl" } },
          },
          {
            // Tensor types: `f32[B, 28, 28, 1]`.
            match: `\\b(f32|i32|bool)(?=\\s*\\[)`,
            captures: { 1: { name: "storage.type.dtype.dl" } },
          },
        ],
      },
      expressions: {
        patterns: [
          { include: "#comments" },
          { include: "#strings" },
          { include: "#numbers" },
          { include: "#arguments" },
          { include: "#keywords" },
          { name: "support.function.builtin.dl", match: `\\b(?:${functions})\\b` },
          { name: "support.constant.padding.dl", match: `\\b(?:${constants})\\b` },
          { name: "entity.name.function.call.dl", match: `\\b${ident}(?=\\s*\\()` },
          { include: "#operators" },
          { include: "#punctuation" },
          { name: "variable.other.dl", match: `\\b${ident}\\b` },
        ],
      },
      arguments: {
        // Inside parentheses, `name=` is a named argument.
        begin: "\\(",
        end: "\\)",
        beginCaptures: { 0: { name: "punctuation.section.parens.begin.dl" } },
        endCaptures: { 0: { name: "punctuation.section.parens.end.dl" } },
        patterns: [
          { match: `\\b(${ident})\\s*(=)(?!=)`, captures: { 1: { name: "variable.parameter.dl" }, 2: { name: "keyword.operator.assignment.dl" } } },
          { include: "#declarations" },
          { include: "#expressions" },
        ],
      },
      keywords: {
        patterns: [
          { name: "keyword.control.import.dl", match: "\\b(?:import|from|as)\\b" },
          { name: "keyword.control.dl", match: `\\b(?:${control})\\b` },
          { name: "keyword.declaration.dl", match: `\\b(?:${alternation(declarationKeywords)})\\b` },
          { name: "constant.language.boolean.dl", match: "\\b(?:true|false)\\b" },
        ],
      },
      strings: {
        name: "string.quoted.double.dl",
        begin: '"',
        end: '"|$',
        beginCaptures: { 0: { name: "punctuation.definition.string.begin.dl" } },
        endCaptures: { 0: { name: "punctuation.definition.string.end.dl" } },
        patterns: [{ name: "constant.character.escape.dl", match: "\\\\." }],
      },
      numbers: {
        patterns: [
          { name: "constant.numeric.float.dl", match: "\\b\\d+(?:\\.\\d+(?:[eE][+-]?\\d+)?|[eE][+-]?\\d+)\\b" },
          { name: "constant.numeric.integer.dl", match: "\\b\\d+\\b" },
        ],
      },
      operators: {
        patterns: [
          { name: "keyword.operator.pipe.dl", match: "\\|>" },
          { name: "keyword.operator.logical.dl", match: "&&|\\|\\||!(?!=)" },
          { name: "keyword.operator.comparison.dl", match: "==|!=|<=|>=|<|>" },
          { name: "keyword.operator.rest.dl", match: "\\.\\.\\." },
          { name: "keyword.operator.range.dl", match: "\\.\\." },
          { name: "keyword.operator.assignment.dl", match: "=" },
          { name: "keyword.operator.arithmetic.dl", match: "[-+*/%]" },
        ],
      },
      punctuation: {
        patterns: [
          { name: "punctuation.separator.comma.dl", match: "," },
          { name: "punctuation.separator.colon.dl", match: ":" },
          { name: "punctuation.accessor.dl", match: "\\." },
          { name: "punctuation.section.block.begin.dl", match: "\\{" },
          { name: "punctuation.section.block.end.dl", match: "\\}" },
          { name: "punctuation.section.brackets.begin.dl", match: "\\[" },
          { name: "punctuation.section.brackets.end.dl", match: "\\]" },
          { name: "punctuation.section.parens.begin.dl", match: "\\(" },
          { name: "punctuation.section.parens.end.dl", match: "\\)" },
        ],
      },
    },
  };
}
