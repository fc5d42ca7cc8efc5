import { summaryJson, summaryTable } from "../../compiler/summary.js";
import { describeTrainMemory, estimateTrainMemory } from "../../compiler/memory/train-memory.js";
import { parseArgs } from "../args.js";
import { inputFile, pipeline, printDiagnostics } from "../load.js";

const help = `Usage: dl summary <file.dl> [Model] [--json]

Prints each model's layers (or only Model's) with output shapes and exact parameter counts,
computed statically, then each train block's estimated step memory (weights, gradients,
optimizer state, activations for its batch). --json prints {model, layers: [{name, kind, outputShape, params}], totalParams}
(one object, or an array when the file has several models and none is named).`;

export async function summaryCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, [], ["--json", "--help", "-h"]);
  if ("error" in parsed) return console.error(`dl summary: ${parsed.error}\n\n${help}`), 2;
  if (parsed.flags.has("--help") || parsed.flags.has("-h")) return console.log(help), 0;
  const [file, name] = parsed.positional;
  if (!file || parsed.positional.length > 2) return console.error(help), 2;
  const input = inputFile(file);
  if ("error" in input) return console.error(input.error), 1;
  const checked = pipeline.checked(input.path);
  if (printDiagnostics(checked.diagnostics)) return 1;
  const models = name ? [checked.models.get(name)] : [...checked.models.values()];
  if (models.some((m) => !m)) {
    console.error(`dl summary: ${file} declares no model '${name}'; it declares ${[...checked.models.keys()].join(", ") || "none"}`);
    return 1;
  }
  const list = models.map((m) => m!);
  if (parsed.flags.has("--json")) {
    const json = list.map(summaryJson);
    console.log(JSON.stringify(json.length === 1 ? json[0] : json, null, 2));
  } else {
    // Each train block's step memory, estimated statically as dl run checks it against the backend.
    const steps = name
      ? []
      : checked.trains.flatMap((t) => {
          const m = estimateTrainMemory(t, (key) => checked.compilation.instance(key));
          return m ? [`Training step of '${t.name}': about ${describeTrainMemory(m)}`] : [];
        });
    console.log([...list.map(summaryTable), ...(steps.length ? [steps.join("\n")] : [])].join("\n\n"));
  }
  return 0;
}
