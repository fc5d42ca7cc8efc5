import * as fs from "node:fs";
import * as path from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { emitTypeScript } from "../../compiler/targets/ts/emit-module.js";
import type { ExportedInfo } from "../../runtime/export/standalone.js";
import { parseArgs } from "../args.js";
import { checkpointChoice, chooseModel, chooseTrain, stringFlag } from "../choose.js";
import { bundleModelModule, modelTypes } from "../export/es-module.js";
import { traceLayersModel } from "../export/tfjs-layers.js";
import { tracingRuntime } from "../export/trace.js";
import { inputFile, pipeline, printDiagnostics } from "../load.js";
import { importGenerated, loadRuntime } from "../runtime-module.js";

const help = `Usage: dl export <file.dl> --run <run dir> [--model <name>] -o <dir> [options]

Exports a trained model for use outside dl, in Node or a web page:
  <dir>/model.mjs, model.d.mts, weights.bin
      a standalone ES module: the model class with the layers it uses, and a loader
      (import { load } from "./model.mjs"; const m = await load(); m.predict(x)). It imports
      @tensorflow/tfjs-core (a peer: your app's TensorFlow.js, @tensorflow/tfjs includes it) and
      runs on whichever backend the app registered (WebGL, WebGPU, wasm, cpu).
  <dir>/tfjs/model.json, tfjs/weights.bin
      the TensorFlow.js layers format (tf.loadLayersModel), when every layer and op of the model
      maps onto tfjs-layers (conv2d, dense, batchnorm, layernorm, dropout, activations, pooling,
      flatten, reshape, add, concat, upsampling, padding); otherwise a warning names the first
      one that does not and why.

Options:
  --run <dir>          the run folder (runs/<train name>) or a checkpoint folder
  --model <name>       which model of the train block (default: its only model)
  --train <name>       which train block when the file has several
  --checkpoint <which> best, latest or auto (default: best when the run kept one, else latest)
  --format <f>         all (default: both, a warning when the layers format does not map), esm (the
                       ES module only) or tfjs (both, an error when the layers format does not map)
  --backend <name>     the backend that reads the weights (default: wasm)
  -o, --out <dir>      where to write (created)`;

export async function exportCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ["--run", "--model", "--train", "--checkpoint", "--format", "--backend", "--out", "-o"], ["--help", "-h"]);
  if ("error" in parsed) return console.error(`dl export: ${parsed.error}\n\n${help}`), 2;
  const flags = parsed.flags;
  if (flags.has("--help") || flags.has("-h")) return console.log(help), 0;
  const get = (k: string): string | undefined => stringFlag(parsed, k);
  const run = get("--run");
  const out = get("--out") ?? get("-o");
  if (parsed.positional.length !== 1 || !run || !out) return console.error(help), 2;
  const format = get("--format") ?? "all";
  if (!["all", "esm", "tfjs"].includes(format)) return console.error(`dl export: --format must be all, esm or tfjs, not '${format}'`), 2;
  const checkpoint = checkpointChoice("export", parsed);
  if ("error" in checkpoint) return console.error(checkpoint.error), 2;

  const input = inputFile(parsed.positional[0]!);
  if ("error" in input) return console.error(input.error), 1;
  const emitted = await pipeline.emitted(input.path);
  if (printDiagnostics(emitted.diagnostics) || emitted.code === undefined) return 1;
  const file = parsed.positional[0]!;
  const trains = emitted.trains;
  const chosenTrain = chooseTrain("export", file, trains.map((t) => t.name), get("--train"));
  if ("error" in chosenTrain) return console.error(chosenTrain.error), 1;
  const train = trains.find((t) => t.name === chosenTrain.name)!;
  const chosenModel = chooseModel("export", train.name, train.models.map((m) => m.name), get("--model"));
  if ("error" in chosenModel) return console.error(chosenModel.error), 1;
  const model = train.models.find((m) => m.name === chosenModel.name)!;
  const instance = model.instance;
  const dl = await loadRuntime();
  // Exporting reads and writes weights only: wasm unless asked (no GPU probing).
  await dl.selectBackend(get("--backend") ?? "wasm");
  // The generated classes with a runtime whose layers and ops record their calls (tfjs layers format).
  const tracer = tracingRuntime(dl);
  const generated = await importGenerated(emitted.code, tracer.runtime);
  const Model = generated[instance.className] as new (parent: null, name: string) => import("../../runtime/index.js").Module;
  const net = new Model(null, model.name);
  try {
    let weightsDir: string;
    try {
      weightsDir = dl.predict.loadModelWeights(dl.predict.checkpointFolder(run, checkpoint.choice), model.name, net);
    } catch (err) {
      if (err instanceof dl.DataError) return console.error(`dl export: ${err.message}`), 1;
      throw err;
    }
    const named = [...net.namedVariables()].map(([name, tensor]) => ({ name, tensor }));
    const { data, specs } = await tf.io.encodeWeights(named);
    const info: ExportedInfo = {
      className: instance.className,
      name: model.name,
      source: path.basename(input.path),
      train: train.name,
      inputs: instance.inputs.map((i) => ({
        name: i.name,
        shape: i.shape.map((d, k) => (k > 0 && d.k === "const" ? d.v : null)),
        dtype: i.dtype === "i32" ? "int32" : "float32",
      })),
      parameters: net.parameterCount(),
      weights: specs,
      weightsFile: "weights.bin",
    };
    const banner = `// ${info.className} (model ${info.name} of train ${info.train} in ${info.source}), exported by dl with its weights from ${path.relative(process.cwd(), weightsDir) || "."}.\n// Needs @tensorflow/tfjs-core 4.x (@tensorflow/tfjs includes it) and a registered backend.`;
    // The model classes alone: the train blocks' code (data, optimizers) is not shipped.
    const classes = emitTypeScript({ source: info.source, models: emitted.compilation.instances.map((i) => i.ir), trains: [] });
    const code = await bundleModelModule(classes, info, banner);
    const dir = path.resolve(out);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "model.mjs"), code);
    fs.writeFileSync(path.join(dir, "model.d.mts"), modelTypes(info));
    fs.writeFileSync(path.join(dir, "weights.bin"), new Uint8Array(data));
    console.error(`export: ${info.className} (${info.parameters.toLocaleString("en-US")} parameters) from ${weightsDir}`);
    console.error(`wrote ${path.join(dir, "model.mjs")} (${kb(code.length)}), model.d.mts, weights.bin (${kb(data.byteLength)})`);
    if (format === "esm") return 0;
    const layers = traceLayersModel(net, info, tracer);
    if ("refused" in layers) {
      console.error(`${format === "tfjs" ? "dl export: error" : "export: warning"}: no TensorFlow.js layers model (tfjs/model.json): ${layers.refused}`);
      return format === "tfjs" ? 1 : 0;
    }
    const tfjsDir = path.join(dir, "tfjs");
    fs.mkdirSync(tfjsDir, { recursive: true });
    const encoded = await tf.io.encodeWeights(layers.weights.map((w) => ({ name: w.name, tensor: w.tensor })));
    fs.writeFileSync(path.join(tfjsDir, "model.json"), JSON.stringify({ ...layers.json, weightsManifest: [{ paths: ["weights.bin"], weights: encoded.specs }] }, null, 1));
    fs.writeFileSync(path.join(tfjsDir, "weights.bin"), new Uint8Array(encoded.data));
    console.error(`wrote ${path.join(tfjsDir, "model.json")} and weights.bin (TensorFlow.js layers format, tf.loadLayersModel)`);
    return 0;
  } finally {
    net.dispose();
  }
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

