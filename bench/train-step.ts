/**
 * Training steps on the default engine (wasm) against PyTorch on the CPU, measured in one run:
 * the compiler's generated LeNet-5 (batch 64), ResNet-18 (32×32×1, batch 16) and row-LSTM
 * (28×28, batch 64), each stepped with the runtime's Adam as `dl run` does (see
 * bench/lib/generated-models.ts), and PyTorch 1.13 with 1 and 2 threads on the same networks
 * (bench/pytorch_step.py). "DL×2" is the same generated code on tfjs's threaded wasm build with
 * two XNNPACK threads (DL_WASM_THREADS=2, runtime/backend/wasm-threads.ts), stepped in a child
 * process because a backend starts once per process. DL (one thread), DL×2 and PyTorch blocks
 * alternate for `--rounds` rounds so that load changes on a shared machine hit all; medians over
 * all timed steps, ratios DL / PyTorch, the load average, and the tensors alive after each step
 * (must not grow).
 *
 *   npx tsx bench/train-step.ts [--steps 20] [--rounds 2] [--nets lenet5,resnet18,lstm]
 *                               [--threads 2] [--hand-written] [--cpu-steps 2]
 *
 * `--threads 1` leaves out the DL×2 column (`--threads N` steps the child with N threads).
 *
 * Big networks take `--steps`/4 steps per round (at least 3). `--hand-written` adds
 * hand-written tfjs LeNet-5 on wasm (and on the JS cpu backend with --cpu-steps > 0).
 */
import * as tf from "@tensorflow/tfjs-core";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";
import * as path from "node:path";
import { selectBackend } from "../runtime/backend/index.js";
import { BENCH_NETS, buildGenerated, type BenchNet } from "./lib/generated-models.js";

const BATCH = 64;

// This process is the one-thread figure whatever the caller's environment says; the child
// that steps with threads is started with its own DL_WASM_THREADS.
const childThreads = process.env["DL_BENCH_CHILD"] === "1" ? process.env["DL_WASM_THREADS"] : undefined;
process.env["DL_WASM_THREADS"] = childThreads ?? "1";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
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

/** Load averages (1, 5, 15 min) as printed with every figure. */
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");

/** Median ms of one PyTorch step of `net` on `threads` threads, or why not. */
function pytorchStep(net: BenchNet, steps: number, threads: number): { ms?: number; torch?: string; note?: string } {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      const out = execFileSync(python, [path.resolve("bench/pytorch_step.py"), net.name, String(steps), "3", String(threads)], {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      });
      const r = JSON.parse(out.trim().split("\n").pop()!) as { median_ms: number; torch: string };
      return { ms: r.median_ms, torch: r.torch };
    } catch {
      // try the next interpreter
    }
  }
  return { note: "skipped: no python3 with torch (apt-get install python3-torch)" };
}

interface NetResult {
  net: BenchNet;
  dl: number[];
  /** Steps on the threaded build (child process), median ms per round. */
  dlThreads: number[];
  tensors: number[];
  pt1: number[];
  pt2: number[];
  torch?: string;
  note?: string;
  loads: string[];
}

/** Alternates blocks of generated-code steps and PyTorch runs (1 and 2 threads) for `rounds` rounds. */
async function benchNet(net: BenchNet, steps: number, rounds: number): Promise<NetResult> {
  const r: NetResult = { net, dl: [], dlThreads: [], tensors: [], pt1: [], pt2: [], loads: [] };
  await selectBackend("wasm");
  let s;
  try {
    s = await buildGenerated(net);
  } catch (err) {
    return { ...r, note: `skipped: ${(err as Error).message.split("\n")[0]}` };
  }
  for (let i = 0; i < 2; i++) s.step(); // warm-up
  for (let round = 0; round < rounds; round++) {
    r.loads.push(load());
    const t = timeSteps(() => void s.step(), 0, steps);
    r.dl.push(t.medianMs);
    r.tensors.push(...t.tensorsPerStep);
    if (threads > 1) {
      const c = threadedSteps(net, steps, threads);
      if (c.medianMs !== undefined) {
        r.dlThreads.push(c.medianMs);
        r.tensors.push(...c.tensorsPerStep!);
      } else r.note = c.note;
    }
    for (const [threads, into] of [[1, r.pt1], [2, r.pt2]] as const) {
      const p = pytorchStep(net, steps, threads);
      if (p.ms === undefined) r.note = p.note;
      else {
        into.push(p.ms);
        r.torch = p.torch;
      }
    }
  }
  s.dispose();
  return r;
}

/**
 * Median ms of `steps` steps of `net` in a child process on `threads` wasm threads (after two
 * warm-up steps), or why not. The child is this script with --child.
 */
function threadedSteps(net: BenchNet, steps: number, threads: number): { medianMs?: number; tensorsPerStep?: number[]; note?: string } {
  try {
    const out = execFileSync(process.execPath, ["--import=tsx", "--conditions=dl-source", fileURLToPath(import.meta.url), "--child", net.name, "--steps", String(steps)], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, DL_BENCH_CHILD: "1", DL_WASM_THREADS: String(threads) },
    });
    const r = JSON.parse(out.trim().split("\n").pop()!) as { medianMs: number; tensorsPerStep: number[]; threads: number };
    if (r.threads !== threads) return { note: `threaded build gave ${r.threads} thread(s), not ${threads}` };
    return r;
  } catch (err) {
    return { note: `threaded child failed: ${(err as Error).message.split("\n")[0]}` };
  }
}

if (process.argv.includes("--child")) {
  const { wasmDetails } = await import("../runtime/backend/index.js");
  const net = BENCH_NETS.find((n) => n.name === process.argv[process.argv.indexOf("--child") + 1])!;
  await selectBackend("wasm");
  const s = await buildGenerated(net);
  for (let i = 0; i < 2; i++) s.step(); // warm-up
  const t = timeSteps(() => void s.step(), 0, Number(arg("steps", "20")));
  s.dispose();
  console.log(JSON.stringify({ ...t, threads: (await wasmDetails()).threads }));
  process.exit(0);
}

const threads = Number(arg("threads", "2"));
const steps = Number(arg("steps", "20"));
const rounds = Number(arg("rounds", "2"));
const wanted = arg("nets", "lenet5,resnet18,lstm").split(",");
const cpuSteps = Number(arg("cpu-steps", "2"));
console.log(`training steps, Adam(1e-3), median ms per step; DL = generated code on wasm (1 thread)${threads > 1 ? `, DL×${threads} = the same on ${threads} wasm threads` : ""}\n`);
console.log(`load average at start: ${load()}`);
const results: NetResult[] = [];
for (const net of BENCH_NETS.filter((n) => wanted.includes(n.name))) {
  results.push(await benchNet(net, net.name === "lenet5" ? steps : Math.max(3, Math.round(steps / 4)), rounds));
}
const fmt = (ms: number) => ms.toFixed(1).padStart(8);
const T = `DL×${threads}`;
const threadHead = threads > 1 ? ` ${`${T} ms`.padStart(8)}` : "";
const threadRatios = threads > 1 ? `  ${`${T}/torch×1`.padStart(11)}  ${`${T}/torch×2`.padStart(11)}  ${`DL/${T}`.padStart(8)}` : "";
console.log(`${"net".padEnd(10)} ${"DL ms".padStart(8)}${threadHead} ${"torch×1".padStart(8)} ${"torch×2".padStart(8)}  DL/torch×1  DL/torch×2${threadRatios}  tensors/step  load per round`);
for (const r of results) {
  if (r.dl.length === 0) {
    console.log(`${r.net.name.padEnd(10)} ${r.note}`);
    continue;
  }
  const dl = median(r.dl);
  const alive = [...new Set(r.tensors)].join(",");
  if (r.pt1.length === 0) {
    console.log(`${r.net.name.padEnd(10)} ${fmt(dl)}  ${r.note}  tensors ${alive}`);
    continue;
  }
  const p1 = median(r.pt1);
  const p2 = median(r.pt2);
  const ratio = (a: number, b: number, width: number) => `${(a / b).toFixed(2).padStart(width)}×`;
  let threadCols = "";
  let threadCell = "";
  if (threads > 1) {
    const d2 = r.dlThreads.length > 0 ? median(r.dlThreads) : NaN;
    threadCell = ` ${fmt(d2)}`;
    threadCols = `  ${ratio(d2, p1, 10)}  ${ratio(d2, p2, 10)}  ${ratio(dl, d2, 7)}`;
  }
  console.log(
    `${r.net.name.padEnd(10)} ${fmt(dl)}${threadCell} ${fmt(p1)} ${fmt(p2)}  ${ratio(dl, p1, 9)}  ${ratio(dl, p2, 9)}${threadCols}  ${alive.padStart(12)}  ${r.loads.join(" | ")}`,
  );
  if (r.note !== undefined) console.log(`${"".padEnd(10)} note: ${r.note}`);
}
if (results[0]?.torch) console.log(`\nPyTorch ${results[0].torch} (bench/pytorch_step.py); rounds ${rounds}, DL and PyTorch alternating`);

if (process.argv.includes("--hand-written")) {
  const hw: Timing[] = [await benchHandWritten("wasm", 3, steps)];
  if (cpuSteps > 0) hw.push(await benchHandWritten("cpu", 1, cpuSteps));
  for (const r of hw) console.log(`${r.label.padEnd(34)} ${r.medianMs!.toFixed(1).padStart(8)} ms  load ${load()}`);
}
const leaky = results.filter((r) => new Set(r.tensors).size > 1);
console.log(leaky.length === 0 ? "no tensor growth across steps" : `TENSOR GROWTH in: ${leaky.map((r) => r.net.name).join(", ")}`);
