/** Compiles a `.dl` file in memory, imports the generated module and picks one of its train blocks. */
import { safeName } from "../compiler/check/names.js";
import { inputFile, pipeline, printDiagnostics } from "./load.js";
import { importGenerated } from "./runtime-module.js";

/** The generated module and the chosen train block's export, or an error message (diagnostics already printed). */
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
  return { module: await importGenerated(emitted.code), train: safeName(name) };
}
