/**
 * Document symbols (the outline): imports, models with their parameters, inputs, lets and layers,
 * and train blocks with their data, models, optimizers, loops and metrics, from the parsed phase.
 */
import { SymbolKind, type DocumentSymbol } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import { letNames, metricsOf } from "../../grammar/ast.js";
import type * as A from "../../grammar/ast.js";
import type { ServerContext } from "./context.js";
import { toRange } from "./positions.js";

function sym(doc: TextDocument, name: A.Ident, span: A.Span, kind: SymbolKind, detail?: string, children?: DocumentSymbol[]): DocumentSymbol | undefined {
  // Editors reject empty names: a name the parser recovered without text is left out.
  if (!name.name) return undefined;
  const range = toRange(doc, { start: Math.min(span.start, name.span.start), end: Math.max(span.end, name.span.end) });
  const s: DocumentSymbol = { name: name.name, kind, range, selectionRange: toRange(doc, name.span) };
  if (detail) s.detail = detail;
  if (children?.length) s.children = children;
  return s;
}

const present = <T>(xs: (T | undefined)[]): T[] => xs.filter((x): x is T => x !== undefined);

function firstLine(doc: string | undefined): string | undefined {
  return doc?.split("\n")[0];
}

function loopBody(doc: TextDocument, body: A.LoopStmt[]): DocumentSymbol[] {
  return present(
    body.flatMap((st) => {
      if (st.kind === "LetStmt") return letNames(st).map((name) => sym(doc, name, st.span, SymbolKind.Variable, "let"));
      if (st.kind === "StepStmt") return [sym(doc, st.optimizer, st.span, SymbolKind.Event, "step")];
      return loopBody(doc, st.body);
    }),
  );
}

/** The outline of the document at `path`. */
export function documentSymbols(cx: ServerContext, doc: TextDocument, path: string): DocumentSymbol[] {
  const ast = cx.docs.pipeline.parsed(path).parse.ast;
  const out: DocumentSymbol[] = [];
  for (const item of ast.items) {
    if (item.kind === "ImportDecl") {
      for (const n of item.names) {
        const s = sym(doc, n.alias ?? n.name, n.span, SymbolKind.Module, `from "${item.path.value}"`);
        if (s) out.push(s);
      }
    } else if (item.kind === "ModelDecl") {
      const children = present([
        ...item.params.map((p) => sym(doc, p.name, p.span, SymbolKind.TypeParameter, p.type.name)),
        ...item.body.flatMap((st) =>
          st.kind === "InputStmt"
            ? [sym(doc, st.name, st.span, SymbolKind.Variable, "input")]
            : st.kind === "LetStmt"
              ? letNames(st).map((name) => sym(doc, name, st.span, SymbolKind.Variable, "let"))
              : st.kind === "LayerStmt"
                ? [sym(doc, st.name, st.span, SymbolKind.Field, "layer")]
                : st.kind === "ParamStmt"
                  ? [sym(doc, st.name, st.span, SymbolKind.Field, "param")]
                  : [],
        ),
      ]);
      const s = sym(doc, item.name, item.span, SymbolKind.Class, firstLine(item.doc) ?? "model", children);
      if (s) out.push(s);
    } else {
      const children = present(
        item.items.flatMap((ti): (DocumentSymbol | undefined)[] => {
          switch (ti.kind) {
            case "DataDecl":
              return [sym(doc, ti.name, ti.span, SymbolKind.Variable, "data")];
            case "InstanceDecl":
              return [sym(doc, ti.name, ti.span, SymbolKind.Object, "model")];
            case "OptimizerDecl":
              return [sym(doc, ti.name, ti.span, SymbolKind.Property, "optimizer")];
            case "ForLoop":
              return [sym(doc, { kind: "Ident", name: `for ... in ${ti.source.name || "?"}`, span: ti.source.span }, ti.span, SymbolKind.Event, "loop", loopBody(doc, ti.body))];
            case "EvaluateBlock":
              return [
                sym(doc, { kind: "Ident", name: `evaluate ... in ${ti.source.name || "?"}`, span: ti.source.span }, ti.span, SymbolKind.Event, "evaluate", present(metricsOf(ti).map((m) => sym(doc, m.name, m.span, SymbolKind.Variable, "metric")))),
              ];
            default:
              return [];
          }
        }),
      );
      const s = sym(doc, item.name, item.span, SymbolKind.Function, firstLine(item.doc) ?? "train", children);
      if (s) out.push(s);
    }
  }
  return out;
}
