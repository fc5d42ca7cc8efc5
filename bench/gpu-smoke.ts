/**
 * GPU smoke test: trains LeNet-5 (examples/lenet-mnist.dl) for a few steps with `dl.run` on a GPU
 * backend (tfjs-node-gpu or WebGPU, whichever is found) and on wasm with the same seed, prints the
 * first losses side by side and the step-time ratio.
 *
 *   npx tsx bench/gpu-smoke.ts [--steps 30] [--backend webgpu]
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { mkdirSync, writeFileSync } from "node:fs";
import { DocumentPipeline } from "../compiler/pipeline/document-pipeline.js";
import { selectBackend } from "../runtime/backend/index.js";
import * as dl from "../runtime/index.js";

const argv = process.argv.slice(2);
const flag = (name: string) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : undefined);
const steps = Number(flag("--steps") ?? 30);

const emitted = await new DocumentPipeline().emitted(resolve("examples/lenet-mnist.dl"));
if (!emitted.code) throw new Error("examples/lenet-mnist.dl does not compile");
mkdirSync(resolve(".cache/bench"), { recursive: true });
const file = resolve(".cache/bench/lenet-smoke.ts");
writeFileSync(file, emitted.code);
const program = ((await import(pathToFileURL(file).href)) as { lenet: () => dl.TrainProgram }).lenet;

/** The GPU backend to compare: the one named, else the first GPU candidate that initialises. */
async function gpuBackend(): Promise<string | undefined> {
  const wanted = flag("--backend");
  for (const name of wanted ? [wanted] : ["tfjs-node-gpu", "webgpu"]) {
    try {
      await selectBackend(name);
      return name;
    } catch (err) {
      console.log(`${name}: not available (${(err as Error).message.split("\n")[0]})`);
    }
  }
  return undefined;
}

async function train(backend: string) {
  const outDir = mkdtempSync(join(tmpdir(), `dl-smoke-${backend}-`));
  const result = await dl.run(program(), { backend, maxSteps: steps, trace: true, quiet: true, outDir });
  const losses = result.trace.filter((t) => t.name === "loss").map((t) => t.value);
  return { losses, secondsPerStep: result.seconds / result.steps, backend: result.backend };
}

const gpu = await gpuBackend();
if (!gpu) {
  console.log("No GPU backend found: nothing to compare (run `dl doctor` for the reasons).");
  process.exit(0);
}
const onGpu = await train(gpu);
const onWasm = await train("wasm");
console.log(`\nLeNet-5, batch 64, Adam 1e-3, seed of examples/lenet-mnist.dl, ${steps} steps`);
console.log("step   wasm loss    " + `${gpu} loss`.padEnd(16) + "abs diff");
for (let i = 0; i < Math.min(10, onWasm.losses.length, onGpu.losses.length); i++) {
  const a = onWasm.losses[i]!;
  const b = onGpu.losses[i]!;
  console.log(`${String(i + 1).padStart(4)}   ${a.toFixed(6).padEnd(12)} ${b.toFixed(6).padEnd(15)} ${Math.abs(a - b).toExponential(2)}`);
}
const maxDiff = Math.max(...onWasm.losses.map((a, i) => Math.abs(a - (onGpu.losses[i] ?? a))));
console.log(`\nmax |loss difference| over ${onWasm.losses.length} steps: ${maxDiff.toExponential(2)}`);
console.log(`time per step (whole run / steps): wasm ${(onWasm.secondsPerStep * 1000).toFixed(1)} ms, ${gpu} ${(onGpu.secondsPerStep * 1000).toFixed(1)} ms`);
console.log(`ratio wasm / ${gpu}: ${(onWasm.secondsPerStep / onGpu.secondsPerStep).toFixed(2)}×`);
