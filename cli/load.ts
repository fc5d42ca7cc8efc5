/** Shared by the commands: one pipeline, diagnostics printing, file checks. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { formatDiagnostics } from "../compiler/diagnostics/format-diagnostic.js";
import type { Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { DocumentPipeline } from "../compiler/pipeline/document-pipeline.js";
import { sourceProblem } from "../compiler/workspace/workspace.js";

export const pipeline = new DocumentPipeline();

/** Absolute path of a user-given file, or an error line when it does not exist. */
export function inputFile(file: string): { path: string } | { error: string } {
  const path = resolve(file);
  if (!existsSync(path)) return { error: `dl: cannot read '${file}': no such file` };
  if (!path.endsWith(".dl")) return { error: `dl: '${file}' is not a .dl file` };
  const problem = sourceProblem(path);
  if (problem) return { error: `dl: cannot read '${file}': it ${problem.message}` };
  return { path };
}

/** Prints diagnostics to stderr; returns true when any is an error. */
export function printDiagnostics(diagnostics: Diagnostic[]): boolean {
  if (diagnostics.length) {
    const text = formatDiagnostics(diagnostics, (f) => pipeline.workspace.document(f)?.text ?? "", (f) => pipeline.workspace.display(f));
    console.error(text);
  }
  return diagnostics.some((d) => d.severity === "error");
}
