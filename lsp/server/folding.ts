/**
 * Folding ranges: declarations and blocks, multi-line statements (long pipelines), runs of
 * imports and of line comments, block comments, and `// #region` markers.
 */
import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as A from "../../grammar/ast.js";
import type { ServerContext } from "./context.js";
import { walk } from "./ast-query.js";

const blockKinds = new Set(["ModelDecl", "TrainDecl", "ForLoop", "EvaluateBlock", "RepeatStmt"]);
const statementKinds = new Set(["LetStmt", "ReturnStmt", "LayerStmt", "DataDecl", "InstanceDecl", "OptimizerDecl", "MetricDecl", "StepStmt"]);

/** Folding ranges of the document at `path`. */
export function foldingRanges(cx: ServerContext, doc: TextDocument, path: string): FoldingRange[] {
  const { parse } = cx.docs.pipeline.parsed(path);
  const out: FoldingRange[] = [];
  const line = (offset: number) => doc.positionAt(offset).line;
  const add = (start: number, end: number, kind?: FoldingRangeKind) => {
    if (end > start) out.push(kind ? { startLine: start, endLine: end, kind } : { startLine: start, endLine: end });
  };
  for (const item of parse.ast.items) {
    walk(item, (n) => {
      if (blockKinds.has(n.kind)) {
        // Keep the closing brace visible: fold up to the line before it.
        const endLine = line(n.span.end);
        add(line(n.span.start), doc.getText().charAt(n.span.end - 1) === "}" ? endLine - 1 : endLine);
      } else if (statementKinds.has(n.kind)) {
        add(line(n.span.start), line(n.span.end));
        return false;
      }
      return true;
    });
  }
  const imports = parse.ast.items.filter((i): i is A.ImportDecl => i.kind === "ImportDecl");
  if (imports.length > 1) add(line(imports[0]!.span.start), line(imports[imports.length - 1]!.span.end), FoldingRangeKind.Imports);

  const regions: number[] = [];
  let run: { start: number; end: number } | undefined;
  const flush = () => {
    if (run) add(run.start, run.end, FoldingRangeKind.Comment);
    run = undefined;
  };
  for (const c of parse.comments) {
    const first = line(c.span.start);
    const last = line(c.span.end);
    if (/^\/\/\s*#region\b/.test(c.text)) {
      flush();
      regions.push(first);
      continue;
    }
    if (/^\/\/\s*#endregion\b/.test(c.text)) {
      flush();
      const start = regions.pop();
      if (start !== undefined) add(start, first, FoldingRangeKind.Region);
      continue;
    }
    if (c.block) {
      flush();
      add(first, last, FoldingRangeKind.Comment);
    } else if (run && first === run.end + 1) run.end = first;
    else {
      flush();
      run = { start: first, end: first };
    }
  }
  flush();
  return out;
}
