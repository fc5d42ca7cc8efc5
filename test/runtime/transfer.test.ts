/**
 * Weights that move (`init ... from ... except ...`, `freeze ...`), run by the engine on the
 * program of test/runtime/fixtures/transfer.dl: a body pretrained on one task starts a model with
 * a new head on another, equal to the checkpoint's weights at the start, and the loss falls; a
 * frozen body (batch norm included) is unchanged by the steps and its batch norm infers with its
 * running statistics; a checkpoint that does not fit, found only at run start, stops the run with
 * an error naming the file, the parameter and both shapes.
 */
import test from "ava";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import * as tf from "@tensorflow/tfjs-core";
import * as dl from "dl-lang/runtime";
import { DocumentPipeline } from "../../compiler/pipeline/document-pipeline.js";
import { repoRoot } from "../compiler/golden.js";

const pipeline = new DocumentPipeline();
const runs = mkdtempSync(join(tmpdir(), "dl-transfer-"));
const cache = join(repoRoot, ".cache", "test-transfer");
const quiet = { backend: "cpu", quiet: true } as const;

type Programs = Record<string, () => dl.TrainProgram>;

/** Compiles `file` (or `text` saved as it) and imports the generated module. */
async function compile(file: string, text?: string): Promise<Programs> {
  if (text !== undefined) writeFileSync(file, text);
  const emitted = await pipeline.emitted(file);
  if (!emitted.code) throw new Error(emitted.diagnostics.map((d) => d.message).join("\n"));
  mkdirSync(cache, { recursive: true });
  const module = join(cache, `${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(module, emitted.code);
  return (await import(pathToFileURL(module).href)) as Programs;
}

/** A model's weights by name under the model, as plain arrays. */
function values(m: dl.Module): Map<string, number[]> {
  return new Map([...m.namedVariables()].map(([n, v]) => [n.slice(m.path.length + 1), [...v.dataSync()]]));
}

/** The weights saved for model `key` in a run folder's latest checkpoint. */
function saved(run: string, key: string): Map<string, number[]> {
  const dir = join(dl.predict.checkpointFolder(run, "latest"), "models", key);
  const { tensors } = dl.checkpoint.readWeights(dir);
  const out = new Map([...tensors].map(([n, t]) => [n.slice(key.length + 1), [...t.dataSync()]]));
  tf.dispose([...tensors.values()]);
  return out;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const body = (names: Iterable<string>) => [...names].filter((n) => n.startsWith("body_0."));

let programs: Programs;

test.before(async () => {
  await dl.selectBackend("cpu");
  programs = await compile(join(repoRoot, "test/runtime/fixtures/transfer.dl"));
  await dl.run(programs.pretrain!(), { ...quiet, outDir: join(runs, "pretrain") });
});

test.after.always(() => rmSync(runs, { recursive: true, force: true }));

test.serial("a new head on a pretrained body: the body starts equal to the checkpoint, the head fresh, and the loss falls", async (t) => {
  const program = programs.finetune!();
  t.deepEqual(program.init, [{ model: "net", from: { train: "pretrain", model: "net" }, except: ["head"], at: { line: 30, column: 3 } }]);
  // The weights a run starts from: build, then the init the engine applies.
  const setup = program.build(new dl.Rng(program.seed));
  const net = setup.models.net!;
  const fresh = values(net);
  const done = dl.checkpoint.initModel(net, program.init![0]!, { runsDir: runs, warn: (m) => t.fail(m) });
  t.is(done.loaded, body(fresh.keys()).length);
  const started = values(net);
  const pretrained = saved(join(runs, "pretrain"), "net");
  for (const name of body(started.keys())) t.deepEqual(started.get(name), pretrained.get(name), name);
  t.deepEqual(started.get("head.kernel"), fresh.get("head.kernel"), "the head keeps its fresh initialization");
  t.is(started.get("head.kernel")!.length, 32 * 2);
  net.dispose();

  const notes: string[] = [];
  const r = await dl.run(programs.finetune!(), { ...quiet, quiet: false, stream: { write: (s: string) => notes.push(s) }, outDir: join(runs, "finetune"), trace: true });
  t.true(notes.join("").includes(`Initialised net from ${join(runs, "pretrain", "checkpoints")}`), notes.join(""));
  const losses = r.trace.map((e) => e.value);
  t.log(`fine-tune loss: first 3 steps ${mean(losses.slice(0, 3)).toFixed(3)}, last 3 ${mean(losses.slice(-3)).toFixed(3)}`);
  t.true(mean(losses.slice(-3)) < mean(losses.slice(0, 3)));
});

test.serial("a frozen body keeps its pretrained weights and batch-norm statistics through training; only the head moves", async (t) => {
  const r = await dl.run(programs.linear_probe!(), { ...quiet, outDir: join(runs, "linear_probe"), trace: true });
  t.true(r.steps > 0);
  const pretrained = saved(join(runs, "pretrain"), "net");
  const after = saved(join(runs, "linear_probe"), "net");
  const frozen = body(after.keys());
  t.true(frozen.includes("body_0.batchnorm_0.runningMean") && frozen.includes("body_0.dense_0.kernel"));
  for (const name of frozen) t.deepEqual(after.get(name), pretrained.get(name), `${name} is unchanged`);
  // The head trained: it is not what a fresh build gives.
  const program = programs.linear_probe!();
  const fresh = values(program.build(new dl.Rng(program.seed)).models.net!);
  t.notDeepEqual(after.get("head.kernel"), fresh.get("head.kernel"));
});

test.serial("a sub-model from a sub-model: init net.body_0 from pretrain.net.body_0 loads the body only", (t) => {
  const program = programs.body_only!();
  t.deepEqual(program.init, [{ model: "net", into: "body_0", from: { train: "pretrain", model: "net", under: "body_0" }, except: [], at: { line: 58, column: 3 } }]);
  const net = program.build(new dl.Rng(program.seed)).models.net!;
  const fresh = values(net);
  const done = dl.checkpoint.initModel(net, program.init![0]!, { runsDir: runs, warn: (m) => t.fail(m) });
  const started = values(net);
  const pretrained = saved(join(runs, "pretrain"), "net");
  t.is(done.loaded, body(started.keys()).length);
  for (const name of body(started.keys())) t.deepEqual(started.get(name), pretrained.get(name), name);
  t.deepEqual(started.get("head.kernel"), fresh.get("head.kernel"));
  net.dispose();
});

test.serial("a frozen batch norm normalizes with its running statistics in training mode too", (t) => {
  const program = programs.linear_probe!();
  const net = program.build(new dl.Rng(program.seed)).models.net! as dl.Module & { apply(x: tf.Tensor, training: boolean): tf.Tensor };
  const x = tf.randomNormal([8, 2], 0, 3, "float32", 7);
  const before = values(net).get("body_0.batchnorm_0.runningMean");
  const training = net.apply(x, true);
  const inference = net.apply(x, false);
  t.deepEqual([...training.dataSync()], [...inference.dataSync()]);
  t.deepEqual(values(net).get("body_0.batchnorm_0.runningMean"), before, "the running statistics are not updated");
  // Unfrozen, the same batch norm normalizes with the batch's statistics.
  const open = programs.finetune!();
  const other = open.build(new dl.Rng(open.seed)).models.net! as typeof net;
  t.notDeepEqual([...other.apply(x, true).dataSync()], [...other.apply(x, false).dataSync()]);
  tf.dispose([x, training, inference]);
});

test.serial("a checkpoint that does not fit, found at run start, stops the run naming the file, the parameter and both shapes", async (t) => {
  const folder = join(runs, "later");
  // The folder does not exist when the program is checked: nothing to report then.
  const text = `import { Net } from "${join(repoRoot, "test/runtime/fixtures/transfer.dl").replace(/\\/g, "/")}"
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
`;
  const later = await compile(join(runs, "later.dl"), text);
  await dl.run(programs.pretrain!(), { ...quiet, outDir: folder });
  const err = await t.throwsAsync(dl.run(later.later!(), { ...quiet, outDir: join(runs, "later-run") }), { instanceOf: dl.WeightsError });
  t.log(err!.message);
  t.true(err!.message.startsWith(join(folder, "checkpoints")), err!.message);
  t.regex(err!.message, /models\/net\/model\.json: cannot initialise 'net' from it/);
  t.regex(err!.message, /head\.kernel: \[32, 2\] in net, \[32, 4\] in the checkpoint/);
  t.regex(err!.message, /add 'except head'/);
});
