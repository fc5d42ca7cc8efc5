/**
 * The GPU smoke test proper (runtime only, so bench/gpu-smoke can bundle it without the
 * compiler): trains a program for a few steps on a GPU backend (tfjs-node-gpu or WebGPU,
 * whichever starts) and on wasm with the same seed, and prints the device, the losses side by
 * side and the steady step time of each (a run of `steps` minus a run of 2, so shader and kernel
 * compilation stay out).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { selectBackend } from "../runtime/backend/index.js";
import * as dl from "../runtime/index.js";

/** What the smoke test prints, also returned for callers. */
export interface SmokeResult {
  gpu?: string;
  maxLossDiff?: number;
  msPerStep?: Record<string, number>;
}

/** NVIDIA's own name for the devices, when nvidia-smi is there. */
function nvidiaDevices(): string | undefined {
  try {
    return execFileSync("nvidia-smi", ["-L"], { encoding: "utf8", timeout: 10_000 }).trim();
  } catch {
    return undefined;
  }
}

/** The GPU backend to compare: the one named, else the first GPU candidate that initialises. */
async function gpuBackend(wanted?: string): Promise<string | undefined> {
  for (const name of wanted ? [wanted] : ["tfjs-node-gpu", "webgpu"]) {
    try {
      const report = await selectBackend(name);
      const adapter = report.candidates.find((c) => c.name === name)?.adapter;
      console.log(`${name}: started${adapter ? ` on ${adapter.name} (${adapter.software ? "software" : "hardware"})` : ""}`);
      return name;
    } catch (err) {
      console.log(`${name}: not available (${(err as Error).message.split("\n")[0]})`);
    }
  }
  return undefined;
}

async function train(program: () => dl.TrainProgram, backend: string, steps: number) {
  const outDir = mkdtempSync(join(tmpdir(), `dl-smoke-${backend}-`));
  const result = await dl.run(program(), { backend, maxSteps: steps, trace: true, quiet: true, outDir });
  return { losses: result.trace.filter((t) => t.name === "loss").map((t) => t.value), seconds: result.seconds };
}

/** Runs the comparison and prints it; `backend` names the GPU backend (default: the first found). */
export async function smoke(program: () => dl.TrainProgram, steps: number, backend?: string): Promise<SmokeResult> {
  const devices = nvidiaDevices();
  console.log(devices ? `nvidia-smi -L:\n${devices}` : "nvidia-smi: not found");
  const gpu = await gpuBackend(backend);
  if (!gpu) {
    console.log("No GPU backend started: nothing to compare (`dl doctor` gives the reasons).");
    return {};
  }
  const runs: Record<string, { losses: number[]; msPerStep: number }> = {};
  for (const b of [gpu, "wasm"]) {
    const warm = await train(program, b, 2);
    const full = await train(program, b, steps);
    runs[b] = { losses: full.losses, msPerStep: ((full.seconds - warm.seconds) * 1000) / Math.max(1, steps - 2) };
  }
  const a = runs["wasm"]!;
  const g = runs[gpu]!;
  console.log(`\n${steps} steps, same seed and data`);
  console.log("step   wasm loss    " + `${gpu} loss`.padEnd(16) + "abs diff");
  for (let i = 0; i < Math.min(a.losses.length, g.losses.length); i++) {
    const x = a.losses[i]!;
    const y = g.losses[i]!;
    console.log(`${String(i + 1).padStart(4)}   ${x.toFixed(6).padEnd(12)} ${y.toFixed(6).padEnd(15)} ${Math.abs(x - y).toExponential(2)}`);
  }
  const maxLossDiff = Math.max(...a.losses.map((x, i) => Math.abs(x - (g.losses[i] ?? NaN))));
  console.log(`\nmax |loss difference|: ${maxLossDiff.toExponential(2)}`);
  if (steps < 10) console.log(`(with fewer than 10 steps the step times below are dominated by start-up noise; use --steps 20 or more)`);
  console.log(`steady step time (run of ${steps} minus run of 2): wasm ${a.msPerStep.toFixed(1)} ms, ${gpu} ${g.msPerStep.toFixed(1)} ms`);
  console.log(`ratio wasm / ${gpu}: ${(a.msPerStep / g.msPerStep).toFixed(2)}×`);
  return { gpu, maxLossDiff, msPerStep: { wasm: a.msPerStep, [gpu]: g.msPerStep } };
}
