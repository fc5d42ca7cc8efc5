/**
 * `init ... from ... except ...` on the torch engine (runtime-torch/dl_torch/init_weights.py),
 * across engines, on the programs of test/runtime/fixtures/transfer.dl: a body pretrained by the
 * tfjs engine starts a torch model with a new head (the body equal to the checkpoint, the head
 * fresh, the loss falling), a sub-model init loads the body only, a body pretrained by the torch
 * engine starts a tfjs model the same way, a checkpoint that does not fit stops both engines
 * with the same message (file, parameter, both shapes, the `except` to add) when it is found
 * only at run start, and
 * `dl run --engine torch` trains the blocks a chain starts from first, as the tfjs CLI does.
 */
import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { repoRoot } from "../compiler/golden.js";
import { pythonEnv } from "../../cli/torch-engine.js";
import { bothEngines, python, tempDir, torchTest } from "./torch-helpers.js";

const fixture = "test/runtime/fixtures/transfer.dl";
const cli = (args: string[]) => spawnSync(process.execPath, ["cli/dl.mjs", ...args], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });

/** Runs Python `script` with the torch runtime on the path; its last stdout line as JSON. */
function py<T>(script: string, ...args: string[]): { out: T; stdout: string; stderr: string } {
  const r = spawnSync(python!, ["-c", script, ...args], { encoding: "utf8", env: pythonEnv(), maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`python failed (${r.status}):\n${r.stderr}`);
  return { out: JSON.parse(r.stdout.trim().split("\n").pop()!) as T, stdout: r.stdout, stderr: r.stderr };
}

/** Builds a program of the torch module, applies its first init from `runs`, prints fresh, started and saved weights. */
const initScript = `
import json, sys, importlib.util, dl_torch as dl
from dl_torch.init_weights import init_model
spec = importlib.util.spec_from_file_location("m", sys.argv[1]); mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
program = getattr(mod, sys.argv[2])()
net = program["build"](dl.Rng(program["seed"]))["models"]["net"]
values = lambda vs: {k[len("net."):]: v.reshape(-1).tolist() for k, v in vs.items()}
fresh = values(net.namedVariables())
warnings = []
done = init_model(net, program["init"][0], runs_dir=sys.argv[3], source=program["source"], warn=warnings.append)
saved, _ = dl.read_weights(done["file"][: -len("/model.json")])
print(json.dumps({"init": program["init"], "fresh": fresh, "started": values(net.namedVariables()), "saved": values(saved), "loaded": done["loaded"], "skipped": done["skipped"], "warnings": warnings}))
`;

interface InitReport {
  init: unknown[];
  fresh: Record<string, number[]>;
  started: Record<string, number[]>;
  saved: Record<string, number[]>;
  loaded: number;
  skipped: number;
  warnings: string[];
}

const body = (names: Iterable<string>) => [...names].filter((n) => n.startsWith("body_0."));
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

torchTest("a body pretrained on tfjs starts a torch model with a new head: the body equals the checkpoint, the head is fresh, the loss falls", async (t) => {
  const dir = tempDir();
  const runs = join(dir, "runs");
  const { ts, py: module, dl } = await bothEngines(fixture, dir);
  await dl.run((ts.pretrain as () => Parameters<typeof dl.run>[0])(), { quiet: true, outDir: join(runs, "pretrain") });

  const r = py<InitReport>(initScript, module, "finetune", runs);
  t.deepEqual(r.out.init, [{ model: "net", from: { train: "pretrain", model: "net" }, except: ["head"], at: { line: 30, column: 3 } }]);
  const names = body(Object.keys(r.out.started));
  t.true(names.includes("body_0.batchnorm_0.runningMean") && names.includes("body_0.dense_0.kernel"));
  t.is(r.out.loaded, names.length);
  t.is(r.out.skipped, 2, "head.kernel and head.bias keep their fresh values");
  for (const n of names) t.deepEqual(r.out.started[n], r.out.saved[n], `${n} starts equal to the tfjs checkpoint`);
  t.deepEqual(r.out.started["head.kernel"], r.out.fresh["head.kernel"], "the head keeps its fresh initialization");
  t.is(r.out.started["head.kernel"]!.length, 32 * 2);
  t.notDeepEqual(r.out.started["body_0.dense_0.kernel"], r.out.fresh["body_0.dense_0.kernel"]);
  t.deepEqual(r.out.warnings, [], "the checkpoint's head is under the except: no warning");

  // A sub-model from a sub-model: `init net.body_0 from pretrain.net.body_0` loads the body only.
  const sub = py<InitReport>(initScript, module, "body_only", runs);
  t.deepEqual(sub.out.init, [{ model: "net", into: "body_0", from: { train: "pretrain", model: "net", under: "body_0" }, except: [], at: { line: 58, column: 3 } }]);
  t.is(sub.out.loaded, names.length);
  for (const n of names) t.deepEqual(sub.out.started[n], sub.out.saved[n], `body_only: ${n}`);
  t.deepEqual(sub.out.started["head.kernel"], sub.out.fresh["head.kernel"]);

  // The run itself: dl_torch.run applies the init at the start and the fine-tuning loss falls.
  const run = py<{ losses: number[] }>(
    `import json, sys, importlib.util, dl_torch as dl
spec = importlib.util.spec_from_file_location("m", sys.argv[1]); mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
r = dl.run(mod.finetune(), outDir=sys.argv[2], trace=True)
print(json.dumps({"losses": [e["value"] for e in r["trace"]]}))`,
    module,
    join(runs, "finetune"),
  );
  t.regex(run.stdout, new RegExp(`Initialised net from ${join(runs, "pretrain", "checkpoints").replace(/[\\/.]/g, "\\$&")}.*\\(\\d+ tensors; 2 kept fresh \\(except head\\)\\)`));
  const losses = run.out.losses;
  t.log(`torch fine-tune loss from the tfjs body: first 3 steps ${mean(losses.slice(0, 3)).toFixed(3)}, last 3 ${mean(losses.slice(-3)).toFixed(3)}`);
  t.true(mean(losses.slice(-3)) < mean(losses.slice(0, 3)));
});

torchTest("a body pretrained on torch starts a tfjs model with a new head: the body equals the torch checkpoint", async (t) => {
  const dir = tempDir();
  const runs = join(dir, "runs");
  const { ts, py: module, dl } = await bothEngines(fixture, dir);
  py<null>(
    `import sys, importlib.util, dl_torch as dl
spec = importlib.util.spec_from_file_location("m", sys.argv[1]); mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
dl.run(mod.pretrain(), outDir=sys.argv[2], quiet=True)
print("null")`,
    module,
    join(runs, "pretrain"),
  );
  const program = (ts.finetune as () => Parameters<typeof dl.run>[0])();
  const net = program.build(new dl.Rng(program.seed)).models.net!;
  const values = () => new Map([...net.namedVariables()].map(([n, v]) => [n.slice("net.".length), [...v.dataSync()]]));
  const fresh = values();
  const done = dl.checkpoint.initModel(net, program.init![0]!, { runsDir: runs, warn: (m) => t.fail(m) });
  const started = values();
  const { tensors } = dl.checkpoint.readWeights(join(dl.predict.checkpointFolder(join(runs, "pretrain"), "latest"), "models", "net"));
  const saved = new Map([...tensors].map(([n, v]) => [n.slice("net.".length), [...v.dataSync()]]));
  tf.dispose([...tensors.values()]);
  const names = body(started.keys());
  t.is(done.loaded, names.length);
  for (const n of names) t.deepEqual(started.get(n), saved.get(n), `${n} starts equal to the torch checkpoint`);
  t.deepEqual(started.get("head.kernel"), fresh.get("head.kernel"));
  net.dispose();
});

torchTest("a checkpoint that does not fit stops a torch run with the tfjs engine's message: the file, the parameter, both shapes, the except to add", async (t) => {
  const dir = tempDir();
  const folder = join(dir, "pretrained");
  const file = join(dir, "later.dl");
  writeFileSync(
    file,
    `import { Net } from "${join(repoRoot, fixture).replace(/\\/g, "/")}"
train later {
  data moon = moons(n=100) |> batch(50)
  model net = Net(classes=2)
  init net from "${folder.replace(/\\/g, "/")}"
  optimizer opt = adam(net, lr=1e-2)
  epochs 1
  for (x, y) in moon {
    step opt minimize cross_entropy(net(x), y)
  }
}
`,
  );
  // The pretraining (four classes) is written after the program is checked, by the tfjs engine.
  const { ts, dl } = await bothEngines(fixture, dir);
  const later = await bothEngines(file, dir);
  await dl.run((ts.pretrain as () => Parameters<typeof dl.run>[0])(), { quiet: true, outDir: folder });
  const tfjs = await t.throwsAsync(dl.run((later.ts.later as () => Parameters<typeof dl.run>[0])(), { quiet: true, outDir: join(dir, "tfjs-later") }), { instanceOf: dl.WeightsError });
  // The module compiled before the checkpoint existed, run by dl_torch's command line (what dl run --engine torch starts).
  const r = spawnSync(python!, ["-m", "dl_torch", later.py, "--quiet", "--out", join(dir, "torch-later")], { encoding: "utf8", env: pythonEnv() });
  t.is(r.status, 1, r.stdout + r.stderr);
  const message = r.stderr.trim().replace(/^error: /, "");
  t.log(message);
  t.true(message.startsWith(join(folder, "checkpoints")), message);
  t.regex(message, /models\/net\/model\.json: cannot initialise 'net' from it \(.*later\.dl:5: init net\):/);
  t.regex(message, /head\.kernel: \[32, 2\] in net, \[32, 4\] in the checkpoint/);
  t.regex(message, /head\.bias: \[2\] in net, \[4\] in the checkpoint/);
  t.regex(message, /add 'except head' to the init/);
  t.is(message, tfjs!.message, "the same words as the tfjs engine");
  t.false(existsSync(join(dir, "torch-later", "history.jsonl")), "no step ran");
  // Checked now that the checkpoint exists, the same mismatch is a diagnostic before any engine starts.
  const checked = cli(["run", file, "--engine", "torch", "--python", python!, "--quiet"]);
  t.is(checked.status, 1);
  t.regex(checked.stderr, /later\.dl\(5,17\): error DL4203: 'net' cannot start from .*head\.kernel is \[32, 2\] in net but \[32, 4\] there/);
});

torchTest("dl run --engine torch trains the blocks a chain starts from first, each in runs/<block>, and a missing source is an error", (t) => {
  const dir = tempDir();
  const stage = (name: string, classes: number, init: string) => `
train ${name} {
  data points = blobs(n=100, centers=${classes}) |> batch(50)
  model net = Net(classes=${classes})
${init}
  optimizer opt = adam(net, lr=1e-2)
  epochs 1
  for (x, y) in points {
    step opt minimize cross_entropy(net(x), y)
  }
}
`;
  const program = `model Net(classes: int = 2) {
  input x: f32[B, 2]
  layer head = dense(classes)
  return x |> dense(8) |> relu |> head
}
${stage("third", 4, "  init net from second except head")}
${stage("first", 2, "")}
${stage("second", 3, "  init net from first except head")}
`;
  const file = join(dir, "chain.dl");
  writeFileSync(file, program);
  const r = cli(["run", file, "--engine", "torch", "--python", python!, "--out", join(dir, "runs", "third")]);
  t.is(r.status, 0, r.stderr);
  for (const block of ["first", "second", "third"]) t.true(existsSync(join(dir, "runs", block, "history.jsonl")), `${block}: ${r.stdout}`);
  const order = ["first: engine torch", "second: engine torch", "third: engine torch"].map((b) => r.stdout.indexOf(b));
  t.true(order.every((i) => i >= 0), r.stdout);
  t.deepEqual([...order].sort((a, b) => a - b), order, r.stdout);
  t.regex(r.stdout, /Initialised net from .*first.*\(2 tensors; 2 kept fresh \(except head\)\)/);
  t.regex(r.stdout, /Initialised net from .*second.*\(2 tensors; 2 kept fresh \(except head\)\)/);

  const other = join(dir, "other.dl");
  writeFileSync(other, program.replace("init net from first except head", `init net from "${join(dir, "never").replace(/\\/g, "/")}" except head`));
  const missing = cli(["run", other, "--engine", "torch", "--python", python!, "--train", "second", "--quiet", "--out", join(dir, "m", "second")]);
  t.is(missing.status, 1);
  t.regex(missing.stderr, /error: .*never: expected a run folder written by dl run to initialise 'net' \(.*other\.dl:\d+: init net\), found no such folder/);
});

torchTest("missing and extra names: the same error and the same warning on both engines", async (t) => {
  const dir = tempDir();
  const { ts, py: module, dl } = await bothEngines(fixture, dir);
  const program = (ts.finetune as () => Parameters<typeof dl.run>[0])();
  const build = () => program.build(new dl.Rng(program.seed)).models.net!;
  // A checkpoint folder without the head's bias and with a weight the model lacks.
  const source = build();
  const vars = new Map([...source.namedVariables()].filter(([n]) => n !== "net.head.bias"));
  const extra = tf.variable(tf.ones([3, 2]));
  vars.set("net.side.kernel", extra);
  const folder = join(dir, "ckpt");
  await dl.checkpoint.writeWeights(join(folder, "models", "net"), vars);
  extra.dispose();
  source.dispose();
  const specs = [
    { model: "net", from: { run: folder }, except: [], at: { line: 7, column: 3 } },
    { model: "net", from: { run: folder }, except: ["head"], at: { line: 7, column: 3 } },
  ];
  const tfjs = specs.map((spec) => {
    const net = build();
    const warnings: string[] = [];
    try {
      dl.checkpoint.initModel(net, spec, { source: "x.dl", warn: (m) => warnings.push(m) });
      return { warnings };
    } catch (err) {
      return { error: (err as Error).message, warnings };
    } finally {
      net.dispose();
    }
  });
  const torch = py<{ error?: string; warnings: string[] }[]>(
    `import json, sys, importlib.util, dl_torch as dl
from dl_torch.init_weights import init_model
spec = importlib.util.spec_from_file_location("m", sys.argv[1]); mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
program = mod.finetune()
out = []
for s in json.loads(sys.argv[2]):
    net = program["build"](dl.Rng(program["seed"]))["models"]["net"]
    warnings = []
    try:
        init_model(net, s, source="x.dl", warn=warnings.append)
        out.append({"warnings": warnings})
    except dl.WeightsError as e:
        out.append({"error": str(e), "warnings": warnings})
print(json.dumps(out))`,
    module,
    JSON.stringify(specs),
  ).out;
  t.log(tfjs[0]!.error);
  t.regex(tfjs[0]!.error!, /head\.bias \[2\]: in net, not in the checkpoint/);
  t.regex(tfjs[1]!.warnings[0]!, /side\.kernel \[3, 2\] is in the checkpoint but not in 'net'/);
  t.is(tfjs[1]!.error, undefined);
  t.deepEqual(torch, tfjs);
});
