import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "../args.js";
import { inputFile, pipeline, printDiagnostics } from "../load.js";

const help = `Usage: dl compile <file.dl> [-o <dir>]

Compiles a .dl file to one TypeScript module (<dir>/<name>.ts, default dir: the current one).
The module imports "@tensorflow/tfjs-core" and "dl-lang/runtime".`;

export async function compileCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ["-o", "--out"], ["--help", "-h"]);
  if ("error" in parsed) return console.error(`dl compile: ${parsed.error}\n\n${help}`), 2;
  if (parsed.flags.has("--help") || parsed.flags.has("-h")) return console.log(help), 0;
  if (parsed.positional.length !== 1) return console.error(help), 2;
  const input = inputFile(parsed.positional[0]!);
  if ("error" in input) return console.error(input.error), 1;
  const emitted = await pipeline.emitted(input.path);
  if (printDiagnostics(emitted.diagnostics) || emitted.code === undefined) return 1;
  const dir = resolve(String(parsed.flags.get("-o") ?? parsed.flags.get("--out") ?? "."));
  mkdirSync(dir, { recursive: true });
  const out = join(dir, basename(input.path).replace(/\.dl$/, ".ts"));
  writeFileSync(out, emitted.code);
  console.error(`wrote ${out}`);
  return 0;
}
