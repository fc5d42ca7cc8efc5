/**
 * "What `dl check` accepts, `dl run` runs": compiles a document that checks clean, imports the
 * generated module and runs each train block with `dl.run` for one step (evaluation, samples and
 * the stop's checkpoint included).
 *
 * Sizes are made small the way a user would: every `batch(n)` in the source becomes `batch(2)`
 * (kept only when the document still checks clean: a model with a fixed batch size keeps its
 * own), and the generated code reads 8 examples of each MNIST-like data set.
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import * as dl from "dl-lang/runtime";
import { safeName } from "../../compiler/check/names.js";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { fileSystemHost, Workspace } from "../../compiler/workspace/workspace.js";
import { repoRoot } from "../compiler/golden.js";

export const cache = join(repoRoot, ".cache", "corpus");

/** Documents in memory, over the file system (the small-batch versions of real files). */
const overlay = new Map<string, string>();
const pipeline = new DocumentPipeline(new Workspace({ read: (p) => overlay.get(p) ?? fileSystemHost.read(p) }));

export interface Compiled {
  path: string;
  module: Record<string, unknown>;
  trains: string[];
  /** Whether `batch(2)` was kept. */
  smallBatches: boolean;
  errors: string[];
}

let counter = 0;

/** Compiles `path` (with `text` instead of the file's, if given) and imports its module. */
export async function compile(path: string, text?: string): Promise<Compiled> {
  const original = text ?? fileSystemHost.read(path) ?? "";
  const small = original.replace(/\bbatch\(\s*\d+/g, "batch(2");
  let smallBatches = small !== original;
  overlay.set(path, small);
  let emitted = await pipeline.emitted(path);
  if (smallBatches && emitted.diagnostics.some((d) => d.severity === "error")) {
    smallBatches = false;
    overlay.set(path, original);
    emitted = await pipeline.emitted(path);
  }
  const errors = emitted.diagnostics.filter((d) => d.severity === "error").map((d) => `${d.file}(${d.span.start}): ${d.code} ${d.message}`);
  if (errors.length || emitted.code === undefined) return { path, module: {}, trains: [], smallBatches, errors: errors.length ? errors : ["no code was generated"] };
  // Chained calls may stand on their own lines (prettier): match the call, not `dl.data.` before it.
  const code = emitted.code.replace(/\.(mnist|fashionMnist)\(\{ split: "(train|test)" \}\)/g, ".$1({ split: \"test\" }).take(8)");
  mkdirSync(cache, { recursive: true });
  const file = join(cache, `${basename(path, ".dl")}-${process.pid}-${counter++}.ts`);
  writeFileSync(file, code);
  const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  return { path, module, trains: emitted.trains.map((t) => t.name), smallBatches, errors: [] };
}

/** Runs train block `name` of a compiled module for one step; returns its traced losses. */
export async function runOneStep(c: Compiled, name: string): Promise<{ steps: number; losses: { name: string; value: number }[] }> {
  const make = c.module[safeName(name)] as () => dl.TrainProgram;
  // runs/<train block> as dl run writes it: a later block's `init G from stage4` reads the earlier one's folder.
  const outDir = join(cache, "runs", name);
  rmSync(outDir, { recursive: true, force: true });
  const r = await dl.run(make(), { backend: "wasm", outDir, maxSteps: 1, trace: true, quiet: true, warn: () => {} });
  return { steps: r.steps, losses: r.trace.map((e) => ({ name: e.name, value: e.value })) };
}
