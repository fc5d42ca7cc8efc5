import { safeName } from "../../compiler/check/names.js";
import { parseArgs } from "../args.js";
import { inputFile, pipeline, printDiagnostics } from "../load.js";
import { importGenerated, loadRuntime } from "../runtime-module.js";

const help = `Usage: dl run <file.dl> [options]

Compiles the file in memory and runs its train block on the best backend found.

Options:
  --train <name>      which train block to run when the file has several
  --backend <name>    tfjs-node-gpu, tfjs-node, webgpu, wasm or cpu (default: best found)
  --resume            continue from the last checkpoint in the output folder
  --out <dir>         output folder for history, plot and checkpoints (default runs/<train name>)
  --max-steps <n>     stop after n training steps (quick trials)
  --quiet             no progress output`;

export async function runCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ["--train", "--backend", "--out", "--max-steps"], ["--resume", "--quiet", "--help", "-h"]);
  if ("error" in parsed) return console.error(`dl run: ${parsed.error}\n\n${help}`), 2;
  const flags = parsed.flags;
  if (flags.has("--help") || flags.has("-h")) return console.log(help), 0;
  if (parsed.positional.length !== 1) return console.error(help), 2;
  const input = inputFile(parsed.positional[0]!);
  if ("error" in input) return console.error(input.error), 1;
  const emitted = await pipeline.emitted(input.path);
  if (printDiagnostics(emitted.diagnostics) || emitted.code === undefined) return 1;
  const trains = emitted.trains.map((t) => t.name);
  const wanted = flags.get("--train");
  const name = typeof wanted === "string" ? wanted : trains.length === 1 ? trains[0] : undefined;
  if (!name || !trains.includes(name)) {
    console.error(
      trains.length === 0
        ? `dl run: ${parsed.positional[0]} has no train block to run`
        : `dl run: choose a train block with --train: ${trains.join(", ")}`,
    );
    return 1;
  }
  const maxSteps = flags.get("--max-steps");
  if (maxSteps !== undefined && !/^\d+$/.test(String(maxSteps))) return console.error("dl run: --max-steps needs a whole number"), 2;

  const generated = await importGenerated(emitted.code);
  const dl = await loadRuntime();
  const program = generated[safeName(name)] as () => unknown;
  try {
    await dl.run(program!() as Parameters<typeof dl.run>[0], {
      backend: flags.get("--backend") as string | undefined,
      resume: flags.has("--resume"),
      outDir: flags.get("--out") as string | undefined,
      maxSteps: maxSteps === undefined ? undefined : Number(maxSteps),
      quiet: flags.has("--quiet"),
    });
  } catch (err) {
    // Errors about the user's data, numerics or run folder carry their own clear message,
    // which starts with the file concerned.
    if (err instanceof dl.DataError || err instanceof dl.TrainingError || err instanceof dl.RunFolderError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
  return 0;
}
