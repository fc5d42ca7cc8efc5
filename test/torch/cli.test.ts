/**
 * The torch engine from the command line: `dl run --engine torch` trains LeNet-5 on real MNIST
 * into the tfjs engine's run-folder layout (history, plot, checkpoints a tfjs run could load),
 * `dl compile --target torch` writes a Python module, `dl check --engine torch` says why an RL
 * recipe cannot run on torch, and the runtime names the target relies on exist in dl_torch.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { TORCH_RUNTIME_NAMES } from "../../compiler/targets/torch/index.js";
import { pythonEnv } from "../../cli/torch-engine.js";
import { python, tempDir, torchTest } from "./torch-helpers.js";

const dl = (args: string[]) => spawnSync(process.execPath, ["cli/dl.mjs", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

torchTest("dl run --engine torch trains LeNet-5 and writes the run folder the tfjs engine writes", (t) => {
  const out = join(tempDir(), "lenet");
  const r = dl(["run", "examples/lenet-mnist.dl", "--engine", "torch", "--python", python!, "--max-steps", "5", "--out", out]);
  t.is(r.status, 0, r.stderr);
  t.regex(r.stdout, /lenet: engine torch .* on cpu; net: 61,706 parameters/);
  t.regex(r.stdout, /Stopped after 5 steps \(epoch 1, batch 5\/938\) - loss: \d\.\d{4} - test_accuracy: /);
  const rows = readFileSync(join(out, "history.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>);
  t.is(rows.length, 1);
  t.is(rows[0]!.step, 5);
  t.true(existsSync(join(out, "plot.html")));
  const ckpt = join(out, "checkpoints", JSON.parse(readFileSync(join(out, "checkpoints", "latest.json"), "utf8")).checkpoint as string);
  t.deepEqual(readdirSync(join(ckpt, "models", "net")).sort(), ["model.json", "weights.bin"]);
  const manifest = JSON.parse(readFileSync(join(ckpt, "models", "net", "model.json"), "utf8")) as { weightsManifest: { weights: { name: string; shape: number[] }[] }[] };
  // tfjs layouts under the stable names: conv kernels [kh, kw, in, out], dense kernels [in, out].
  const shapes = Object.fromEntries(manifest.weightsManifest[0]!.weights.map((w) => [w.name, w.shape]));
  t.deepEqual(shapes["net.conv2d_0.kernel"], [5, 5, 1, 6]);
  t.deepEqual(shapes["net.dense_0.kernel"], [400, 120]);
  t.true(existsSync(join(ckpt, "manifest.json")));
  const again = dl(["run", "examples/lenet-mnist.dl", "--engine", "torch", "--python", python!, "--max-steps", "7", "--out", out, "--resume", "--quiet"]);
  t.is(again.status, 0, again.stderr);
  t.is((JSON.parse(readFileSync(join(out, "history.jsonl"), "utf8").trim().split("\n").pop()!) as { step: number }).step, 7);
});

torchTest("dl compile --target torch writes a Python module; dl check --engine torch explains what cannot run", (t) => {
  const dir = tempDir();
  const c = dl(["compile", "examples/lenet-mnist.dl", "--target", "torch", "-o", dir]);
  t.is(c.status, 0, c.stderr);
  const code = readFileSync(join(dir, "lenet-mnist.py"), "utf8");
  t.regex(code, /^class LeNet5\(dl\.Module\):/m);
  t.regex(code, /^def lenet\(\):/m);
  const ok = dl(["check", "--engine", "torch", "examples/lenet-mnist.dl"]);
  t.is(ok.status, 0);
  t.regex(ok.stderr, /examples\/lenet-mnist\.dl: runs on the torch engine/);
  const rl = dl(["check", "--engine", "torch", "examples/dqn-cartpole.dl"]);
  t.is(rl.status, 1);
  t.regex(rl.stderr, /examples\/dqn-cartpole\.dl: cannot run on the torch engine: the PyTorch runtime lacks rl\.cartpole, rl\.replay.*run on the tfjs engine only/);
  const bad = dl(["run", "examples/lenet-mnist.dl", "--device", "cuda"]);
  t.is(bad.status, 2);
  t.regex(bad.stderr, /--device is an option of the torch engine: add --engine torch/);
});

torchTest("every runtime name the torch target relies on exists in dl_torch", (t) => {
  const names = [...TORCH_RUNTIME_NAMES].filter((n) => !["dl.TrainProgram", "dl.StepContext"].includes(n));
  const script = `import dl_torch as dl, json, sys\nmissing = []\nfor n in json.loads(sys.argv[1]):\n    o = dl\n    for part in n.split(".")[1:]:\n        o = getattr(o, part, None)\n    if o is None: missing.append(n)\nprint(json.dumps(missing))`;
  const r = spawnSync(python!, ["-c", script, JSON.stringify(names)], { encoding: "utf8", env: pythonEnv() });
  t.is(r.status, 0, r.stderr);
  t.deepEqual(JSON.parse(r.stdout), []);
});

/** history.jsonl of a run folder, one object per epoch. */
const historyOf = (out: string) => readFileSync(join(out, "history.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, number>);

for (const c of [
  // Parameter groups: torch.optim param groups' state (momentum buffers per group) is checkpointed.
  { file: "test/torch/programs/param-groups.dl", stop: 9, steps: 12 },
  // `repeat 3 fresh`: 4 loop steps an epoch over 10 batches; stopped after 2 steps (6 batches drawn).
  { file: "test/golden/codegen/train-repeat-fresh.dl", stop: 2, steps: 8 },
]) {
  torchTest(`dl run --engine torch: ${c.file} stopped after ${c.stop} steps and resumed ends with an uninterrupted run's history`, (t) => {
    const dir = tempDir();
    const run = (out: string, ...more: string[]) => {
      const r = dl(["run", c.file, "--engine", "torch", "--python", python!, "--quiet", "--out", join(dir, out), ...more]);
      t.is(r.status, 0, r.stderr);
    };
    run("full");
    run("half", "--max-steps", String(c.stop));
    run("half", "--resume");
    const full = historyOf(join(dir, "full"));
    const resumed = historyOf(join(dir, "half"));
    t.is(full.at(-1)!.step, c.steps);
    const losses = (rows: Record<string, number>[]) => rows.map((r) => Object.entries(r).filter(([k]) => k.startsWith("loss")).map(([k, v]) => `${r.step} ${k} ${v.toFixed(6)}`));
    t.deepEqual(losses(resumed), losses(full));
  });
}
