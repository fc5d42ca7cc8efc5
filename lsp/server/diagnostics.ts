/**
 * Push diagnostics: the checked phase's diagnostics of a document as LSP diagnostics, with
 * related information converted in the documents it points into.
 */
import { DiagnosticSeverity, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from "vscode-languageserver/node";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { DlDocuments } from "./documents.js";
import { toRange } from "./positions.js";

const severities = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** The compiler's diagnostics of the document at `path` (only those located in it). */
export function compilerDiagnostics(docs: DlDocuments, path: string): Diagnostic[] {
  return docs.pipeline.checked(path).diagnostics.filter((d) => d.file === path);
}

/** One compiler diagnostic in LSP form. */
export function toLspDiagnostic(docs: DlDocuments, doc: TextDocument, d: Diagnostic): LspDiagnostic {
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    const target = docs.textDocument(r.file);
    if (target) related.push({ location: { uri: docs.uri(r.file), range: toRange(target, r.span) }, message: r.message });
  }
  const out: LspDiagnostic = { range: toRange(doc, d.span), severity: severities[d.severity], code: d.code, source: "dl", message: d.message };
  if (related.length) out.relatedInformation = related;
  return out;
}

/** The diagnostics to publish for an open document. */
export function documentDiagnostics(docs: DlDocuments, doc: TextDocument, path: string): LspDiagnostic[] {
  return compilerDiagnostics(docs, path).map((d) => toLspDiagnostic(docs, doc, d));
}
