/**
 * The golden-file helper shared by the compiler's baseline tests: run a `.dl` file through the
 * document pipeline, print its diagnostics with paths relative to the repository (so baselines
 * do not depend on where the checkout lives), and compare against or rewrite a baseline file.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatDiagnostics } from "../../compiler/diagnostics/format-diagnostic.js";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.js";
import type { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";

/** The repository root (the folder holding package.json). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** `UPDATE_GOLDEN=1` rewrites baselines instead of comparing. */
export const updating = process.env["UPDATE_GOLDEN"] === "1";

/** A path as baselines show it: relative to the repository, with forward slashes. */
export function displayPath(path: string): string {
  return relative(repoRoot, path).split("\\").join("/");
}

/** The `.dl` files directly inside `dir` (helper modules live in subfolders), sorted. */
export function dlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".dl"))
    .sort()
    .map((f) => join(dir, f));
}

/** Diagnostics as baseline text: `path(line,col): error DLxxxx: ...` with the source underlined. */
export function diagnosticsText(pipeline: DocumentPipeline, diagnostics: Diagnostic[]): string {
  const text = formatDiagnostics(diagnostics, (f) => pipeline.workspace.document(f)?.text ?? "", displayPath);
  return text ? text + "\n" : "";
}

/**
 * Compares `actual` with the baseline at `path`; under UPDATE_GOLDEN writes it instead. Returns
 * undefined when they match, else a message naming the file and the first differing line.
 */
export function compareBaseline(path: string, actual: string): string | undefined {
  if (updating) {
    if (!existsSync(path) || readFileSync(path, "utf8") !== actual) writeFileSync(path, actual);
    return undefined;
  }
  if (!existsSync(path)) return `${displayPath(path)} is missing; run with UPDATE_GOLDEN=1 to create it`;
  const expected = readFileSync(path, "utf8");
  if (expected === actual) return undefined;
  const a = actual.split("\n");
  const e = expected.split("\n");
  const line = a.findIndex((l, i) => l !== e[i]);
  const at = line < 0 ? e.length : line;
  return `${displayPath(path)} differs at line ${at + 1}:\n  expected: ${JSON.stringify(e[at])}\n  actual:   ${JSON.stringify(a[at])}\n(run with UPDATE_GOLDEN=1 and review the diff)`;
}
