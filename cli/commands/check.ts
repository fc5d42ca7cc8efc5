import { parseArgs } from "../args.js";
import { inputFile, pipeline, printDiagnostics } from "../load.js";
import { torchModule } from "../torch-engine.js";

const help = `Usage: dl check <files...> [--engine torch] [--python <path>]

Parses, resolves and checks each file (names, types, shapes, parameter counts) and prints
diagnostics as file.dl(line,col): error DLxxxx: message, with the source line underlined.
Exits with 1 when any file has errors.
--engine torch also says, for each file, whether its train blocks can run on the PyTorch engine
and, when not, what the PyTorch runtime lacks.`;

export async function checkCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ["--engine"], ["--help", "-h"]);
  if ("error" in parsed) return console.error(`dl check: ${parsed.error}\n\n${help}`), 2;
  if (parsed.flags.has("--help") || parsed.flags.has("-h")) return console.log(help), 0;
  if (!parsed.positional.length) return console.error(help), 2;
  const engine = parsed.flags.get("--engine") ?? "tfjs";
  if (engine !== "tfjs" && engine !== "torch") return console.error(`dl check: --engine is tfjs or torch, not '${String(engine)}'`), 2;
  let errors = 0;
  for (const file of parsed.positional) {
    const input = inputFile(file);
    if ("error" in input) {
      console.error(input.error);
      errors++;
      continue;
    }
    const checked = pipeline.checked(input.path);
    if (printDiagnostics(checked.diagnostics)) {
      errors++;
      continue;
    }
    if (engine === "torch") {
      const mod = await torchModule(await pipeline.emitted(input.path), file);
      if ("error" in mod) {
        console.error(`error: ${mod.error}`);
        errors++;
      } else console.error(`${file}: runs on the torch engine`);
    }
  }
  const n = parsed.positional.length;
  console.error(errors ? `${errors} of ${n} file${n === 1 ? "" : "s"} with errors` : `${n} file${n === 1 ? "" : "s"} checked, no errors`);
  return errors ? 1 : 0;
}
