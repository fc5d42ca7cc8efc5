/**
 * The webgpu backend (tfjs-backend-webgpu on Dawn, the npm `webgpu` package) against
 * references, on whatever adapter Dawn finds; CI gives it a software Vulkan
 * (software-vulkan.ts). Tolerances, stated once:
 * - op cases (every kernel in NEEDED_KERNELS, forward and gradient) and gradient-penalty
 *   cases (second derivatives): normwise relative error max|gpu − cpu| / max|cpu| ≤ 1e-4
 *   against the cpu backend, for the value and for each input gradient;
 * - a few training steps of LeNet-5, DCGAN and WGAN-GP (programs/): every loss within
 *   1e-4 · max(1, |wasm loss|) of the wasm backend's, same seed and data.
 * Under CI=true a missing adapter fails; elsewhere the suite skips and names the packages.
 */
import test from "ava";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import { relError, rng } from "../runtime/seeded.js";
import {
  evaluateOpCase,
  OP_CASES,
  opCaseInputs,
  type OpCase,
} from "../runtime/op-cases.js";
import { SECOND_ORDER_CASES } from "../runtime/second-order-cases.js";
import { runRecipe } from "../generative/recipe-harness.js";
import { GPU_PACKAGES, gpuRequired, startWebGPU } from "./software-vulkan.js";

const OP_TOL = 1e-4;
const LOSS_TOL = 1e-4;

const gpu = await startWebGPU();
const onGpu = gpu.ok ? test.serial : test.serial.skip;

test.serial("a WebGPU adapter is found (required under CI)", (t) => {
  if (gpu.ok) {
    const kind = gpu.adapter?.software ? "software" : "hardware";
    t.log(
      `webgpu on ${gpu.adapter?.name ?? "an unnamed adapter"} (${kind})${gpu.icd ? `, VK_ICD_FILENAMES=${gpu.icd}` : ""}`,
    );
    t.pass();
  } else if (gpuRequired) {
    t.fail(
      `CI=true but webgpu did not start: ${gpu.reason}. Needs ${GPU_PACKAGES}.`,
    );
  } else {
    t.log(`GPU tests skipped: ${gpu.reason}. They need ${GPU_PACKAGES}.`);
    t.pass();
  }
});

/** Runs each case on webgpu and cpu with the same inputs; one failure message per case over tolerance. */
async function compareCases(
  cases: OpCase[],
  seed: number,
): Promise<{ failures: string[]; worst: string[] }> {
  const r = rng(seed);
  const failures: string[] = [];
  const worst: string[] = [];
  for (const [i, c] of cases.entries()) {
    const inputs = opCaseInputs(c, r);
    const onWebgpu = await evaluateOpCase("webgpu", c, inputs, seed + i);
    const onCpu = await evaluateOpCase("cpu", c, inputs, seed + i);
    const errs = onWebgpu.map((w, k) => relError(w, onCpu[k]!));
    const e = Math.max(...errs);
    worst.push(`${c.name}: ${e.toExponential(1)}`);
    if (!(e <= (c.tol ?? OP_TOL)))
      failures.push(
        `${c.name}: rel errors [value, d/dinputs...] = ${errs.map((x) => x.toExponential(2)).join(", ")}`,
      );
  }
  return { failures, worst };
}

onGpu(
  "every needed kernel, forward and gradient: webgpu matches cpu",
  async (t) => {
    const { failures, worst } = await compareCases(OP_CASES, 41);
    t.log(worst.join("; "));
    t.deepEqual(failures, []);
  },
);

onGpu(
  "gradient penalties (second derivatives): webgpu matches cpu",
  async (t) => {
    const { failures, worst } = await compareCases(SECOND_ORDER_CASES, 77);
    t.log(worst.join("; "));
    t.deepEqual(failures, []);
  },
);

/**
 * Programs (test/gpu/programs: LeNet-5, and the DCGAN and WGAN-GP recipes narrowed to 8
 * channels), steps, and examples (one batch per step): every update path, little compute.
 */
const programs = join(dirname(fileURLToPath(import.meta.url)), "programs");
const RECIPES: Array<{ file: string; steps: number; examples: number }> = [
  { file: "lenet.dl", steps: 3, examples: 16 },
  { file: "dcgan.dl", steps: 2, examples: 8 },
  { file: "wgan-gp.dl", steps: 1, examples: 8 },
];

for (const { file, steps, examples } of RECIPES) {
  onGpu(
    `${file}: ${steps} training steps on webgpu give wasm's losses`,
    async (t) => {
      await tf.setBackend("webgpu");
      const gpuRun = await runRecipe(join(programs, file), steps, examples);
      await tf.setBackend("wasm");
      const wasmRun = await runRecipe(join(programs, file), steps, examples);
      t.deepEqual(Object.keys(gpuRun.losses), Object.keys(wasmRun.losses));
      const rows: string[] = [];
      for (const [name, wasm] of Object.entries(wasmRun.losses)) {
        const got = gpuRun.losses[name]!;
        t.is(got.length, wasm.length, name);
        for (const [k, w] of wasm.entries()) {
          const diff = Math.abs(got[k]! - w);
          rows.push(
            `${name}[${k}] wasm ${w.toFixed(6)} webgpu ${got[k]!.toFixed(6)} |Δ| ${diff.toExponential(1)}`,
          );
          t.true(
            diff <= LOSS_TOL * Math.max(1, Math.abs(w)),
            `${name} step ${k + 1}: wasm ${w}, webgpu ${got[k]}`,
          );
        }
      }
      t.log(rows.join("\n"));
    },
  );
}
