/**
 * Time per kernel of the generated LeNet-5 and ResNet-18 training steps on the default engine
 * (wasm), split into forward, backward and optimizer, with the share of the step spent outside
 * kernels (tfjs's dispatch: tape, tidy, tensor bookkeeping, our layers' JS).
 *
 *   npx tsx bench/profile.ts [--steps 10] [--nets lenet5,resnet18] [--top 25] [--markdown]
 *
 * Kernel times come from tfjs's profiler (`tf.profile`; on wasm each kernel is timed around its
 * kernel function, which runs synchronously). The step time is the median of unprofiled steps
 * timed in the same run; "dispatch" is that median minus the median summed kernel time.
 */
import * as tf from "@tensorflow/tfjs-core";
import { loadavg } from "node:os";
import { selectBackend } from "../runtime/backend/index.js";
import { BENCH_NETS, buildGenerated, type SteppedNet } from "./lib/generated-models.js";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

type Phase = "forward" | "backward" | "optimizer";

interface KernelRow {
  phase: Phase;
  name: string;
  calls: number;
  /** Median over profiled steps of the summed time of this kernel in this phase. */
  ms: number;
}

async function kernelsOf(f: () => unknown): Promise<{ name: string; ms: number }[]> {
  const info = await tf.profile(() => {
    f();
  });
  return info.kernels.map((k) => ({ name: k.name, ms: Number(k.kernelTimeMs) }));
}

/**
 * Kernel indices where the forward pass ends and the backward pass ends within one profiled
 * step: the engine's `gradients` (behind tf.variableGrads, which the optimizer calls) is wrapped
 * to note how many kernels the profile holds after the forward function and after backprop.
 */
const marks = { forwardEnd: 0, backwardEnd: 0 };
{
  const engine = tf.engine() as unknown as {
    gradients: (f: () => tf.Tensor, ...rest: unknown[]) => unknown;
    state: { activeProfile: { kernels: unknown[] } };
  };
  const original = engine.gradients.bind(engine);
  const count = () => engine.state.activeProfile.kernels?.length ?? 0;
  engine.gradients = (f, ...rest) => {
    const out = original(() => {
      const y = f();
      marks.forwardEnd = count();
      return y;
    }, ...rest);
    marks.backwardEnd = count();
    return out;
  };
}

/** Profiles `steps` steps of `s` and times as many unprofiled ones, interleaved. */
async function profileNet(s: SteppedNet, steps: number) {
  for (let i = 0; i < 3; i++) s.step(); // warm-up
  const perStep: Map<string, number>[] = [];
  const calls = new Map<string, number>();
  const stepMs: number[] = [];
  const kernelSums: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    s.step();
    stepMs.push(performance.now() - t0);
    const ks = await kernelsOf(() => s.step());
    const { forwardEnd: nForward, backwardEnd: nGrads } = marks;
    const m = new Map<string, number>();
    let sum = 0;
    ks.forEach((k, j) => {
      const phase: Phase = j < nForward ? "forward" : j < nGrads ? "backward" : "optimizer";
      const key = `${phase}\u0000${k.name}`;
      m.set(key, (m.get(key) ?? 0) + k.ms);
      if (i === 0) calls.set(key, (calls.get(key) ?? 0) + 1);
      sum += k.ms;
    });
    perStep.push(m);
    kernelSums.push(sum);
  }
  const rows: KernelRow[] = [...calls.keys()].map((key) => {
    const [phase, name] = key.split("\u0000") as [Phase, string];
    return { phase, name, calls: calls.get(key)!, ms: median(perStep.map((m) => m.get(key) ?? 0)) };
  });
  rows.sort((a, b) => b.ms - a.ms);
  const step = median(stepMs);
  const kernels = median(kernelSums);
  const phaseMs = (p: Phase) => rows.filter((r) => r.phase === p).reduce((a, r) => a + r.ms, 0);
  const phaseCalls = (p: Phase) => rows.filter((r) => r.phase === p).reduce((a, r) => a + r.calls, 0);
  return { rows, step, kernels, phaseMs, phaseCalls };
}

const steps = Number(arg("steps", "10"));
const top = Number(arg("top", "25"));
const wanted = arg("nets", "lenet5,resnet18").split(",");
const markdown = process.argv.includes("--markdown");
tf.env().set("CHECK_COMPUTATION_FOR_ERRORS", false);
await selectBackend("wasm");

const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
for (const net of BENCH_NETS.filter((n) => wanted.includes(n.name))) {
  const s = await buildGenerated(net);
  const load = loadavg().map((l) => l.toFixed(2)).join(" ");
  const r = await profileNet(s, steps);
  s.dispose();
  const dispatch = Math.max(r.step - r.kernels, 0);
  const head = `${net.name}: batch ${net.batch}, input ${net.input.join("×")}, Adam — step ${r.step.toFixed(1)} ms (median of ${steps}), kernels ${r.kernels.toFixed(1)} ms, dispatch ${dispatch.toFixed(1)} ms (${pct(dispatch, r.step)}); load average ${load}`;
  const phases = (["forward", "backward", "optimizer"] as Phase[])
    .map((p) => `${p} ${r.phaseMs(p).toFixed(1)} ms / ${r.phaseCalls(p)} kernels`)
    .join(", ");
  const shown = r.rows.slice(0, top);
  const rest = r.rows.slice(top);
  if (markdown) {
    console.log(`### ${head}\n\n${phases}\n`);
    console.log("| phase | kernel | calls | ms/step | share of step |\n|---|---|---:|---:|---:|");
    for (const k of shown) console.log(`| ${k.phase} | ${k.name} | ${k.calls} | ${k.ms.toFixed(2)} | ${pct(k.ms, r.step)} |`);
    if (rest.length > 0) {
      const ms = rest.reduce((a, k) => a + k.ms, 0);
      const c = rest.reduce((a, k) => a + k.calls, 0);
      console.log(`| | ${rest.length} others | ${c} | ${ms.toFixed(2)} | ${pct(ms, r.step)} |`);
    }
    console.log(`| | dispatch (outside kernels) | | ${dispatch.toFixed(2)} | ${pct(dispatch, r.step)} |\n`);
  } else {
    console.log(`${head}\n  ${phases}`);
    for (const k of shown) {
      console.log(`  ${k.phase.padEnd(9)} ${k.name.padEnd(28)} ${String(k.calls).padStart(5)}× ${k.ms.toFixed(2).padStart(8)} ms ${pct(k.ms, r.step).padStart(6)}`);
    }
    if (rest.length > 0) {
      const ms = rest.reduce((a, k) => a + k.ms, 0);
      console.log(`  ${rest.length} other kernel rows: ${ms.toFixed(2)} ms ${pct(ms, r.step)}`);
    }
    console.log("");
  }
}
