/**
 * Semantic tokens: every token classified by what the resolver says it is. This is where a soft
 * keyword used as a name (`data train = ...`, `for x in train`) gets its colour right, which a
 * TextMate grammar cannot know.
 */
import { SemanticTokensBuilder, type Range, type SemanticTokens, type SemanticTokensDelta, type SemanticTokensLegend } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { DlSymbol, SymbolKind } from "../../compiler/resolve/resolver.js";
import type { Builtin } from "../../compiler/resolve/builtins.js";
import { Keyword } from "../../grammar/tokens.js";
import type { ServerContext } from "./context.js";
import { walk } from "./ast-query.js";
import type * as A from "../../grammar/ast.js";

const tokenTypes = ["namespace", "class", "function", "parameter", "variable", "property", "keyword", "number", "string", "comment", "operator", "type", "typeParameter", "enumMember"] as const;
const tokenModifiers = ["declaration", "defaultLibrary", "readonly", "documentation"] as const;

type TokenType = (typeof tokenTypes)[number];
type Modifier = (typeof tokenModifiers)[number];

export const semanticTokensLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [...tokenModifiers] };

const symbolTypes: Record<SymbolKind, TokenType> = {
  model: "class",
  import: "class",
  train: "namespace",
  param: "parameter",
  dim: "typeParameter",
  input: "variable",
  let: "variable",
  layer: "function",
  weight: "property",
  data: "variable",
  instance: "variable",
  optimizer: "variable",
  pattern: "variable",
  index: "variable",
  metric: "variable",
};

function classifySymbol(s: DlSymbol): TokenType {
  return symbolTypes[s.kind];
}

function classifyBuiltin(b: Builtin): TokenType {
  return b.kind === "constant" ? "enumMember" : "function";
}

const mask = (mods: Modifier[]) => mods.reduce((m, x) => m | (1 << tokenModifiers.indexOf(x)), 0);

const operatorTokens = new Set(["Pipe", "AndAnd", "OrOr", "EqEq", "NotEq", "LessEq", "GreaterEq", "Less", "Greater", "Ellipsis", "DotDot", "Bang", "Equals", "Plus", "Minus", "Star", "Slash", "Percent"]);

/**
 * Semantic tokens of the document at `path` (only those starting within `range` when given), pushed
 * into `builder`: a fresh one for `full` and `range`, the document's last one for `full/delta`
 * (which then answers with the edits since its previous result).
 */
export function semanticTokens(cx: ServerContext, doc: TextDocument, path: string, builder = new SemanticTokensBuilder(), range?: Range): SemanticTokens {
  pushTokens(cx, doc, path, builder, range);
  return builder.build();
}

/** The edits from the result `previousResultId` of `builder` to the document's tokens now (or all of them). */
export function semanticTokensDelta(cx: ServerContext, doc: TextDocument, path: string, builder: SemanticTokensBuilder, previousResultId: string): SemanticTokens | SemanticTokensDelta {
  builder.previousResult(previousResultId);
  pushTokens(cx, doc, path, builder);
  return builder.buildEdits();
}

function pushTokens(cx: ServerContext, doc: TextDocument, path: string, builder: SemanticTokensBuilder, range?: Range): void {
  const phase = cx.docs.pipeline.resolved(path);
  const names = new Map<number, [TokenType, number]>();
  for (const r of phase.resolved.references) {
    const isSym = "file" in r.symbol;
    names.set(r.span.start, isSym ? [classifySymbol(r.symbol as DlSymbol), mask((r.symbol as DlSymbol).kind === "param" ? ["readonly"] : [])] : [classifyBuiltin(r.symbol as Builtin), mask(["defaultLibrary"])]);
  }
  for (const s of phase.resolved.symbols) if (s.file === path) names.set(s.span.start, [classifySymbol(s), mask(["declaration"])]);
  for (const item of phase.parse.ast.items) {
    walk(item, (n) => {
      const node = n as A.Node;
      if (node.kind === "Argument" && node.name) names.set(node.name.span.start, ["property", 0]);
      else if (node.kind === "Param") names.set(node.type.span.start, ["type", 0]);
      else if (node.kind === "TensorType") names.set(node.dtype.span.start, ["type", 0]);
      else if (node.kind === "Member") names.set(node.member.span.start, ["property", 0]);
      else if (node.kind === "CheckpointDecl") names.set(node.unit.span.start, ["keyword", 0]);
      // Parameter names in a weight path; its first name is a model (resolved) or a train block.
      else if (node.kind === "WeightPath") {
        for (const [i, p] of node.parts.entries()) if (i > 0 || !names.has(p.span.start)) names.set(p.span.start, ["property", 0]);
      }
      else if (node.kind === "InitDecl") {
        for (const p of node.under) names.set(p.span.start, ["property", 0]);
        if (node.source.kind === "WeightPath") names.set(node.source.parts[0]!.span.start, ["namespace", 0]);
      }
      else if (node.kind === "CheckpointBestDecl" || node.kind === "StopDecl") {
        names.set(node.mode.span.start, ["keyword", 0]);
        names.set(node.metric.span.start, ["property", 0]);
      }
    });
  }

  const entries: { start: number; length: number; type: TokenType; mods: number }[] = [];
  for (const t of phase.parse.tokens) {
    const start = t.startOffset;
    const length = t.image.length;
    const k = t.tokenType.name;
    const named = names.get(start);
    if (named) entries.push({ start, length, type: named[0], mods: named[1] });
    else if (t.tokenType.CATEGORIES?.includes(Keyword)) entries.push({ start, length, type: "keyword", mods: 0 });
    else if (k === "Identifier") entries.push({ start, length, type: "variable", mods: 0 });
    else if (k === "IntLiteral" || k === "FloatLiteral") entries.push({ start, length, type: "number", mods: 0 });
    else if (k === "StringLiteral") entries.push({ start, length, type: "string", mods: 0 });
    else if (operatorTokens.has(k)) entries.push({ start, length, type: "operator", mods: 0 });
  }
  const text = phase.text;
  for (const c of phase.parse.comments) {
    // Tokens may not span lines: a block comment becomes one token per line.
    let s = c.span.start;
    while (s < c.span.end) {
      const nl = text.indexOf("\n", s);
      const e = nl < 0 || nl >= c.span.end ? c.span.end : nl;
      if (e > s) entries.push({ start: s, length: e - s, type: "comment", mods: c.doc ? mask(["documentation"]) : 0 });
      s = e + 1;
    }
  }
  entries.sort((a, b) => a.start - b.start);
  const from = range ? doc.offsetAt(range.start) : 0;
  const to = range ? doc.offsetAt(range.end) : Infinity;
  for (const e of entries) {
    if (e.start + e.length <= from || e.start >= to) continue;
    const p = doc.positionAt(e.start);
    builder.push(p.line, p.character, e.length, tokenTypes.indexOf(e.type), e.mods);
  }
}
