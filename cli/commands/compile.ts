import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "../args.js";
import { inputFile, pipeline, printDiagnostics } from "../load.js";
import { torchModule } from "../torch-engine.js";

const help = `Usage: dl compile <file.dl> [-o <dir>] [--target ts|torch]

Compiles a .dl file to one TypeScript module (<dir>/<name>.ts, default dir: the current one).
The module imports "@tensorflow/tfjs-core" and "dl-lang/runtime".
--target torch writes a Python module instead (<dir>/<name>.py): an nn.Module per model and a
function per train block, importing the PyTorch runtime dl_torch that ships in this package
(runtime-torch/; put it on PYTHONPATH). Run it with python3 <name>.py or torchrun.`;

export async function compileCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ["-o", "--out", "--target"], ["--help", "-h"]);
  if ("error" in parsed) return console.error(`dl compile: ${parsed.error}\n\n${help}`), 2;
  if (parsed.flags.has("--help") || parsed.flags.has("-h")) return console.log(help), 0;
  if (parsed.positional.length !== 1) return console.error(help), 2;
  const input = inputFile(parsed.positional[0]!);
  if ("error" in input) return console.error(input.error), 1;
  const emitted = await pipeline.emitted(input.path);
  if (printDiagnostics(emitted.diagnostics) || emitted.code === undefined) return 1;
  const target = String(parsed.flags.get("--target") ?? "ts");
  if (target !== "ts" && target !== "torch") return console.error(`dl compile: --target is ts or torch, not '${target}'`), 2;
  let code = emitted.code;
  if (target === "torch") {
    const mod = await torchModule(emitted, parsed.positional[0]!);
    if ("error" in mod) return console.error(`dl compile: ${mod.error}`), 1;
    code = mod.code;
  }
  const dir = resolve(String(parsed.flags.get("-o") ?? parsed.flags.get("--out") ?? "."));
  mkdirSync(dir, { recursive: true });
  const out = join(dir, basename(input.path).replace(/\.dl$/, target === "torch" ? ".py" : ".ts"));
  writeFileSync(out, code);
  console.error(`wrote ${out}`);
  return 0;
}
