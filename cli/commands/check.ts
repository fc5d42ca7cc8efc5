import { parseArgs } from "../args.js";
import { inputFile, pipeline, printDiagnostics } from "../load.js";

const help = `Usage: dl check <files...>

Parses, resolves and checks each file (names, types, shapes, parameter counts) and prints
diagnostics as file.dl(line,col): error DLxxxx: message, with the source line underlined.
Exits with 1 when any file has errors.`;

export async function checkCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, [], ["--help", "-h"]);
  if ("error" in parsed) return console.error(`dl check: ${parsed.error}\n\n${help}`), 2;
  if (parsed.flags.has("--help") || parsed.flags.has("-h")) return console.log(help), 0;
  if (!parsed.positional.length) return console.error(help), 2;
  let errors = 0;
  for (const file of parsed.positional) {
    const input = inputFile(file);
    if ("error" in input) {
      console.error(input.error);
      errors++;
      continue;
    }
    const checked = pipeline.checked(input.path);
    if (printDiagnostics(checked.diagnostics)) errors++;
  }
  const n = parsed.positional.length;
  console.error(errors ? `${errors} of ${n} file${n === 1 ? "" : "s"} with errors` : `${n} file${n === 1 ? "" : "s"} checked, no errors`);
  return errors ? 1 : 0;
}
