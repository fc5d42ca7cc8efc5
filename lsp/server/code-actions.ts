/**
 * Quick fixes: the fixes the compiler attached to its diagnostics (did-you-mean, insert `flatten`,
 * ...) and, for an unknown name that a module declares, an import of it.
 */
import { CodeActionKind, type CodeAction, type Range, type TextEdit } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type * as A from "../../grammar/ast.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { ServerContext } from "./context.js";
import { compilerDiagnostics, toLspDiagnostic } from "./diagnostics.js";
import { modulePaths } from "./completion.js";
import { overlaps, toRange, toSpan } from "./positions.js";

/** Modules (by import specifier) that declare a model named `name`. */
function modulesDeclaring(cx: ServerContext, path: string, name: string): string[] {
  const out: string[] = [];
  for (const m of modulePaths(cx, path)) {
    const file = cx.docs.workspace.importPath(path, m.spec);
    const ast = cx.docs.workspace.document(file)?.parsed.ast;
    if (ast?.items.some((i) => i.kind === "ModelDecl" && i.name.name === name)) out.push(m.spec);
  }
  return out;
}

/** The edit that adds `import { name } from "spec"` after the existing imports. */
function importEdit(doc: TextDocument, ast: A.Program, name: string, spec: string): TextEdit {
  const imports = ast.items.filter((i): i is A.ImportDecl => i.kind === "ImportDecl");
  const line = `import { ${name} } from ${JSON.stringify(spec)}`;
  if (imports.length) {
    const at = doc.positionAt(imports[imports.length - 1]!.span.end);
    return { range: { start: at, end: at }, newText: "\n" + line };
  }
  const start = { line: 0, character: 0 };
  return { range: { start, end: start }, newText: line + "\n\n" };
}

/** Whether an action of `kind` is one the client asked for (`only`: kinds or their parents, `a.b` under `a`). */
export function wantedKind(kind: string, only: string[] | undefined): boolean {
  return !only || only.some((o) => o === "" || kind === o || kind.startsWith(o + "."));
}

/** Quick fixes for the diagnostics overlapping `range` in the document at `path`, of the kinds in `only` when given. */
export function codeActions(cx: ServerContext, doc: TextDocument, path: string, range: Range, only?: string[]): CodeAction[] {
  if (!wantedKind(CodeActionKind.QuickFix, only)) return [];
  const want = toSpan(doc, range);
  const phase = cx.docs.pipeline.checked(path);
  const out: CodeAction[] = [];
  const diags: Diagnostic[] = compilerDiagnostics(cx.docs, path).filter((d) => overlaps(d.span, want));
  for (const d of diags) {
    const lsp = toLspDiagnostic(cx.docs, doc, d);
    if (d.fix) {
      const changes: Record<string, TextEdit[]> = {};
      for (const e of d.fix.edits) {
        const target = cx.docs.textDocument(e.file);
        if (target) (changes[cx.docs.uri(e.file)] ??= []).push({ range: toRange(target, e.span), newText: e.newText });
      }
      out.push({ title: d.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [lsp], isPreferred: true, edit: { changes } });
    }
    if (d.code === "DL2001") {
      const name = phase.text.slice(d.span.start, d.span.end);
      if (!/^[A-Za-z_]\w*$/.test(name)) continue;
      for (const spec of modulesDeclaring(cx, path, name)) {
        out.push({ title: `Import '${name}' from "${spec}"`, kind: CodeActionKind.QuickFix, diagnostics: [lsp], edit: { changes: { [doc.uri]: [importEdit(doc, phase.parse.ast, name, spec)] } } });
      }
    }
  }
  return out;
}

