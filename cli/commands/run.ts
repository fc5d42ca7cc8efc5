import * as path from "node:path";
import { safeName } from "../../compiler/check/names.js";
import type { CheckedTrain } from "../../compiler/check/train.js";
import { estimateTrainMemory, stepMemory } from "../../compiler/memory/train-memory.js";
import { parseArgs } from "../args.js";
import { inputFile, pipeline, printDiagnostics } from "../load.js";
import { importGenerated, loadRuntime } from "../runtime-module.js";
import { probeTorch, runTorch, torchModule } from "../torch-engine.js";

const help = `Usage: dl run <file.dl> [options]

Compiles the file in memory and runs its train block on the best backend found. A train block
that starts from another's weights ('init G from stage4') runs after the blocks it names, each
in its own folder beside its output folder (runs/stage4, then runs/stage8).

Options:
  --train <name>      which train block to run when the file has several (default: the one
                      that starts from all the others, when there is such a chain)
  --engine <name>     tfjs (default), torch (PyTorch) or auto (torch when it sees a CUDA device, else tfjs)
  --backend <name>    tfjs-node-gpu, tfjs-node, webgpu, wasm or cpu (default: best found; tfjs engine)
  --device <name>     torch engine: cpu (default), cuda or cuda:N
  --nproc <n>         torch engine: n data-parallel processes under torchrun (gloo on cpu, NCCL on cuda)
  --nnodes <n>        torch engine: machines taking part (torchrun's --nnodes), with --rdzv-endpoint
  --rdzv-endpoint <host:port>  torch engine: where the processes meet (torchrun's rendezvous)
  --python <path>     torch engine: the Python with torch (default python3 on PATH)
  --weights <dir>     torch engine: start from the models' weights in a checkpoint folder of either engine
                      (in place of the block's inits)
  --resume            continue from the last checkpoint in the output folder (of each block
                      of a chain: blocks that finished stay finished)
  --out <dir>         output folder for history, plot and checkpoints (default runs/<train name>)
  --max-steps <n>     stop after n training steps (quick trials; each block of a chain)
  --quiet             no progress output`;

export async function runCommand(args: string[]): Promise<number> {
  const parsed = parseArgs(args, ["--train", "--backend", "--out", "--max-steps", "--engine", "--device", "--nproc", "--nnodes", "--rdzv-endpoint", "--python", "--weights"], ["--resume", "--quiet", "--help", "-h"]);
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
  const name = typeof wanted === "string" ? wanted : trains.length === 1 ? trains[0] : chainEnd(emitted.trains);
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

  const engine = String(flags.get("--engine") ?? "tfjs");
  if (!["tfjs", "torch", "auto"].includes(engine)) return console.error(`dl run: --engine is tfjs, torch or auto, not '${engine}'`), 2;
  const nproc = String(flags.get("--nproc") ?? "1");
  if (!/^[1-9]\d*$/.test(nproc)) return console.error("dl run: --nproc needs a whole number of processes (1 or more)"), 2;
  const torchOnly = ["--device", "--nproc", "--nnodes", "--rdzv-endpoint", "--python", "--weights"].filter((f) => flags.has(f));
  if (engine === "tfjs" && torchOnly.length) return console.error(`dl run: ${torchOnly.join(", ")} ${torchOnly.length === 1 ? "is an option" : "are options"} of the torch engine: add --engine torch`), 2;
  if (engine !== "tfjs") {
    const python = String(flags.get("--python") ?? "python3");
    const probe = probeTorch(python);
    const device = String(flags.get("--device") ?? (engine === "auto" && probe.cuda.length ? "cuda" : "cpu"));
    if (engine === "torch" || (probe.torch && probe.cuda.length)) {
      if (!probe.torch) return console.error(`dl run --engine torch: ${probe.error}`), 1;
      if (!/^(cpu|cuda(:\d+)?)$/.test(device)) return console.error(`dl run: --device is cpu, cuda or cuda:N, not '${device}'`), 2;
      if (device.startsWith("cuda") && !probe.cuda.length) return console.error(`dl run: --device ${device}: torch ${probe.torch} (${python}) sees no CUDA device; use --device cpu`), 1;
      const mod = await torchModule(emitted, parsed.positional[0]!);
      if ("error" in mod) return console.error(`dl run: ${mod.error}`), 1;
      // As on tfjs: the blocks a chain starts from run first, each beside the last one's folder,
      // where its inits look (dl_torch reads a source block's run from the parent of --out).
      const order = trainOrder(emitted.trains, name);
      const out = typeof flags.get("--out") === "string" ? (flags.get("--out") as string) : path.join("runs", name);
      for (const block of order) {
        const code = await runTorch(mod.code, block, {
          python,
          device,
          nproc: Number(nproc),
          nnodes: flags.get("--nnodes") as string | undefined,
          rdzvEndpoint: flags.get("--rdzv-endpoint") as string | undefined,
          train: safeName(block),
          out: block === name ? out : path.join(path.dirname(out), block),
          resume: flags.has("--resume"),
          maxSteps: maxSteps === undefined ? undefined : Number(maxSteps),
          quiet: flags.has("--quiet"),
          // --weights starts the block that is run; the blocks before it start as they say.
          weights: block === name ? (flags.get("--weights") as string | undefined) : undefined,
        });
        if (code !== 0) return code;
      }
      return 0;
    }
  }

  // Each block's step memory, estimated from the checked program: a backend with a fixed limit refuses a step over it.
  const memoryOf = (block: string) => {
    const train = emitted.trains.find((t) => t.name === block);
    const m = train && estimateTrainMemory(train, (key) => emitted.compilation.instance(key));
    return m && stepMemory(m);
  };
  const generated = await importGenerated(emitted.code);
  const dl = await loadRuntime();
  const order = trainOrder(emitted.trains, name);
  const out = typeof flags.get("--out") === "string" ? (flags.get("--out") as string) : path.join("runs", name);
  try {
    for (const block of order) {
      const program = generated[safeName(block)] as () => unknown;
      await dl.run(program!() as Parameters<typeof dl.run>[0], {
        backend: flags.get("--backend") as string | undefined,
        resume: flags.has("--resume"),
        // The blocks a chain starts from go beside the last one's folder, where its inits look.
        outDir: block === name ? out : path.join(path.dirname(out), block),
        maxSteps: maxSteps === undefined ? undefined : Number(maxSteps),
        quiet: flags.has("--quiet"),
        memory: memoryOf(block),
      });
    }
  } catch (err) {
    // Errors about the user's data, numerics, run folder or saved weights carry their own clear
    // message, which starts with the file concerned.
    if (err instanceof dl.DataError || err instanceof dl.TrainingError || err instanceof dl.RunFolderError || err instanceof dl.WeightsError || err instanceof dl.BackendMemoryError) {
      console.error(`error: ${err.message}`);
      return 1;
    }
    throw err;
  }
  return 0;
}

/** The train blocks `init ... from <block>` makes `target` depend on, then `target`: each after those it starts from. */
function trainOrder(trains: CheckedTrain[], target: string): string[] {
  const order: string[] = [];
  const visit = (name: string) => {
    if (order.includes(name)) return;
    for (const i of trains.find((t) => t.name === name)?.init ?? []) if ("train" in i.from) visit(i.from.train);
    order.push(name);
  };
  visit(target);
  return order;
}

/** The block that starts, directly or through others, from every other block of the file, if one does. */
function chainEnd(trains: CheckedTrain[]): string | undefined {
  const ends = trains.filter((t) => trainOrder(trains, t.name).length === trains.length);
  return ends.length === 1 ? ends[0]!.name : undefined;
}
