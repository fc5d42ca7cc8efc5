import { createWriteStream, type WriteStream } from "node:fs";
import { parseArgs } from "../args.js";
import { checkpointChoice, chooseModel, stringFlag } from "../choose.js";
import { loadTrainProgram } from "../program-module.js";
import { loadRuntime } from "../runtime-module.js";

const help = `Usage: dl predict <file.dl> --run <run dir> --input <data> [options]

Runs a trained model on new data and writes one line per example: the predicted class and the
class probabilities. The model, its arguments and the data pipeline (pad, scale, normalize) are
those of the file's train block; the weights come from the run folder.

Input (chosen by what the path is):
  a folder of class folders   PNG images, labels from the folder names (as image_folder)
  a folder of PNG images      or a single .png file
  an IDX file                 images [N, H, W] or [N, H, W, C], gzipped or not (--labels for labels)
  a .csv file                 rows of numbers (--label <column> when one column is the label)

Options:
  --run <dir>          the run folder (runs/<train name>) or a checkpoint folder
  --input <path>       the data to predict on
  --model <name>       which model of the train block (default: its only model)
  --train <name>       which train block when the file has several
  --checkpoint <which> best, latest or auto (default: best when the run kept one, else latest)
  --format <f>         csv (default) or jsonl
  -o, --out <file>     write predictions to a file (default: standard output)
  --labels <file>      IDX labels for IDX images (adds label and accuracy)
  --label <column>     the label column of a CSV input
  --batch <n>          batch size (default 256)
  --backend <name>     tfjs-node-gpu, tfjs-node, webgpu, wasm or cpu (default: best found)
  --quiet              no progress on standard error`;

export async function predictCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(
    args,
    ["--run", "--input", "--model", "--train", "--checkpoint", "--format", "--out", "-o", "--labels", "--label", "--batch", "--backend"],
    ["--quiet", "--help", "-h"],
  );
  if ("error" in parsed) return console.error(`dl predict: ${parsed.error}\n\n${help}`), 2;
  const flags = parsed.flags;
  if (flags.has("--help") || flags.has("-h")) return console.log(help), 0;
  const get = (k: string): string | undefined => stringFlag(parsed, k);
  const run = get("--run");
  const input = get("--input");
  if (parsed.positional.length !== 1 || !run || !input) return console.error(help), 2;
  const format = get("--format") ?? "csv";
  if (format !== "csv" && format !== "jsonl") return console.error(`dl predict: --format must be csv or jsonl, not '${format}'`), 2;
  const checkpoint = checkpointChoice("predict", parsed);
  if ("error" in checkpoint) return console.error(checkpoint.error), 2;
  const batch = Number(get("--batch") ?? 256);
  if (!Number.isInteger(batch) || batch < 1) return console.error("dl predict: --batch needs a whole number ≥ 1"), 2;

  const loaded = await loadTrainProgram("predict", parsed.positional[0]!, get("--train"));
  if ("error" in loaded) return loaded.error && console.error(loaded.error), 1;
  const dl = await loadRuntime();
  const program = (loaded.module[loaded.train] as () => import("../../runtime/index.js").TrainProgram)();
  await dl.selectBackend(get("--backend"));
  const quiet = flags.has("--quiet");
  try {
    const setup = program.build(new dl.Rng(program.seed));
    const models = Object.keys(setup.models);
    const chosen = chooseModel("predict", program.name, models, get("--model"));
    if ("error" in chosen) return console.error(chosen.error), 1;
    const key = chosen.name;
    const model = setup.models[key] as import("../../runtime/index.js").predict.Classifier;
    // The data the model was evaluated on (else trained on) says the example shape and the maps.
    const dataName = setup.evaluate?.over ?? ("over" in setup.loop ? setup.loop.over : undefined);
    const x = dataName ? setup.data[dataName]?.dataset.fields.find((f) => f.name === "x") : undefined;
    if (!x) {
      console.error(`dl predict: train ${program.name} has no data set with an 'x' field to take the input shape from`);
      return 1;
    }
    const label = get("--label");
    const inputData = dl.predict.readPredictInput(input, x, {
      ...(get("--labels") ? { labels: get("--labels")! } : {}),
      ...(label !== undefined ? { label: /^\d+$/.test(label) ? Number(label) : label } : {}),
    });
    const folder = dl.predict.checkpointFolder(run, checkpoint.choice);
    const weights = dl.predict.loadModelWeights(folder, key, model);
    if (!quiet) console.error(`predict: ${inputData.data.length.toLocaleString("en-US")} examples (${inputData.kind}) with ${key} from ${weights}`);
    const outFile = get("--out") ?? get("-o");
    const out: WriteStream | NodeJS.WriteStream = outFile ? createWriteStream(outFile) : process.stdout;
    const hasLabels = inputData.data.names.includes("y");
    let header = false;
    let correct = 0;
    let last = Date.now();
    const progress = (done: number, total: number): void => {
      if (quiet || total < 2 * batch || (Date.now() - last < 1000 && done < total)) return;
      last = Date.now();
      console.error(`predict: ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} (${Math.round((100 * done) / total)}%)`);
    };
    for await (const p of dl.predict.predictions(model, inputData.data, { batch, onProgress: progress })) {
      const source = inputData.names[p.index]!;
      if (p.label !== undefined && p.label === p.predicted) correct++;
      if (format === "jsonl") {
        out.write(JSON.stringify({ index: p.index, source, ...(p.label !== undefined ? { label: p.label } : {}), predicted: p.predicted, probabilities: p.probabilities.map(round) }) + "\n");
        continue;
      }
      if (!header) {
        out.write(["index", "source", ...(hasLabels ? ["label"] : []), "predicted", ...p.probabilities.map((_, k) => `p${k}`)].join(",") + "\n");
        header = true;
      }
      out.write([p.index, csvCell(source), ...(p.label !== undefined ? [p.label] : []), p.predicted, ...p.probabilities.map(round)].join(",") + "\n");
    }
    if (outFile) await new Promise<void>((resolve, reject) => (out as WriteStream).end((e?: Error | null) => (e ? reject(e) : resolve())));
    if (hasLabels && !quiet) console.error(`predict: accuracy ${((100 * correct) / inputData.data.length).toFixed(2)}% (${correct}/${inputData.data.length})`);
  } catch (err) {
    if (err instanceof dl.DataError) {
      console.error(`dl predict: ${err.message}`);
      return 1;
    }
    throw err;
  }
  return 0;
}

const round = (v: number): number => Number(v.toPrecision(6));
const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
