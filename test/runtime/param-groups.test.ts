/**
 * Parameter groups through the language (`sgd(group(net.dense_0, lr=0.0), net.head.kernel,
 * group(net.head.bias, weight_decay=0.5), ...)`, test/torch/programs/param-groups.dl): a group
 * at rate 0 leaves its weights unchanged while the others move, and a run stopped half-way and
 * resumed from its checkpoint ends with the weights of an uninterrupted run (the momentum buffers
 * of every group are checkpointed). The update rules per group are checked against PyTorch in
 * optim-oracles.test.ts, the torch engine against this one in test/torch/first-losses.test.ts.
 */
import test from "ava";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import * as dl from "dl-lang/runtime";
import { pipeline } from "../../cli/load.js";
import { importGenerated } from "../../cli/runtime-module.js";
import { useWasm } from "./fixtures/backend.js";

test.before(useWasm);
const tmp = mkdtempSync(join(tmpdir(), "dl-groups-"));
test.after.always(() => rmSync(tmp, { recursive: true, force: true }));

async function program(): Promise<() => dl.TrainProgram> {
  const emitted = await pipeline.emitted(resolve("test/torch/programs/param-groups.dl"));
  if (emitted.code === undefined) throw new Error("param-groups.dl has errors");
  const mod = await importGenerated(emitted.code);
  return mod.param_groups as () => dl.TrainProgram;
}


test("a group at rate 0 stands still, the others move; stopped in epoch 2 and resumed, a run ends where an uninterrupted one does", async (t) => {
  const make = await program();
  const initial = make().build(new dl.Rng(4));
  const before = new Map([...initial.models.net!.namedVariables()].map(([k, v]) => [k, Array.from(v.dataSync())]));
  const full = await dl.run(make(), { quiet: true, outDir: join(tmp, "full") });
  t.is(full.steps, 12);
  const once = make().build(new dl.Rng(4));
  dl.checkpoint.loadCheckpoint(join(tmp, "full"), once);
  const after = new Map([...once.models.net!.namedVariables()].map(([k, v]) => [k, Array.from(v.dataSync())]));
  t.deepEqual(after.get("net.dense_0.kernel"), before.get("net.dense_0.kernel"), "lr 0: the body's kernel is unchanged");
  t.deepEqual(after.get("net.dense_0.bias"), before.get("net.dense_0.bias"));
  const moved = (name: string) => Math.max(...after.get(name)!.map((x, i) => Math.abs(x - before.get(name)![i]!)));
  t.true(moved("net.head.kernel") > 1e-3, `head kernel moved ${moved("net.head.kernel")}`);
  t.true(moved("net.head.bias") > 1e-3, `head bias moved ${moved("net.head.bias")}`);

  await dl.run(make(), { quiet: true, outDir: join(tmp, "half"), maxSteps: 9 });
  const resumed = await dl.run(make(), { quiet: true, outDir: join(tmp, "half"), resume: true });
  t.is(resumed.steps, 12);
  const again = make().build(new dl.Rng(4));
  dl.checkpoint.loadCheckpoint(join(tmp, "half"), again);
  for (const [name, v] of again.models.net!.namedVariables()) t.deepEqual(Array.from(v.dataSync()), after.get(name), name);
  t.deepEqual(resumed.history.map((r) => r.loss), full.history.map((r) => r.loss));
});
