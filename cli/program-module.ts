/** Compiles a `.dl` file in memory, imports the generated module and picks one of its train blocks. */
import { safeName } from "../compiler/check/names.js";
import { chooseTrain } from "./choose.js";
import { inputFile, pipeline, printDiagnostics } from "./load.js";
import { importGenerated } from "./runtime-module.js";

/** The generated module and the chosen train block's export, or an error message (diagnostics already printed). */
export async function loadTrainProgram(command: string, file: string, wanted: string | undefined): Promise<{ module: Record<string, unknown>; train: string } | { error: string }> {
  const input = inputFile(file);
  if ("error" in input) return { error: input.error };
  const emitted = await pipeline.emitted(input.path);
  if (printDiagnostics(emitted.diagnostics) || emitted.code === undefined) return { error: "" };
  const chosen = chooseTrain(command, file, emitted.trains.map((t) => t.name), wanted);
  if ("error" in chosen) return chosen;
  return { module: await importGenerated(emitted.code), train: safeName(chosen.name) };
}
