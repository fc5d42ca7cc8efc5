/**
 * Shared by the standard-library tests: a document pipeline over the real files plus in-memory
 * wrapper documents, and the list of stdlib sources.
 */
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { fileSystemHost, stdlibRoot, Workspace } from "../../compiler/workspace/workspace.js";
import { summaryJson } from "../../compiler/summary.js";

/** In-memory documents layered over the file system. */
export const overlay = new Map<string, string>();

export const pipeline = new DocumentPipeline(new Workspace({ read: (p) => overlay.get(p) ?? fileSystemHost.read(p) }));

/** Every `.dl` file under stdlib/, as absolute paths. */
export function stdlibFiles(dir = stdlibRoot): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    return e.isDirectory() ? stdlibFiles(p) : e.name.endsWith(".dl") ? [p] : [];
  });
}

/** `std/vision/resnet` → its absolute path. */
export const stdPath = (spec: string): string => join(stdlibRoot, spec.slice("std/".length) + ".dl");

/** `stdlib/vision/resnet.dl` → `std/vision/resnet`. */
export const stdSpec = (path: string): string => "std/" + relative(stdlibRoot, path).replace(/\.dl$/, "");

/** Diagnostics of a document as text, one per line (empty when clean). */
export function problems(path: string): string {
  return pipeline
    .checked(path)
    .diagnostics.map((d) => `${d.file}: ${d.code} ${d.message}`)
    .join("\n");
}

/**
 * The summary of `model` in the stdlib file `spec`; with `input`, of a wrapper that applies
 * `model(call)` to `x: f32[B, ...input]` (blocks whose input channels are symbolic).
 */
export function summarize(spec: string, model: string, input?: number[], call = "") {
  let path = stdPath(spec);
  let name = model;
  if (input) {
    path = join(stdlibRoot, "..", ".cache", `wrap-${model}.dl`);
    name = "Wrapper";
    overlay.set(path, `import { ${model} } from "${spec}"\nmodel Wrapper() {\n  input x: f32[B, ${input.join(", ")}]\n  return x |> ${model}(${call})\n}\n`);
  }
  const checked = pipeline.checked(path);
  const instance = checked.models.get(name);
  return { problems: checked.diagnostics.map((d) => d.message).join("\n"), summary: instance && summaryJson(instance) };
}
