/**
 * LeNet-5 training step: hand-written tfjs on wasm (with the runtime's
 * kernels) and on the JS cpu backend, the compiler's generated code (when
 * present), and PyTorch on the CPU. Prints median step times and ratios
 * measured in this one run, and the tensors alive after each step.
 *
 *   npx tsx bench/train-step.ts [--steps 20] [--cpu-steps 4]
 *
 * Network: 32×32×1 → conv5(6) tanh avgpool2 → conv5(16) tanh avgpool2 →
 * 120 tanh → 84 tanh → 10; batch 64, Adam(1e-3), softmax cross-entropy.
 */
import * as tf from "@tensorflow/tfjs-core";
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { selectBackend } from "../runtime/backend/index.js";

const BATCH = 64;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Timing {
  label: string;
  medianMs?: number;
  tensorsPerStep?: number[];
  note?: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Times `step` (which must read the loss, as a training loop's progress bar would). */
function timeSteps(
  step: () => void,
  warmup: number,
  steps: number,
): { medianMs: number; tensorsPerStep: number[] } {
  const times: number[] = [];
  const tensors: number[] = [];
  for (let i = 0; i < warmup + steps; i++) {
    const t0 = performance.now();
    step();
    const dt = performance.now() - t0;
    if (i >= warmup) {
      times.push(dt);
      tensors.push(tf.memory().numTensors);
    }
  }
  return { medianMs: median(times), tensorsPerStep: tensors };
}

/** Hand-written LeNet-5 with PyTorch's default initialisation scale. */
function handWrittenLeNet(): { step: () => void; dispose: () => void } {
  const uniform = (shape: number[], fanIn: number, seed: number) =>
    tf.variable(
      tf.randomUniform(
        shape,
        -1 / Math.sqrt(fanIn),
        1 / Math.sqrt(fanIn),
        "float32",
        seed,
      ),
    );
  const p = {
    c1: uniform([5, 5, 1, 6], 25, 1),
    c1b: uniform([6], 25, 2),
    c2: uniform([5, 5, 6, 16], 150, 3),
    c2b: uniform([16], 150, 4),
    f1: uniform([400, 120], 400, 5),
    f1b: uniform([120], 400, 6),
    f2: uniform([120, 84], 120, 7),
    f2b: uniform([84], 120, 8),
    f3: uniform([84, 10], 84, 9),
    f3b: uniform([10], 84, 10),
  };
  const x = tf.randomUniform(
    [BATCH, 32, 32, 1],
    0,
    1,
    "float32",
    11,
  ) as tf.Tensor4D;
  const labels = tf.oneHot(
    tf.randomUniform([BATCH], 0, 10, "int32", 12) as tf.Tensor1D,
    10,
  );
  const opt = tf.train.adam(1e-3);
  const forward = () => {
    let h = tf.tanh(
      tf.add(tf.conv2d(x, p.c1 as tf.Tensor4D, 1, "valid"), p.c1b),
    ) as tf.Tensor4D;
    h = tf.avgPool(h, 2, 2, "valid");
    h = tf.tanh(
      tf.add(tf.conv2d(h, p.c2 as tf.Tensor4D, 1, "valid"), p.c2b),
    ) as tf.Tensor4D;
    h = tf.avgPool(h, 2, 2, "valid");
    let f = tf.reshape(h, [BATCH, 400]) as tf.Tensor2D;
    f = tf.tanh(
      tf.add(tf.matMul(f, p.f1 as tf.Tensor2D), p.f1b),
    ) as tf.Tensor2D;
    f = tf.tanh(
      tf.add(tf.matMul(f, p.f2 as tf.Tensor2D), p.f2b),
    ) as tf.Tensor2D;
    return tf.add(tf.matMul(f, p.f3 as tf.Tensor2D), p.f3b);
  };
  return {
    step: () => {
      const loss = opt.minimize(
        () => tf.losses.softmaxCrossEntropy(labels, forward()) as tf.Scalar,
        true,
      );
      loss!.dataSync();
      loss!.dispose();
    },
    dispose: () => {
      opt.dispose();
      tf.dispose([x, labels, ...Object.values(p)]);
    },
  };
}

async function benchHandWritten(
  backend: "wasm" | "cpu",
  warmup: number,
  steps: number,
): Promise<Timing> {
  await selectBackend(backend);
  const net = handWrittenLeNet();
  const r = timeSteps(net.step, warmup, steps);
  net.dispose();
  return { label: `hand-written tfjs, ${backend}`, ...r };
}

/**
 * (b) The compiler's generated code: `examples/lenet-mnist.dl` compiled now, its `LeNet5` class
 * stepped through the runtime's Adam exactly as `dl run` does.
 */
async function benchGenerated(warmup: number, steps: number): Promise<Timing> {
  const label = "generated code, wasm";
  const file = path.resolve(".cache/bench/lenet.ts");
  const { DocumentPipeline } = await import("../compiler/pipeline/document-pipeline.js");
  const emitted = await new DocumentPipeline().emitted(path.resolve("examples/lenet-mnist.dl"));
  if (emitted.code === undefined) return { label, note: "skipped: examples/lenet-mnist.dl has errors" };
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, emitted.code);
  try {
    await selectBackend("wasm");
    const mod = (await import(pathToFileURL(file).href)) as Record<
      string,
      unknown
    >;
    const dl = (await import("../runtime/index.js" as string)) as Record<
      string,
      any
    >;
    const Model = mod["LeNet5"] as new (
      parent: null,
      name: string,
      rng: unknown,
    ) => any;
    const net = new Model(null, "net", new dl["Rng"](0));
    const opt = dl["optim"].adam([net], { lr: 1e-3 });
    const x = tf.randomUniform([BATCH, 32, 32, 1], 0, 1, "float32", 11);
    const y = tf.randomUniform([BATCH], 0, 10, "int32", 12);
    const r = timeSteps(
      () => {
        const loss = opt.minimize(() =>
          dl["losses"].crossEntropy(net.apply(x, true), y),
        ) as tf.Scalar | undefined;
        loss?.dataSync();
        loss?.dispose();
      },
      warmup,
      steps,
    );
    tf.dispose([x, y]);
    return { label, ...r };
  } catch (err) {
    return {
      label,
      note: `skipped: generated module did not run: ${(err as Error).message.split("\n")[0]}`,
    };
  }
}

/** (c) PyTorch on the CPU, through Debian's python3-torch (not the pyenv python). */
function benchPyTorch(steps: number): Timing {
  const label = "PyTorch 1 thread, cpu";
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      const out = execFileSync(
        python,
        [path.resolve("bench/pytorch_lenet_step.py"), String(steps), "5", "1"],
        {
          encoding: "utf8",
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      const r = JSON.parse(out.trim().split("\n").pop()!) as {
        median_ms: number;
        torch: string;
      };
      return {
        label: `PyTorch ${r.torch} 1 thread, cpu`,
        medianMs: r.median_ms,
      };
    } catch {
      // try the next interpreter
    }
  }
  return {
    label,
    note: "skipped: no python3 with torch (apt-get install python3-torch)",
  };
}

const steps = arg("steps", 20);
const cpuSteps = arg("cpu-steps", 2);
const results: Timing[] = [];
results.push(await benchHandWritten("wasm", 3, steps));
results.push(await benchHandWritten("cpu", 1, cpuSteps));
results.push(await benchGenerated(3, steps));
results.push(benchPyTorch(steps));

const wasm = results[0]!.medianMs!;
console.log(
  `LeNet-5 training step, batch ${BATCH}, Adam — median over timed steps (after warm-up)\n`,
);
for (const r of results) {
  if (r.medianMs === undefined) {
    console.log(`${r.label.padEnd(34)} ${r.note}`);
    continue;
  }
  const ratio = r.medianMs / wasm;
  const alive =
    r.tensorsPerStep === undefined
      ? ""
      : `  tensors alive per step: ${[...new Set(r.tensorsPerStep)].join(", ")}`;
  console.log(
    `${r.label.padEnd(34)} ${r.medianMs.toFixed(1).padStart(8)} ms  ${ratio.toFixed(2).padStart(6)}× wasm${alive}`,
  );
}
const leaky = results.filter(
  (r) => r.tensorsPerStep !== undefined && new Set(r.tensorsPerStep).size > 1,
);
console.log(
  leaky.length === 0
    ? "\nno tensor growth across steps"
    : `\nTENSOR GROWTH in: ${leaky.map((r) => r.label).join(", ")}`,
);
