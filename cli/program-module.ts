/**
 * Compiles a `.dl` file in memory and imports the generated module (written under `.cache/run/`
 * so that `dl-lang/runtime` resolves from it), returning one of its train programs.
 */
import { createHash } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { safeName } from "../compiler/check/names.js";
import { inputFile, pipeline, printDiagnostics } from "./load.js";

const cacheDir = resolve(dirname(fileURLToPath(import.meta.url)), "../.cache/run");

/** The generated module and the chosen train block, or an error message (diagnostics already printed). */
export async function loadTrainProgram(command: string, file: string, wanted: string | undefined): Promise<{ module: Record<string, unknown>; train: string } | { error: string }> {
  const input = inputFile(file);
  if ("error" in input) return { error: input.error };
  const emitted = await pipeline.emitted(input.path);
  if (printDiagnostics(emitted.diagnostics) || emitted.code === undefined) return { error: "" };
  const trains = emitted.trains.map((t) => t.name);
  const name = wanted ?? (trains.length === 1 ? trains[0] : undefined);
  if (!name || !trains.includes(name)) {
    return {
      error:
        trains.length === 0
          ? `dl ${command}: ${file} has no train block (it says which model, data pipeline and weights to use)`
          : wanted
            ? `dl ${command}: ${file} has no train block '${wanted}'; it has ${trains.join(", ")}`
            : `dl ${command}: choose a train block with --train: ${trains.join(", ")}`,
    };
  }
  mkdirSync(cacheDir, { recursive: true });
  const hash = createHash("sha256").update(emitted.code).digest("hex").slice(0, 12);
  const modulePath = join(cacheDir, `${basename(input.path, ".dl")}-${hash}.ts`);
  writeFileSync(modulePath, emitted.code);
  const module = (await import(pathToFileURL(modulePath).href)) as Record<string, unknown>;
  return { module, train: safeName(name) };
}
