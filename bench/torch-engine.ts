/**
 * The torch engine measured in one run (ratios, never timed tests):
 *   1. generated PyTorch (dl compile --target torch, stepped by dl_torch) against hand-written
 *      PyTorch (bench/pytorch_step.py) for LeNet-5 (batch 64) and ResNet-18 (32×32×1, batch 16);
 *   2. the torch engine against the tfjs wasm engine on the same generated model;
 *   3. data-parallel LeNet-5: 2 processes (torchrun, gloo, global batch 64) against 1 (throughput).
 * One thread per process. Blocks alternate for --rounds rounds so load changes hit all; medians.
 * Generated and hand-written steps alternate in one process (bench/torch_pair_step.py), so both
 * see the same load, caches and allocator (separate processes differed by up to 20 % on a loaded
 * machine); each is timed by wall clock and by the stepping thread's CPU time (with one thread,
 * torch's kernels and autograd run on it), which a loaded machine inflates less.
 *
 *   npx tsx bench/torch-engine.ts [--steps 30] [--rounds 2] [--python /usr/bin/python3]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import * as path from "node:path";
import { selectBackend } from "../runtime/backend/index.js";
import { DocumentPipeline } from "../compiler/pipeline/document-pipeline.js";
import { probeTorch, pythonEnv, torchModule } from "../cli/torch-engine.js";
import { BENCH_NETS, buildGenerated } from "./lib/generated-models.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

const steps = Number(arg("steps", "30"));
const rounds = Number(arg("rounds", "2"));
const python = arg("python", "/usr/bin/python3");
const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const py = (args: string[]): Record<string, number> => JSON.parse(execFileSync(python, args, { encoding: "utf8", env: { ...pythonEnv(), OMP_NUM_THREADS: "1" } }).trim().split("\n").pop()!) as Record<string, number>;

async function main(): Promise<void> {
  const probe = probeTorch(python);
  if (!probe.torch) throw new Error(`bench/torch-engine: ${probe.error}`);
  await selectBackend("wasm");
  const nets = BENCH_NETS.filter((n) => n.name !== "lstm");
  const modules = new Map<string, string>();
  for (const net of nets) {
    const emitted = await new DocumentPipeline().emitted(path.resolve(net.example));
    const mod = await torchModule(emitted, net.example);
    if ("error" in mod) throw new Error(mod.error);
    const file = path.resolve(`.cache/bench/${net.name}-torch.py`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, mod.code);
    modules.set(net.name, file);
  }
  const t = new Map<string, number[]>();
  const add = (k: string, v: number) => t.set(k, [...(t.get(k) ?? []), v]);
  const loads: number[] = [];
  for (let r = 0; r < rounds; r++) {
    loads.push(loadavg()[0]!);
    for (const net of nets) {
      const n = net.name === "resnet18" ? Math.max(3, Math.floor(steps / 4)) : steps;
      const shape = net.input.join(",");
      const pair = py(["bench/torch_pair_step.py", modules.get(net.name)!, net.model, net.name, String(net.batch), shape, String(n), "3", "1"]) as unknown as Record<"generated" | "hand", { median_ms: number; cpu_ms: number }>;
      const [gen, hand] = [pair.generated, pair.hand];
      add(`${net.name} generated`, gen.median_ms);
      add(`${net.name} hand-written`, hand.median_ms);
      add(`${net.name} generated cpu`, gen.cpu_ms);
      add(`${net.name} hand-written cpu`, hand.cpu_ms);
      const stepper = await buildGenerated(net);
      for (let i = 0; i < 3; i++) stepper.step();
      const times: number[] = [];
      for (let i = 0; i < Math.max(3, Math.floor(n / 2)); i++) {
        const t0 = performance.now();
        stepper.step();
        times.push(performance.now() - t0);
      }
      stepper.dispose();
      add(`${net.name} tfjs wasm`, median(times));
    }
    const lenet = modules.get("lenet5")!;
    const launch = (k: number) => ["-m", "dl_torch.launch", "--nproc_per_node", String(k), "--nnodes", "1", "--master_addr", "127.0.0.1", "--master_port", String(29500 + Math.floor(Math.random() * 2000)), "bench/torch_engine_step.py", lenet, "LeNet5", "64", "32,32,1", String(steps), "3", "1"];
    add("ddp 1 process", py(launch(1)).examples_per_s!);
    add("ddp 2 processes", py(launch(2)).examples_per_s!);
  }
  const m = (k: string) => median(t.get(k)!);
  console.log(`torch ${probe.torch}, one thread per process, ${rounds} rounds, load average ${loads.map((l) => l.toFixed(1)).join(", ")} → ${loadavg()[0]!.toFixed(1)}`);
  console.log("| model | generated torch ms (CPU ms) | hand-written torch ms (CPU ms) | generated / hand-written, wall (CPU) | tfjs wasm ms | tfjs wasm / torch engine |");
  console.log("|---|---|---|---|---|---|");
  for (const net of nets) {
    const g = m(`${net.name} generated`);
    const h = m(`${net.name} hand-written`);
    const gc = m(`${net.name} generated cpu`);
    const hc = m(`${net.name} hand-written cpu`);
    const w = m(`${net.name} tfjs wasm`);
    console.log(`| ${net.name} (batch ${net.batch}) | ${g.toFixed(1)} (${gc.toFixed(1)}) | ${h.toFixed(1)} (${hc.toFixed(1)}) | ${(g / h).toFixed(2)}× (${(gc / hc).toFixed(2)}×) | ${w.toFixed(1)} | ${(w / g).toFixed(2)}× |`);
  }
  const one = m("ddp 1 process");
  const two = m("ddp 2 processes");
  console.log(`| LeNet-5 data-parallel (global batch 64) | 1 process ${one.toFixed(0)} ex/s | 2 processes ${two.toFixed(0)} ex/s | 2 / 1: ${(two / one).toFixed(2)}× throughput | | |`);
}

void main();
