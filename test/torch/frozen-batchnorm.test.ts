/**
 * A frozen batch norm (`freeze net.body_0`) on both engines: it normalizes with its running
 * statistics in training steps too and leaves them unchanged. From the same weights (running
 * statistics set away from 0 and 1, written by the tfjs engine and loaded by name into torch),
 * the training-mode outputs agree within 1e-5 before and after three optimizer steps, and the
 * body, running statistics included, is unchanged by those steps on each engine.
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as tf from "@tensorflow/tfjs-core";
import { pythonEnv } from "../../cli/torch-engine.js";
import { bothEngines, python, tempDir, torchTest } from "./torch-helpers.js";

type Net = { apply(x: tf.Tensor, training: boolean): tf.Tensor; namedVariables(): Map<string, tf.Variable>; dispose(): void };

const values = (vars: Map<string, tf.Variable>) => Object.fromEntries([...vars].map(([n, v]) => [n, [...v.dataSync()]]));

torchTest("a frozen batch norm infers with its running statistics on both engines: outputs agree within 1e-5, the statistics stay", async (t) => {
  const dir = tempDir();
  const { ts, py, dl } = await bothEngines("test/torch/programs/frozen-batchnorm.dl", dir);
  const program = (ts.probe as () => Parameters<typeof dl.run>[0])();
  const setup = program.build(new dl.Rng(program.seed));
  const net = setup.models.net as unknown as Net;
  const opt = setup.optimizers.opt!;
  const vars = net.namedVariables();
  vars.get("net.body_0.batchnorm_0.runningMean")!.assign(tf.tensor(Array.from({ length: 8 }, (_, i) => 0.3 * Math.sin(i + 1))));
  vars.get("net.body_0.batchnorm_0.runningVar")!.assign(tf.tensor(Array.from({ length: 8 }, (_, i) => 0.5 + 0.2 * i)));
  const weights = join(dir, "weights");
  await dl.checkpoint.writeWeights(join(weights, "models", "net"), vars);
  const x = tf.tensor(Float32Array.from({ length: 16 }, (_, i) => 3 * Math.sin(i * 0.71 + 0.2)), [8, 2]);
  writeFileSync(join(dir, "x.bin"), Buffer.from((x.dataSync() as Float32Array).buffer));
  const before = values(vars);
  const first = [...net.apply(x, true).dataSync()];
  t.deepEqual(first, [...net.apply(x, false).dataSync()], "tfjs: training mode equals inference mode");
  for (let i = 0; i < 3; i++) opt.minimize(() => tf.mean(tf.square(net.apply(x, true))) as tf.Scalar);
  const after = values(vars);
  const last = [...net.apply(x, true).dataSync()];

  const script = `
import json, sys, numpy as np, torch, importlib.util, dl_torch as dl
spec = importlib.util.spec_from_file_location("m", sys.argv[1]); mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod)
program = mod.probe()
setup = program["build"](dl.Rng(program["seed"]))
net, opt = setup["models"]["net"], setup["optimizers"]["opt"]
tensors, _ = dl.read_weights(sys.argv[2])
net.loadVariables(tensors)
x = torch.from_numpy(np.fromfile(sys.argv[3], dtype="<f4").reshape(8, 2).copy())
values = lambda: {k: v.reshape(-1).tolist() for k, v in net.namedVariables().items()}
before = values()
with torch.no_grad():
    first, inference = net.apply(x, True), net.apply(x, False)
for _ in range(3):
    opt.minimize(lambda: (net.apply(x, True) ** 2).mean())
with torch.no_grad():
    last = net.apply(x, True)
print(json.dumps({"before": before, "after": values(), "first": first.reshape(-1).tolist(), "inference": inference.reshape(-1).tolist(), "last": last.reshape(-1).tolist()}))
`;
  const r = spawnSync(python!, ["-c", script, py, join(weights, "models", "net"), join(dir, "x.bin")], { encoding: "utf8", env: pythonEnv() });
  t.is(r.status, 0, r.stderr);
  const torch = JSON.parse(r.stdout) as { before: Record<string, number[]>; after: Record<string, number[]>; first: number[]; inference: number[]; last: number[] };
  t.deepEqual(torch.first, torch.inference, "torch: training mode equals inference mode");
  const close = (a: number[], b: number[], what: string) => {
    const diff = Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
    t.true(a.length === b.length && diff <= 1e-5, `${what}: largest difference ${diff}`);
    return diff;
  };
  const d0 = close(first, torch.first, "training-mode outputs before the steps");
  const d1 = close(last, torch.last, "training-mode outputs after three steps");
  t.log(`largest output difference: ${d0.toExponential(2)} before, ${d1.toExponential(2)} after the steps`);
  const body = Object.keys(before).filter((n) => n.startsWith("net.body_0."));
  t.true(body.includes("net.body_0.batchnorm_0.runningMean") && body.includes("net.body_0.batchnorm_0.runningVar"));
  for (const n of body) {
    t.deepEqual(after[n], before[n], `tfjs: ${n} unchanged`);
    t.deepEqual(torch.after[n], torch.before[n], `torch: ${n} unchanged`);
  }
  close(torch.before["net.body_0.batchnorm_0.runningVar"]!, before["net.body_0.batchnorm_0.runningVar"]!, "the loaded running variance");
  t.notDeepEqual(torch.after["net.head.kernel"], torch.before["net.head.kernel"], "torch: the head trained");
  t.notDeepEqual(after["net.head.kernel"], before["net.head.kernel"], "tfjs: the head trained");
  close(torch.after["net.head.kernel"]!, after["net.head.kernel"]!, "the trained head");
  tf.dispose(x);
  net.dispose();
});
